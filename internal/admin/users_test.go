package admin

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

func TestUsers_Create(t *testing.T) {
	f := newFixture(t)
	adm := f.as(t, herald.RoleAdmin)
	tests := []struct {
		name   string
		form   url.Values
		status int
		want   []string
	}{
		{"bad email", url.Values{"email": {"nope"}, "name": {"Kept Name"}, "role": {"author"}}, 422,
			[]string{`id="email-error"`, `value="Kept Name"`}},
		{"no name", url.Values{"email": {"x@example.com"}, "role": {"author"}}, 422, []string{`id="name-error"`, `value="x@example.com"`}},
		{"bad role", url.Values{"email": {"x@example.com"}, "name": {"X"}, "role": {"king"}}, 422, []string{`id="role-error"`}},
		{"email taken", url.Values{"email": {"editor@example.com"}, "name": {"X"}, "role": {"author"}}, 422, []string{"is already the email"}},
		{"created", url.Values{"email": {"anna@example.com"}, "name": {"Анна Каренина"}, "role": {"author"}}, 200,
			[]string{"/admin/reset?token=", "anna@example.com"}},
		{"same name, next slug", url.Values{"email": {"anna2@example.com"}, "name": {"Анна Каренина"}, "role": {"contributor"}}, 200, nil},
	}
	var page string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := adm.post("/admin/users/new", tt.form)
			wantPage(t, resp, body, tt.status, tt.want...)
			if tt.name == "created" {
				page = body
			}
		})
	}
	ctx := context.Background()
	u, err := f.store.FindUserBySlug(ctx, "anna-karenina")
	must(t, err)
	if u.PasswordHash != "" || u.Role != herald.RoleAuthor {
		t.Errorf("created %+v", u)
	}
	if _, err := f.store.FindUserBySlug(ctx, "anna-karenina-2"); err != nil {
		t.Errorf("second Anna: %v", err)
	}
	m := regexp.MustCompile(`token=([A-Za-z0-9_.%-]+)`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no token in the page")
	}
	tok, _ := url.QueryUnescape(m[1])
	got, err := f.auth.CheckUserToken(ctx, tok, auth.PurposeReset)
	if err != nil || got.ID != u.ID {
		t.Errorf("the link's token: %v, %v", got, err)
	}
	f.wantAudit(t, "user.create", "anna2@example.com")
	resp, _ := f.as(t, herald.RoleEditor).get("/admin/users")
	wantPage(t, resp, "", http.StatusForbidden)
}

func TestUsers_RoleAndDelete(t *testing.T) {
	f := newFixture(t)
	adm := f.as(t, herald.RoleAdmin)
	au := f.users[herald.RoleAuthor]
	f.addArticle(t, "solo", 0, func(a *herald.Article) { a.AuthorIDs = []int64{au.ID} })
	f.addArticle(t, "duo", 0, func(a *herald.Article) { a.AuthorIDs = []int64{au.ID, f.users[herald.RoleEditor].ID} })

	resp, body := adm.get("/admin/users")
	wantPage(t, resp, body, 200, "The author", `<option value="author" selected>`)
	resp, _ = adm.post("/admin/users/"+itoa(au.ID)+"/role", url.Values{"role": {"editor"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	f.wantAudit(t, "user.role", "The author: author → editor")
	resp, body = adm.post("/admin/users/"+itoa(au.ID)+"/role", url.Values{"role": {"emperor"}})
	if resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("bad role: %d", resp.StatusCode)
	}
	me := f.users[herald.RoleAdmin]
	resp, body = adm.post("/admin/users/"+itoa(me.ID)+"/role", url.Values{"role": {"author"}})
	wantPage(t, resp, body, http.StatusBadRequest, "only admin")

	resp, body = adm.get("/admin/users/" + itoa(au.ID) + "/delete")
	wantPage(t, resp, body, 200, "Their byline is removed from 2 articles", "1 article will have no author shown.", "/author/author/")
	resp, _ = adm.post("/admin/users/"+itoa(au.ID)+"/delete", url.Values{"confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if _, err := f.store.FindUser(context.Background(), au.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("deleted user still found: %v", err)
	}
	f.wantAudit(t, "user.delete", "author@example.com")
	resp, body = adm.get("/admin/users/" + itoa(me.ID) + "/delete")
	wantPage(t, resp, body, http.StatusBadRequest, "cannot delete your own account")
}

func TestUsers_AuthorProfile(t *testing.T) {
	f := newFixture(t)
	co := f.as(t, herald.RoleContributor)
	own := "/admin/users/me/profile"
	other := "/admin/users/" + itoa(f.users[herald.RoleAuthor].ID) + "/profile"
	resp, body := co.get(own)
	wantPage(t, resp, body, 200, `value="The contributor"`)
	resp, _ = co.get(other)
	wantPage(t, resp, "", http.StatusForbidden)
	resp, body = co.post(own, url.Values{"name": {""}, "bio": {"Kept bio"}, "slug": {"author"}})
	wantPage(t, resp, body, 422, `id="name-error"`, "Kept bio")
	resp, body = co.post(own, url.Values{"name": {"Cora"}, "slug": {"author"}})
	wantPage(t, resp, body, 422, "is already used")
	resp, body = co.post(own, url.Values{"name": {"Cora"}, "photo": {"77"}})
	wantPage(t, resp, body, 422, `id="photo-error"`)
	resp, _ = co.post(own, url.Values{"name": {"Cora Ríos"}, "bio": {"Rivers."}})
	wantPage(t, resp, "", http.StatusSeeOther)
	u, err := f.store.FindUser(context.Background(), f.users[herald.RoleContributor].ID)
	must(t, err)
	if u.Slug != "cora-rios" || u.Bio != "Rivers." {
		t.Errorf("saved %+v", u)
	}
	resp, _ = f.as(t, herald.RoleEditor).post(other, url.Values{"name": {"Ed's pick"}, "slug": {"eds-pick"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if !strings.Contains(resp.Header.Get("Location"), "/profile") {
		t.Errorf("Location %q", resp.Header.Get("Location"))
	}
}

// TestUsers_InviteSetsPassword follows a new user's link: they choose a
// password on the reset page, the link then stops working, and they can
// sign in.
func TestUsers_InviteSetsPassword(t *testing.T) {
	f := newFixture(t)
	resp, body := f.as(t, herald.RoleAdmin).post("/admin/users/new", url.Values{"email": {"new@example.com"}, "name": {"New Person"}, "role": {"author"}})
	wantPage(t, resp, body, 200)
	m := regexp.MustCompile(`value="(http://[^"]+/admin/reset\?token=[^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link in the page:\n%.3000s", body)
	}
	link, err := url.Parse(html.UnescapeString(m[1]))
	must(t, err)
	b := f.newBrowser(t)
	resp, body = b.get(link.RequestURI())
	wantPage(t, resp, body, 200, "Choose a password")
	pw := "a long new passphrase"
	resp, _ = b.post("/admin/reset", url.Values{"token": {link.Query().Get("token")}, "password": {pw}, "confirm": {pw}})
	wantPage(t, resp, "", http.StatusSeeOther)
	resp, body = f.newBrowser(t).get(link.RequestURI())
	wantPage(t, resp, body, http.StatusForbidden, "not valid")
	if _, err := f.auth.Authenticate(context.Background(), "new@example.com", pw, "192.0.2.7"); err != nil {
		t.Errorf("sign in with the chosen password: %v", err)
	}
}
