package config

import (
	"errors"
	"flag"
	"fmt"
	"net/mail"
	"net/netip"
	"path/filepath"
	"strings"
)

// TLS says how Herald serves HTTPS: with certificate files, with
// certificates from Let's Encrypt, or not at all when both are unset.
type TLS struct {
	Cert, Key string // PEM files of the certificate chain and its private key
	// Domains get certificates from Let's Encrypt (ACME) when not empty.
	Domains   []string
	CacheDir  string // where ACME certificates are kept; DATA-DIR/autocert by default
	Email     string // given to Let's Encrypt for notices; optional
	HTTPSAddr string // the HTTPS listen address; -addr then redirects to it
}

// Limits are the per-client rates of requests a minute; 0 turns a limit off.
type Limits struct {
	Pages, Media, API, Forms int
	Allow                    []netip.Prefix // clients no limit applies to
}

// defaultLimits are generous: a reader who opens twenty articles in tabs,
// or a page with a hundred images, stays far below them; an office of
// editors behind one address belongs in Allow.
// Loopback is allowed so that tools on the machine itself (and a proxy on
// it before -trusted-proxies names it) are never throttled as one client.
var defaultLimits = Limits{Pages: 600, Media: 3000, API: 600, Forms: 60,
	Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}

// maxRate bounds a rate so that a typo cannot make a limit meaningless by
// overflow.
const maxRate = 1_000_000

// registerTLS defines the -tls-*, -autocert-* and -https-addr flags.
func (c *Config) registerTLS(fs *flag.FlagSet) {
	fs.StringVar(&c.TLS.Cert, "tls-cert", c.TLS.Cert, "serve HTTPS with the certificate chain in this PEM `file` (HERALD_TLS_CERT); needs -tls-key")
	fs.StringVar(&c.TLS.Key, "tls-key", c.TLS.Key, "the private key `file` (PEM) of -tls-cert (HERALD_TLS_KEY)")
	fs.Var((*listValue)(&c.TLS.Domains), "autocert-domain", "serve HTTPS with certificates from Let's Encrypt for these `domains`, comma-separated (HERALD_AUTOCERT_DOMAIN)")
	fs.StringVar(&c.TLS.CacheDir, "autocert-cache", c.TLS.CacheDir, "`directory` keeping Let's Encrypt certificates (HERALD_AUTOCERT_CACHE; default DATA-DIR/autocert)")
	fs.StringVar(&c.TLS.Email, "autocert-email", c.TLS.Email, "contact `address` given to Let's Encrypt (HERALD_AUTOCERT_EMAIL)")
	fs.StringVar(&c.TLS.HTTPSAddr, "https-addr", c.TLS.HTTPSAddr, "HTTPS listen address `host:port` when TLS is on; -addr then redirects to it (HERALD_HTTPS_ADDR)")
}

// registerLimits defines the -rate-* flags.
func (c *Config) registerLimits(fs *flag.FlagSet) {
	fs.IntVar(&c.Limits.Pages, "rate-pages", c.Limits.Pages, "requests a `number` a minute one client may make for pages, feeds and newsroom screens; 0 for no limit (HERALD_RATE_PAGES)")
	fs.IntVar(&c.Limits.Media, "rate-media", c.Limits.Media, "requests a `number` a minute one client may make for images and assets; 0 for no limit (HERALD_RATE_MEDIA)")
	fs.IntVar(&c.Limits.API, "rate-api", c.Limits.API, "requests a `number` a minute one client may make to the content API; 0 for no limit (HERALD_RATE_API)")
	fs.IntVar(&c.Limits.Forms, "rate-forms", c.Limits.Forms, "form posts a `number` a minute one client may make; 0 for no limit (HERALD_RATE_FORMS)")
	fs.Var((*prefixList)(&c.Limits.Allow), "rate-allow", "`addresses` and CIDR networks, comma-separated, that no rate limit applies to (HERALD_RATE_ALLOW)")
}

// validateTLS checks the HTTPS settings and fills the ACME cache's default.
func (c *Config) validateTLS() error {
	t := &c.TLS
	if (t.Cert == "") != (t.Key == "") {
		return errors.New("-tls-cert and -tls-key: give both files or neither")
	}
	if t.Cert != "" && len(t.Domains) > 0 {
		return errors.New("-autocert-domain: cannot be used with -tls-cert; choose certificate files or Let's Encrypt")
	}
	for _, d := range t.Domains {
		if !validDomain(d) {
			return fmt.Errorf("-autocert-domain %q: must be a host name such as news.example.com", d)
		}
	}
	if t.Email != "" {
		if _, err := mail.ParseAddress(t.Email); err != nil || strings.ContainsAny(t.Email, "<>") {
			return fmt.Errorf("-autocert-email %q: must be an address such as admin@example.com", t.Email)
		}
	}
	if t.CacheDir == "" {
		t.CacheDir = filepath.Join(c.DataDir, "autocert")
	}
	return checkAddr("-https-addr", t.HTTPSAddr)
}

// validate checks that every rate is in range.
func (l Limits) validate() error {
	for _, r := range []struct {
		flag string
		n    int
	}{{"-rate-pages", l.Pages}, {"-rate-media", l.Media}, {"-rate-api", l.API}, {"-rate-forms", l.Forms}} {
		if r.n < 0 || r.n > maxRate {
			return fmt.Errorf("%s %d: must be from 0 (no limit) to %d", r.flag, r.n, maxRate)
		}
	}
	return nil
}

// validDomain reports whether d is a fully qualified host name.
func validDomain(d string) bool {
	if len(d) > 253 || !strings.Contains(d, ".") {
		return false
	}
	for label := range strings.SplitSeq(d, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// listValue is a flag of comma-separated words.
type listValue []string

func (l *listValue) String() string { return strings.Join(*l, ",") }

// Set replaces the list with the words of s.
func (l *listValue) Set(s string) error {
	*l = nil
	for w := range strings.SplitSeq(s, ",") {
		if w = strings.TrimSpace(w); w != "" {
			*l = append(*l, w)
		}
	}
	return nil
}

// prefixList is a flag of comma-separated addresses and CIDR networks; an
// address stands for itself alone (/32, /128).
type prefixList []netip.Prefix

func (p *prefixList) String() string {
	s := make([]string, len(*p))
	for i, pr := range *p {
		s[i] = pr.String()
	}
	return strings.Join(s, ",")
}

// Set replaces the list with the networks of s.
func (p *prefixList) Set(s string) error {
	*p = nil
	for w := range strings.SplitSeq(s, ",") {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		pr, err := parsePrefix(w)
		if err != nil {
			return err
		}
		*p = append(*p, pr)
	}
	return nil
}

// parsePrefix reads "10.0.0.0/8", "2001:db8::/32" or a single address.
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		pr, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, fmt.Errorf("%q is not a CIDR network such as 10.0.0.0/8", s)
		}
		return pr.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, fmt.Errorf("%q is not an address or a CIDR network such as 10.0.0.0/8", s)
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}
