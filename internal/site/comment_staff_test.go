package site

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// staffSite makes the fixture's site know the newsroom's signed-in staff,
// and returns the staff session cookie of Carl Editor, signed in.
func staffSite(t *testing.T, f *fixture) *http.Cookie {
	t.Helper()
	au, err := auth.New(context.Background(), auth.Options{Store: f.store, Now: f.clock.Now})
	must(t, err)
	f.site.Close()
	f.site, err = New(Options{Store: f.store, Now: f.clock.Now, Logger: slog.New(slog.NewTextHandler(f.logs, nil)), Staff: au})
	must(t, err)
	t.Cleanup(f.site.Close)
	w := httptest.NewRecorder()
	_, err = au.SignIn(w, httptest.NewRequest("POST", "/admin/sign-in", nil), f.users["carl-editor"])
	must(t, err)
	for _, c := range w.Result().Cookies() {
		if c.Name == auth.StaffSessionCookie {
			return c
		}
	}
	t.Fatal("no staff session cookie")
	return nil
}

func TestComments_Staff(t *testing.T) {
	f, path := commentsFixture(t)
	staff := staffSite(t, f)
	f.setComments(t, func(c *herald.CommentSettings) { c.Moderation = herald.ModerateAll })
	// Readers get the cached page with the full form.
	reader := f.request(t, "GET", path, nil, "5.6.7.8:9")
	if !strings.Contains(reader.Body.String(), `name="email"`) || strings.Contains(reader.Body.String(), "Commenting as") {
		t.Errorf("reader's form")
	}
	if n, _ := f.site.cache.Stats(); n != 1 {
		t.Errorf("reader's page not cached: %d", n)
	}
	w := f.request(t, "GET", path, nil, "1.2.3.4:5", staff)
	body := w.Body.String()
	if !strings.Contains(body, `Commenting as <strong>Carl Editor</strong>`) || strings.Contains(body, `name="email"`) || strings.Contains(body, `name="author"`) {
		t.Errorf("staff form: commenting as / fields")
	}
	if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("staff page Cache-Control %q", cc)
	}
	// A forged or stale staff cookie is a reader's.
	forged := &http.Cookie{Name: auth.StaffSessionCookie, Value: "abc.def"}
	if b := f.request(t, "GET", path, nil, "1.2.3.4:5", forged).Body.String(); !strings.Contains(b, `name="email"`) {
		t.Errorf("forged staff cookie got the staff form")
	}
	// A staff comment is theirs, approved at once with hold_all, badged.
	res := f.post(t, path, map[string]string{"comment": "Editor's note: we have updated the story."}, "1.2.3.4:5", staff)
	c := f.postedComment(t, res)
	if c.UserID != f.users["carl-editor"].ID || c.Status != herald.CommentApproved || c.Name != "Carl Editor" {
		t.Errorf("staff comment: user %d, %s, %q", c.UserID, c.Status, c.Name)
	}
	body = f.request(t, "GET", path, nil, "5.6.7.8:9").Body.String()
	if !strings.Contains(body, `Carl Editor</span> <span class="staff-badge">Staff</span>`) || !strings.Contains(body, `class="comment staff"`) {
		t.Errorf("staff comment lacks its badge")
	}
	// Fields a staff POST may carry are ignored: the name is theirs.
	res = f.post(t, path, map[string]string{"comment": "Second note.", "author": "Someone Else", "email": "x@example.org"}, "1.2.3.4:5", staff)
	if c := f.postedComment(t, res); c.Name != "Carl Editor" || c.Email != f.users["carl-editor"].Email {
		t.Errorf("staff comment took the form's name or email: %q", c.Name)
	}
	// A reader's comment is still held.
	res = f.post(t, path, map[string]string{"author": "Mary", "email": "mary@example.org", "comment": "Thanks."}, "5.6.7.8:9")
	if c := f.postedComment(t, res); c.Status != herald.CommentPending || c.UserID != 0 {
		t.Errorf("reader comment: %s, user %d", c.Status, c.UserID)
	}
	f.noEmails(t, []string{"carl@example.com", "mary@example.org"}, []string{path, "/"}, staff)
}
