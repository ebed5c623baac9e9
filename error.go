package policysearch

import (
	"errors"
	"fmt"
)

// Error codes. The api package maps each to one HTTP status; nothing else does.
const (
	EINVALID      = "invalid"              // the request is malformed or out of range
	EUNAUTHORIZED = "unauthorized"         // credentials are missing or wrong
	EFORBIDDEN    = "forbidden"            // the operation is not allowed on this server
	ENOTFOUND     = "not_found"            // the named document or paragraph does not exist
	ECONFLICT     = "conflict"             // the request conflicts with the current state
	ETOOLARGE     = "too_large"            // the request or upload exceeds a limit
	EUNSUPPORTED  = "unsupported"          // the file type or encoding cannot be read
	EUNAVAILABLE  = "unavailable"          // the service is starting or shutting down
	ETOOMANY      = "too_many_requests"    // a client sent writes faster than allowed
	EMETHOD       = "method_not_allowed"   // the route exists, the method does not
	ECORRUPT      = "corrupt"              // the index on disk is damaged: rebuild it from the sources
	ESTORAGE      = "insufficient_storage" // the disk is full: the change was not made
	EINTERNAL     = "internal"             // a bug or an I/O failure; details are logged, not shown
)

// Error is the one error type of the service. Code is stable and machine-readable;
// Message is for people and never contains file paths or stack traces. Err, when set,
// is the underlying cause, kept for logs and errors.Is/As.
//
// Reason and Args, when set, name the mistake more finely than Code, for programs that
// say it in their own words (the web page says it in Chinese): a stable key such as
// "unclosed_quote" and the values its message quotes.
type Error struct {
	Code    string
	Message string
	Err     error
	Reason  string
	Args    map[string]string
}

// With sets the error's reason and its arguments, given as name, value pairs.
func (e *Error) With(reason string, args ...string) *Error {
	e.Reason = reason
	if len(args) > 1 {
		e.Args = make(map[string]string, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			e.Args[args[i]] = args[i+1]
		}
	}
	return e
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// WrapError returns an *Error with the given code and message that wraps err.
func WrapError(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain. Any other error
// yields a generic message, so internal details never reach a client.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorReason returns the reason and arguments of the first *Error in err's chain.
func ErrorReason(err error) (string, map[string]string) {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason, e.Args
	}
	return "", nil
}
