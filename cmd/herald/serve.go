package main

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/herald-news/herald/internal/admin"
	"github.com/herald-news/herald/internal/api"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/server"
	"github.com/herald-news/herald/internal/site"
)

// serve runs the web server until the process is told to stop.
func (m *Main) serve(ctx context.Context, args []string) error {
	c, err := m.parse("serve", args, "addr", "db", "data-dir", "demo", "articles", "dev", "secure-cookies", "log-format", "log-level", "smtp",
		"tls", "trusted-proxies", "rate")
	if err != nil {
		return err
	}
	logger := c.Logger(m.Stderr)
	certs, err := serverTLS(c.TLS)
	if err != nil {
		return err
	}
	st, lib, err := openSite(ctx, c, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	if c.Demo {
		if _, err := loadDemo(ctx, st, lib, c, logger); err != nil {
			return err
		}
	}
	au, err := auth.New(ctx, auth.Options{Store: st, Now: time.Now, Logger: logger, Secure: c.SecureCookies || certs != nil})
	if err != nil {
		return err
	}
	s, err := site.New(site.Options{Store: st, Now: time.Now, Logger: logger, Dev: c.Dev, Staff: au})
	if err != nil {
		return err
	}
	adm, err := admin.New(admin.Options{Store: st, Auth: au, Media: lib, Now: time.Now, Logger: logger, Dev: c.Dev})
	if err != nil {
		return err
	}
	content, err := api.New(api.Options{Store: st, Now: time.Now, Logger: logger})
	if err != nil {
		return err
	}
	hotlinks, stopHotlinks := media.NewHotlinkGuard(st, logger)
	defer stopHotlinks()
	srv := server.New(server.Options{Site: s.Handler(), Media: hotlinks.Wrap(lib.Handler()), Admin: adm.Handler(), API: content.Handler(), Ready: st.Ping, Logger: logger,
		Limits: server.Limits(c.Limits), TrustedProxies: c.TrustedProxies})
	l, err := server.Listen(c.Addr)
	if err != nil {
		return err
	}
	var tl net.Listener
	origin := originOf(l.Addr().String())
	if certs != nil {
		if tl, err = server.Listen(c.TLS.HTTPSAddr); err != nil {
			l.Close()
			return err
		}
		origin = httpsOrigin(c.TLS, tl.Addr().String())
	}
	logger.Info("serving", "url", origin+"/", "db", st.Engine())
	fmt.Fprintf(m.Stdout, "Herald is serving the site at %s/\n", origin)
	if certs != nil {
		fmt.Fprintf(m.Stdout, "Plain HTTP at %s/ redirects to it.\n", originOf(l.Addr().String()))
	}
	if err := m.printSetupLink(ctx, au, origin, logger); err != nil {
		return err
	}
	defer startBackground(ctx, st, au, origin, logger)()
	stopMail, err := startMail(ctx, st, c.SMTP, logger)
	if err != nil {
		return err
	}
	defer stopMail()
	if certs != nil {
		return srv.ServeTLS(ctx, tl, l, certs, 10*time.Second)
	}
	return srv.Serve(ctx, l, 10*time.Second)
}

// serverTLS returns the server's certificates as configured, nil when
// HTTPS is off.
func serverTLS(t config.TLS) (*server.TLS, error) {
	switch {
	case t.Cert != "":
		return server.CertFiles(t.Cert, t.Key)
	case len(t.Domains) > 0:
		return server.Autocert(t.Domains, t.CacheDir, t.Email), nil
	}
	return nil, nil
}

// httpsOrigin is the site's HTTPS origin: the first ACME domain, or the
// listening address, with the port unless it is 443.
func httpsOrigin(t config.TLS, addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	host = localHost(host)
	if len(t.Domains) > 0 {
		host = t.Domains[0]
	}
	// An IPv6 address keeps its brackets without the port.
	return "https://" + strings.TrimSuffix(net.JoinHostPort(host, port), ":443")
}
