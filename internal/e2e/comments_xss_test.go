package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
)

// xssCorpus returns the comment XSS vectors of internal/markup's tests.
func (s *site) xssCorpus(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.root, "internal", "markup", "testdata", "comment_xss.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v []string
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("comment_xss.json: %v", err)
	}
	return v
}

// cut returns s's first n runes.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// TestComments_XSSCorpus posts each vector of the comment XSS corpus as a
// comment's text, name and website, has an editor approve them all in the
// newsroom queue, and opens the queue, the article, the reply form naming
// each commenter and the form sent back with each vector typed into every
// field, in Chromium: no payload may run, seen as a JavaScript dialog or as
// the global the payloads set.
func TestComments_XSSCorpus(t *testing.T) {
	s := commentSite(t)
	path := s.commentArticles(t, 1)[0]
	vectors := s.xssCorpus(t)
	token := s.agedToken(t, path)
	_, page := s.get(t, path)
	before := strings.Count(page, `<li class="comment`)

	// Each vector from an address and an email of its own, as the site
	// takes five comments from one of either in ten minutes.
	accepted := 0
	for i, v := range vectors {
		p := armed(v)
		form := url.Values{
			"token": {token}, "comment": {p}, "author": {cut(p, 100)},
			"email": {fmt.Sprintf("xss.%d.%d@readers.example", i, readerSeq.Add(1))},
			"url":   {"https://example.com/x?" + p},
		}
		c := loopbackClient(2 + i)
		o := s.postForm(t, c, path, form)
		if o.Status == http.StatusUnprocessableEntity && strings.Contains(o.Body, `id="url-error"`) {
			form.Del("url")
			o = s.postForm(t, c, path, form)
		}
		switch {
		case o.Status == http.StatusSeeOther:
			accepted++
		case o.Status == http.StatusUnprocessableEntity:
			t.Logf("vector %d %q refused as not valid", i, v)
		default:
			t.Fatalf("vector %d %q: the site answered %d", i, v, o.Status)
		}
	}
	if accepted < len(vectors)*3/4 {
		t.Fatalf("the site took %d of the %d vectors; the test needs most of them on the page", accepted, len(vectors))
	}

	// The newsroom queue shows them to an editor, who approves them all.
	desk := newsroomBrowser(t)
	deskTrap := trapDialogs(t, desk)
	signIn(t, desk, s, s.addUser(t, "editor"))
	approveAll(t, desk, s)
	deskTrap.checkNoScript(t, desk, "the pending and spam queues")
	open(t, desk, s.URL+"/admin/comments?status=approved")
	deskTrap.checkNoScript(t, desk, "the approved queue")

	// The article shows them to everyone; the reply form names each.
	reader := newsroomBrowser(t)
	trap := trapDialogs(t, reader)
	open(t, reader, s.URL+path)
	if n := eval[int](t, reader, `document.querySelectorAll(".comment-list .comment").length`); n != before+accepted {
		t.Errorf("the article shows %d comments, want the %d it had and the %d taken", n, before, accepted)
	}
	trap.checkNoScript(t, reader, "the article")
	ids := eval[[]string](t, reader, `Array.from(document.querySelectorAll(".comment-list .comment"), c => c.id.slice("comment-".length))`)
	for _, id := range ids {
		open(t, reader, s.URL+path+"?replyto="+id)
		trap.checkNoScript(t, reader, "the reply form to comment "+id)
	}

	// The form sent back with what was typed: each vector in every field,
	// which the site refuses (the email is not one) and shows again.
	typist := newsroomBrowser(t)
	typed := trapDialogs(t, typist)
	open(t, typist, s.URL+path)
	for i, v := range vectors {
		p := armed(v)
		// Each answer is the form again, where the next vector is typed.
		err := chromedp.Do(typist, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const f = document.querySelector("[data-comment-form]");
			f.noValidate = true;
			for (const n of ["comment", "author", "email", "url"]) f.elements[n].value = %[1]s;
			f.elements.token.value = %[2]q;
		})()`, jsString(p), token)))
		if err != nil {
			t.Fatal(err)
		}
		if status := submit(t, typist, `[data-comment-form] button[type="submit"]`); status != http.StatusUnprocessableEntity {
			t.Errorf("vector %d typed into every field: status %d, want 422", i, status)
		}
		// The parser reads a NUL in text as U+FFFD.
		want := strings.ReplaceAll(strings.TrimSpace(p), "\x00", "\uFFFD")
		if got := eval[string](t, typist, `document.querySelector("[data-comment-form]").elements.comment.value`); got != want {
			t.Errorf("vector %d: the form came back with the comment %q, want what was typed", i, got)
		}
		typed.checkNoScript(t, typist, fmt.Sprintf("the form sent back with vector %d", i))
	}
}
