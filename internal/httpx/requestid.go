package httpx

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
)

// RequestIDHeader carries the request id. The server sets it on every
// request, replacing any the client sent, and on the response.
const RequestIDHeader = "X-Request-Id"

// RequestID returns the id the server gave r. Without one it makes an id
// and sets it on the response, so the id shown matches the one logged.
func RequestID(w http.ResponseWriter, r *http.Request) string {
	if id := r.Header.Get(RequestIDHeader); id != "" {
		return id
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	w.Header().Set(RequestIDHeader, id)
	return id
}
