package api_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"policysearch"
	"policysearch/api"
)

// TestUploadUnknownRegion: a region no filter could find is refused with the corpus's
// closest regions, and nothing is stored; a real division is accepted.
func TestUploadUnknownRegion(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey})
	docs := func() int {
		var l api.DocumentList
		e.getJSON(t, "/api/v1/documents", &l)
		return l.Total
	}
	n := docs()
	r := e.upload(t, fileField("x.docx", docx(t, testDocLines...)), field("id", "mars"), field("region", "江西南昌"+"火星"))
	if r.status != http.StatusBadRequest {
		t.Fatalf("region 火星: %d %s", r.status, r.body)
	}
	er := r.apiError(t)
	if er.Reason != "bad_region" || !strings.Contains(er.Args["known"], "江西省南昌市") || !strings.Contains(er.Message, "江西省南昌市") {
		t.Errorf("the refusal does not suggest the close region: %+v", er)
	}
	if docs() != n {
		t.Error("a refused upload was stored")
	}
	r = e.upload(t, fileField("x.docx", docx(t, testDocLines...)), field("id", "jinan"), field("region", "山东济南"))
	if r.status != http.StatusCreated {
		t.Fatalf("region 山东济南: %d %s", r.status, r.body)
	}
	var up api.UploadResult
	r.decode(t, &up)
	if up.Document.Region != "山东省济南市" || up.Document.Level != policysearch.LevelCity {
		t.Errorf("region %q level %q", up.Document.Region, up.Document.Level)
	}
}

// TestSearchParameters: several values of a filter are alternatives, group=document
// answers documents, and errors carry a reason for clients that word them.
func TestSearchParameters(t *testing.T) {
	e := readEnv(t)
	var jx, cq, both, grouped policysearch.SearchResult
	e.getJSON(t, "/api/v1/search?q=实训基地&region=江西", &jx)
	e.getJSON(t, "/api/v1/search?q=实训基地&region=重庆", &cq)
	e.getJSON(t, "/api/v1/search?q=实训基地&region=江西&region=重庆", &both)
	if both.Total != jx.Total+cq.Total || jx.Total == 0 || cq.Total == 0 {
		t.Errorf("江西 %d + 重庆 %d, both %d", jx.Total, cq.Total, both.Total)
	}
	if len(both.Facets["region"]) <= 2 {
		t.Errorf("the region facet under a region filter lists only %v", both.Facets["region"])
	}
	e.getJSON(t, "/api/v1/search?q=实训基地&region=江西&region=重庆&group=document&sort=matches", &grouped)
	if grouped.Documents != 2 || len(grouped.Groups) != 2 || len(grouped.Hits) != 0 {
		t.Errorf("grouped: %d documents, %d groups, %d hits", grouped.Documents, len(grouped.Groups), len(grouped.Hits))
	}
	var mars policysearch.SearchResult
	e.getJSON(t, "/api/v1/search?q=实训基地&region=火星", &mars)
	if mars.Total != 0 || len(mars.Unmatched) != 1 || mars.Unmatched[0].Value != "火星" || len(mars.Unmatched[0].Known) == 0 {
		t.Errorf("region 火星: %+v", mars.Unmatched)
	}
	for target, reason := range map[string]string{
		"/api/v1/search?q=" + url.QueryEscape(`"abc`):      "unclosed_quote",
		"/api/v1/search?q=a&sort=matches":                  "sort_needs_group",
		"/api/v1/search?q=a&q=b":                           "param_twice",
		"/api/v1/search?q=a&regoin=x":                      "unknown_param",
		"/api/v1/search?q=a&scope=body":                    "bad_scope",
		"/api/v1/search?q=a&year=20x":                      "bad_number",
		"/api/v1/search?q=a&level=" + url.QueryEscape("村"): "bad_level",
	} {
		er := e.get(t, target).apiError(t)
		if er.Reason != reason {
			t.Errorf("%s: reason %q (%s), want %q", target, er.Reason, er.Message, reason)
		}
	}
}

// atom is what RFC 4287 requires of a feed and its entries (4.1.1, 4.1.2), read back.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Title   string   `xml:"http://www.w3.org/2005/Atom title"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Authors []struct {
		Name string `xml:"http://www.w3.org/2005/Atom name"`
	} `xml:"http://www.w3.org/2005/Atom author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Summary struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"http://www.w3.org/2005/Atom summary"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func getFeed(t *testing.T, e *env, target string) atom {
	t.Helper()
	r := e.get(t, target)
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("%s: %d %s %s", target, r.status, r.header.Get("Content-Type"), clipBody(r.body))
	}
	var f atom
	if err := xml.Unmarshal(r.body, &f); err != nil {
		t.Fatalf("%s is not XML in the Atom namespace: %v", target, err)
	}
	return f
}

// TestFeed: a search as Atom: the elements RFC 4287 requires, one entry per strict
// match, newest documents first, the same ids on every fetch.
func TestFeed(t *testing.T) {
	e := readEnv(t)
	q := "/api/v1/feed?q=" + url.QueryEscape(`"产教融合"`) + "&region=江西&region=重庆"
	f := getFeed(t, e, q)
	var res policysearch.SearchResult
	e.getJSON(t, "/api/v1/search?q="+url.QueryEscape(`"产教融合"`)+"&region=江西&region=重庆&sort=date&size=50", &res)
	if f.ID == "" || f.Title == "" || len(f.Authors) == 0 || f.Authors[0].Name == "" {
		t.Errorf("feed id %q title %q authors %v", f.ID, f.Title, f.Authors)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("feed updated %q: %v", f.Updated, err)
	}
	self := false
	for _, l := range f.Links {
		self = self || l.Rel == "self" && strings.HasPrefix(l.Href, "http://")
	}
	if !self {
		t.Errorf("no absolute self link: %v", f.Links)
	}
	if len(f.Entries) != min(res.Total, 50) || res.Total == 0 {
		t.Fatalf("%d entries for %d hits", len(f.Entries), res.Total)
	}
	seen := map[string]bool{}
	prev, marked := "", false
	for i, en := range f.Entries {
		if en.ID == "" || en.Title == "" || seen[en.ID] {
			t.Errorf("entry %d: id %q title %q (seen %v)", i, en.ID, en.Title, seen[en.ID])
		}
		seen[en.ID] = true
		if !strings.HasSuffix(en.ID, "/"+res.Hits[i].ID) {
			t.Errorf("entry %d has id %s, the search's hit %d is %s", i, en.ID, i, res.Hits[i].ID)
		}
		up, err := time.Parse(time.RFC3339, en.Updated)
		if err != nil {
			t.Errorf("entry %s updated %q: %v", en.ID, en.Updated, err)
		}
		if d := up.Format(time.RFC3339); prev != "" && d > prev {
			t.Errorf("entry %s (%s) after an older one (%s)", en.ID, d, prev)
		} else {
			prev = d
		}
		if len(en.Links) == 0 || !strings.Contains(en.Links[0].Href, "/p/") || en.Summary.Type != "html" || !strings.Contains(en.Summary.Body, res.Hits[i].Date) {
			t.Errorf("entry %s: links %v, summary %q", en.ID, en.Links, en.Summary)
		}
		marked = marked || strings.Contains(en.Summary.Body, "<mark>产教融合</mark>")
	}
	if !marked {
		t.Error("no entry marks the phrase")
	}
	// The same search, its parameters in another order: the same feed and entry ids.
	g := getFeed(t, e, "/api/v1/feed?region=重庆&region=江西&q="+url.QueryEscape(`"产教融合"`))
	if g.ID != f.ID || len(g.Entries) != len(f.Entries) || g.Entries[0].ID != f.Entries[0].ID {
		t.Errorf("the feed's ids change between fetches: %s vs %s", g.ID, f.ID)
	}
	if r := e.get(t, "/api/v1/feed?q=a&size=1000"); r.status != http.StatusBadRequest {
		t.Errorf("size=1000: %d", r.status)
	}
}
