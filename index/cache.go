package index

import (
	"container/list"
	"sync"
	"sync/atomic"
)

// phraseCache keeps the verified hits of recent phrases. Paging through a phrase, the
// same phrase in several users' searches, and facet clicks on it all re-run the same
// verification, which for a common phrase is a scan of megabytes of text. The cache is
// emptied whenever the index changes, so it never serves hits of an older version.
type phraseCache struct {
	mu    sync.Mutex
	limit int // total hits kept
	size  int
	lru   *list.List // of *cacheEntry, most recent first
	items map[string]*list.Element
}

type cacheEntry struct {
	phrase string
	res    *phraseResult
}

// phraseResult is a phrase's verified hits and, once the phrase has been asked for
// twice, the hits in ranked order, so that paging through a common phrase costs a
// slice instead of a scoring pass and a selection over every hit. It is read-only once
// built; the cache is emptied on every change, when scores would change too.
type phraseResult struct {
	hits   []phraseHit
	uses   atomic.Int32
	once   sync.Once
	ranked []scored
}

func newPhraseCache(limit int) *phraseCache {
	return &phraseCache{limit: limit, lru: list.New(), items: map[string]*list.Element{}}
}

func (pc *phraseCache) get(phrase string) (*phraseResult, bool) {
	if pc.limit <= 0 {
		return nil, false
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	el, ok := pc.items[phrase]
	if !ok {
		return nil, false
	}
	pc.lru.MoveToFront(el)
	return el.Value.(*cacheEntry).res, true
}

func (pc *phraseCache) put(phrase string, res *phraseResult) {
	hits := res.hits
	if pc.limit <= 0 || len(hits) > pc.limit/4 {
		return // one phrase may not flush everything else
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if _, ok := pc.items[phrase]; ok {
		return
	}
	pc.items[phrase] = pc.lru.PushFront(&cacheEntry{phrase: phrase, res: res})
	pc.size += len(hits) + 1
	for pc.size > pc.limit {
		el := pc.lru.Back()
		e := el.Value.(*cacheEntry)
		pc.lru.Remove(el)
		delete(pc.items, e.phrase)
		pc.size -= len(e.res.hits) + 1
	}
}

func (pc *phraseCache) reset() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.lru.Init()
	pc.items = map[string]*list.Element{}
	pc.size = 0
}
