package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// threadArticle posts a short thread to the article at path over HTTP, a
// comment, a reply to it and another comment, each from a reader of its
// own, and has an editor approve them.
func (s *site) threadArticle(t *testing.T, path string) {
	t.Helper()
	token := s.agedToken(t, path)
	texts := []string{
		"The *bridge* closure was announced a week late.",
		"> announced a week late\n\nThe notice went up on the 3rd: see https://example.com/notice.",
		"Good to see the `B4` numbers in full.",
	}
	parent := ""
	for i, text := range texts {
		r := newReader(fmt.Sprintf("Thread Reader %d", i))
		form := url.Values{"token": {token}, "comment": {text}, "author": {r.Name}, "email": {r.Email}}
		if i == 1 {
			form.Set("parent", parent)
		}
		o := s.postForm(t, loopbackClient(2+i), path, form)
		m := commentAnchor.FindStringSubmatch(o.Location)
		if o.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("posting comment %d answered %d to %s", i, o.Status, o.Location)
		}
		parent = m[1]
	}
	desk := newsroomBrowser(t)
	signIn(t, desk, s, s.addUser(t, "editor"))
	approveAll(t, desk, s)
	pollPublic(t, s, path, "Good to see the", 30*time.Second)
}

// TestComments_ValidAccessible checks an article with a thread of comments
// and the form sent back with errors: zero Nu HTML checker errors, and
// zero axe-core violations in light and dark schemes, for a reader whose
// own comment awaits moderation too.
func TestComments_ValidAccessible(t *testing.T) {
	s := commentSite(t)
	path := s.commentArticles(t, 1)[0]
	s.threadArticle(t, path)

	// As served: the article with its thread, and the form with errors.
	_, thread := s.get(t, path)
	if !strings.Contains(thread, `class="comment-list"`) {
		t.Fatalf("%s shows no comments", path)
	}
	bad := s.postForm(t, http.DefaultClient, path, url.Values{
		"token": {s.agedToken(t, path)}, "comment": {"   "}, "author": {"Dee"},
		"email": {"dee@readers.example"}, "url": {"ftp://dee.example/"},
	})
	if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `aria-invalid="true"`) {
		t.Fatalf("a form with errors answered %d without fields marked invalid", bad.Status)
	}
	s.checkHTML(t, map[string]string{"article-with-comments": thread, "comment-form-errors": bad.Body})

	// In Chromium: a reader's own pending comment in the thread, then the
	// form sent back with errors beside the fields.
	src := s.axeSource(t)
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	loaded := openAt(t, ctx, s.URL+path)
	fillComment(t, ctx, newReader("Eve Axe"), "Is the diversion signposted?")
	sendComment(t, ctx, loaded)
	if text(t, ctx, ".comment .awaiting") == "" {
		t.Fatalf("the reader's comment is not shown as awaiting moderation")
	}
	axeBothSchemes(t, ctx, src, "article with comments")

	loaded = openAt(t, ctx, s.URL+path)
	fillComment(t, ctx, reader{Name: "Fay Axe", Email: "fay@readers.example", Website: "javascript:void(0)"}, "   ")
	waitFillTime(loaded)
	if status := submit(t, ctx, `[data-comment-form] button[type="submit"]`); status != http.StatusUnprocessableEntity {
		t.Fatalf("a form with errors answered %d, want 422", status)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('[aria-invalid="true"]').length`); n != 2 {
		t.Errorf("%d fields are marked invalid, want the comment and the website", n)
	}
	screenshot(t, ctx, "comment-form-errors.png")
	axeBothSchemes(t, ctx, src, "form with errors")
	w.expect(http.StatusUnprocessableEntity)
	w.check(t, s.URL)
}

// axeBothSchemes runs axe-core on the page open in ctx's tab in the light
// and the dark colour scheme.
func axeBothSchemes(t *testing.T, ctx context.Context, src []byte, name string) {
	t.Helper()
	for _, scheme := range []string{"light", "dark"} {
		t.Run(name+"/"+scheme, func(t *testing.T) {
			colorScheme(t, ctx, scheme)
			axeCheck(t, ctx, src)
		})
	}
}
