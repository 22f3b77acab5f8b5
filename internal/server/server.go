// Package server assembles Herald's HTTP handlers into one mux and runs the
// http.Server: timeouts, request logging, security headers, rate limits,
// trusted proxies, TLS and graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"
)

// Options are the parts the server puts together.
type Options struct {
	Site   http.Handler // every public page
	Media  http.Handler // /media/…
	Admin  http.Handler // the newsroom under /admin/; not served when nil
	API    http.Handler // the content API under /api/ and embed cards under /embed/; not served when nil
	Ready  func(ctx context.Context) error
	Logger *slog.Logger

	// Limits are the per-client request rates; the zero value limits nothing.
	Limits Limits
	// TrustedProxies are the proxies whose Forwarded and X-Forwarded-*
	// headers name the client; none are trusted when empty.
	TrustedProxies []netip.Prefix
	// Now is the rate limiters' clock; time.Now when nil.
	Now func() time.Time
}

// Server is Herald's HTTP server.
type Server struct {
	http    *http.Server
	logger  *slog.Logger
	proxies proxies
	limits  *limiters
}

// New returns a server whose handler routes to the given parts.
func New(opts Options) *Server {
	mux := http.NewServeMux()
	mux.Handle("/media/", opts.Media)
	if opts.Admin != nil {
		mux.Handle("/admin/", opts.Admin)
	}
	if opts.API != nil {
		mux.Handle("/api/", opts.API)
		mux.Handle("/embed/", opts.API)
	}
	mux.HandleFunc("GET /healthz", health)
	mux.Handle("GET /readyz", readiness(opts.Ready, opts.Logger))
	mux.Handle("/", opts.Site)
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Server{logger: opts.Logger, proxies: proxies(opts.TrustedProxies), limits: newLimiters(opts.Limits, now)}
	s.http = newHTTPServer(logRequests(opts.Logger, recoverPanics(opts.Logger, s.front(mux))), opts.Logger)
	return s
}

// newHTTPServer returns an http.Server for h with timeouts that cut off
// slow clients: a client must send its headers within 10 seconds and its
// whole request within 30 (a newsroom upload gets longer: see limitBody),
// a response must be written within 60, and an idle keep-alive connection
// is closed after 120.
func newHTTPServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// Handler returns the server's complete handler, for tests.
func (s *Server) Handler() http.Handler { return s.http.Handler }

// Listen opens the listening socket, so that the caller knows the address
// (port 0 picks a free one) before serving.
func Listen(addr string) (net.Listener, error) {
	return net.Listen("tcp", addr)
}

// Serve serves on l until ctx is done, then stops accepting requests and
// waits up to grace for those in flight to finish.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	return s.run(ctx, grace, func(hs *http.Server) error { return hs.Serve(l) }, s.http)
}

// ServeTLS serves HTTPS on l with the certificates of t and, on plain,
// plain HTTP that redirects to HTTPS (see TLS.redirectHandler), until ctx
// is done; then it stops both as Serve does. Responses over HTTPS carry
// Strict-Transport-Security.
func (s *Server) ServeTLS(ctx context.Context, l, plain net.Listener, t *TLS, grace time.Duration) error {
	_, port, err := net.SplitHostPort(l.Addr().String())
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	s.http.TLSConfig = t.config
	redirect := newHTTPServer(t.redirectHandler(port), s.logger)
	return s.run(ctx, grace, func(hs *http.Server) error {
		if hs == redirect {
			return hs.Serve(plain)
		}
		return hs.ServeTLS(l, "", "")
	}, s.http, redirect)
}

// run runs serve for each server until one fails or ctx is done, then
// shuts them all down, waiting up to grace for requests in flight.
func (s *Server) run(ctx context.Context, grace time.Duration, serve func(*http.Server) error, servers ...*http.Server) error {
	errc := make(chan error, len(servers))
	for _, hs := range servers {
		go func() { errc <- serve(hs) }()
	}
	var failed error
	select {
	case failed = <-errc:
	case <-ctx.Done():
		s.logger.Info("shutting down", "grace", grace)
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	var errs []error
	for _, hs := range servers {
		if err := hs.Shutdown(sctx); err != nil {
			errs = append(errs, fmt.Errorf("shutdown: %w", err))
		}
	}
	pending := len(servers)
	if failed != nil {
		errs = append(errs, fmt.Errorf("serve: %w", failed))
		pending--
	}
	for range pending {
		if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, fmt.Errorf("serve: %w", err))
		}
	}
	return errors.Join(errs...)
}

// health answers as long as the process serves HTTP.
func health(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
}

// readiness answers 200 when the database answers, 503 otherwise.
func readiness(ready func(context.Context) error, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ready(ctx); err != nil {
			logger.Warn("not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "database unavailable")
			return
		}
		fmt.Fprintln(w, "ready")
	})
}
