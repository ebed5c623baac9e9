// Command copydict copies jieba's dictionaries from the gojieba module into a directory, for
// release builds that embed them (go build -tags jiebaembed). It is run by
// `go generate ./analyzers`; the target directory is git-ignored, because the files are
// 11 MB and can always be fetched again from the module cache.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// files are the dictionaries cppjieba needs besides the user dictionary.
var files = []string{"jieba.dict.utf8", "hmm_model.utf8", "idf.utf8", "stop_words.utf8"}

func main() {
	out := flag.String("out", "dict/jieba", "directory to copy the dictionaries into")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "copydict:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	// Ask the go command where the module lives, so the copy matches the gojieba version in
	// go.mod (downloading it if needed) rather than whatever a source path baked in says.
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yanyiwu/gojieba")
	cmd.Stderr = os.Stderr
	dirOut, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list gojieba: %w", err)
	}
	modDir := strings.TrimSpace(string(dirOut))
	if modDir == "" {
		return fmt.Errorf("gojieba module not downloaded: run go mod download github.com/yanyiwu/gojieba")
	}
	src := filepath.Join(modDir, "deps", "cppjieba", "dict")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, name := range files {
		if err := copyFile(filepath.Join(src, name), filepath.Join(out, name)); err != nil {
			return err
		}
	}
	fmt.Printf("copydict: %s → %s\n", src, out)
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	// Module cache files are read-only; write a fresh file with ordinary permissions.
	tmp := dst + ".tmp"
	o, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(o, in); err != nil {
		o.Close()
		os.Remove(tmp)
		return err
	}
	if err := o.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}
