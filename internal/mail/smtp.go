// Package mail sends Herald's email: it builds plain-text messages and
// delivers the store's outbox over SMTP, retrying with backoff. The outbox
// lives in the database, so messages survive restarts and several Herald
// processes may drain it together.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"time"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// Ways to connect to an SMTP server.
const (
	SecurityNone     Security = "none"     // plain text; for a relay on localhost
	SecurityStartTLS Security = "starttls" // plain text upgraded by STARTTLS, usually port 587
	SecurityTLS      Security = "tls"      // TLS from the first byte, usually port 465
)

// DefaultTimeout bounds one delivery, from dialling to QUIT.
const DefaultTimeout = 30 * time.Second

// Settings say how to reach the SMTP server.
type Settings struct {
	Host     string
	Port     int
	User     string // no authentication when empty
	Password string
	Security Security
	From     string // the sender, "Name <address>", in From and MAIL FROM

	// TLSConfig verifies the server; nil means the system's roots and Host.
	TLSConfig *tls.Config
	Timeout   time.Duration // DefaultTimeout when zero
}

// Validate checks the settings, naming what is wrong.
func (s Settings) Validate() error {
	if s.Host == "" {
		return errors.New("mail: SMTP host is empty")
	}
	if s.Port <= 0 || s.Port > 65535 {
		return fmt.Errorf("mail: SMTP port %d is not from 1 to 65535", s.Port)
	}
	switch s.Security {
	case SecurityNone, SecurityStartTLS, SecurityTLS:
	default:
		return fmt.Errorf("mail: SMTP security %q is not none, starttls or tls", s.Security)
	}
	if _, err := parseAddress(s.From); err != nil {
		return fmt.Errorf("mail: sender %q: %w", s.From, err)
	}
	return nil
}

// SMTP delivers messages to one SMTP server, one connection per message.
type SMTP struct {
	settings Settings
}

// NewSMTP returns a client for the server the settings name.
func NewSMTP(s Settings) (*SMTP, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if s.Timeout <= 0 {
		s.Timeout = DefaultTimeout
	}
	return &SMTP{settings: s}, nil
}

// From returns the sender the settings name.
func (c *SMTP) From() string { return c.settings.From }

// Send delivers msg, a built message, to the address to.
func (c *SMTP) Send(ctx context.Context, to string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, c.settings.Timeout)
	defer cancel()
	conn, err := c.dial(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	client, err := smtp.NewClient(conn, c.settings.Host)
	if err != nil {
		return fmt.Errorf("smtp greeting: %w", err)
	}
	defer client.Close()
	if err := c.hello(client); err != nil {
		return err
	}
	if err := transfer(client, c.settings.From, to, msg); err != nil {
		return err
	}
	return client.Quit()
}

// dial connects, with TLS from the start when the settings ask for it.
func (c *SMTP) dial(ctx context.Context) (net.Conn, error) {
	addr := net.JoinHostPort(c.settings.Host, strconv.Itoa(c.settings.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("smtp dial %s: %w", addr, err)
	}
	if c.settings.Security != SecurityTLS {
		return conn, nil
	}
	tc := tls.Client(conn, c.tlsConfig())
	if err := tc.HandshakeContext(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("smtp tls %s: %w", addr, err)
	}
	return tc, nil
}

// hello upgrades to TLS when asked and authenticates when a user is set.
func (c *SMTP) hello(client *smtp.Client) error {
	if c.settings.Security == SecurityStartTLS {
		if ok, _ := client.Extension("STARTTLS"); !ok {
			return errors.New("smtp: the server does not offer STARTTLS")
		}
		if err := client.StartTLS(c.tlsConfig()); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	}
	if c.settings.User == "" {
		return nil
	}
	auth := smtp.PlainAuth("", c.settings.User, c.settings.Password, c.settings.Host)
	if err := client.Auth(auth); err != nil {
		return fmt.Errorf("smtp auth as %s: %w", c.settings.User, err)
	}
	return nil
}

// transfer sends one message on an open session.
func transfer(client *smtp.Client, from, to string, msg []byte) error {
	sender, err := parseAddress(from)
	if err != nil {
		return fmt.Errorf("smtp sender %q: %w", from, err)
	}
	rcpt, err := parseAddress(to)
	if err != nil {
		return Permanent(fmt.Errorf("smtp recipient %q: %w", to, err))
	}
	if err := client.Mail(sender); err != nil {
		return fmt.Errorf("smtp MAIL FROM: %w", err)
	}
	if err := client.Rcpt(rcpt); err != nil {
		return rejected(fmt.Errorf("smtp RCPT TO %s: %w", rcpt, err))
	}
	w, err := client.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return rejected(fmt.Errorf("smtp end of DATA: %w", err))
	}
	return nil
}

func (c *SMTP) tlsConfig() *tls.Config {
	if c.settings.TLSConfig != nil {
		return c.settings.TLSConfig.Clone()
	}
	return &tls.Config{ServerName: c.settings.Host, MinVersion: tls.VersionTLS12}
}

// permanentError marks a failure that retrying will not cure.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as a failure not worth retrying.
func Permanent(err error) error { return permanentError{err} }

// IsPermanent reports whether err was marked Permanent: the recipient or
// the message was refused for good, so retrying cannot help.
func IsPermanent(err error) bool {
	return errors.As(err, new(permanentError))
}

// rejected marks err Permanent when it carries a 5xx reply. It is used only
// for answers about the recipient and the message: a 5xx to AUTH is a
// configuration problem that a later attempt may not have.
func rejected(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 && te.Code < 600 {
		return Permanent(err)
	}
	return err
}
