package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

// wantPage checks a response's status and that its body holds every want.
func wantPage(t *testing.T, resp *http.Response, body string, status int, want ...string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d; Location %q; body:\n%.2000s", resp.StatusCode, status, resp.Header.Get("Location"), body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %q; body:\n%.3000s", w, body)
		}
	}
}

// addSection stores a section under parent.
func (f *fixture) addSection(t *testing.T, name, slug string, parent int64, pos int) *herald.Section {
	t.Helper()
	s := &herald.Section{Name: name, Slug: slug, ParentID: parent, Position: pos, InNav: true}
	must(t, f.store.CreateSection(context.Background(), s))
	return s
}

// addArticle stores a draft by the admin in section.
func (f *fixture) addArticle(t *testing.T, slug string, section int64, mod func(*herald.Article)) *herald.Article {
	t.Helper()
	admin := f.users[herald.RoleAdmin].ID
	art := &herald.Article{Headline: "Article " + slug, Slug: slug, Language: "en", Status: herald.StatusDraft,
		Body: "Text.", SectionID: section, AuthorIDs: []int64{admin}, EditorID: admin}
	if mod != nil {
		mod(art)
	}
	must(t, f.store.CreateArticle(context.Background(), art))
	return art
}

func TestSections_Form(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	world := f.addSection(t, "World", "world", 0, 0)
	resp, body := ed.get("/admin/sections/new")
	wantPage(t, resp, body, 200, "data-slug-source>", "data-slug-target>")
	tests := []struct {
		name   string
		form   url.Values
		status int
		want   []string
	}{
		{"name missing, input kept", url.Values{"slug": {"my-slug"}, "description": {"Kept text"}}, 422,
			[]string{`id="name-error"`, "is required", `value="my-slug"`, "Kept text"}},
		{"bad slug", url.Values{"name": {"Europe"}, "slug": {"Bad Slug"}}, 422,
			[]string{`id="slug-error"`, `value="Europe"`, `value="Bad Slug"`}},
		{"slug taken", url.Values{"name": {"Other"}, "slug": {"world"}}, 422, []string{"is already used"}},
		{"unknown parent", url.Values{"name": {"X"}, "parent": {"999"}}, 422, []string{`id="parent-error"`}},
		{"parent not a number", url.Values{"name": {"X"}, "parent": {"abc"}}, 422, []string{"must be a whole number"}},
		{"created, slug from the name", url.Values{"name": {"Щука ест ёжика"}, "parent": {itoa(world.ID)}}, 303, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ed.post("/admin/sections/new", tt.form)
			wantPage(t, resp, body, tt.status, tt.want...)
		})
	}
	s, err := f.store.FindSectionBySlug(context.Background(), "shchuka-est-ezhika")
	must(t, err)
	if s.ParentID != world.ID {
		t.Errorf("created section %+v, want parent %d", s, world.ID)
	}
	// A section may not move under its own subsection.
	resp, body = ed.post("/admin/sections/"+itoa(world.ID)+"/edit", url.Values{"name": {"World"}, "slug": {"world"}, "parent": {itoa(s.ID)}})
	wantPage(t, resp, body, 422, "may not be one of the section")
	_, body = ed.get("/admin/sections/" + itoa(world.ID) + "/edit")
	if strings.Contains(body, `<option value="`+itoa(s.ID)+`"`) || strings.Contains(body, `<option value="`+itoa(world.ID)+`"`) {
		t.Errorf("World's parent choices hold itself or its subsection")
	}
	_, body = ed.get("/admin/sections")
	if !strings.Contains(body, "— <a href=\"/admin/sections/"+itoa(s.ID)+"/edit\">Щука ест ёжика</a>") {
		t.Errorf("the tree does not indent the subsection:\n%.3000s", body)
	}
}

func TestSections_MoveAndDelete(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	world := f.addSection(t, "World", "world", 0, 0)
	biz := f.addSection(t, "Business", "business", 0, 1)
	europe := f.addSection(t, "Europe", "europe", world.ID, 0)
	asia := f.addSection(t, "Asia", "asia", world.ID, 1)
	for i := range 3 {
		f.addArticle(t, "w"+itoa(int64(i)), world.ID, nil)
	}
	f.addArticle(t, "e1", europe.ID, nil)

	resp, _ := ed.post("/admin/sections/"+itoa(biz.ID)+"/move", url.Values{"direction": {"up"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	all, err := f.store.FindSections(context.Background())
	must(t, err)
	if all[0].ID != biz.ID {
		t.Errorf("after moving Business up the first section is %s", all[0].Name)
	}

	resp, body := ed.get("/admin/sections/" + itoa(world.ID) + "/delete")
	wantPage(t, resp, body, 200, "Its 3 articles will have no section",
		"Its 2 subsections (“Europe”, “Asia”) move up to the top level.")
	resp, body = ed.get("/admin/sections/" + itoa(europe.ID) + "/delete")
	wantPage(t, resp, body, 200, "Its 1 article will have no section")
	resp, _ = ed.post("/admin/sections/"+itoa(world.ID)+"/delete", url.Values{"confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	got, err := f.store.FindSection(context.Background(), asia.ID)
	must(t, err)
	if got.ParentID != 0 {
		t.Errorf("Asia's parent is %d after deleting World, want 0", got.ParentID)
	}
	f.wantAudit(t, "section.delete", "World")
}

// wantAudit checks that the newest audit event of action has detail.
func (f *fixture) wantAudit(t *testing.T, action, detail string) {
	t.Helper()
	evs, _, err := f.store.FindAuditEvents(context.Background(), herald.AuditFilter{Action: action, Limit: 1})
	must(t, err)
	if len(evs) == 0 || !strings.Contains(evs[0].Detail, detail) {
		t.Errorf("audit events of %s: %+v, want one with %q", action, evs, detail)
	}
}

func TestAudit_List(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for i := range 60 {
		must(t, f.store.CreateAuditEvent(ctx, &herald.AuditEvent{Time: f.clock.Now(), UserID: f.users[herald.RoleEditor].ID,
			Action: "tag.delete", Subject: "tag " + itoa(int64(i)), Detail: "d"}))
	}
	must(t, f.store.CreateAuditEvent(ctx, &herald.AuditEvent{Time: f.clock.Now(), Action: "user.role", Subject: "user 9", Detail: "author → editor"}))
	adm := f.as(t, herald.RoleAdmin)
	resp, body := adm.get("/admin/audit?action=user.role")
	wantPage(t, resp, body, 200, "author → editor", "1 event")
	resp, body = adm.get("/admin/audit?user=" + itoa(f.users[herald.RoleEditor].ID))
	wantPage(t, resp, body, 200, "60 events", `rel="next"`, "The editor")
	resp, body = adm.get("/admin/audit?page=x")
	wantPage(t, resp, body, 200)
	resp, _ = f.as(t, herald.RoleEditor).get("/admin/audit")
	wantPage(t, resp, "", http.StatusForbidden)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
