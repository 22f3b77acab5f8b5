package e2e

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var setupLink = regexp.MustCompile(`http://[^\s"]+/admin/setup\?token=[^\s"]+`)

// TestNewsroom_FirstAdminSetup starts a herald with no user, opens the
// setup link it prints, chooses a password and lands signed in; the link
// then no longer works.
func TestNewsroom_FirstAdminSetup(t *testing.T) {
	s, out := freshHerald(t)
	link := waitOutput(t, out, setupLink, 30*time.Second)[0]
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	open(t, ctx, link)
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#name"), "Ada Editor"),
		chromedp.SendKeys(chromedp.CSS("#email"), "ada@e2e.example"),
		chromedp.SendKeys(chromedp.CSS("#password"), "copper-meadow-violin-42"),
		chromedp.SendKeys(chromedp.CSS("#confirm"), "copper-meadow-violin-42"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if status := submit(t, ctx, `form[action="/admin/setup"] button[type="submit"]`); status != http.StatusOK {
		t.Errorf("after setup: status %d, want 200", status)
	}
	if loc := location(t, ctx); !strings.HasPrefix(loc, s.URL+"/admin/") || strings.Contains(loc, "setup") || strings.Contains(loc, "sign-in") {
		t.Errorf("after setup the browser is at %s, want a newsroom page", loc)
	}
	if got := text(t, ctx, ".bar-user"); !strings.Contains(got, "Ada Editor") || !strings.Contains(got, "admin") {
		t.Errorf("signed-in bar shows %q, want the new admin's name and role", got)
	}
	screenshot(t, ctx, "newsroom-setup-done.png")
	if status, _ := s.get(t, strings.TrimPrefix(link, s.URL)); status == http.StatusOK {
		t.Errorf("the setup link still opens once the admin exists")
	}
	w.check(t, s.URL)
}

// TestNewsroom_SignIn signs in with email and password after a wrong
// password, which shows its error beside the password with the email kept.
func TestNewsroom_SignIn(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "editor")
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	fillSignIn(t, ctx, s, m.Email, "not-the-password-at-all")
	if got := eval[string](t, ctx, `document.querySelector('#email').value`); got != m.Email {
		t.Errorf("after a wrong password the email field holds %q, want %q", got, m.Email)
	}
	if got := eval[string](t, ctx, `document.querySelector('#password').value`); got != "" {
		t.Errorf("after a wrong password the password field is not empty")
	}
	errText := text(t, ctx, "#password-error")
	if errText == "" {
		t.Errorf("no error beside the password field")
	}
	described := eval[string](t, ctx, `document.querySelector('#password').getAttribute('aria-describedby') || ''`)
	invalid := eval[string](t, ctx, `document.querySelector('#password').getAttribute('aria-invalid') || ''`)
	if !strings.Contains(described, "password-error") || invalid != "true" {
		t.Errorf("password field: aria-describedby=%q aria-invalid=%q, want it tied to its error", described, invalid)
	}
	screenshot(t, ctx, "newsroom-sign-in-error.png")
	setValue(t, ctx, "#email", m.Email)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#password"), m.Password)); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form[action="/admin/sign-in"] button[type="submit"]`)
	if loc := location(t, ctx); !strings.HasPrefix(loc, s.URL+"/admin/articles") {
		t.Errorf("signed in, the browser is at %s, want the article list", loc)
	}
	if got := text(t, ctx, ".bar-user"); !strings.Contains(got, m.Name) {
		t.Errorf("signed-in bar shows %q, want %q", got, m.Name)
	}
	w.expect(http.StatusUnauthorized)
	w.check(t, s.URL)
}
