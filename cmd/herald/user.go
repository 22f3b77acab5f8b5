package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/sqlstore"
)

// userAdd is the input of "herald user add".
type userAdd struct {
	email, name, role string
	passwordStdin     bool
	url               string
}

// user runs "herald user add": it makes a newsroom account without any
// prompt, taking the password from stdin or printing a one-time link to
// choose it.
func (m *Main) user(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(m.Stderr, "Usage: herald user add -email ADDRESS -name NAME -role admin|editor|author|contributor [-password-stdin]")
		return errUsage
	}
	var in userAdd
	c, err := m.parseWith("user add", args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&in.email, "email", "", "the new member's email `address`, to sign in with")
		fs.StringVar(&in.name, "name", "", "the new member's `name`, as bylines show it")
		fs.StringVar(&in.role, "role", "", "`role`: admin, editor, author or contributor")
		fs.BoolVar(&in.passwordStdin, "password-stdin", false, "read the password from stdin instead of printing a link to choose it")
		fs.StringVar(&in.url, "url", "", "the newsroom's public `origin` for the link, e.g. https://news.example (default: from -addr)")
	}, "addr", "db", "data-dir", "log-format", "log-level")
	if err != nil {
		return err
	}
	u := &herald.User{Email: strings.TrimSpace(in.email), Name: strings.TrimSpace(in.name), Role: herald.Role(in.role),
		Slug: markup.Slugify(in.name)}
	if err := u.Validate(); err != nil {
		return errors.New(herald.ErrorMessage(err))
	}
	if in.passwordStdin {
		if u.PasswordHash, err = readPassword(m.Stdin, u.Email); err != nil {
			return err
		}
	}
	st, err := openStore(ctx, c, c.Logger(m.Stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	return m.addUser(ctx, st, u, in, c)
}

// addUser stores u under a free slug and, without a password, prints the
// link to choose one.
func (m *Main) addUser(ctx context.Context, st *sqlstore.Store, u *herald.User, in userAdd, c config.Config) error {
	if same, err := st.FindUsers(ctx, herald.UserFilter{Email: u.Email, Limit: 1}); err != nil {
		return err
	} else if len(same) > 0 {
		return fmt.Errorf("a user with the email %s already exists", u.Email)
	}
	base := u.Slug
	for i := 2; ; i++ {
		if _, err := st.FindUserBySlug(ctx, u.Slug); herald.ErrorCode(err) == herald.ENOTFOUND {
			break
		} else if err != nil {
			return err
		}
		u.Slug = fmt.Sprintf("%s-%d", base, i)
	}
	if err := st.CreateUser(ctx, u); err != nil {
		return err
	}
	e := &herald.AuditEvent{Time: time.Now().UTC(), Action: "user.create", Subject: fmt.Sprintf("user %d", u.ID),
		Detail: fmt.Sprintf("%s <%s>, %s, by herald user add", u.Name, u.Email, u.Role)}
	if err := st.CreateAuditEvent(ctx, e); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Added %s <%s>, %s.\n", u.Name, u.Email, u.Role)
	if u.PasswordHash != "" {
		return nil
	}
	au, err := auth.New(ctx, auth.Options{Store: st, Logger: c.Logger(m.Stderr)})
	if err != nil {
		return err
	}
	origin := in.url
	if origin == "" {
		origin = originOf(c.Addr)
	}
	link := auth.Link(origin, auth.ResetPath, au.UserToken(auth.PurposeReset, u, time.Hour))
	fmt.Fprintf(m.Stdout, "To choose the password, open this link within 1 hour (it works once):\n%s\n", link)
	return nil
}

// readPassword reads one line from r as the password and checks it
// against the policy; the hash is returned.
func readPassword(r io.Reader, email string) (string, error) {
	if r == nil {
		return "", errors.New("-password-stdin: no stdin")
	}
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("-password-stdin: %w", err)
	}
	pw := strings.TrimRight(line, "\r\n")
	if err := auth.ValidatePassword(pw, email); err != nil {
		return "", errors.New("password: " + herald.ErrorMessage(err))
	}
	return auth.HashPassword(pw)
}

// originOf turns a listen address into the origin a browser on the same
// machine would use: ":8080" and "0.0.0.0:8080" become localhost.
func originOf(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	return "http://" + net.JoinHostPort(localHost(host), port)
}

// localHost returns the host a browser on the same machine would use for
// a listening host: localhost for none or an unspecified address.
func localHost(host string) string {
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		return "localhost"
	}
	return host
}
