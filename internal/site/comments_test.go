package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// commentsFixture returns the fixture with comments open on the fire
// article, and that article's path.
func commentsFixture(t *testing.T) (*fixture, string) {
	t.Helper()
	f := newFixture(t)
	a := f.articles["fire-breaks-out-at-harbour"]
	a.CommentsOpen = true
	must(t, f.store.UpdateArticle(context.Background(), a))
	return f, f.path("fire-breaks-out-at-harbour")
}

var tokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

// form fetches the article with the cookie and returns its form token,
// then lets the minimum fill time pass.
func (f *fixture) token(t *testing.T, path string, cookies ...*http.Cookie) string {
	t.Helper()
	w := f.request(t, "GET", path, nil, "1.2.3.4:5", cookies...)
	m := tokenRE.FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("no form token on %s: %d", path, w.Code)
	}
	f.clock.Set(f.clock.Now().Add(10 * time.Second))
	return m[1]
}

// request sends a request with an optional form from remote.
func (f *fixture) request(t *testing.T, method, path string, form url.Values, remote string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	t.Helper()
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, "http://news.example"+path, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, "http://news.example"+path, nil)
	}
	r.RemoteAddr = remote
	for _, c := range cookies {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	f.site.Handler().ServeHTTP(w, r)
	return w
}

func postForm(token, name, email, text string) url.Values {
	return url.Values{"token": {token}, "author": {name}, "email": {email}, "comment": {text}, "url": {""}, "parent": {"0"}}
}

func TestComments_PostPendingApproved(t *testing.T) {
	f, path := commentsFixture(t)
	w := f.request(t, "GET", path, nil, "1.2.3.4:5")
	for _, want := range []string{"Leave a Reply", "Your email address will not be published. Required fields are marked", `name="website2"`, `tabindex="-1"`, `autocomplete="off"`, `aria-hidden="true"`, "Notify me of replies by email", "Save my name and email in this browser"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("article lacks %q", want)
		}
	}
	tok := f.token(t, path)
	w = f.request(t, "POST", path+"comments/", postForm(tok, "Mary Reader", "mary@example.org", "First thoughts on the fire."), "1.2.3.4:5")
	if w.Code != http.StatusSeeOther || !regexp.MustCompile(`^`+regexp.QuoteMeta(path)+`#comment-\d+$`).MatchString(w.Header().Get("Location")) {
		t.Fatalf("post: %d %q %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteLaxMode || cookies[0].Path != path {
		t.Fatalf("pending cookie: %+v", cookies)
	}
	id := strings.TrimPrefix(w.Header().Get("Location"), path+"#comment-")
	// The poster sees it awaiting moderation; others do not see it.
	mine := f.request(t, "GET", path, nil, "1.2.3.4:5", cookies[0])
	if !strings.Contains(mine.Body.String(), `id="comment-`+id+`"`) || !strings.Contains(mine.Body.String(), "awaiting moderation") {
		t.Errorf("poster does not see their pending comment")
	}
	if cc := mine.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("personal page Cache-Control %q", cc)
	}
	other := f.request(t, "GET", path, nil, "5.6.7.8:9")
	if strings.Contains(other.Body.String(), "First thoughts") {
		t.Errorf("pending comment shown to others")
	}
	// Approved, it shows to all, with a reply link and the count.
	c := mustComment(t, f, id)
	must(t, f.store.UpdateCommentStatus(context.Background(), []int64{c.ID}, herald.CommentApproved))
	other = f.request(t, "GET", path, nil, "5.6.7.8:9")
	body := other.Body.String()
	for _, want := range []string{`id="comment-` + id + `"`, "First thoughts on the fire.", "Mary Reader", "1 comment", `href="?replyto=` + id + `#respond"`} {
		if !strings.Contains(body, want) {
			t.Errorf("approved page lacks %q", want)
		}
	}
	for _, p := range []string{path, "/", "/tag/harbour/", "/2024/", path + "?replyto=" + id} {
		if b := f.request(t, "GET", p, nil, "5.6.7.8:9").Body.String(); strings.Contains(strings.ToLower(b), "mary@example") {
			t.Errorf("email in %s", p)
		}
	}
	if b := f.request(t, "GET", "/tag/harbour/", nil, "5.6.7.8:9").Body.String(); !strings.Contains(b, path+`#comments">1 comment</a>`) {
		t.Errorf("listing lacks the comment count")
	}
	for _, a := range f.articles {
		if a.ID != c.ArticleID {
			must(t, f.store.CreateComment(context.Background(), &herald.Comment{ArticleID: a.ID, Name: "Z", Email: "z@example.org", Text: "z", Status: herald.CommentApproved}))
		}
	}
	if b := f.request(t, "GET", "/", nil, "5.6.7.8:9").Body.String(); !strings.Contains(b, `#comments">1 comment</a>`) || strings.Contains(b, "z@example") {
		t.Errorf("front page lacks the comment count")
	}
	// ?replyto=N without JavaScript.
	reply := f.request(t, "GET", path+"?replyto="+id, nil, "5.6.7.8:9")
	if !strings.Contains(reply.Body.String(), `name="parent" value="`+id+`"`) || !strings.Contains(reply.Body.String(), "Replying to Mary Reader") {
		t.Errorf("replyto form not set")
	}
}

func mustComment(t *testing.T, f *fixture, id string) *herald.Comment {
	t.Helper()
	var n int64
	for _, ch := range id {
		n = n*10 + int64(ch-'0')
	}
	c, err := f.store.FindComment(context.Background(), n)
	must(t, err)
	return c
}

func TestComments_Refusals(t *testing.T) {
	f, path := commentsFixture(t)
	// Validation keeps the input.
	tok := f.token(t, path)
	w := f.request(t, "POST", path+"comments/", postForm(tok, "Kept Name", "not-an-email", "Kept text"), "1.2.3.4:5")
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `value="Kept Name"`) || !strings.Contains(w.Body.String(), "Kept text") || !strings.Contains(w.Body.String(), `aria-invalid="true"`) {
		t.Errorf("validation: %d", w.Code)
	}
	// A form sent too fast is refused, with the form kept.
	f.site.cache.Clear()
	w = f.request(t, "GET", path, nil, "1.2.3.4:5")
	fast := tokenRE.FindStringSubmatch(w.Body.String())[1]
	w = f.request(t, "POST", path+"comments/", postForm(fast, "Quick", "quick@example.org", "Too quick text"), "1.2.3.4:5")
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "Too quick text") {
		t.Errorf("fast token: %d", w.Code)
	}
	// Honeypot: stored as spam, not shown.
	tok = f.token(t, path)
	form := postForm(tok, "Bot", "bot@example.org", "Buy things")
	form.Set("website2", "http://spam.example")
	w = f.request(t, "POST", path+"comments/", form, "9.9.9.9:1")
	if w.Code != http.StatusSeeOther {
		t.Fatalf("honeypot: %d", w.Code)
	}
	cs, n, err := f.store.FindComments(context.Background(), herald.CommentFilter{Status: herald.CommentSpam})
	must(t, err)
	if n != 1 || cs[0].Name != "Bot" {
		t.Errorf("honeypot comment not stored as spam: %d", n)
	}
	if strings.Contains(f.request(t, "GET", path, nil, "5.5.5.5:5").Body.String(), "Buy things") {
		t.Errorf("spam shown")
	}
	// Rate limit per IP: 429 with Retry-After and the form kept.
	var last *httptest.ResponseRecorder
	for i := 0; i < rateMax+1; i++ {
		tok = f.token(t, path)
		last = f.request(t, "POST", path+"comments/", postForm(tok, "Flood", "flood"+string(rune('a'+i))+"@example.org", "Flood text "+string(rune('a'+i))), "7.7.7.7:1")
	}
	if last.Code != http.StatusTooManyRequests || last.Header().Get("Retry-After") == "" || !strings.Contains(last.Body.String(), "Flood text") {
		t.Errorf("rate limit: %d %q", last.Code, last.Header().Get("Retry-After"))
	}
	// Duplicate.
	tok = f.token(t, path)
	w = f.request(t, "POST", path+"comments/", postForm(tok, "Flood", "flooda@example.org", "Flood text a"), "8.8.8.8:1")
	if w.Code != http.StatusConflict {
		t.Errorf("duplicate: %d", w.Code)
	}
}

func TestComments_Closed(t *testing.T) {
	f := newFixture(t)
	a := f.articles["fire-breaks-out-at-harbour"]
	a.CommentsOpen = false
	must(t, f.store.UpdateArticle(context.Background(), a))
	path := f.path("fire-breaks-out-at-harbour")
	w := f.request(t, "GET", path, nil, "1.2.3.4:5")
	if strings.Contains(w.Body.String(), "Leave a Reply") {
		t.Errorf("form shown on closed article")
	}
	w = f.request(t, "POST", path+"comments/", postForm("x", "A", "a@example.org", "text"), "1.2.3.4:5")
	if w.Code != http.StatusForbidden {
		t.Errorf("post to closed: %d", w.Code)
	}
}
