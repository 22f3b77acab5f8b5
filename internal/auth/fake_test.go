package auth

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/clocktest"
)

// fakeStore is an in-memory Store for the tests of this package.
type fakeStore struct {
	mu       sync.Mutex
	users    map[int64]*herald.User
	sessions map[string]*herald.Session
	failures map[string][]time.Time
	secrets  map[string][]byte
	audit    []*herald.AuditEvent
	touches  int
}

func newFakeStore() *fakeStore {
	return &fakeStore{users: map[int64]*herald.User{}, sessions: map[string]*herald.Session{},
		failures: map[string][]time.Time{}, secrets: map[string][]byte{}}
}

var errNotFound = herald.Errorf(herald.ENOTFOUND, "not found")

func (f *fakeStore) FindUser(_ context.Context, id int64) (*herald.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if u, ok := f.users[id]; ok {
		c := *u
		return &c, nil
	}
	return nil, errNotFound
}
func (f *fakeStore) FindUserBySlug(context.Context, string) (*herald.User, error) {
	return nil, errNotFound
}
func (f *fakeStore) FindUsers(_ context.Context, flt herald.UserFilter) ([]*herald.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*herald.User
	for _, u := range f.users {
		if flt.Email == "" || strings.EqualFold(u.Email, flt.Email) {
			c := *u
			out = append(out, &c)
		}
	}
	return out, nil
}
func (f *fakeStore) CountUsers(context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.users), nil
}
func (f *fakeStore) CreateUser(_ context.Context, u *herald.User) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	u.ID = int64(len(f.users) + 1)
	c := *u
	f.users[u.ID] = &c
	return nil
}
func (f *fakeStore) UpdateUser(_ context.Context, u *herald.User) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := *u
	c.RecoveryCodes = slices.Clone(u.RecoveryCodes)
	f.users[u.ID] = &c
	return nil
}
func (f *fakeStore) DeleteUser(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.users, id)
	return nil
}
func (f *fakeStore) CreateSession(_ context.Context, s *herald.Session) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := *s
	f.sessions[s.ID] = &c
	return nil
}
func (f *fakeStore) FindSession(_ context.Context, id string) (*herald.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s, ok := f.sessions[id]; ok {
		c := *s
		return &c, nil
	}
	return nil, errNotFound
}
func (f *fakeStore) FindSessions(_ context.Context, userID int64) ([]*herald.Session, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*herald.Session
	for _, s := range f.sessions {
		if s.UserID == userID {
			c := *s
			out = append(out, &c)
		}
	}
	slices.SortFunc(out, func(a, b *herald.Session) int { return b.LastSeenAt.Compare(a.LastSeenAt) })
	return out, nil
}
func (f *fakeStore) TouchSession(_ context.Context, id string, seen time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.touches++
	if s, ok := f.sessions[id]; ok {
		s.LastSeenAt = seen
	}
	return nil
}
func (f *fakeStore) DeleteSession(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.sessions, id)
	return nil
}
func (f *fakeStore) DeleteUserSessions(_ context.Context, userID int64, except string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, s := range f.sessions {
		if s.UserID == userID && id != except {
			delete(f.sessions, id)
		}
	}
	return nil
}
func (f *fakeStore) DeleteExpiredSessions(_ context.Context, now, idleSince time.Time) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for id, s := range f.sessions {
		if !now.Before(s.ExpiresAt) || s.LastSeenAt.Before(idleSince) {
			delete(f.sessions, id)
			n++
		}
	}
	return n, nil
}
func (f *fakeStore) RecordFailure(_ context.Context, key string, at time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[key] = append(f.failures[key], at)
	return nil
}
func (f *fakeStore) CountFailures(_ context.Context, key string, since time.Time) (int, time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, oldest := 0, time.Time{}
	for _, t := range f.failures[key] {
		if !t.Before(since) {
			if n == 0 || t.Before(oldest) {
				oldest = t
			}
			n++
		}
	}
	return n, oldest, nil
}
func (f *fakeStore) ClearFailures(_ context.Context, key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.failures, key)
	return nil
}
func (f *fakeStore) Secret(_ context.Context, name string, gen func() []byte) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.secrets[name]; !ok {
		f.secrets[name] = gen()
	}
	return f.secrets[name], nil
}
func (f *fakeStore) CreateAuditEvent(_ context.Context, e *herald.AuditEvent) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.audit = append(f.audit, e)
	return nil
}
func (f *fakeStore) FindAuditEvents(context.Context, herald.AuditFilter) ([]*herald.AuditEvent, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.audit, len(f.audit), nil
}

// newTestAuth returns an Auth on a fake store with a fake clock, and a user
// whose password is "correct horse battery".
func newTestAuth(t *testing.T) (*Auth, *fakeStore, *clocktest.Clock, *herald.User) {
	t.Helper()
	st := newFakeStore()
	clk := clocktest.New(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	a, err := New(context.Background(), Options{Store: st, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	hash, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	u := &herald.User{Name: "Ann Editor", Slug: "ann", Email: "ann@example.com", Role: herald.RoleEditor, PasswordHash: hash}
	if err := st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return a, st, clk, u
}
