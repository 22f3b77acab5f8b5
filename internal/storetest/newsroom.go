package storetest

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

func testSessions(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	ann, bob := f.user("ann"), f.user("bob")
	at := day.Add(time.Hour)
	session := func(id string, u *herald.User, seen time.Time) *herald.Session {
		sess := &herald.Session{ID: id, UserID: u.ID, CreatedAt: at, LastSeenAt: seen, ExpiresAt: at.Add(24 * time.Hour),
			IP: "192.0.2.1", UserAgent: "Firefox"}
		f.check(s.CreateSession(f.ctx, sess))
		return sess
	}
	a1, a2, b1 := session("a1", ann, at.Add(time.Minute)), session("a2", ann, at.Add(2*time.Minute)), session("b1", bob, at)
	got, err := s.FindSession(f.ctx, "a1")
	f.check(err)
	if diff := cmp.Diff(a1, got); diff != "" {
		t.Errorf("FindSession (-want +got):\n%s", diff)
	}
	wantSessions(t, f, ann, a2, a1)
	f.check(s.TouchSession(f.ctx, "a1", at.Add(time.Hour)))
	a1.LastSeenAt = at.Add(time.Hour)
	wantSessions(t, f, ann, a1, a2)
	wantCode(t, s.CreateSession(f.ctx, &herald.Session{ID: "a1", UserID: ann.ID, ExpiresAt: at}), herald.ECONFLICT)
	wantCode(t, s.CreateSession(f.ctx, &herald.Session{ID: "x", UserID: 9999, ExpiresAt: at}), herald.EINVALID)
	wantCode(t, s.CreateSession(f.ctx, &herald.Session{ID: "", UserID: ann.ID, ExpiresAt: at}), herald.EINVALID)
	wantCode(t, s.TouchSession(f.ctx, "none", at), herald.ENOTFOUND)
	_, err = s.FindSession(f.ctx, "none")
	wantCode(t, err, herald.ENOTFOUND)

	f.check(s.DeleteUserSessions(f.ctx, ann.ID, "a2"))
	wantSessions(t, f, ann, a2)
	wantSessions(t, f, bob, b1)
	f.check(s.DeleteSession(f.ctx, "a2"))
	wantCode(t, s.DeleteSession(f.ctx, "a2"), herald.ENOTFOUND)
	wantSessions(t, f, ann)
	f.check(s.DeleteUserSessions(f.ctx, bob.ID, ""))
	wantSessions(t, f, bob)
}

func testSessionsExpiry(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	ann := f.user("ann")
	now := day.Add(10 * time.Hour)
	create := func(id string, seen, expires time.Time) {
		f.check(s.CreateSession(f.ctx, &herald.Session{ID: id, UserID: ann.ID, CreatedAt: day, LastSeenAt: seen, ExpiresAt: expires}))
	}
	create("live", now.Add(-time.Minute), now.Add(time.Hour))
	create("expired", now.Add(-time.Minute), now)
	create("idle", now.Add(-3*time.Hour), now.Add(time.Hour))
	n, err := s.DeleteExpiredSessions(f.ctx, now, now.Add(-2*time.Hour))
	f.check(err)
	if n != 2 {
		t.Errorf("DeleteExpiredSessions = %d, want 2", n)
	}
	got, err := s.FindSessions(f.ctx, ann.ID)
	f.check(err)
	if len(got) != 1 || got[0].ID != "live" {
		t.Errorf("sessions left: %+v", got)
	}
	t.Run("defaults", func(t *testing.T) {
		sess := &herald.Session{ID: "new", UserID: ann.ID, ExpiresAt: now.Add(time.Hour)}
		f.check(s.CreateSession(f.ctx, sess))
		if sess.CreatedAt.IsZero() || !sess.LastSeenAt.Equal(sess.CreatedAt) {
			t.Errorf("CreatedAt %v, LastSeenAt %v", sess.CreatedAt, sess.LastSeenAt)
		}
	})
	t.Run("deleting the user", func(t *testing.T) {
		f.check(s.DeleteUser(f.ctx, ann.ID))
		wantSessions(t, f, ann)
	})
}

func wantSessions(t *testing.T, f *fixture, u *herald.User, want ...*herald.Session) {
	t.Helper()
	got, err := f.s.FindSessions(f.ctx, u.ID)
	f.check(err)
	if want == nil {
		want = []*herald.Session{}
	}
	if got == nil {
		got = []*herald.Session{}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindSessions of %s (-want +got):\n%s", u.Slug, diff)
	}
}

func testAudit(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	at := day.Add(time.Hour)
	var events []*herald.AuditEvent
	for i, ev := range []herald.AuditEvent{
		{UserID: 1, Action: "sign_in", IP: "192.0.2.1"},
		{UserID: 2, Action: "article.publish", Subject: "article 42", Detail: "Polls open"},
		{UserID: 1, Action: "article.publish", Subject: "article 43"},
		{Action: "sign_in_failed", Detail: "ann@example.com"},
	} {
		ev.Time = at.Add(time.Duration(i) * time.Minute)
		f.check(s.CreateAuditEvent(f.ctx, &ev))
		events = append(events, &ev)
	}
	tests := []struct {
		name      string
		filter    herald.AuditFilter
		want      []*herald.AuditEvent
		wantTotal int
	}{
		{"all, newest first", herald.AuditFilter{}, []*herald.AuditEvent{events[3], events[2], events[1], events[0]}, 4},
		{"user", herald.AuditFilter{UserID: 1}, []*herald.AuditEvent{events[2], events[0]}, 2},
		{"action", herald.AuditFilter{Action: "article.publish"}, []*herald.AuditEvent{events[2], events[1]}, 2},
		{"both", herald.AuditFilter{UserID: 2, Action: "article.publish"}, []*herald.AuditEvent{events[1]}, 1},
		{"page", herald.AuditFilter{Offset: 1, Limit: 2}, []*herald.AuditEvent{events[2], events[1]}, 4},
		{"none", herald.AuditFilter{Action: "nothing"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.FindAuditEvents(f.ctx, tt.filter)
			f.check(err)
			if diff := cmp.Diff(tt.want, got); diff != "" || total != tt.wantTotal {
				t.Errorf("FindAuditEvents total %d (want %d) (-want +got):\n%s", total, tt.wantTotal, diff)
			}
		})
	}
	t.Run("time defaults to now", func(t *testing.T) {
		ev := &herald.AuditEvent{Action: "sign_out"}
		f.check(s.CreateAuditEvent(f.ctx, ev))
		if ev.ID == 0 || ev.Time.IsZero() {
			t.Errorf("after create: %+v", ev)
		}
	})
	t.Run("an action is required", func(t *testing.T) {
		wantCode(t, s.CreateAuditEvent(f.ctx, &herald.AuditEvent{}), herald.EINVALID)
	})
}

func testThrottle(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	at := day.Add(time.Hour)
	key, other := "login:email:ann@example.com", "login:ip:192.0.2.1"
	for i := range 3 {
		f.check(s.RecordFailure(f.ctx, key, at.Add(time.Duration(i)*time.Minute)))
	}
	f.check(s.RecordFailure(f.ctx, other, at))
	tests := []struct {
		name       string
		key        string
		since      time.Time
		want       int
		wantOldest time.Time
	}{
		{"all", key, at, 3, at},
		{"window", key, at.Add(time.Minute), 2, at.Add(time.Minute)},
		{"none in the window", key, at.Add(time.Hour), 0, time.Time{}},
		{"other key", other, day, 1, at},
		{"unknown key", "login:ip:198.51.100.1", day, 0, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, oldest, err := s.CountFailures(f.ctx, tt.key, tt.since)
			f.check(err)
			if n != tt.want || !oldest.Equal(tt.wantOldest) {
				t.Errorf("CountFailures = %d, %v; want %d, %v", n, oldest, tt.want, tt.wantOldest)
			}
		})
	}
	f.check(s.ClearFailures(f.ctx, key))
	if n, _, err := s.CountFailures(f.ctx, key, day); err != nil || n != 0 {
		t.Errorf("after clearing: %d, %v", n, err)
	}
	if n, _, err := s.CountFailures(f.ctx, other, day); err != nil || n != 1 {
		t.Errorf("the other key after clearing: %d, %v", n, err)
	}
}

func testSecrets(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	var mu sync.Mutex
	var got [][]byte
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			v, err := s.Secret(f.ctx, "session", func() []byte { return []byte{byte(i + 1), 2, 3} })
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			got = append(got, v)
			mu.Unlock()
		})
	}
	wg.Wait()
	for _, v := range got {
		if len(v) != 3 || !bytes.Equal(v, got[0]) {
			t.Fatalf("processes disagree on the secret: %v", got)
		}
	}
	again, err := s.Secret(f.ctx, "session", func() []byte { t.Error("generated again"); return []byte{9} })
	f.check(err)
	if !bytes.Equal(again, got[0]) {
		t.Errorf("secret changed: %v, then %v", got[0], again)
	}
	other, err := s.Secret(f.ctx, "reset", func() []byte { return []byte("other") })
	f.check(err)
	if string(other) != "other" {
		t.Errorf("second secret = %q", other)
	}
	_, err = s.Secret(f.ctx, "empty", func() []byte { return nil })
	wantCode(t, err, herald.EINVALID)
}

func testUserTwoFactor(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	u := &herald.User{Name: "Ann", Slug: "ann", Email: "ann@example.com", Role: herald.RoleAdmin,
		TOTPSecret: "JBSWY3DPEHPK3PXP", RecoveryCodes: []string{"hash-1", "hash-2"}}
	f.check(s.CreateUser(f.ctx, u))
	got, err := s.FindUser(f.ctx, u.ID)
	f.check(err)
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("FindUser (-want +got):\n%s", diff)
	}
	u.RecoveryCodes = []string{"hash-2"}
	f.check(s.UpdateUser(f.ctx, u))
	got, err = s.FindUser(f.ctx, u.ID)
	f.check(err)
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("FindUser after using a code (-want +got):\n%s", diff)
	}
	u.TOTPSecret, u.RecoveryCodes = "", nil
	f.check(s.UpdateUser(f.ctx, u))
	got, err = s.FindUser(f.ctx, u.ID)
	f.check(err)
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("FindUser after turning two-factor off (-want +got):\n%s", diff)
	}
}
