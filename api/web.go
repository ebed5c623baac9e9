package api

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"policysearch"
)

// noRoute answers requests no route matches: the page's files outside /api, a JSON 404
// inside.
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if hasDotDot(p) {
		// Path traversal is refused outright, before any file lookup.
		s.writeError(c, errorf(policysearch.EINVALID, "the path may not contain '..'"))
		return
	}
	if isAPIPath(p) || s.cfg.Web == nil {
		s.writeError(c, errorf(policysearch.ENOTFOUND, "there is no %s %s; the routes are listed at %s/openapi.json",
			methodLabel(c.Request.Method), clip(p), apiPrefix))
		return
	}
	s.serveWeb(c)
}

// noMethod answers a method a route does not have; gin has set the Allow header.
func (s *Server) noMethod(c *gin.Context) {
	s.writeError(c, errorf(EMETHODNOTALLOWED, "%s is not allowed on %s; allowed: %s",
		methodLabel(c.Request.Method), clip(c.Request.URL.Path), c.Writer.Header().Get("Allow")))
}

// hasDotDot reports a ".." segment. A backslash separates segments too: net/http's file
// server treats it as one (and answers such a path with its own plain-text 400), and a
// Windows host would.
func hasDotDot(p string) bool {
	for _, seg := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if seg == ".." {
			return true
		}
	}
	return false
}

// clientRoute reports the page's own routes, whose last segment is an id that may hold
// a dot (plan.v2): /p/ID, /d/ID, /compare/A/B, /documents, /kwic, /similar.
func clientRoute(p string) bool {
	for _, prefix := range []string{"p/", "d/", "compare/"} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return p == "documents" || p == "kwic" || p == "similar"
}

// serveWeb serves a file of the page. A path without an extension that names no file
// is one of the page's own routes (history routing), answered with index.html so that
// a reload or a shared link opens the page; a missing file with an extension is a 404.
func (s *Server) serveWeb(c *gin.Context) {
	if m := c.Request.Method; m != http.MethodGet && m != http.MethodHead {
		c.Header("Allow", "GET, HEAD")
		s.writeError(c, errorf(EMETHODNOTALLOWED, "%s is not allowed on %s; allowed: GET, HEAD", methodLabel(m), clip(c.Request.URL.Path)))
		return
	}
	asked := strings.TrimPrefix(path.Clean("/"+c.Request.URL.Path), "/")
	name := asked
	if name == "" {
		name = "index.html"
	} else if st, err := fs.Stat(s.cfg.Web, name); err == nil && st.IsDir() {
		name = path.Join(name, "index.html")
	}
	if st, err := fs.Stat(s.cfg.Web, name); err != nil || st.IsDir() {
		if path.Ext(asked) != "" && !clientRoute(asked) {
			s.writeError(c, errorf(policysearch.ENOTFOUND, "there is no file %s", clip(c.Request.URL.Path)))
			return
		}
		name = "index.html"
		if _, err := fs.Stat(s.cfg.Web, name); err != nil {
			s.writeError(c, errorf(policysearch.ENOTFOUND, "the page has no index.html"))
			return
		}
	}
	// The files carry no version in their names, so browsers must revalidate them.
	c.Header("Cache-Control", "no-cache")
	http.ServeFileFS(c.Writer, c.Request, s.cfg.Web, name)
}
