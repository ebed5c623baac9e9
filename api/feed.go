package api

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"policysearch"
)

// Feed sizes: entries per feed, newest first.
const (
	defaultFeedSize = 50
	maxFeedSize     = policysearch.MaxPageSize
)

// feedEpoch stands for the date of a document that has none: Atom requires a date on
// every entry, and a made-up "now" would make the entry look new at every fetch.
const feedEpoch = "1970-01-01T00:00:00Z"

// atomNS is the Atom 1.0 namespace (RFC 4287).
const atomNS = "http://www.w3.org/2005/Atom"

// Atom elements, as RFC 4287 names them.
type (
	atomFeed struct {
		XMLName   xml.Name    `xml:"feed"`
		NS        string      `xml:"xmlns,attr"`
		ID        string      `xml:"id"`
		Title     string      `xml:"title"`
		Subtitle  string      `xml:"subtitle,omitempty"`
		Updated   string      `xml:"updated"`
		Links     []atomLink  `xml:"link"`
		Author    atomPerson  `xml:"author"`
		Generator string      `xml:"generator"`
		Entries   []atomEntry `xml:"entry"`
	}
	atomLink struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	atomPerson struct {
		Name string `xml:"name"`
	}
	atomText struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	atomCategory struct {
		Term string `xml:"term,attr"`
	}
	atomEntry struct {
		ID         string         `xml:"id"`
		Title      string         `xml:"title"`
		Updated    string         `xml:"updated"`
		Links      []atomLink     `xml:"link"`
		Authors    []atomPerson   `xml:"author"`
		Categories []atomCategory `xml:"category"`
		Summary    atomText       `xml:"summary"`
	}
)

// feed is GET /api/v1/feed: a search's strict matches as an Atom feed, newest
// documents first, so that a feed reader shows new matching paragraphs as they are
// indexed. Each entry's id is its paragraph's, so a reader shows it once.
func (s *Server) feed(c *gin.Context) {
	v, req, ok := s.queryRequest(c, feedParams)
	if !ok {
		return
	}
	size, err := intParam(v, "size", 1, maxFeedSize)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if size == 0 {
		size = defaultFeedSize
	}
	req.Sort, req.Size, req.NoFacets = policysearch.SortDate, size, true
	ctx, cancel := requestContext(c)
	defer cancel()
	res, err := s.searcher.Search(ctx, req)
	if err != nil {
		s.writeError(c, err)
		return
	}
	base := baseURL(c)
	page := searchQuery(v)
	f := atomFeed{
		NS:        atomNS,
		ID:        "tag:policysearch,2024:search?" + page,
		Title:     feedTitle(req),
		Subtitle:  fmt.Sprintf("%d 个段落，按文件日期由新到旧", res.Total),
		Links:     []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + c.Request.URL.RequestURI()}, {Rel: "alternate", Type: "text/html", Href: base + "/?" + page}},
		Author:    atomPerson{Name: "policysearch"},
		Generator: "policysearch " + s.cfg.Version,
	}
	for _, h := range res.Hits {
		if h.Match != policysearch.MatchAll {
			continue // an alert is for what matches, not for what is related
		}
		e := atomEntry{
			ID:      "tag:policysearch,2024:paragraph/" + h.ID,
			Title:   entryTitle(h),
			Updated: atomDate(h.Date),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: base + "/p/" + url.PathEscape(h.ID)}},
			Summary: atomText{Type: "html", Body: entrySummary(h)},
		}
		for _, is := range h.Issuers {
			e.Authors = append(e.Authors, atomPerson{Name: is})
		}
		for _, t := range []string{h.Region, h.Level, h.DocType} {
			if t != "" {
				e.Categories = append(e.Categories, atomCategory{Term: t})
			}
		}
		if e.Updated > f.Updated {
			f.Updated = e.Updated
		}
		f.Entries = append(f.Entries, e)
	}
	if f.Updated == "" {
		f.Updated = feedEpoch
	}
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		s.writeError(c, fmt.Errorf("encode feed: %w", err))
		return
	}
	b = append([]byte(xml.Header), append(b, '\n')...)
	c.Header("Content-Length", strconv.Itoa(len(b)))
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", b)
}

// baseURL is the scheme and host the client reached the server by, for the feed's
// absolute links.
func baseURL(c *gin.Context) string {
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// searchQuery is the search's query and filters in a fixed order (url.Values.Encode
// sorts by name), without the feed's size: the same search always has the same feed id,
// whatever order its URL had.
func searchQuery(v url.Values) string {
	out := url.Values{}
	for k, vals := range v {
		if k != "size" {
			s := append([]string(nil), vals...)
			sort.Strings(s)
			out[k] = s
		}
	}
	return out.Encode()
}

func feedTitle(req *policysearch.SearchRequest) string {
	parts := []string{}
	for _, q := range []string{req.Query, req.Within} {
		if q = strings.TrimSpace(q); q != "" {
			parts = append(parts, q)
		}
	}
	for _, f := range req.Filters.Fields() {
		if len(*f.Values) > 0 {
			parts = append(parts, f.Name+":"+strings.Join(*f.Values, ","))
		}
	}
	if len(parts) == 0 {
		return "policysearch"
	}
	return strings.Join(parts, " ") + " · policysearch"
}

func entryTitle(h policysearch.Hit) string {
	t := h.DocTitle
	switch {
	case h.Kind == policysearch.KindArticle && h.MeasureNo != "":
		t += " 第" + h.MeasureNo + "条"
	case h.MeasureNo != "":
		t += " " + h.MeasureNo + ". " + h.MeasureTitle
	}
	return strings.TrimSpace(t)
}

// entrySummary is the paragraph with its marks, under a line saying where it stands
// (issuers, date, number, section), which says why a paragraph whose heading matched is
// in the feed.
func entrySummary(h policysearch.Hit) string {
	var where []string
	for _, v := range []string{strings.Join(h.Issuers, "、"), h.Date, h.DocNumber, strings.Join(h.SectionPath, " > ")} {
		if v != "" {
			where = append(where, html.EscapeString(v))
		}
	}
	return "<p>" + strings.Join(where, " · ") + "</p><p>" + h.Highlight + "</p>"
}

// atomDate is a document date (YYYY-MM-DD) as an RFC 3339 timestamp at midnight in
// China, where the documents are signed.
func atomDate(d string) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return feedEpoch
	}
	return t.Format("2006-01-02") + "T00:00:00+08:00"
}
