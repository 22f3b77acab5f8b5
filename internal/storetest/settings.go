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
	}
	f.check(s.UpdateSettings(f.ctx, want))
	got, err = s.FindSettings(f.ctx)
	f.check(err)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("settings after update (-want +got):\n%s", diff)
	}
	bad := want
	bad.PerPage = 0
	wantCode(t, s.UpdateSettings(f.ctx, bad), herald.EINVALID)
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
