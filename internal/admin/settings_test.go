package admin

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/herald-news/herald"
)

// settingsValues is a valid settings form.
func settingsValues() url.Values {
	return url.Values{"title": {"The Daily"}, "tagline": {"All the news"}, "time_zone": {"Europe/Moscow"},
		"language": {"ru"}, "date_format": {"iso"}, "per_page": {"15"},
		"comment_moderation": {"hold_all"}, "comment_depth": {"4"}, "comment_close_after_days": {"30"},
		"comment_retention_days": {"14"}, "comment_max_links": {"3"},
		"comment_blocked_words": {" casino \r\n\r\nдешёвые часы\n"}, "comment_blocked_ips": {"192.0.2.0/24"},
		"comment_blocked_emails": {"@spam.example"}, "share_networks": {"Telegram, vk x"}, "feed_items": {"25"},
		"copy_protection": {"notice"}, "copy_notice": {"Текст защищён"}, "copy_length": {"400"}, "media_hotlinks": {"1"}}
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
		{"bad moderation", with("comment_moderation", "sometimes"), "comment_moderation", `value="The Daily"`},
		{"depth too deep", with("comment_depth", "99"), "comment_depth", `value="99"`},
		{"negative closing", with("comment_close_after_days", "-1"), "comment_close_after_days", `value="-1"`},
		{"no retention", with("comment_retention_days", "0"), "comment_retention_days", `value="0"`},
		{"bad blocked address", with("comment_blocked_ips", "10.0.0.0/99"), "comment_blocked_ips", ">10.0.0.0/99</textarea>"},
		{"bad blocked email", with("comment_blocked_emails", "spammer"), "comment_blocked_emails", ">spammer</textarea>"},
		{"unknown network", with("share_networks", "x, myspace"), "share_networks", `value="x, myspace"`},
		{"too many feed items", with("feed_items", "1000"), "feed_items", `value="1000"`},
		{"bad copy mode", with("copy_protection", "lock"), "copy_protection", `value="Текст защищён"`},
		{"notice without text", with("copy_notice", " "), "copy_notice", `value="ru"`},
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
	wantComments := herald.CommentSettings{
		Moderation: herald.ModerateAll, Depth: 4, CloseAfterDays: 30, RetentionDays: 14, MaxLinks: 3,
		BlockedWords: []string{"casino", "дешёвые часы"}, BlockedIPs: []string{"192.0.2.0/24"}, BlockedEmails: []string{"@spam.example"},
	}
	if !reflect.DeepEqual(s.Comments, wantComments) {
		t.Errorf("comment settings %+v, want %+v", s.Comments, wantComments)
	}
	if d := s.Distribution; !slices.Equal(d.ShareNetworks, []string{"telegram", "vk", "x"}) || d.FeedFullText || d.FeedItems != 25 {
		t.Errorf("distribution settings %+v", d)
	}
	if p := s.Protection; p != (herald.ProtectionSettings{CopyProtection: herald.CopyNotice, CopyNotice: "Текст защищён", CopyLength: 400, MediaHotlinks: true}) {
		t.Errorf("protection settings %+v", p)
	}
	w, err := f.store.FindSection(ctx, world.ID)
	must(t, err)
	b, err := f.store.FindSection(ctx, biz.ID)
	must(t, err)
	if w.InNav || !b.InNav {
		t.Errorf("navigation: World %v, Business %v; want false, true", w.InNav, b.InNav)
	}
	f.wantAudit(t, "settings.update", "title, tagline, time zone, language, date format, articles per page, comments open by default (false), comment settings, share and feed settings, copy protection settings")
	f.wantAudit(t, "settings.update", "navigation")
	resp, body = adm.get("/admin/settings")
	wantPage(t, resp, body, 200, `value="Europe/Moscow"`, `<option value="iso" selected>`)
	resp, _ = f.as(t, herald.RoleEditor).get("/admin/settings")
	wantPage(t, resp, "", http.StatusForbidden)
}
