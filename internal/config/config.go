// Package config holds Herald's settings for one process: defaults, command
// line flags and HERALD_* environment variables, and their validation.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is the configuration of one Herald process. Site settings that
// editors change (title, time zone, …) live in the database, not here.
type Config struct {
	Addr      string // listen address, host:port
	DB        string // SQLite file path or postgres:// URL
	DataDir   string // uploaded media and, by default, the SQLite file
	Demo      bool   // load the demo content into an empty database
	Articles  int    // number of demo articles
	Dev       bool   // reload templates from disk
	LogFormat string // text or json
	LogLevel  string // debug, info, warn or error

	// SecureCookies marks the newsroom's cookies Secure even on plain-HTTP
	// requests, for a server behind a proxy that terminates TLS.
	SecureCookies bool

	// SMTP is the mail server that delivers the outbox; nothing is sent
	// while its Host is empty.
	SMTP SMTP

	// TLS turns on HTTPS when it names certificate files or ACME domains.
	TLS TLS
	// TrustedProxies are the proxies whose X-Forwarded-For and Forwarded
	// headers name the client; with none, those headers are ignored.
	TrustedProxies []netip.Prefix
	// Limits are the per-client request rates.
	Limits Limits
}

// SMTP says how to reach the mail server.
type SMTP struct {
	Host     string
	Port     int
	User     string // no authentication when empty
	Password string
	Security string // none, starttls or tls
	From     string // the sender of Herald's email, "Name <address>"
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Addr:      "127.0.0.1:8080",
		DataDir:   "data",
		Articles:  2000,
		LogFormat: "text",
		LogLevel:  "info",
		SMTP:      SMTP{Port: 587, Security: "starttls"},
		TLS:       TLS{HTTPSAddr: ":443"},
		Limits:    defaultLimits,
	}
}

// flagEnv pairs a flag with its environment variable.
type flagEnv struct {
	name, env string
}

// Register defines flags on fs that write into c, one for each name given:
// every subcommand takes only the settings it uses.
func (c *Config) Register(fs *flag.FlagSet, names ...string) {
	for _, n := range names {
		switch n {
		case "addr":
			fs.StringVar(&c.Addr, n, c.Addr, "listen address `host:port` (HERALD_ADDR)")
		case "db":
			fs.StringVar(&c.DB, n, c.DB, "database: a SQLite `file` or a postgres:// URL (HERALD_DB; default DATA-DIR/herald.db)")
		case "data-dir":
			fs.StringVar(&c.DataDir, n, c.DataDir, "`directory` for uploaded media and the default SQLite file (HERALD_DATA_DIR)")
		case "demo":
			fs.BoolVar(&c.Demo, n, c.Demo, "load demo content when the database has no articles (HERALD_DEMO)")
		case "articles":
			fs.IntVar(&c.Articles, n, c.Articles, "`number` of demo articles to generate (HERALD_ARTICLES)")
		case "dev":
			fs.BoolVar(&c.Dev, n, c.Dev, "reload templates from disk on each request (HERALD_DEV)")
		case "secure-cookies":
			fs.BoolVar(&c.SecureCookies, n, c.SecureCookies, "mark newsroom cookies Secure, for a server behind an HTTPS proxy (HERALD_SECURE_COOKIES)")
		case "log-format":
			fs.StringVar(&c.LogFormat, n, c.LogFormat, "log `format`: text or json (HERALD_LOG_FORMAT)")
		case "log-level":
			fs.StringVar(&c.LogLevel, n, c.LogLevel, "log `level`: debug, info, warn or error (HERALD_LOG_LEVEL)")
		case "smtp":
			c.registerSMTP(fs)
		case "tls":
			c.registerTLS(fs)
		case "trusted-proxies":
			fs.Var((*prefixList)(&c.TrustedProxies), n, "`addresses` and CIDR networks, comma-separated, of the proxies whose X-Forwarded-For and Forwarded headers name the client (HERALD_TRUSTED_PROXIES)")
		case "rate":
			c.registerLimits(fs)
		default:
			panic("config: unknown setting " + n)
		}
	}
}

// registerSMTP defines the -smtp-* flags and -mail-from.
func (c *Config) registerSMTP(fs *flag.FlagSet) {
	fs.StringVar(&c.SMTP.Host, "smtp-host", c.SMTP.Host, "SMTP server `host` for outgoing email; none is sent when empty (HERALD_SMTP_HOST)")
	fs.IntVar(&c.SMTP.Port, "smtp-port", c.SMTP.Port, "SMTP server `port` (HERALD_SMTP_PORT)")
	fs.StringVar(&c.SMTP.User, "smtp-user", c.SMTP.User, "SMTP `user` name; no authentication when empty (HERALD_SMTP_USER)")
	fs.StringVar(&c.SMTP.Password, "smtp-password", c.SMTP.Password, "SMTP `password`; prefer HERALD_SMTP_PASSWORD, which other users cannot see")
	fs.StringVar(&c.SMTP.Security, "smtp-security", c.SMTP.Security, "SMTP connection `security`: none, starttls or tls (HERALD_SMTP_SECURITY)")
	fs.StringVar(&c.SMTP.From, "mail-from", c.SMTP.From, "sender `address` of Herald's email, such as \"Herald <news@example.com>\" (HERALD_MAIL_FROM)")
}

// LoadEnv sets every flag of fs that was not given on the command line from
// its HERALD_* environment variable (HERALD_ADDR for -addr, …).
func LoadEnv(fs *flag.FlagSet, getenv func(string) string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		env := EnvName(f.Name)
		v := getenv(env)
		if given[f.Name] || v == "" {
			return
		}
		if err := f.Value.Set(v); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %v", env, v, err))
		}
	})
	return errors.Join(errs...)
}

// EnvName returns the environment variable for a flag name.
func EnvName(flagName string) string {
	return "HERALD_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// Validate checks the configuration and fills derived defaults. Its error
// names the setting and what is wrong with it.
func (c *Config) Validate() error {
	if c.DataDir == "" {
		return errors.New("-data-dir: must not be empty")
	}
	if c.DB == "" {
		c.DB = filepath.Join(c.DataDir, "herald.db")
	}
	if err := checkAddr("-addr", c.Addr); err != nil {
		return err
	}
	if c.Articles < 1 || c.Articles > 1_000_000 {
		return fmt.Errorf("-articles %d: must be between 1 and 1000000", c.Articles)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("-log-format %q: must be text or json", c.LogFormat)
	}
	if _, err := c.Level(); err != nil {
		return err
	}
	if err := c.validateTLS(); err != nil {
		return err
	}
	if err := c.Limits.validate(); err != nil {
		return err
	}
	return c.SMTP.validate()
}

// checkAddr checks a listen address given with flag; empty is allowed.
func checkAddr(flag, addr string) error {
	if addr == "" {
		return nil
	}
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%s %q: must be host:port, e.g. 127.0.0.1:8080", flag, addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%s %q: port must be a number from 0 to 65535", flag, addr)
	}
	return nil
}

// validate checks the mail settings when a host is set.
func (s SMTP) validate() error {
	if s.Host == "" {
		return nil
	}
	if s.Port < 1 || s.Port > 65535 {
		return fmt.Errorf("-smtp-port %d: must be from 1 to 65535", s.Port)
	}
	switch s.Security {
	case "none", "starttls", "tls":
	default:
		return fmt.Errorf("-smtp-security %q: must be none, starttls or tls", s.Security)
	}
	if _, err := mail.ParseAddress(s.From); err != nil {
		return fmt.Errorf("-mail-from %q: must be an address such as \"Herald <news@example.com>\"", s.From)
	}
	return nil
}

// Level returns the slog level named by LogLevel.
func (c *Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("-log-level %q: must be debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// Logger returns a logger writing to w in the configured format and level.
// Call it after Validate.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	level, _ := c.Level()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
