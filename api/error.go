package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"policysearch"
)

// Codes of conditions that only the HTTP layer meets, under the names the handlers use.
const (
	ETOOMANYREQUESTS  = policysearch.ETOOMANY // a client exceeded the write rate limit
	EMETHODNOTALLOWED = policysearch.EMETHOD  // the route exists, but not for this method
)

// statusOf is the one place where an error code becomes an HTTP status. A code that is
// missing here is answered as an internal error, which makes the omission visible in
// the logs instead of leaking an unplanned status to clients.
var statusOf = map[string]int{
	policysearch.EINVALID:      http.StatusBadRequest,
	policysearch.EUNAUTHORIZED: http.StatusUnauthorized,
	policysearch.EFORBIDDEN:    http.StatusForbidden,
	policysearch.ENOTFOUND:     http.StatusNotFound,
	EMETHODNOTALLOWED:          http.StatusMethodNotAllowed,
	policysearch.ECONFLICT:     http.StatusConflict,
	policysearch.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	policysearch.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	ETOOMANYREQUESTS:           http.StatusTooManyRequests,
	policysearch.EINTERNAL:     http.StatusInternalServerError,
	policysearch.EUNAVAILABLE:  http.StatusServiceUnavailable,
	policysearch.ECORRUPT:      http.StatusServiceUnavailable,
	policysearch.ESTORAGE:      http.StatusInsufficientStorage,
}

// StatusOf returns the HTTP status the API answers an error code with.
func StatusOf(code string) int {
	if s, ok := statusOf[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// ErrorResponse is the body of every error response.
type ErrorResponse struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody is the code and the human-readable message of an error response, with,
// when the error has them, a finer reason and the values its message quotes, for
// clients that word the error themselves (the page says it in Chinese).
type ErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Reason  string            `json:"reason,omitempty"`
	Args    map[string]string `json:"args,omitempty"`
}

// Context keys of values the middleware shares with the request log.
const (
	keyRequestID = "policysearch.request_id"
	keyErrorCode = "policysearch.error_code"
)

// writeError answers the request with err and stops the handler chain. Errors that are
// not *policysearch.Error, or whose code has no status of its own, are internal: their
// details go to the log under the request id, and the client gets only that id, since
// a cause may hold file paths or other details of the server.
func (s *Server) writeError(c *gin.Context, err error) {
	code := policysearch.ErrorCode(err)
	msg := policysearch.ErrorMessage(err)
	if code == policysearch.EINTERNAL && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		// A client that went away, or a request over its time limit, is not a bug.
		code, msg = policysearch.EUNAVAILABLE, "the request was cancelled or took too long"
	}
	status := StatusOf(code)
	if status == http.StatusInternalServerError {
		id := c.GetString(keyRequestID)
		s.log.LogAttrs(c.Request.Context(), slog.LevelError, "internal error",
			slog.String("request_id", id), slog.String("method", c.Request.Method),
			slog.String("route", routeLabel(c)), slog.String("err", err.Error()))
		code = policysearch.EINTERNAL
		msg = "internal error; the server log has the details under request id " + id
	}
	c.Set(keyErrorCode, code)
	body := ErrorBody{Code: code, Message: msg}
	if status != http.StatusInternalServerError {
		body.Reason, body.Args = policysearch.ErrorReason(err)
	}
	s.writeJSON(c, status, ErrorResponse{Error: body})
	c.Abort()
}

// errorf is short for policysearch.Errorf, which nearly every handler calls.
var errorf = policysearch.Errorf

// clip shortens client-supplied text quoted back in a message.
var clip = policysearch.Clip
