package index

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"policysearch"
)

// Versions and validity. Laws come in versions (the same title, another date), are
// amended by 修正案 and repealed by later texts (…同时废止). What a document's status
// is therefore depends on the other documents indexed and on the day: the corpus keeps
// the links between documents, and computes every document's standing for the day
// when it is first asked for, again after each change and each midnight.

// standing is a document's status on a day, with the version a reader should go to
// instead when this one is not in force.
type standing struct {
	status  string
	current *docEntry // the version in force, or the newest, when this is an older one
}

// statusTable is every document's standing on one day.
type statusTable struct {
	day string
	of  map[*docEntry]standing
}

// lawLinks indexes the documents by what links them.
type lawLinks struct {
	chains     map[string][]*docEntry // chainKey → versions
	byTitle    map[string][]*docEntry // titleKey → documents
	amendments map[string][]*docEntry // titleKey of the law amended → its amendments
	repealers  map[string][]*docEntry // titleKey of a repealed title → the documents repealing it
	table      atomic.Pointer[statusTable]
	computeMu  sync.Mutex
}

func newLawLinks() *lawLinks {
	return &lawLinks{chains: map[string][]*docEntry{}, byTitle: map[string][]*docEntry{},
		amendments: map[string][]*docEntry{}, repealers: map[string][]*docEntry{}}
}

// keys lists the map keys a document is filed under, in the order chains, byTitle,
// amendments, repealers.
func (l *lawLinks) each(e *docEntry, fn func(m map[string][]*docEntry, key string)) {
	if k := chainKey(&e.doc); k != "" {
		fn(l.chains, k)
	}
	if k := titleKey(e.doc.Title); k != "" {
		fn(l.byTitle, k)
	}
	if e.doc.Amends != "" {
		fn(l.amendments, titleKey(e.doc.Amends))
	}
	for _, r := range e.doc.Repeals {
		fn(l.repealers, titleKey(r))
	}
}

// titleKey is how titles are compared across documents: without the 中华人民共和国 of
// national laws (a repeal clause may or may not write it), brackets, blanks and width.
func titleKey(title string) string {
	t := policysearch.Normalize(title)
	t = strings.TrimPrefix(t, "中华人民共和国")
	t = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '《', '》', '〈', '〉', '<', '>', '"', '“', '”':
			return -1
		}
		return r
	}, t)
	return t
}

// chainKey groups the versions of one law: the same title in the same region, a 试行
// text with the one that replaced it. (A repeal of 《…（试行）》 names only the 试行
// text: titleKey keeps the word.)
func chainKey(d *policysearch.Document) string {
	k := strings.TrimSuffix(titleKey(d.Title), "(试行)")
	if k == "" {
		return ""
	}
	return d.Region + "|" + k
}

func (l *lawLinks) add(e *docEntry) {
	l.each(e, func(m map[string][]*docEntry, k string) {
		for _, x := range m[k] {
			if x == e {
				return // a title repealed twice in one text
			}
		}
		m[k] = append(m[k], e)
	})
	l.table.Store(nil)
}

func (l *lawLinks) remove(e *docEntry) {
	l.each(e, func(m map[string][]*docEntry, k string) {
		list := m[k]
		for i, x := range list {
			if x == e {
				list = append(list[:i:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(m, k)
		} else {
			m[k] = list
		}
	})
	l.table.Store(nil)
}

// versionOrder sorts a chain oldest first: by version date, then publication and
// effective dates, then id.
func versionOrder(list []*docEntry) []*docEntry {
	out := append([]*docEntry(nil), list...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i].doc, &out[j].doc
		for _, p := range [][2]string{{a.Date, b.Date}, {a.Published, b.Published}, {a.Effective, b.Effective}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		return a.ID < b.ID
	})
	return out
}

// statuses returns the standing of every document today.
func (l *lawLinks) statuses(docs map[string]*docEntry) *statusTable {
	today := policysearch.Today()
	if t := l.table.Load(); t != nil && t.day == today {
		return t
	}
	l.computeMu.Lock()
	defer l.computeMu.Unlock()
	if t := l.table.Load(); t != nil && t.day == today {
		return t
	}
	t := l.compute(docs, today)
	l.table.Store(t)
	return t
}

// compute works out every document's standing on day: its own status (StatusOn);
// in each chain, the newest version in effect is in force and the ones before it are
// 已被修改; a document repealed by one in effect is 已废止.
func (l *lawLinks) compute(docs map[string]*docEntry, day string) *statusTable {
	t := &statusTable{day: day, of: make(map[*docEntry]standing, len(docs))}
	for _, e := range docs {
		t.of[e] = standing{status: policysearch.StatusOn(&e.doc, day)}
	}
	for _, list := range l.chains {
		if len(list) < 2 {
			continue
		}
		chain := versionOrder(list)
		var current *docEntry
		for i := len(chain) - 1; i >= 0; i-- {
			e := chain[i]
			s := t.of[e]
			switch {
			case s.status == policysearch.StatusNotYet || s.status == policysearch.StatusRepealed:
			case current == nil && s.status != policysearch.StatusAmended:
				current = e
			case s.status == policysearch.StatusInForce || s.status == policysearch.StatusAmended || s.status == "":
				s.status = policysearch.StatusAmended
			}
			t.of[e] = s
		}
		newest := chain[len(chain)-1]
		if current == nil {
			current = newest
		}
		for _, e := range chain {
			if s := t.of[e]; e != current && s.status == policysearch.StatusAmended {
				s.current = current
				t.of[e] = s
			}
		}
	}
	for key, repealers := range l.repealers {
		for _, a := range repealers {
			if t.of[a].status != policysearch.StatusInForce {
				continue // a repeal takes effect with the text that declares it
			}
			for _, e := range l.byTitle[key] {
				if repeals(a, e) {
					t.of[e] = standing{status: policysearch.StatusRepealed, current: sameChain(a, e)}
				}
			}
		}
	}
	return t
}

// repeals reports whether a's repeal clause, naming e's title, means e: an older text
// of a's region, or national.
func repeals(a, e *docEntry) bool {
	if e == a || !older(e, a) {
		return false
	}
	return e.doc.Region == a.doc.Region || e.doc.Region == policysearch.RegionNational || a.doc.Region == policysearch.RegionNational
}

// older reports whether e's version predates a's.
func older(e, a *docEntry) bool {
	de, da := e.doc.Date, a.doc.Date
	if de == "" || da == "" {
		de, da = e.doc.Effective, a.doc.Effective
	}
	return de != "" && da != "" && de < da
}

// sameChain is a when it is a version of e's law, else nil.
func sameChain(a, e *docEntry) *docEntry {
	if k := chainKey(&a.doc); k != "" && k == chainKey(&e.doc) {
		return a
	}
	return nil
}

// related lists the documents linked to e other than by version: the law it amends,
// its amendments, what it repeals and what repealed it.
func (l *lawLinks) related(e *docEntry) []relatedDoc {
	var out []relatedDoc
	if e.doc.Amends != "" {
		for _, x := range l.byTitle[titleKey(e.doc.Amends)] {
			out = append(out, relatedDoc{x, policysearch.RelAmends})
		}
	}
	key := titleKey(e.doc.Title)
	for _, x := range l.amendments[key] {
		if x != e {
			out = append(out, relatedDoc{x, policysearch.RelAmendment})
		}
	}
	for _, r := range e.doc.Repeals {
		for _, x := range l.byTitle[titleKey(r)] {
			if repeals(e, x) {
				out = append(out, relatedDoc{x, policysearch.RelRepeals})
			}
		}
	}
	for _, a := range l.repealers[key] {
		if repeals(a, e) {
			out = append(out, relatedDoc{a, policysearch.RelRepealedBy})
		}
	}
	return out
}

type relatedDoc struct {
	e   *docEntry
	rel string
}

// chain is e's law's versions, oldest first (nil when it has no other).
func (l *lawLinks) chain(e *docEntry) []*docEntry {
	list := l.chains[chainKey(&e.doc)]
	if len(list) < 2 {
		return nil
	}
	return versionOrder(list)
}

// standing is a document's status today and the version to go to instead.
func (c *corpus) standing(e *docEntry) standing {
	return c.statuses().of[e]
}

// statuses is every document's standing today; the table does not change once made.
func (c *corpus) statuses() *statusTable { return c.links.statuses(c.docs) }

// summary is a document's metadata with its counts and its status of the day.
func (c *corpus) summary(e *docEntry) policysearch.DocumentSummary {
	s := policysearch.DocumentSummary{Document: e.doc, ParagraphCount: len(e.ords), MeasureCount: e.measures}
	st := c.standing(e)
	s.Status = st.status
	if st.current != nil && st.current != e {
		s.CurrentID = st.current.doc.ID
	}
	return s
}

// history adds a document's versions and related documents to its summary.
func (c *corpus) history(e *docEntry, s *policysearch.DocumentSummary) {
	t := c.links.statuses(c.docs)
	version := func(x *docEntry, rel string) policysearch.Version {
		return policysearch.Version{ID: x.doc.ID, Title: x.doc.Title, Date: x.doc.Date, Published: x.doc.Published,
			Effective: x.doc.Effective, Status: t.of[x].status, Relation: rel, Self: x == e}
	}
	for _, x := range c.links.chain(e) {
		s.Versions = append(s.Versions, version(x, policysearch.RelVersion))
	}
	for _, r := range c.links.related(e) {
		s.Related = append(s.Related, version(r.e, r.rel))
	}
	sort.SliceStable(s.Related, func(i, j int) bool { return s.Related[i].Date < s.Related[j].Date })
}
