// Package httpx is Herald's HTTP plumbing: handlers that return errors, the
// one table from error codes to statuses, request ids, and an in-memory
// cache of rendered pages with ETags and gzip.
package httpx

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/herald-news/herald"
)

// HandlerFunc is an HTTP handler that returns its failure instead of
// writing it; an Adapter turns the error into a response.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// ErrorInfo describes a failed request for an error page. Message is safe
// to show to people; Err is the full error, for logs only.
type ErrorInfo struct {
	Status    int
	Code      string
	Message   string
	RequestID string
	Err       error
}

// Adapter turns HandlerFuncs into http.Handlers.
type Adapter struct {
	// Logger receives internal errors with their detail.
	Logger *slog.Logger
	// Page writes the error response; nil writes plain text.
	Page func(w http.ResponseWriter, r *http.Request, e ErrorInfo)
}

// Handle returns an http.Handler that runs h and answers its error.
func (a *Adapter) Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			a.Error(w, r, err)
		}
	})
}

// Error answers err: internal errors are logged with detail and shown as a
// plain apology with the request id.
func (a *Adapter) Error(w http.ResponseWriter, r *http.Request, err error) {
	code := herald.ErrorCode(err)
	e := ErrorInfo{Status: Status(code), Code: code, Message: herald.ErrorMessage(err), Err: err}
	if e.Status >= http.StatusInternalServerError {
		e.RequestID = RequestID(w, r)
		a.logger().ErrorContext(r.Context(), "request failed",
			"method", r.Method, "path", r.URL.Path, "request_id", e.RequestID, "err", err)
	}
	if a.Page == nil {
		PlainError(w, e)
		return
	}
	a.Page(w, r, e)
}

// logger returns the adapter's logger or the default one.
func (a *Adapter) logger() *slog.Logger {
	if a.Logger == nil {
		return slog.Default()
	}
	return a.Logger
}

// PlainError writes e as a short plain-text response.
func PlainError(w http.ResponseWriter, e ErrorInfo) {
	msg := e.Message
	if e.RequestID != "" {
		msg += " (request " + e.RequestID + ")"
	}
	http.Error(w, msg, e.Status)
}

// Status is the one table from herald error codes to HTTP statuses.
func Status(code string) int {
	switch code {
	case "":
		return http.StatusOK
	case herald.EINVALID:
		return http.StatusBadRequest
	case herald.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case herald.EFORBIDDEN:
		return http.StatusForbidden
	case herald.ENOTFOUND:
		return http.StatusNotFound
	case herald.ECONFLICT:
		return http.StatusConflict
	case herald.EGONE:
		return http.StatusGone
	case herald.ETOOMANY:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// WriteHTML sends a complete HTML body with status.
func WriteHTML(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
