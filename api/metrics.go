package api

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"policysearch"
)

// metrics are the server's Prometheus collectors. They live in the server's own
// registry rather than the global one, so two servers in one process (as in tests)
// do not collide and nothing registered by a library leaks into /metrics.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	handler  http.Handler
}

func newMetrics(reg *prometheus.Registry, searcher policysearch.Searcher, log *slog.Logger) *metrics {
	labels := []string{"method", "route", "code"}
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "policysearch", Subsystem: "http", Name: "requests_total",
			Help: "HTTP requests answered, by method, route template and status code.",
		}, labels),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "policysearch", Subsystem: "http", Name: "request_duration_seconds",
			Help: "Time to answer HTTP requests, by method, route template and status code.",
			// Searches are meant to answer well under 100 ms; uploads take seconds.
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, labels),
	}
	reg.MustRegister(
		m.requests, m.duration,
		&statsCollector{searcher: searcher},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: promLogger{log}})
	return m
}

func (m *metrics) observe(method, route string, status int, d time.Duration) {
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(method, route, code).Inc()
	m.duration.WithLabelValues(method, route, code).Observe(d.Seconds())
}

// statsCollector reports the index's size at scrape time, from one Stats call.
type statsCollector struct {
	searcher policysearch.Searcher
}

var (
	docsDesc = prometheus.NewDesc("policysearch_index_documents",
		"Documents in the index.", nil, nil)
	parasDesc = prometheus.NewDesc("policysearch_index_paragraphs",
		"Paragraphs in the index.", nil, nil)
)

func (sc *statsCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- docsDesc
	ch <- parasDesc
}

func (sc *statsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	docs, paras := math.NaN(), math.NaN() // unknown, rather than a misleading 0
	if st, err := sc.searcher.Stats(ctx); err == nil {
		docs, paras = float64(st.Documents), float64(st.Paragraphs)
	}
	ch <- prometheus.MustNewConstMetric(docsDesc, prometheus.GaugeValue, docs)
	ch <- prometheus.MustNewConstMetric(parasDesc, prometheus.GaugeValue, paras)
}

// serveMetrics is GET /metrics, in the Prometheus text format.
func (s *Server) serveMetrics(c *gin.Context) {
	s.metrics.handler.ServeHTTP(c.Writer, c.Request)
}

// promLogger passes promhttp's errors to the server's log.
type promLogger struct{ log *slog.Logger }

func (l promLogger) Println(v ...any) { l.log.Error("metrics", "err", fmt.Sprint(v...)) }
