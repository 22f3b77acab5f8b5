package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

func testSettingsRoundTrip(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	got, err := s.FindSettings(f.ctx)
	f.check(err)
	if diff := cmp.Diff(herald.DefaultSettings(), got); diff != "" {
		t.Errorf("settings of a new store (-want +got):\n%s", diff)
	}
	want := herald.Settings{
		Title: "The Daily", Tagline: "", BaseURL: "https://news.example.com", Language: "ru",
		TimeZone: "Europe/Moscow", DateFormat: "iso", PerPage: 7, CommentsOpen: false, LogoMediaID: 5,
		Comments: herald.CommentSettings{
			Moderation: herald.ModerateAll, Depth: 3, CloseAfterDays: 14, RetentionDays: 7, MaxLinks: 0,
			BlockedWords: []string{"casino", "дешёвые часы"}, BlockedIPs: []string{"192.0.2.0/24", "2001:db8::1"},
			BlockedEmails: []string{"@spam.example", "bot@example.com"},
		},
		Distribution: herald.DistributionSettings{ShareNetworks: []string{"telegram", "vk"}, FeedFullText: false, FeedItems: 50},
		Protection: herald.ProtectionSettings{
			CopyProtection: herald.CopyAttribute, CopyNotice: "Защищено", CopyLength: 500, MediaHotlinks: true,
		},
	}
	f.check(s.UpdateSettings(f.ctx, want))
	got, err = s.FindSettings(f.ctx)
	f.check(err)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("settings after update (-want +got):\n%s", diff)
	}
	for name, spoil := range map[string]func(*herald.Settings){
		"per page":        func(s *herald.Settings) { s.PerPage = 0 },
		"moderation":      func(s *herald.Settings) { s.Comments.Moderation = "maybe" },
		"depth":           func(s *herald.Settings) { s.Comments.Depth = 11 },
		"blocked ip":      func(s *herald.Settings) { s.Comments.BlockedIPs = []string{"300.1.1.1"} },
		"blocked email":   func(s *herald.Settings) { s.Comments.BlockedEmails = []string{"nobody"} },
		"share network":   func(s *herald.Settings) { s.Distribution.ShareNetworks = []string{"myspace"} },
		"share twice":     func(s *herald.Settings) { s.Distribution.ShareNetworks = []string{"vk", "vk"} },
		"feed items":      func(s *herald.Settings) { s.Distribution.FeedItems = 0 },
		"copy protection": func(s *herald.Settings) { s.Protection.CopyProtection = "lock" },
		"empty notice": func(s *herald.Settings) {
			s.Protection.CopyProtection, s.Protection.CopyNotice = herald.CopyNotice, ""
		},
	} {
		bad := want
		spoil(&bad)
		if err := s.UpdateSettings(f.ctx, bad); herald.ErrorCode(err) != herald.EINVALID {
			t.Errorf("UpdateSettings with a bad %s: %v, want EINVALID", name, err)
		}
	}
	got, err = s.FindSettings(f.ctx)
	f.check(err)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("settings after a rejected update (-want +got):\n%s", diff)
	}
}

func testRedirectReplace(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	first := &herald.Redirect{From: "/old/", To: "/first/"}
	f.check(s.CreateRedirect(f.ctx, first))
	other := &herald.Redirect{From: "/another/", To: "https://example.com/"}
	f.check(s.CreateRedirect(f.ctx, other))
	second := &herald.Redirect{From: "/old/", To: "/second/"}
	f.check(s.CreateRedirect(f.ctx, second))
	got, err := s.FindRedirect(f.ctx, "/old/")
	f.check(err)
	if diff := cmp.Diff(second, got); diff != "" {
		t.Errorf("FindRedirect after replacing (-want +got):\n%s", diff)
	}
	all, err := s.FindRedirects(f.ctx, 0, 0)
	f.check(err)
	if diff := cmp.Diff([]*herald.Redirect{other, second}, all); diff != "" {
		t.Errorf("FindRedirects (-want +got):\n%s", diff)
	}
	f.check(s.DeleteRedirect(f.ctx, second.ID))
	_, err = s.FindRedirect(f.ctx, "/old/")
	wantCode(t, err, herald.ENOTFOUND)
	wantCode(t, s.CreateRedirect(f.ctx, &herald.Redirect{From: "no-slash", To: "/x/"}), herald.EINVALID)
}
