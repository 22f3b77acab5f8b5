// Package server assembles Herald's HTTP handlers into one mux and runs the
// http.Server: timeouts, request logging and graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Options are the parts the server puts together.
type Options struct {
	Site   http.Handler // every public page
	Media  http.Handler // /media/…
	Admin  http.Handler // the newsroom under /admin/; not served when nil
	Ready  func(ctx context.Context) error
	Logger *slog.Logger
}

// Server is Herald's HTTP server.
type Server struct {
	http   *http.Server
	logger *slog.Logger
}

// New returns a server whose handler routes to the given parts.
func New(opts Options) *Server {
	mux := http.NewServeMux()
	mux.Handle("/media/", opts.Media)
	if opts.Admin != nil {
		mux.Handle("/admin/", opts.Admin)
	}
	mux.HandleFunc("GET /healthz", health)
	mux.Handle("GET /readyz", readiness(opts.Ready, opts.Logger))
	mux.Handle("/", opts.Site)
	return &Server{
		logger: opts.Logger,
		http: &http.Server{
			Handler:           logRequests(opts.Logger, recoverPanics(opts.Logger, mux)),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      60 * time.Second,
			IdleTimeout:       120 * time.Second,
			MaxHeaderBytes:    64 << 10,
			ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
		},
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
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(l) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.logger.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := s.http.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
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
