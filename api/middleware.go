package api

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"path"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"policysearch"
)

// observe gives the request an id, then logs and counts it once the rest of the chain
// has answered. It is the outermost middleware, so it sees the status of every
// response, panics included.
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	id := requestID(c.GetHeader("X-Request-ID"))
	c.Set(keyRequestID, id)
	c.Header("X-Request-ID", id)

	c.Next()

	elapsed := time.Since(start)
	status := c.Writer.Status()
	route := routeLabel(c)
	method := methodLabel(c.Request.Method)
	s.metrics.observe(method, route, status, elapsed)

	level := slog.LevelInfo
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	// Headers are not logged: Authorization carries the API key. Nor is the query
	// string, which holds what people search for.
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("route", route),
		slog.String("path", clip(c.Request.URL.Path)),
		slog.Int("status", status),
		slog.Float64("duration_ms", policysearch.Millis(elapsed)),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.String("client", c.ClientIP()),
		slog.String("request_id", id),
	}
	if code := c.GetString(keyErrorCode); code != "" {
		attrs = append(attrs, slog.String("code", code))
	}
	s.log.LogAttrs(c.Request.Context(), level, "request", attrs...)
}

// requestID keeps an id given by a proxy in front when it is harmless in logs and
// headers, and makes a new one otherwise.
func requestID(given string) string {
	if len(given) >= 8 && len(given) <= 64 && safeID(given) {
		return given
	}
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// routeLabel names the route of a request for logs and metrics: gin's route template
// (/api/v1/paragraphs/:id), never the raw path, so the number of label values stays
// bounded whatever clients send.
func routeLabel(c *gin.Context) string {
	if r := c.FullPath(); r != "" {
		return r
	}
	if isAPIPath(c.Request.URL.Path) {
		return "unmatched"
	}
	return "web"
}

// methodLabel folds methods no route has into one label, for the same reason.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}

func isAPIPath(p string) bool {
	p = path.Clean("/" + p)
	return p == "/api" || strings.HasPrefix(p, "/api/")
}

// recover turns a panic into a logged error and the JSON 500, and keeps the server
// running. http.ErrAbortHandler is net/http's way to drop a connection and is passed on.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if r == http.ErrAbortHandler {
			panic(r)
		}
		err := fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		if c.Writer.Written() {
			// Part of the answer is out; all that is left is to log and stop.
			s.log.Error("panic after the response started", "request_id", c.GetString(keyRequestID), "err", err.Error())
			c.Abort()
			return
		}
		s.writeError(c, err)
	}()
	c.Next()
}

// Content security policies. The page's forbids inline script, so text from documents
// that ends up in the page as HTML cannot run; the API's answers are data and may load
// nothing at all.
const (
	pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
	dataCSP = "default-src 'none'; frame-ancestors 'none'"
)

// secure sets the security headers of every response.
func (s *Server) secure(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if c.FullPath() != "" || isAPIPath(c.Request.URL.Path) {
		h.Set("Content-Security-Policy", dataCSP)
	} else {
		// Other unrouted requests are the page's files, or errors in their place.
		h.Set("Content-Security-Policy", pageCSP)
	}
	c.Next()
}

// cors lets the configured origins call the API from a browser. Nothing is sent when
// no origin is configured, and an origin is echoed only when it is allowed.
func (s *Server) cors(c *gin.Context) {
	if len(s.cfg.CORSOrigins) == 0 {
		c.Next()
		return
	}
	h := c.Writer.Header()
	h.Add("Vary", "Origin")
	origin := c.GetHeader("Origin")
	allowed := ""
	switch {
	case origin == "":
	case slices.Contains(s.cfg.CORSOrigins, origin):
		allowed = origin
	case slices.Contains(s.cfg.CORSOrigins, "*"):
		allowed = "*"
	}
	if allowed == "" {
		c.Next()
		return
	}
	h.Set("Access-Control-Allow-Origin", allowed)
	if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		c.AbortWithStatus(http.StatusNoContent)
		return
	}
	h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After, Location")
	c.Next()
}

// limitBody bounds the request body of every route: the upload by MaxUpload, the rest
// by maxBody. A declared length over the limit is refused before anything is read.
func (s *Server) limitBody(c *gin.Context) {
	limit := int64(maxBody)
	what := fmt.Sprintf("the request body is larger than %d KB", maxBody>>10)
	if c.Request.Method == http.MethodPost && c.FullPath() == routeDocuments {
		limit = s.cfg.MaxUpload + uploadOverhead
		what = "the upload is larger than the limit of " + sizeText(s.cfg.MaxUpload)
	}
	if c.Request.ContentLength > limit {
		s.writeError(c, errorf(policysearch.ETOOLARGE, "%s", what))
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	c.Next()
}

// sizeText writes a byte count for people.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', -1, 64) + " KB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// limitWrites applies the per-client write rate limit.
func (s *Server) limitWrites(c *gin.Context) {
	if s.limiter == nil {
		c.Next()
		return
	}
	ok, wait := s.limiter.allow(c.ClientIP(), time.Now())
	if !ok {
		secs := int(math.Ceil(wait.Seconds()))
		c.Header("Retry-After", strconv.Itoa(max(secs, 1)))
		s.writeError(c, errorf(ETOOMANYREQUESTS, "too many changes from this address; wait %d s and try again", max(secs, 1)))
		return
	}
	c.Next()
}

// authorize lets a write through when the server takes writes and the request has the
// API key.
func (s *Server) authorize(c *gin.Context) {
	switch {
	case s.indexer == nil:
		s.writeError(c, errorf(policysearch.EFORBIDDEN, "this server is read-only"))
		return
	case s.cfg.APIKey == "" && s.cfg.AllowWrites:
		c.Next()
		return
	case s.cfg.APIKey == "":
		s.writeError(c, errorf(policysearch.EFORBIDDEN, "this server does not accept changes: it was started without an API key"))
		return
	}
	token, given := bearerToken(c.GetHeader("Authorization"))
	sum := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(sum[:], s.keyHash[:]) == 1 && given {
		c.Next()
		return
	}
	challenge := `Bearer realm="policysearch"`
	msg := "this change needs the API key: send the header Authorization: Bearer KEY"
	if given {
		challenge += `, error="invalid_token"`
		msg = "the API key is wrong"
	}
	c.Header("WWW-Authenticate", challenge)
	s.writeError(c, errorf(policysearch.EUNAUTHORIZED, "%s", msg))
}

// bearerToken reads "Bearer TOKEN"; the scheme is case-insensitive (RFC 9110 §11.1).
func bearerToken(h string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
