package main

import (
	"context"
	"fmt"
	"time"

	"github.com/herald-news/herald/internal/admin"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/server"
	"github.com/herald-news/herald/internal/site"
)

// serve runs the web server until the process is told to stop.
func (m *Main) serve(ctx context.Context, args []string) error {
	c, err := m.parse("serve", args, "addr", "db", "data-dir", "demo", "articles", "dev", "secure-cookies", "log-format", "log-level", "smtp")
	if err != nil {
		return err
	}
	logger := c.Logger(m.Stderr)
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
	s, err := site.New(site.Options{Store: st, Now: time.Now, Logger: logger, Dev: c.Dev})
	if err != nil {
		return err
	}
	au, err := auth.New(ctx, auth.Options{Store: st, Now: time.Now, Logger: logger, Secure: c.SecureCookies})
	if err != nil {
		return err
	}
	adm, err := admin.New(admin.Options{Store: st, Auth: au, Media: lib, Now: time.Now, Logger: logger, Dev: c.Dev})
	if err != nil {
		return err
	}
	srv := server.New(server.Options{Site: s.Handler(), Media: lib.Handler(), Admin: adm.Handler(), Ready: st.Ping, Logger: logger})
	l, err := server.Listen(c.Addr)
	if err != nil {
		return err
	}
	logger.Info("serving", "url", "http://"+l.Addr().String()+"/", "db", st.Engine())
	fmt.Fprintf(m.Stdout, "Herald is serving the site at http://%s/\n", l.Addr())
	if err := m.printSetupLink(ctx, au, l, logger); err != nil {
		return err
	}
	defer startBackground(ctx, st, au, logger)()
	stopMail, err := startMail(ctx, st, c.SMTP, logger)
	if err != nil {
		return err
	}
	defer stopMail()
	return srv.Serve(ctx, l, 10*time.Second)
}
