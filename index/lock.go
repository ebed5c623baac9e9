package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"policysearch"
)

// lockFile is the file a process holds an exclusive lock on while it has the index
// open for writing. bleve's own lock (on each shard's root.bolt) makes a second opener
// wait forever, silently and deaf to signals; this one is taken without waiting, and
// the file names the holder so that the refusal can say who it is and how to reach it.
const lockFile = "policysearch.lock"

// Holder describes the process that has an index open.
type Holder struct {
	PID     int    `json:"pid"`
	Command string `json:"command"`       // such as "policysearch serve"
	URL     string `json:"url,omitempty"` // where it answers the API, when it is a server
}

// HeldError is the error of opening an index that another process holds.
type HeldError struct {
	Dir    string
	Holder Holder
}

func (e *HeldError) Error() string {
	who := fmt.Sprintf("process %d", e.Holder.PID)
	if e.Holder.PID == 0 {
		who = "another process"
	}
	if e.Holder.Command != "" {
		who += " (" + e.Holder.Command + ")"
	}
	return fmt.Sprintf("the index in %s is held by %s; use --server or stop it", e.Dir, who)
}

// Held returns the holder named by err when err is a HeldError.
func Held(err error) (*HeldError, bool) {
	var h *HeldError
	ok := errors.As(err, &h)
	return h, ok
}

// dirLock is a held lock on an index folder.
type dirLock struct {
	f      *os.File
	holder Holder
}

// lockDir takes the index folder's lock without waiting. When another process has it,
// the error is a policysearch.Error with code conflict wrapping a *HeldError.
func lockDir(dir, command string) (*dirLock, error) {
	path := filepath.Join(dir, lockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			var h Holder
			if b, rerr := os.ReadFile(path); rerr == nil {
				json.Unmarshal(b, &h)
			}
			held := &HeldError{Dir: dir, Holder: h}
			return nil, policysearch.WrapError(policysearch.ECONFLICT, held, "%s", held.Error())
		}
		return nil, fmt.Errorf("index: lock %s: %w", path, err)
	}
	l := &dirLock{f: f, holder: Holder{PID: os.Getpid(), Command: command}}
	if err := l.write(); err != nil {
		l.release()
		return nil, err
	}
	return l, nil
}

// write records the holder in the lock file, for the process that finds it locked.
func (l *dirLock) write() error {
	b, _ := json.Marshal(l.holder)
	if err := l.f.Truncate(0); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if _, err := l.f.WriteAt(append(b, '\n'), 0); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

// release empties the record and lets the lock go (closing the file releases it).
func (l *dirLock) release() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Truncate(0)
	l.f.Close()
	l.f = nil
}

// Announce records where the process holding the index answers the API, so that the
// commands run beside it can go through it instead of waiting for the index.
func (ix *Index) Announce(url string) error {
	if ix.lock == nil {
		return nil
	}
	ix.lock.holder.URL = url
	return ix.lock.write()
}
