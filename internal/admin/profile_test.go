package admin

import (
	"context"
	"net/url"
	"regexp"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// signedIn returns a browser signed in as the fixture user of role.
func (f *fixture) signedIn(t *testing.T, role herald.Role) *browser {
	t.Helper()
	f.setPassword(t, role, testPassword)
	b := f.newBrowser(t)
	b.get("/admin/sign-in")
	resp, _ := b.post("/admin/sign-in", url.Values{"email": {string(role) + "@example.com"}, "password": {testPassword}})
	if resp.StatusCode != 303 {
		t.Fatalf("sign in as %s: %d", role, resp.StatusCode)
	}
	b.get("/admin/profile")
	return b
}

func TestProfile_NameAndBio(t *testing.T) {
	f := newFixture(t)
	b := f.signedIn(t, herald.RoleContributor)
	resp, body := b.post("/admin/profile", url.Values{"name": {""}, "bio": {"Kept bio"}})
	wantStatus(t, resp, body, 400, `id="name-error"`, "Kept bio")
	resp, _ = b.post("/admin/profile", url.Values{"name": {"Cora Contributor"}, "bio": {"Writes on rivers."}})
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	got, _ := f.store.FindUser(context.Background(), f.users[herald.RoleContributor].ID)
	if got.Name != "Cora Contributor" || got.Bio != "Writes on rivers." || got.Role != herald.RoleContributor {
		t.Errorf("saved %+v", got)
	}
}

func TestProfile_PasswordAndSessions(t *testing.T) {
	f := newFixture(t)
	b := f.signedIn(t, herald.RoleAuthor)
	other := f.newBrowser(t)
	other.get("/admin/sign-in")
	other.post("/admin/sign-in", url.Values{"email": {"author@example.com"}, "password": {testPassword}})
	if resp, _ := other.get("/admin/profile"); resp.StatusCode != 200 {
		t.Fatalf("second browser: %d", resp.StatusCode)
	}
	resp, body := b.post("/admin/profile/password", url.Values{"current": {"wrong"}, "password": {"a brand new passphrase"}, "confirm": {"a brand new passphrase"}})
	wantStatus(t, resp, body, 400, `id="current-error"`)
	resp, _ = b.post("/admin/profile/password", url.Values{"current": {testPassword}, "password": {"a brand new passphrase"}, "confirm": {"a brand new passphrase"}})
	if resp.StatusCode != 303 {
		t.Fatalf("change password: %d", resp.StatusCode)
	}
	if resp, _ := other.get("/admin/profile"); resp.StatusCode != 303 {
		t.Errorf("other browser after a password change: %d, want signed out", resp.StatusCode)
	}
	if resp, _ := b.get("/admin/profile"); resp.StatusCode != 200 {
		t.Errorf("this browser after a password change: %d, want still signed in", resp.StatusCode)
	}
	resp, _ = b.post("/admin/profile/sessions", url.Values{})
	if resp.StatusCode != 303 {
		t.Errorf("sign out everywhere else: %d", resp.StatusCode)
	}
}

func TestProfile_TwoFactor(t *testing.T) {
	f := newFixture(t)
	b := f.signedIn(t, herald.RoleEditor)
	resp, body := b.get("/admin/profile/two-factor")
	wantStatus(t, resp, body, 200, "otpauth://totp/", ":editor@example.com?")
	secret := regexp.MustCompile(`name="secret" value="([A-Z2-7]+)"`).FindStringSubmatch(body)[1]
	resp, body = b.post("/admin/profile/two-factor", url.Values{"secret": {secret}, "code": {"12"}})
	wantStatus(t, resp, body, 400, `id="code-error"`, secret)
	code, _ := auth.TOTPCode(secret, f.clock.Now())
	resp, body = b.post("/admin/profile/two-factor", url.Values{"secret": {secret}, "code": {code}})
	wantStatus(t, resp, body, 200, "Your recovery codes")
	if n := len(regexp.MustCompile(`<li><code>[a-z2-7-]{19}</code></li>`).FindAllString(body, -1)); n != auth.RecoveryCodeCount {
		t.Errorf("%d recovery codes shown, want %d", n, auth.RecoveryCodeCount)
	}
	resp, body = b.get("/admin/profile")
	wantStatus(t, resp, body, 200, "10 unused recovery codes")
	resp, body = b.post("/admin/profile/two-factor/disable", url.Values{"disable-password": {"wrong"}})
	wantStatus(t, resp, body, 400, `id="disable-password-error"`)
	resp, _ = b.post("/admin/profile/two-factor/disable", url.Values{"disable-password": {testPassword}})
	if resp.StatusCode != 303 {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if got, _ := f.store.FindUser(context.Background(), f.users[herald.RoleEditor].ID); got.TOTPSecret != "" {
		t.Error("two-step sign-in still on")
	}
}

func TestGroupsOf4(t *testing.T) {
	if got := groupsOf4("ABCDEFGHIJ"); got != "ABCD EFGH IJ" {
		t.Errorf("got %q", got)
	}
}

func TestBrowserName(t *testing.T) {
	tests := map[string]string{
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36":                   "Chrome on Linux",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1": "Safari on iPhone",
		"Go-http-client/1.1": "Unknown browser",
	}
	for ua, want := range tests {
		if got := browserName(ua); got != want {
			t.Errorf("%q: got %q, want %q", ua, got, want)
		}
	}
}
