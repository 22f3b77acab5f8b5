package e2e

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var (
	csrfField  = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	mediaSrc   = regexp.MustCompile(`src="(/media/[^"]+)"`)
	assetHref  = regexp.MustCompile(`(?:href|src)="(/assets/[^"]+)"`)
	nonceValue = regexp.MustCompile(`script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'`)
)

// client is an HTTP client for the shared site with its own cookies, which
// does not follow redirects, so that each response is checked as sent.
func client(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// fetch gets path through c and returns the response with its body read.
func fetch(t *testing.T, c *http.Client, s *site, path string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp, string(b)
}

// httpSignIn signs m in through the sign-in form with c.
func httpSignIn(t *testing.T, c *http.Client, s *site, m member) {
	t.Helper()
	_, body := fetch(t, c, s, "/admin/sign-in")
	token := csrfField.FindStringSubmatch(body)
	if token == nil {
		t.Fatal("the sign-in form has no CSRF field")
	}
	resp, err := c.PostForm(s.URL+"/admin/sign-in", url.Values{"csrf": {token[1]}, "email": {m.Email}, "password": {m.Password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || strings.Contains(resp.Header.Get("Location"), "sign-in") {
		t.Fatalf("sign in as %s: %d to %q", m.Email, resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestSecurityHeaders_EveryRoute walks every kind of URL the running
// server answers — site pages, feeds, sitemaps, the API, embed cards,
// media, assets, error pages, operator endpoints, and the newsroom for
// someone signed in and someone not — and checks the security headers of
// each response, and that no two responses share a CSP nonce.
func TestSecurityHeaders_EveryRoute(t *testing.T) {
	s := startSite(t)
	anon := client(t)
	article := s.storyArticle(t)
	_, articleBody := fetch(t, anon, s, article)
	_, front := fetch(t, anon, s, "/")
	paths := []string{"/", article, s.firstLink(t, "/", sectionLink), article[:6], article[:9], s.firstLink(t, "/", storyLink),
		s.firstLink(t, article, regexp.MustCompile(`^/author/[a-z0-9-]+/$`)),
		"/no-such-page/", "/2022/13/99/no/", "/feed/", "/feed/atom/", "/feed/json/", article + "feed/",
		"/sitemap.xml", "/robots.txt", "/api/v1/articles", "/api/v1/no-such", "/embed" + article,
		"/healthz", "/readyz", "/admin/", "/admin/articles", "/admin/sign-in", "/admin/reset"}
	for _, re := range []*regexp.Regexp{mediaSrc, assetHref} {
		m := re.FindStringSubmatch(front + articleBody)
		if m == nil {
			t.Fatalf("no %s on the front page or the article", re)
		}
		paths = append(paths, m[1])
	}
	editor := client(t)
	httpSignIn(t, editor, s, s.addUser(t, "admin"))
	staff := []string{"/admin/articles", "/admin/articles/new", "/admin/sections", "/admin/tags", "/admin/stories",
		"/admin/media", "/admin/comments", "/admin/users", "/admin/settings", "/admin/audit", "/admin/profile", "/admin/no-such-screen"}
	nonces := map[string]string{}
	framed := 0
	check := func(c *http.Client, who, path string) {
		resp, _ := fetch(t, c, s, path)
		name := who + " GET " + path
		h := resp.Header
		for k, want := range map[string]string{
			"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
			"Cross-Origin-Opener-Policy": "same-origin",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("%s (%d): %s = %q, want %q", name, resp.StatusCode, k, got, want)
			}
		}
		if pp := h.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "microphone=()") {
			t.Errorf("%s: Permissions-Policy %q", name, pp)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain HTTP", name)
		}
		csp := h.Get("Content-Security-Policy")
		if csp == "" || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "object-src 'none'") && !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", name, csp)
		}
		// An embed card may be framed by any site; its 404 may not.
		framable := strings.HasPrefix(path, "/embed/") && resp.StatusCode == http.StatusOK
		if framable {
			framed++
		}
		if strings.Contains(csp, "frame-ancestors 'none'") == framable || (h.Get("X-Frame-Options") == "DENY") == framable {
			t.Errorf("%s: framable %v, but policy %q and X-Frame-Options %q", name, framable, csp, h.Get("X-Frame-Options"))
		}
		if m := nonceValue.FindStringSubmatch(csp); m != nil {
			if other, ok := nonces[m[1]]; ok {
				t.Errorf("%s repeats the nonce of %s", name, other)
			}
			nonces[m[1]] = name
		} else if !framable {
			t.Errorf("%s: no nonce in %q", name, csp)
		}
	}
	for _, p := range paths {
		check(anon, "anonymous", p)
	}
	check(anon, "anonymous", "/") // a cached page gets a fresh nonce
	for _, p := range append(staff, paths...) {
		check(editor, "admin", p)
	}
	if framed == 0 {
		t.Error("no embed card answered 200, so no framable response was checked")
	}
}

// TestRateLimit_Answers429 shows a herald with a small page limit and no
// allowlist answering 429 with Retry-After and a short page.
func TestRateLimit_Answers429(t *testing.T) {
	s, _ := freshHerald(t, "-rate-pages", "5", "-rate-allow=")
	c := client(t)
	for i := range 5 {
		if resp, _ := fetch(t, c, s, "/"); resp.StatusCode != 200 {
			t.Fatalf("request %d: status %d", i+1, resp.StatusCode)
		}
	}
	resp, body := fetch(t, c, s, "/")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "12" || !strings.Contains(body, "Too many requests") {
		t.Errorf("6th request: %d, Retry-After %q, body %q", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if resp, _ := fetch(t, c, s, "/healthz"); resp.StatusCode != 200 {
		t.Errorf("/healthz while limited: %d", resp.StatusCode)
	}
}

// cspViolations records, from before any script of a page runs, every
// securitypolicyviolation event in window.cspViolations.
const cspViolations = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`

// TestCSP_Browser loads pages of the site and the newsroom in Chromium and
// checks that the Content-Security-Policy blocks nothing on them, having
// first shown that an inline script is blocked and reported.
func TestCSP_Browser(t *testing.T) {
	s := startSite(t)
	ctx := newsroomBrowser(t)
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: cspViolations}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, s.URL+"/")
	got := eval[string](t, ctx, `new Promise(resolve => {
		document.addEventListener('securitypolicyviolation', () => setTimeout(() => resolve(window.cspViolations.join('; '))), {once: true});
		const el = document.createElement('script');
		el.textContent = 'window.ran = true';
		document.body.append(el);
	})`)
	if !strings.Contains(got, "script-src") || eval[bool](t, ctx, `window.ran === true`) {
		t.Fatalf("an inline script was not blocked and reported: violations %q", got)
	}
	w := watch(t, ctx)
	signIn(t, ctx, s, s.addUser(t, "admin"))
	article := s.storyArticle(t)
	for _, p := range []string{"/", article, s.firstLink(t, "/", sectionLink), article[:6], "/admin/articles",
		"/admin/articles/new", "/admin/media", "/admin/comments", "/admin/settings", "/admin/profile"} {
		open(t, ctx, s.URL+p)
		if got := eval[string](t, ctx, `window.cspViolations.join('; ')`); got != "" {
			t.Errorf("%s: the policy blocked %s", p, got)
		}
	}
	w.check(t, s.URL)
}

// inlineCode finds what the Content-Security-Policy refuses in a template:
// style elements and attributes, event handler attributes, and script
// elements without src other than JSON-LD data.
var inlineCode = regexp.MustCompile(`<style|\sstyle=|\son[a-z]+=|<script(?:\s[^>]*)?>`)

// TestTemplates_NoInlineCode reads every site and newsroom template for
// what the policy would block, so that a page the browser tests do not
// open cannot break. (The API's embed card, in internal/api/templates,
// sends a policy of its own that allows its stylesheet by hash.)
func TestTemplates_NoInlineCode(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(root, "internal", "*", "templates", "*", "*.html"))
	if err != nil || len(files) < 10 {
		t.Fatalf("found %d templates: %v", len(files), err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range inlineCode.FindAllString(string(b), -1) {
			if strings.HasPrefix(m, "<script") && (strings.Contains(m, " src=") || strings.Contains(m, `type="application/ld+json"`)) {
				continue
			}
			t.Errorf("%s: %q would be blocked by the Content-Security-Policy", strings.TrimPrefix(f, root+"/"), m)
		}
	}
}
