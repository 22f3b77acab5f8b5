package e2e

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/herald-news/herald/internal/spam"
)

// commentSite starts a herald of its own with a few demo articles for one
// test that posts comments: the site takes at most 5 comments from one
// address in 10 minutes, and Chromium always posts from 127.0.0.1. The
// server's per-client request limits, not under test here, are lifted for
// the loopback network; the site's comment limits still hold.
func commentSite(t *testing.T) *site {
	t.Helper()
	s, _ := freshHerald(t, "-demo", "-articles", "12", "-rate-allow", "127.0.0.0/8")
	return s
}

// commentArticles returns the paths of the articles linked from the front
// page whose comments are open, at least n of them.
func (s *site) commentArticles(t *testing.T, n int) []string {
	t.Helper()
	_, front := s.get(t, "/")
	var paths []string
	seen := map[string]bool{}
	for _, m := range hrefRE.FindAllStringSubmatch(front, -1) {
		p := m[1]
		if !articleLink.MatchString(p) || seen[p] {
			continue
		}
		seen[p] = true
		if _, body := s.get(t, p); strings.Contains(body, "data-comment-form") {
			paths = append(paths, p)
		}
	}
	if len(paths) < n {
		t.Fatalf("the front page links %d articles open to comments, want %d", len(paths), n)
	}
	return paths
}

var readerSeq atomic.Int64

// reader is a person who comments, with an address of their own.
type reader struct {
	Name, Email, Website string
}

// newReader returns a reader named name with a new email address, its
// domain in capitals as people sometimes type it.
func newReader(name string) reader {
	n := readerSeq.Add(1)
	slug := strings.ToLower(strings.ReplaceAll(name, " ", "."))
	return reader{Name: name, Email: fmt.Sprintf("%s.%d.%d@Readers.example", slug, n, time.Now().UnixNano()%1e6)}
}

// fillComment types r's details and text into the comment form of ctx's
// tab.
func fillComment(t *testing.T, ctx context.Context, r reader, text string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#comment"), text),
		chromedp.SendKeys(chromedp.CSS("#author"), r.Name),
		chromedp.SendKeys(chromedp.CSS("#email"), r.Email),
	)
	if err == nil && r.Website != "" {
		err = chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#url"), r.Website))
	}
	if err != nil {
		t.Fatalf("fill in the comment form: %v", err)
	}
}

// waitFillTime returns once a comment form loaded at loaded is older than
// the form token's minimum fill time, as a person's typing makes it. It
// polls the clock rather than the page, which may run no script.
func waitFillTime(loaded time.Time) {
	ready := loaded.Add(spam.DefaultMinFill)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(ready) {
		<-tick.C
	}
}

var commentAnchor = regexp.MustCompile(`#comment-(\d+)$`)

// sendComment sends the comment form of ctx's tab, loaded at loaded, once
// its minimum fill time has passed, and returns the id of the comment the
// answer lands on.
func sendComment(t *testing.T, ctx context.Context, loaded time.Time) int64 {
	t.Helper()
	waitFillTime(loaded)
	if status := submit(t, ctx, `[data-comment-form] button[type="submit"]`); status != 200 {
		t.Fatalf("posting the comment answered %d; the page says %q", status, text(t, ctx, ".form-error"))
	}
	loc := location(t, ctx)
	m := commentAnchor.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("posting the comment landed on %s, not on a comment's anchor; the page says %q", loc, text(t, ctx, ".form-error"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// openAt loads url in ctx's tab like open and returns when it had loaded.
func openAt(t *testing.T, ctx context.Context, url string) time.Time {
	t.Helper()
	open(t, ctx, url)
	return time.Now()
}

// replyTo has reader r answer comment id on the article at path in a
// tab of its own, through the "Reply" link, and returns the reply's id.
func replyTo(t *testing.T, s *site, path string, id int64, r reader, text string) int64 {
	t.Helper()
	ctx := newsroomBrowser(t)
	loaded := openAt(t, ctx, s.URL+path)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[data-reply="%d"]`, id)))); err != nil {
		t.Fatal(err)
	}
	fillComment(t, ctx, r, text)
	return sendComment(t, ctx, loaded)
}

// approveAll approves, in the newsroom queue open in ctx's signed-in tab,
// every comment awaiting moderation or marked as spam, with the queue's
// bulk action, page after page.
func approveAll(t *testing.T, ctx context.Context, s *site) {
	t.Helper()
	for _, status := range []string{"pending", "spam"} {
		for page := 0; ; page++ {
			open(t, ctx, s.URL+"/admin/comments?status="+status)
			n := eval[int](t, ctx, `(() => {
				const boxes = document.querySelectorAll('input[name="ids"]');
				boxes.forEach(b => { b.checked = true; });
				return boxes.length;
			})()`)
			if n == 0 {
				break
			}
			if page == 100 {
				t.Fatalf("the %s queue still lists %d comments after 100 bulk approvals", status, n)
			}
			setValue(t, ctx, "#bulk-action", "approve")
			if status := submit(t, ctx, `button[name="bulk"]`); status != 200 {
				t.Fatalf("bulk approve answered %d", status)
			}
		}
	}
}

// approveComment approves comment id with its own button in the
// newsroom queue of pending comments, open in ctx's signed-in tab.
func approveComment(t *testing.T, ctx context.Context, s *site, id int64) {
	t.Helper()
	open(t, ctx, s.URL+"/admin/comments?status=pending")
	if status := submit(t, ctx, fmt.Sprintf(`#comment-%d button[value="approved"]`, id)); status != 200 {
		t.Fatalf("approving comment %d answered %d", id, status)
	}
}

// dialogTrap records the JavaScript dialogs a tab opens, dismissing each.
type dialogTrap struct {
	mu   sync.Mutex
	seen []string
}

// trapDialogs starts recording the dialogs of ctx's tab.
func trapDialogs(t *testing.T, ctx context.Context) *dialogTrap {
	t.Helper()
	d := &dialogTrap{}
	err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*cdppage.EventJavascriptDialogOpening)
		if !ok {
			return
		}
		d.mu.Lock()
		d.seen = append(d.seen, fmt.Sprintf("%s dialog %q on %s", e.Type, e.Message, e.URL))
		d.mu.Unlock()
		// A dialog left open blocks the page; commands may not run here.
		go chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// xssGlobal is the window property the XSS payloads set when they run.
const xssGlobal = "heraldXSS"

// armed rewrites an XSS vector so that, should it run, it also sets
// window.heraldXSS, which the page can be asked about after the dialogs.
func armed(vector string) string {
	return strings.ReplaceAll(vector, "alert(1)", "alert(window."+xssGlobal+"=1)")
}

// checkNoScript fails t when the page of ctx's tab, or any before it in
// the tab, ran a payload: a dialog opened or the payloads' global is set.
func (d *dialogTrap) checkNoScript(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	if v := eval[string](t, ctx, "typeof window."+xssGlobal); v != "undefined" {
		t.Errorf("%s: a payload ran: window.%s is %s", where, xssGlobal, v)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, s := range d.seen {
		t.Errorf("%s: a payload ran: %s", where, s)
	}
	d.seen = nil
}

// loopbackClient returns an HTTP client connecting from the loopback
// address 127.0.0.n, so that the site counts its posts as another
// reader's; it keeps no cookies and follows no redirects.
func loopbackClient(n int) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(n))}, Timeout: 10 * time.Second}
	return &http.Client{
		Transport:     &http.Transport{DialContext: d.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       time.Minute,
	}
}

var tokenField = regexp.MustCompile(`name="token" value="([^"]+)"`)

// formToken returns the comment form token of the article at path,
// fetched over HTTP.
func (s *site) formToken(t *testing.T, path string) string {
	t.Helper()
	_, body := s.get(t, path)
	m := tokenField.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s has no comment form token", path)
	}
	return m[1]
}

// postOutcome is the site's answer to a comment posted over HTTP.
type postOutcome struct {
	Status   int
	Location string // where a 303 sends the poster
	Body     string
}

// postForm posts a comment form to the article at path through c.
func (s *site) postForm(t *testing.T, c *http.Client, path string, form url.Values) postOutcome {
	t.Helper()
	resp, err := c.PostForm(s.URL+path+"comments/", form)
	if err != nil {
		t.Fatalf("post a comment to %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return postOutcome{resp.StatusCode, resp.Header.Get("Location"), string(b)}
}

// agedToken returns a comment form token of the article at path that is
// past its minimum fill time, by posting an empty form with it until the
// site stops answering that it came too fast. A token serves any number of
// posts to its article for a day.
func (s *site) agedToken(t *testing.T, path string) string {
	t.Helper()
	token := s.formToken(t, path)
	deadline := time.Now().Add(time.Minute)
	for {
		o := s.postForm(t, http.DefaultClient, path, url.Values{"token": {token}})
		if o.Status != http.StatusUnprocessableEntity {
			t.Fatalf("an empty comment answered %d, want 422", o.Status)
		}
		if !strings.Contains(o.Body, "That was quick") {
			return token
		}
		if time.Now().After(deadline) {
			t.Fatalf("the form token of %s was still too fresh after a minute", path)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
