package site

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// ownCookieOf returns the own-comments cookie a post set.
func ownCookieOf(t *testing.T, res *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == ownCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie", ownCookie)
	return nil
}

var actionTokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

// actionToken fetches a comment page and returns its form token.
func (f *fixture) actionToken(t *testing.T, path string, cookies ...*http.Cookie) string {
	t.Helper()
	w := f.request(t, "GET", path, nil, "1.2.3.4:5", cookies...)
	m := actionTokenRE.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || m == nil {
		t.Fatalf("GET %s: %d, no form token", path, w.Code)
	}
	return m[1]
}

func TestComments_EditOwn(t *testing.T) {
	f, path := commentsFixture(t)
	f.setComments(t, func(c *herald.CommentSettings) { c.Moderation = herald.ModerateApproveAll })
	res := f.post(t, path, map[string]string{"author": "Mary", "email": "mary@example.org", "comment": "Frist post."}, "1.2.3.4:5")
	c, own := f.postedComment(t, res), ownCookieOf(t, res)
	id := strconv.FormatInt(c.ID, 10)
	edit, del := path+"comments/"+id+"/edit/", path+"comments/"+id+"/delete/"
	mine := f.request(t, "GET", path, nil, "1.2.3.4:5", own).Body.String()
	if !strings.Contains(mine, `href="`+edit+`" id="edit-`+id+`"`) || !strings.Contains(mine, `href="`+del+`" id="delete-`+id+`"`) {
		t.Errorf("own comment lacks Edit and Delete links")
	}
	if other := f.request(t, "GET", path, nil, "5.6.7.8:9").Body.String(); strings.Contains(other, edit) {
		t.Errorf("another reader sees the Edit link")
	}
	page := f.request(t, "GET", edit, nil, "1.2.3.4:5", own)
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), ">Frist post.</textarea>") || page.Header().Get("Cache-Control") != "private, no-store" {
		t.Fatalf("edit page: %d", page.Code)
	}
	tok := f.actionToken(t, edit, own)
	for _, tc := range []struct {
		name    string
		form    url.Values
		cookies []*http.Cookie
		want    int
		body    string
	}{
		{"empty text is refused, kept", url.Values{"token": {tok}, "comment": {"  "}}, []*http.Cookie{own}, http.StatusUnprocessableEntity, "Comment: "},
		{"too long text is refused, kept", url.Values{"token": {tok}, "comment": {strings.Repeat("long ", 2001)}}, []*http.Cookie{own}, http.StatusUnprocessableEntity, "long long"},
		{"a forged token is refused, text kept", url.Values{"token": {"1.x"}, "comment": {"Kept words"}}, []*http.Cookie{own}, http.StatusUnprocessableEntity, "Kept words"},
		{"another browser may not", url.Values{"token": {tok}, "comment": {"Hijack"}}, nil, http.StatusForbidden, "did not post this comment"},
	} {
		w := f.request(t, "POST", edit, tc.form, "1.2.3.4:5", tc.cookies...)
		if w.Code != tc.want || !strings.Contains(w.Body.String(), tc.body) {
			t.Errorf("%s: %d, body has %q: %v", tc.name, w.Code, tc.body, strings.Contains(w.Body.String(), tc.body))
		}
	}
	w := f.request(t, "POST", edit, url.Values{"token": {tok}, "comment": {"First post."}}, "1.2.3.4:5", own)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != path+"#comment-"+id {
		t.Fatalf("edit: %d %q", w.Code, w.Header().Get("Location"))
	}
	if got := mustComment(t, f, id); got.Text != "First post." || got.Status != herald.CommentApproved {
		t.Errorf("after edit: %q %s", got.Text, got.Status)
	}
	if !strings.Contains(f.request(t, "GET", path, nil, "5.6.7.8:9").Body.String(), "First post.") {
		t.Errorf("the edited text is not shown to others")
	}
	// An edit adding links past the limit goes back to moderation.
	w = f.request(t, "POST", edit, url.Values{"token": {tok}, "comment": {"https://a.example https://b.example https://c.example"}}, "1.2.3.4:5", own)
	if got := mustComment(t, f, id); w.Code != http.StatusSeeOther || got.Status != herald.CommentPending {
		t.Errorf("edit with links: %d, %s", w.Code, got.Status)
	}
	// After 15 minutes: no links, a clear refusal.
	f.clock.Set(c.CreatedAt.Add(editWindow + time.Second))
	if strings.Contains(f.request(t, "GET", path, nil, "1.2.3.4:5", own).Body.String(), edit) {
		t.Errorf("Edit link shown after 15 minutes")
	}
	for _, p := range []string{edit, del} {
		w := f.request(t, "GET", p, nil, "1.2.3.4:5", own)
		if w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "within 15 minutes") {
			t.Errorf("GET %s after 15 minutes: %d", p, w.Code)
		}
		w = f.request(t, "POST", p, url.Values{"token": {tok}, "comment": {"Late"}}, "1.2.3.4:5", own)
		if w.Code != http.StatusForbidden {
			t.Errorf("POST %s after 15 minutes: %d", p, w.Code)
		}
	}
	if got := mustComment(t, f, id); got.Text == "Late" {
		t.Errorf("edited after 15 minutes")
	}
	f.noEmails(t, []string{"mary@example.org"}, []string{path, edit, del}, own)
}

func TestComments_DeleteOwn(t *testing.T) {
	f, path := commentsFixture(t)
	res := f.post(t, path, map[string]string{"author": "Mary", "email": "mary@example.org", "comment": "Regrettable words."}, "1.2.3.4:5")
	c, own := f.postedComment(t, res), ownCookieOf(t, res)
	del := path + "comments/" + strconv.FormatInt(c.ID, 10) + "/delete/"
	page := f.request(t, "GET", del, nil, "1.2.3.4:5", own)
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "Delete your comment?") || !strings.Contains(page.Body.String(), `id="comment-action"`) {
		t.Fatalf("delete page: %d", page.Code)
	}
	tok := f.actionToken(t, del, own)
	if w := f.request(t, "POST", del, url.Values{"token": {"forged"}}, "1.2.3.4:5", own); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("forged token: %d", w.Code)
	}
	if w := f.request(t, "POST", del, url.Values{"token": {tok}}, "1.2.3.4:5"); w.Code != http.StatusForbidden {
		t.Errorf("another browser: %d", w.Code)
	}
	w := f.request(t, "POST", del, url.Values{"token": {tok}}, "1.2.3.4:5", own)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != path+"#comments" {
		t.Fatalf("delete: %d %q", w.Code, w.Header().Get("Location"))
	}
	if _, err := f.store.FindComment(context.Background(), c.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("comment still stored: %v", err)
	}
	// Gone: its pages are not found, never a server error.
	for _, p := range []string{del, path + "comments/" + strconv.FormatInt(c.ID, 10) + "/edit/", path + "comments/999999/edit/", path + "comments/0/edit/", path + "comments/x/edit/"} {
		if w := f.request(t, "GET", p, nil, "1.2.3.4:5", own); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d", p, w.Code)
		}
	}
}
