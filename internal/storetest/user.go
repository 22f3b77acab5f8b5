package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

func testUserCRUD(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	photo := f.media(1)
	bob, ann := f.user("bob"), f.user("ann")
	if bob.CreatedAt.IsZero() {
		t.Error("CreatedAt is not set")
	}
	// "Robert" now sorts before "User ann".
	bob.Name, bob.Role, bob.PhotoMediaID, bob.Email = "Robert", herald.RoleEditor, photo.ID, "Robert@Example.com"
	f.check(s.UpdateUser(f.ctx, bob))
	got, err := s.FindUser(f.ctx, bob.ID)
	f.check(err)
	if diff := cmp.Diff(bob, got); diff != "" {
		t.Errorf("FindUser after update (-want +got):\n%s", diff)
	}
	tests := []struct {
		name   string
		filter herald.UserFilter
		want   []*herald.User
	}{
		{"all by name", herald.UserFilter{}, []*herald.User{bob, ann}},
		{"id", herald.UserFilter{ID: ann.ID}, []*herald.User{ann}},
		{"slug", herald.UserFilter{Slug: "bob"}, []*herald.User{bob}},
		{"email in any case", herald.UserFilter{Email: "robert@EXAMPLE.com"}, []*herald.User{bob}},
		{"offset", herald.UserFilter{Offset: 1}, []*herald.User{ann}},
		{"limit", herald.UserFilter{Limit: 1}, []*herald.User{bob}},
		{"no match", herald.UserFilter{Slug: "none"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.FindUsers(f.ctx, tt.filter)
			f.check(err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FindUsers (-want +got):\n%s", diff)
			}
		})
	}
	n, err := s.CountUsers(f.ctx)
	f.check(err)
	if n != 2 {
		t.Errorf("CountUsers = %d, want 2", n)
	}
}

func testUserConflict(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	ann := f.user("ann")
	bob := f.user("bob")
	tests := []struct {
		name        string
		slug, email string
	}{
		{"same slug", "ann", "other@example.com"},
		{"same email", "other", "ann@example.com"},
		{"same email in another case", "other", "ANN@Example.COM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &herald.User{Name: "New", Slug: tt.slug, Email: tt.email, Role: herald.RoleAuthor}
			wantCode(t, s.CreateUser(f.ctx, u), herald.ECONFLICT)
			upd := *bob
			upd.Slug, upd.Email = tt.slug, tt.email
			wantCode(t, s.UpdateUser(f.ctx, &upd), herald.ECONFLICT)
		})
	}
	t.Run("own slug and email", func(t *testing.T) {
		upd := *ann
		upd.Email = "Ann@example.com"
		f.check(s.UpdateUser(f.ctx, &upd))
	})
}

func testUserDelete(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	ann, bob := f.user("ann"), f.user("bob")
	a := f.article(func(a *herald.Article) { a.AuthorIDs = []int64{ann.ID, bob.ID} })
	f.check(s.DeleteUser(f.ctx, ann.ID))
	_, err := s.FindUser(f.ctx, ann.ID)
	wantCode(t, err, herald.ENOTFOUND)
	art, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if diff := cmp.Diff([]*herald.User{bob}, art.Authors); diff != "" {
		t.Errorf("authors after deleting one (-want +got):\n%s", diff)
	}
}

func testMediaCRUD(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	m := f.media(1)
	if m.CreatedAt.IsZero() {
		t.Error("CreatedAt is not set")
	}
	m.Alt, m.Caption, m.Credit, m.Variants = "New alt", "A caption", "Photographer", []int{320, 640, 1280}
	f.check(s.UpdateMedia(f.ctx, m))
	got, err := s.FindMediaByHash(f.ctx, m.Hash)
	f.check(err)
	if diff := cmp.Diff(m, got); diff != "" {
		t.Errorf("FindMediaByHash (-want +got):\n%s", diff)
	}
	m.Variants = nil
	f.check(s.UpdateMedia(f.ctx, m))
	got, err = s.FindMedia(f.ctx, m.ID)
	f.check(err)
	if diff := cmp.Diff(m, got); diff != "" {
		t.Errorf("FindMedia without variants (-want +got):\n%s", diff)
	}
}

func testMediaDelete(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	m := f.media(1)
	a := f.article(func(a *herald.Article) { a.FeaturedMediaID = m.ID })
	u := f.user("ann")
	u.PhotoMediaID = m.ID
	f.check(s.UpdateUser(f.ctx, u))
	f.check(s.DeleteMedia(f.ctx, m.ID))
	_, err := s.FindMedia(f.ctx, m.ID)
	wantCode(t, err, herald.ENOTFOUND)
	art, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if art.FeaturedMediaID != 0 || art.Featured != nil {
		t.Errorf("article image = %d %v, want none", art.FeaturedMediaID, art.Featured)
	}
	got, err := s.FindUser(f.ctx, u.ID)
	f.check(err)
	if got.PhotoMediaID != 0 {
		t.Errorf("user photo = %d, want none", got.PhotoMediaID)
	}
}
