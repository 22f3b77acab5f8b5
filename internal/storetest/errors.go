package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

// testSlugConflicts checks that taken slugs give ECONFLICT with a message
// that names the slug, on create and on update.
func testSlugConflicts(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	f.tag("taken")
	f.section("taken", 0, 0)
	f.story("taken")
	f.media(1)
	tag, sec, st, m := f.tag("free"), f.section("free", 0, 0), f.story("free"), f.media(2)
	tests := []struct {
		name string
		err  func(ctx context.Context) error
	}{
		{"create tag", func(ctx context.Context) error { return s.CreateTag(ctx, &herald.Tag{Slug: "taken", Name: "x"}) }},
		{"update tag", func(ctx context.Context) error { u := *tag; u.Slug = "taken"; return s.UpdateTag(ctx, &u) }},
		{"create section", func(ctx context.Context) error {
			return s.CreateSection(ctx, &herald.Section{Slug: "taken", Name: "x"})
		}},
		{"update section", func(ctx context.Context) error { u := *sec; u.Slug = "taken"; return s.UpdateSection(ctx, &u) }},
		{"create story", func(ctx context.Context) error {
			return s.CreateStory(ctx, &herald.Story{Slug: "taken", Name: "x"})
		}},
		{"update story", func(ctx context.Context) error { u := *st; u.Slug = "taken"; return s.UpdateStory(ctx, &u) }},
		{"create media with a known hash", func(ctx context.Context) error { u := *m; u.Hash = f.media(3).Hash; return s.CreateMedia(ctx, &u) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err(f.ctx)
			wantCode(t, err, herald.ECONFLICT)
			if msg := herald.ErrorMessage(err); tt.name != "create media with a known hash" && !strings.Contains(msg, "“taken”") {
				t.Errorf("message %q does not name the slug", msg)
			}
		})
	}
}

// testNotFound checks that every lookup, update and delete of a missing
// record returns ENOTFOUND.
func testNotFound(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	const id = 9999
	find := func(_ any, err error) error { return err }
	tests := []struct {
		name string
		err  func(ctx context.Context) error
	}{
		{"FindArticle", func(ctx context.Context) error { return find(s.FindArticle(ctx, id)) }},
		{"UpdateArticle", func(ctx context.Context) error { a := newArticle(1); a.ID = id; return s.UpdateArticle(ctx, a) }},
		{"DeleteArticle", func(ctx context.Context) error { return s.DeleteArticle(ctx, id) }},
		{"FindSection", func(ctx context.Context) error { return find(s.FindSection(ctx, id)) }},
		{"FindSectionBySlug", func(ctx context.Context) error { return find(s.FindSectionBySlug(ctx, "none")) }},
		{"UpdateSection", func(ctx context.Context) error {
			return s.UpdateSection(ctx, &herald.Section{ID: id, Slug: "x", Name: "x"})
		}},
		{"DeleteSection", func(ctx context.Context) error { return s.DeleteSection(ctx, id) }},
		{"FindTag", func(ctx context.Context) error { return find(s.FindTag(ctx, id)) }},
		{"FindTagBySlug", func(ctx context.Context) error { return find(s.FindTagBySlug(ctx, "none")) }},
		{"UpdateTag", func(ctx context.Context) error { return s.UpdateTag(ctx, &herald.Tag{ID: id, Slug: "x", Name: "x"}) }},
		{"DeleteTag", func(ctx context.Context) error { return s.DeleteTag(ctx, id) }},
		{"FindStory", func(ctx context.Context) error { return find(s.FindStory(ctx, id)) }},
		{"FindStoryBySlug", func(ctx context.Context) error { return find(s.FindStoryBySlug(ctx, "none")) }},
		{"UpdateStory", func(ctx context.Context) error {
			return s.UpdateStory(ctx, &herald.Story{ID: id, Slug: "x", Name: "x"})
		}},
		{"DeleteStory", func(ctx context.Context) error { return s.DeleteStory(ctx, id) }},
		{"FindUser", func(ctx context.Context) error { return find(s.FindUser(ctx, id)) }},
		{"FindUserBySlug", func(ctx context.Context) error { return find(s.FindUserBySlug(ctx, "none")) }},
		{"UpdateUser", func(ctx context.Context) error {
			return s.UpdateUser(ctx, &herald.User{ID: id, Slug: "x", Name: "x", Email: "x@example.com", Role: herald.RoleAdmin})
		}},
		{"DeleteUser", func(ctx context.Context) error { return s.DeleteUser(ctx, id) }},
		{"FindMedia", func(ctx context.Context) error { return find(s.FindMedia(ctx, id)) }},
		{"FindMediaByHash", func(ctx context.Context) error { return find(s.FindMediaByHash(ctx, "none")) }},
		{"UpdateMedia", func(ctx context.Context) error { m := *f.media(1); m.ID = id; return s.UpdateMedia(ctx, &m) }},
		{"DeleteMedia", func(ctx context.Context) error { return s.DeleteMedia(ctx, id) }},
		{"FindRedirect", func(ctx context.Context) error { return find(s.FindRedirect(ctx, "/none/")) }},
		{"DeleteRedirect", func(ctx context.Context) error { return s.DeleteRedirect(ctx, id) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, tt.err(f.ctx), herald.ENOTFOUND)
		})
	}
}

// testValidation checks that each store method validates its input.
func testValidation(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	tests := []struct {
		name string
		err  func(ctx context.Context) error
	}{
		{"CreateTag", func(ctx context.Context) error { return s.CreateTag(ctx, &herald.Tag{Slug: "-bad", Name: "x"}) }},
		{"UpdateTag", func(ctx context.Context) error { return s.UpdateTag(ctx, &herald.Tag{ID: 1, Slug: "x"}) }},
		{"CreateSection", func(ctx context.Context) error { return s.CreateSection(ctx, &herald.Section{Slug: "x"}) }},
		{"CreateSection under a missing parent", func(ctx context.Context) error {
			return s.CreateSection(ctx, &herald.Section{Slug: "x", Name: "x", ParentID: 9999})
		}},
		{"CreateStory", func(ctx context.Context) error { return s.CreateStory(ctx, &herald.Story{Slug: "Bad", Name: "x"}) }},
		{"CreateUser", func(ctx context.Context) error {
			return s.CreateUser(ctx, &herald.User{Slug: "x", Name: "x", Email: "not an email", Role: herald.RoleAdmin})
		}},
		{"CreateUser with a missing photo", func(ctx context.Context) error {
			return s.CreateUser(ctx, &herald.User{Slug: "x", Name: "x", Email: "x@example.com", Role: herald.RoleAdmin, PhotoMediaID: 9999})
		}},
		{"CreateMedia", func(ctx context.Context) error { return s.CreateMedia(ctx, &herald.Media{Hash: "short"}) }},
		{"CreateRedirect", func(ctx context.Context) error {
			return s.CreateRedirect(ctx, &herald.Redirect{From: "/a/", To: "/a/"})
		}},
		{"UpdateSettings", func(ctx context.Context) error { return s.UpdateSettings(ctx, herald.Settings{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, tt.err(f.ctx), herald.EINVALID)
		})
	}
}
