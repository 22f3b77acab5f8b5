package e2e

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// hookReceiver is another system: it records the webhook deliveries it
// gets and serves a page that frames Herald's pages.
type hookReceiver struct {
	*httptest.Server
	mu   sync.Mutex
	got  []hookRequest
	page string // the HTML of /page
}

// hookRequest is one delivery as received.
type hookRequest struct {
	header http.Header
	body   []byte
}

func newHookReceiver(t *testing.T) *hookReceiver {
	h := &hookReceiver{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		defer h.mu.Unlock()
		if r.Method == http.MethodGet && r.URL.Path == "/page" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, h.page)
			return
		}
		body, _ := io.ReadAll(r.Body)
		h.got = append(h.got, hookRequest{r.Header.Clone(), body})
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(h.Close)
	return h
}

// wait polls until a delivery of event has come, and returns it.
func (h *hookReceiver) wait(t *testing.T, event string, timeout time.Duration) hookRequest {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		h.mu.Lock()
		for _, r := range h.got {
			if r.header.Get("X-Herald-Event") == event {
				h.mu.Unlock()
				return r
			}
		}
		h.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("no %s delivery within %v", event, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestWebhooks_AddAndDeliver adds a webhook in the newsroom as an admin,
// publishes an article, and checks that the receiver gets the event signed
// with the secret the webhook's page shows, and that the page then lists
// the delivery as delivered. The screens and the article's embed card pass
// axe-core and the Nu HTML checker.
func TestWebhooks_AddAndDeliver(t *testing.T) {
	s, _ := freshHerald(t)
	recv := newHookReceiver(t)
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, s.addUser(t, "admin"))

	open(t, ctx, s.URL+"/admin/webhooks")
	if got := eval[string](t, ctx, `document.querySelector('nav[aria-label="Newsroom"] a[href="/admin/webhooks"]')?.textContent || ''`); got != "Webhooks" {
		t.Errorf("the newsroom navigation has no Webhooks entry: %q", got)
	}
	submit(t, ctx, `a[href="/admin/webhooks/new"]`)
	setValue(t, ctx, "#url", "not an address")
	if status := submit(t, ctx, "main form button.primary"); status != http.StatusUnprocessableEntity {
		t.Errorf("an invalid address: status %d, want 422", status)
	}
	w.expect(http.StatusUnprocessableEntity)
	if got := text(t, ctx, "#url-error"); !strings.Contains(got, "address") {
		t.Errorf("the error beside the address says %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('#url').value`); got != "not an address" {
		t.Errorf("the form came back with %q, not what was typed", got)
	}
	setValue(t, ctx, "#url", recv.URL+"/hooks/herald")
	submit(t, ctx, "main form button.primary")
	hookPage := location(t, ctx)
	if !strings.Contains(hookPage, "/admin/webhooks/") || !strings.HasSuffix(hookPage, "/edit") {
		t.Fatalf("after adding, the browser is at %s: %s", hookPage, text(t, ctx, "main"))
	}
	secret := eval[string](t, ctx, `document.querySelector('#secret').value`)
	if len(secret) != 64 {
		t.Fatalf("the webhook's page shows the secret %q, want 64 hex digits", secret)
	}
	screenshot(t, ctx, "newsroom-webhook.png")

	headline := fmt.Sprintf("Lighthouse keeper retires after 40 years %d", time.Now().UnixNano()%1e6)
	writeArticle(t, ctx, s, draft{Headline: headline, Body: "The light **stays on**."}, "publish")
	path := publicLink(t, ctx)
	got := recv.wait(t, "article.published", 10*time.Second)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(got.body)
	if sig := got.header.Get("X-Herald-Signature"); !hmac.Equal([]byte(sig), []byte("sha256="+hex.EncodeToString(mac.Sum(nil)))) {
		t.Errorf("X-Herald-Signature %q does not sign the body with the page's secret", sig)
	}
	var payload struct {
		Event   string
		Article struct{ Headline, URL string }
	}
	if err := json.Unmarshal(got.body, &payload); err != nil {
		t.Fatalf("payload %s: %v", got.body, err)
	}
	if payload.Event != "article.published" || payload.Article.Headline != headline || payload.Article.URL != s.URL+path {
		t.Errorf("payload %s; want the published article at %s", got.body, s.URL+path)
	}

	deadline := time.Now().Add(10 * time.Second)
	for {
		open(t, ctx, hookPage)
		if strings.Contains(text(t, ctx, "main table"), "Delivered (204)") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the webhook's page does not list the delivery as delivered: %s", text(t, ctx, "main"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	src := s.axeSource(t)
	pages := map[string]string{}
	for name, p := range map[string]string{"webhooks": "/admin/webhooks", "webhook-new": "/admin/webhooks/new",
		"webhook-edit": strings.TrimPrefix(hookPage, s.URL)} {
		open(t, ctx, s.URL+p)
		axeCheck(t, ctx, src)
		pages["newsroom-"+name] = fetchSource(t, ctx, p)
	}
	_, pages["embed-card"] = s.get(t, "/embed"+path)
	s.checkHTML(t, pages)
	w.check(t, s.URL)
}

// TestEmbed_FramedByAnotherSite frames the card the oEmbed answer names in
// a page of another origin: the card shows, while the article page itself
// refuses to be framed. (The page frames the card without the answer's
// sandbox, which would move it to a process and a target of its own; the
// framing rules do not depend on it.)
func TestEmbed_FramedByAnotherSite(t *testing.T) {
	s := startSite(t)
	path := s.firstLink(t, "/", articleLink)
	status, body := s.get(t, "/api/v1/oembed?url="+s.URL+path)
	card := s.URL + "/embed" + path
	if status != http.StatusOK || !strings.Contains(body, `src=\"`+card+`\"`) {
		t.Fatalf("oEmbed of %s: %d %s; want an iframe of %s", path, status, body, card)
	}
	recv := newHookReceiver(t)
	recv.page = `<!DOCTYPE html><title>Elsewhere</title><iframe src="` + card + `" title="The card"></iframe>` +
		`<iframe src="` + s.URL + path + `" title="The article page"></iframe>`
	ctx := newsroomBrowser(t)
	open(t, ctx, recv.URL+"/page")
	want := map[string]bool{card: true, s.URL + path: false}
	deadline := time.Now().Add(10 * time.Second)
	for {
		frames := childFrames(t, ctx)
		if reflect.DeepEqual(frames, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("frames shown: %v; want %v (the card shown, the article page refused)", frames, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// childFrames returns the URLs of the frames of ctx's page, true for a
// frame showing its document and false for one the browser refused to
// show (it shows an error page instead).
func childFrames(t *testing.T, ctx context.Context) map[string]bool {
	t.Helper()
	res, err := chromedp.Call(ctx, cdppage.GetFrameTree, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, c := range res.FrameTree.ChildFrames {
		if c.Frame.UnreachableURL != "" {
			out[c.Frame.UnreachableURL] = false
			continue
		}
		out[c.Frame.URL] = !strings.HasPrefix(c.Frame.URL, "chrome-error:")
	}
	return out
}
