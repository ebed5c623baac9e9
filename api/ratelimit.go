package api

import (
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// ipLimiter is a token bucket per client IP. Buckets of clients that stopped writing
// are dropped, so the table holds only the recently active clients.
type ipLimiter struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	clients map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// idleAfter is how long a client's bucket is kept after its last write. A bucket idle
// that long has refilled (for any sensible rate), so dropping it forgets nothing.
const idleAfter = 10 * time.Minute

func newIPLimiter(perSecond float64, burst int) *ipLimiter {
	return &ipLimiter{limit: rate.Limit(perSecond), burst: burst, clients: map[string]*bucket{}}
}

// allow takes a token from ip's bucket. When there is none it reports how long until
// there will be one.
func (l *ipLimiter) allow(ip string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.clients {
			if now.Sub(b.seen) > idleAfter {
				delete(l.clients, k)
			}
		}
		l.swept = now
	}
	b := l.clients[ip]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.clients[ip] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return false, time.Second
	}
	if d := r.DelayFrom(now); d > 0 {
		// A refused write does not queue: give the token back.
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// expensiveRetry is the Retry-After of a refused expensive request: about the time one
// such request takes on a large corpus.
const expensiveRetry = 2

// admit runs an expensive request when a slot of the pool is free and refuses it at
// once otherwise. Refusing rather than queueing keeps a burst from piling up goroutines
// and memory, and tells the client when to come back.
func (s *Server) admit(c *gin.Context) {
	if s.expensive == nil {
		c.Next()
		return
	}
	select {
	case s.expensive <- struct{}{}:
		defer func() { <-s.expensive }()
		c.Next()
	default:
		c.Header("Retry-After", strconv.Itoa(expensiveRetry))
		s.writeError(c, errorf(ETOOMANYREQUESTS, "the server is busy with %d expensive requests (statistics, concordances, exports, comparisons); try again in %d s", cap(s.expensive), expensiveRetry))
	}
}
