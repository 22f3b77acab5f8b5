package e2e

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/herald-news/herald/internal/auth"
)

// TestNewsroom_TwoStepSignIn turns two-step sign-in on in the profile,
// keeps the recovery codes it shows once, and signs in again with a code
// from the "app".
func TestNewsroom_TwoStepSignIn(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "editor")
	ctx := browser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, m)
	open(t, ctx, s.URL+"/admin/profile/two-factor")
	secret := eval[string](t, ctx, `document.querySelector('input[name="secret"]').value`)
	code, err := auth.TOTPCode(secret, time.Now())
	if err != nil {
		t.Fatalf("secret %q: %v", secret, err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#code"), code)); err != nil {
		t.Fatal(err)
	}
	if status := submit(t, ctx, `form[action="/admin/profile/two-factor"] button[type="submit"]`); status != http.StatusOK {
		t.Fatalf("turning it on: status %d", status)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('ul.codes code').length`); n != auth.RecoveryCodeCount {
		t.Errorf("%d recovery codes shown, want %d", n, auth.RecoveryCodeCount)
	}
	screenshot(t, ctx, "newsroom-recovery-codes.png")
	submit(t, ctx, `form[action="/admin/sign-out"] button[type="submit"]`)

	fillSignIn(t, ctx, s, m.Email, m.Password)
	if got := text(t, ctx, "h1"); got != "Two-step sign-in" {
		t.Fatalf("after the password the page is %q, want the two-step page", got)
	}
	// The next step's code: the one that turned it on cannot sign in again.
	code, _ = auth.TOTPCode(secret, time.Now().Add(30*time.Second))
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#code"), code)); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form[action="/admin/sign-in/code"] button[type="submit"]`)
	if got := text(t, ctx, ".bar-user"); !strings.Contains(got, m.Name) {
		t.Errorf("after the code the bar shows %q, want %q signed in", got, m.Name)
	}
	w.check(t, s.URL)
}

// TestNewsroom_EndedSessionKeepsText ends a session from another browser
// while its profile form is being written; saving shows the sign-in page,
// and after signing in one button saves what was typed.
func TestNewsroom_EndedSessionKeepsText(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "author")
	ctx := browser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, m)
	open(t, ctx, s.URL+"/admin/profile")
	bio := "Covers the river towns.\nWrites on floods & bridges."
	setValue(t, ctx, "#bio", bio)

	other := secondTab(t, ctx)
	signIn(t, other, s, m)
	open(t, other, s.URL+"/admin/profile")
	submit(t, other, `form[action="/admin/profile/sessions"] button[type="submit"]`)

	submit(t, ctx, `form[action="/admin/profile"] button[type="submit"]`)
	if got := text(t, ctx, ".notice"); !strings.Contains(got, "signed out while you worked") {
		t.Fatalf("saving after the session ended shows %q, want the sign-in page keeping the text", got)
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#email"), m.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), m.Password),
	)
	if err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form[action="/admin/sign-in"] button[type="submit"]`)
	submit(t, ctx, `form[data-resume] button[type="submit"]`)
	if loc := location(t, ctx); loc != s.URL+"/admin/profile" {
		t.Errorf("after sending again the browser is at %s, want the profile", loc)
	}
	if got := eval[string](t, ctx, `document.querySelector('#bio').value`); got != bio {
		t.Errorf("saved bio %q, want %q", got, bio)
	}
	w.check(t, s.URL)
}
