package api

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"policysearch"
)

// Config is what a Server is started with. The zero value is a read-only server on
// DefaultAddr.
type Config struct {
	// Addr is the address to listen on, such as 127.0.0.1:8080; ":0" picks a free port.
	Addr string
	// APIKey, when set, is required as "Authorization: Bearer KEY" by every write.
	APIKey string
	// AllowWrites lets anyone write when no APIKey is set. Without it such a server
	// refuses writes with 403, so that forgetting the key never opens the index.
	AllowWrites bool
	// MaxUpload is the largest file POST /documents accepts; 0 means DefaultMaxUpload.
	MaxUpload int64
	// CORSOrigins are the origins whose pages may call the API from a browser, such as
	// https://example.org, or "*" for any. Empty: no CORS headers at all.
	CORSOrigins []string
	// TrustedProxies are the addresses or CIDRs of reverse proxies whose
	// X-Forwarded-For names the client. Empty: the client is the connection's peer, so
	// a client cannot dodge the rate limit by inventing a header.
	TrustedProxies []string
	// WriteRate is how many writes per second one client IP may make on average, and
	// WriteBurst how many at once. 0 means the defaults; a negative rate, no limit.
	WriteRate  float64
	WriteBurst int
	// MaxExport is the most rows GET /api/v1/export writes; 0 means DefaultMaxExport.
	MaxExport int
	// MaxExpensive is how many expensive requests (stats, kwic, export, compare,
	// similar, lineage) run at once; more are refused with 429 and Retry-After, so that
	// a burst of them can neither exhaust memory nor starve the cheap searches, which
	// never wait for this pool. 0 means one per CPU; a negative value, no bound.
	MaxExpensive int
	// Web holds the search page's files, served at /. Nil serves no page.
	Web fs.FS
	// Version is reported by /healthz and in the OpenAPI document.
	Version string
}

// Defaults of Config fields.
const (
	DefaultAddr       = "127.0.0.1:8080"
	DefaultMaxUpload  = 20 << 20
	DefaultWriteRate  = 1.0
	DefaultWriteBurst = 10
)

// Limits that are not configurable because no deployment needs them changed.
const (
	// maxBody is the body limit of every route but the upload. They take no body;
	// the limit only bounds what a misbehaving client can make the server read.
	maxBody = 64 << 10
	// uploadOverhead is the room beside the file in an upload: multipart headers and
	// metadata fields.
	uploadOverhead = 1 << 20
	// requestTimeout bounds the work of one read request in the index.
	requestTimeout = 30 * time.Second
)

// Routes of the API, named where the code needs them.
const (
	apiPrefix      = "/api/v1"
	routeDocuments = apiPrefix + "/documents"
)

// Server is the HTTP server of the search service.
type Server struct {
	cfg        Config
	searcher   policysearch.Searcher
	analyst    policysearch.Analyst    // the searcher, when it also counts and exports
	precedents policysearch.Precedents // the searcher, when it also finds shared wording
	citer      policysearch.Citer      // the searcher, when it also knows citations
	indexer    policysearch.Indexer    // nil: a read-only server
	log        *slog.Logger
	registry   *prometheus.Registry
	metrics    *metrics
	limiter    *ipLimiter
	expensive  chan struct{} // a slot per running expensive request; nil: no bound
	keyHash    [sha256.Size]byte
	openapi    []byte
	engine     *gin.Engine
	srv        *http.Server
	err        error // a configuration error, reported by Open

	// writeMu makes an upload's check for an existing document and its indexing one
	// step, so that "replaced" is true exactly when a document was replaced.
	writeMu sync.Mutex
	// closing turns /healthz to 503 while shutting down, so load balancers stop
	// sending requests before the listener goes away.
	closing atomic.Bool

	mu sync.Mutex
	ln net.Listener
}

// Services are what a server answers from, handed over explicitly by whoever wires
// it (cmd/policysearch hands the index for each). Searcher is required; a nil one of
// the others leaves its routes out: no Indexer makes a read-only server, no Analyst
// no stats/kwic/export, no Precedents no similar/lineage/compare, no Citer no
// citation routes.
type Services struct {
	Searcher   policysearch.Searcher
	Indexer    policysearch.Indexer
	Analyst    policysearch.Analyst
	Precedents policysearch.Precedents
	Citer      policysearch.Citer
}

// NewServer returns a server answering from svc. A nil logger discards the logs.
// Errors in cfg are reported by Open.
func NewServer(cfg Config, svc Services, log *slog.Logger) *Server {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = DefaultMaxUpload
	}
	if cfg.WriteRate == 0 {
		cfg.WriteRate = DefaultWriteRate
	}
	if cfg.WriteBurst <= 0 {
		cfg.WriteBurst = DefaultWriteBurst
	}
	if cfg.MaxExpensive == 0 {
		cfg.MaxExpensive = runtime.NumCPU()
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg:        cfg,
		searcher:   svc.Searcher,
		indexer:    svc.Indexer,
		analyst:    svc.Analyst,
		precedents: svc.Precedents,
		citer:      svc.Citer,
		log:        log,
		registry:   prometheus.NewRegistry(),
	}
	if cfg.APIKey != "" {
		// Comparing hashes, which have one length, keeps the comparison from telling
		// an attacker the key's length.
		s.keyHash = sha256.Sum256([]byte(cfg.APIKey))
	}
	if cfg.MaxExpensive > 0 {
		s.expensive = make(chan struct{}, cfg.MaxExpensive)
	}
	if cfg.WriteRate > 0 {
		s.limiter = newIPLimiter(cfg.WriteRate, cfg.WriteBurst)
	}
	s.metrics = newMetrics(s.registry, svc.Searcher, log)
	var err error
	if s.openapi, err = openAPIDocument(cfg.Version); err != nil {
		s.err = err
	}
	s.engine = s.newEngine()
	s.srv = &http.Server{
		Addr:    cfg.Addr,
		Handler: s.engine,
		// Slow clients hold connections and goroutines; these bound how long. The
		// read and write limits leave room for a 20 MB upload over a slow link.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		// Room for a long query string, so a query over the length limit reaches the
		// handler and gets a JSON answer instead of net/http's plain-text 431.
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return s
}

// newEngine builds the router. gin runs in release mode and without its default
// logger and recovery, which write to stdout in their own format; the middleware here
// logs with slog and answers panics with the JSON error shape.
func (s *Server) newEngine() *gin.Engine {
	// The mode is global to gin (an atomic value, so setting it here is race-free);
	// debug mode would print every route to stdout.
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	// A redirect of a mistyped API path hides the mistake from a client; a 404 that
	// names the path shows it.
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	// Route on the escaped path, so an encoded slash inside an id ("..%2Fetc") stays
	// in the id and is rejected by id validation instead of changing the route.
	e.UseEscapedPath = true
	e.UnescapePathValues = true
	if err := e.SetTrustedProxies(s.cfg.TrustedProxies); err != nil {
		s.err = fmt.Errorf("api: trusted proxies: %w", err)
	}

	e.Use(s.observe, s.recover, s.secure, s.cors, s.limitBody)
	e.NoRoute(s.noRoute)
	e.NoMethod(s.noMethod)

	// Operational routes sit at the root, where probes and Prometheus look for them
	// by convention; /healthz and /openapi.json are also under /api/v1, where the
	// design lists them and where API clients look.
	e.GET("/healthz", s.healthz)
	e.GET("/metrics", s.serveMetrics)
	e.GET("/openapi.json", s.serveOpenAPI)

	v1 := e.Group(apiPrefix)
	v1.GET("/healthz", s.healthz)
	v1.GET("/openapi.json", s.serveOpenAPI)
	v1.GET("/search", s.search)
	v1.GET("/feed", s.feed)
	v1.GET("/suggest", s.suggest)
	v1.GET("/paragraphs/:id", s.paragraph)
	v1.GET("/documents", s.documents)
	v1.GET("/documents/:id", s.document)
	v1.GET("/documents/:id/articles/:no", s.article)
	// Routes whose work grows with the corpus or the query's hits, not with the page
	// asked for, take a slot of the expensive pool.
	x := v1.Group("", s.admit)
	if s.analyst != nil {
		x.GET("/stats", s.stats)
		x.GET("/kwic", s.kwic)
		x.GET("/export", s.export)
	}
	if s.precedents != nil {
		x.GET("/paragraphs/:id/similar", s.similarParagraph)
		x.GET("/paragraphs/:id/lineage", s.lineage)
		x.GET("/documents/:id/compare/:other", s.compare)
		x.POST("/similar", s.similarText)
	}
	s.citationRoutes(v1)

	// The rate limit comes before authorization, so guessing keys is limited too.
	w := v1.Group("", s.limitWrites, s.authorize)
	w.POST("/documents", s.upload)
	w.DELETE("/documents/:id", s.deleteDocument)
	return e
}

// Handler is the server's HTTP handler, for tests and for serving it another way.
func (s *Server) Handler() http.Handler { return s.engine }

// Registry is the server's Prometheus registry, served at /metrics, for the program to
// add collectors of its own.
func (s *Server) Registry() *prometheus.Registry { return s.registry }

// Routes lists the registered routes as "METHOD /path", with gin's :param syntax,
// sorted.
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.engine.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	sort.Strings(out)
	return out
}

// Open listens on the configured address and serves in the background until Close.
func (s *Server) Open() error {
	if s.err != nil {
		return s.err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return errors.New("api: the server is already open")
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err // it names the address; the caller adds what it was for
	}
	s.ln = ln
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server stopped", "err", err)
		}
	}()
	s.log.Info("listening", "addr", ln.Addr().String())
	return nil
}

// Addr is the address the server listens on, with the real port when the configured
// one was 0; before Open, the configured address.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return s.cfg.Addr
	}
	return s.ln.Addr().String()
}

// Close stops accepting connections and waits for running requests until ctx is done;
// then it closes the connections that are left.
func (s *Server) Close(ctx context.Context) error {
	s.closing.Store(true)
	err := s.srv.Shutdown(ctx)
	if err != nil {
		s.srv.Close()
	}
	return err
}

// writeJSON encodes v as the response. The body is marshalled before anything is
// written, so an encoding failure can still become a proper 500.
func (s *Server) writeJSON(c *gin.Context, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		if _, ok := v.(ErrorResponse); ok {
			// The error body itself failed: nothing better can be said.
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		s.writeError(c, fmt.Errorf("encode response: %w", err))
		return
	}
	b = append(b, '\n')
	c.Header("Content-Type", "application/json; charset=utf-8")
	// The length is known, so the response need not be chunked.
	c.Header("Content-Length", strconv.Itoa(len(b)))
	c.Status(status)
	c.Writer.Write(b)
}

// requestContext bounds a handler's work in the index by requestTimeout and by the
// client's connection.
func requestContext(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), requestTimeout)
}
