package admin

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/herald-news/herald"
)

// settingsValues is a valid settings form.
func settingsValues() url.Values {
	return url.Values{"title": {"The Daily"}, "tagline": {"All the news"}, "time_zone": {"Europe/Moscow"},
		"language": {"ru"}, "date_format": {"iso"}, "per_page": {"15"}}
}

func TestSettings(t *testing.T) {
	f := newFixture(t)
	world := f.addSection(t, "World", "world", 0, 0)
	biz := f.addSection(t, "Business", "business", 0, 1)
	adm := f.as(t, herald.RoleAdmin)
	with := func(k, v string) url.Values {
		vals := settingsValues()
		vals.Set(k, v)
		return vals
	}
	tests := []struct {
		name  string
		form  url.Values
		field string
		kept  string
	}{
		{"no title", with("title", ""), "title", `value="All the news"`},
		{"bad time zone", with("time_zone", "Mars/Olympus"), "time_zone", `value="Mars/Olympus"`},
		{"bad language", with("language", "english!"), "language", `value="english!"`},
		{"bad date format", with("date_format", "roman"), "date_format", `value="The Daily"`},
		{"per page zero", with("per_page", "0"), "per_page", `value="Europe/Moscow"`},
		{"per page text", with("per_page", "many"), "per_page", `value="ru"`},
		{"missing logo", with("logo", "404"), "logo", `value="The Daily"`},
		{"bad base URL", with("base_url", "ftp://x"), "base_url", `value="ftp://x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := adm.post("/admin/settings", tt.form)
			wantPage(t, resp, body, 422, `id="`+tt.field+`-error"`, tt.kept)
		})
	}
	form := settingsValues()
	form.Add("nav", itoa(biz.ID))
	resp, body := adm.post("/admin/settings", form)
	wantPage(t, resp, body, http.StatusSeeOther)
	ctx := context.Background()
	s, err := f.store.FindSettings(ctx)
	must(t, err)
	if s.Title != "The Daily" || s.TimeZone != "Europe/Moscow" || s.PerPage != 15 || s.CommentsOpen {
		t.Errorf("saved %+v", s)
	}
	w, err := f.store.FindSection(ctx, world.ID)
	must(t, err)
	b, err := f.store.FindSection(ctx, biz.ID)
	must(t, err)
	if w.InNav || !b.InNav {
		t.Errorf("navigation: World %v, Business %v; want false, true", w.InNav, b.InNav)
	}
	f.wantAudit(t, "settings.update", "title, tagline, time zone, language, date format, articles per page")
	f.wantAudit(t, "settings.update", "navigation")
	resp, body = adm.get("/admin/settings")
	wantPage(t, resp, body, 200, `value="Europe/Moscow"`, `<option value="iso" selected>`)
	resp, _ = f.as(t, herald.RoleEditor).get("/admin/settings")
	wantPage(t, resp, "", http.StatusForbidden)
}
