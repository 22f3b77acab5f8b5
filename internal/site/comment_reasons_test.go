package site

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// TestComments_Reasons checks that a posted comment the spam checks hold or
// mark spam is stored with their reasons, one for each rule, the
// moderation mode's included, and that readers never see them.
func TestComments_Reasons(t *testing.T) {
	approveAll := func(c *herald.CommentSettings) { c.Moderation = herald.ModerateApproveAll }
	for _, tc := range []struct {
		name   string
		set    func(*herald.CommentSettings)
		form   map[string]string
		remote string
		want   herald.CommentStatus
		wantR  []string
	}{
		{"too many links", func(c *herald.CommentSettings) { approveAll(c); c.MaxLinks = 1 },
			map[string]string{"comment": "See https://a.example/ and https://b.example/."}, "", herald.CommentPending,
			[]string{"links (2)", "too many links (2, at most 1)"}},
		{"blocked word", func(c *herald.CommentSettings) { approveAll(c); c.BlockedWords = []string{"Harbourside"} },
			map[string]string{"comment": "Harbourside flats are cheap."}, "", herald.CommentPending,
			[]string{"blocked word “harbourside”"}},
		{"blocked address", func(c *herald.CommentSettings) { approveAll(c); c.BlockedIPs = []string{"203.0.113.0/24"} },
			nil, "203.0.113.7:1", herald.CommentPending, []string{"blocked address"}},
		{"blocked email address", func(c *herald.CommentSettings) { approveAll(c); c.BlockedEmails = []string{"mary@example.org"} },
			nil, "", herald.CommentPending, []string{"blocked email address"}},
		{"blocked email domain", func(c *herald.CommentSettings) { approveAll(c); c.BlockedEmails = []string{"@example.org"} },
			nil, "", herald.CommentPending, []string{"blocked email domain"}},
		{"first-time commenter", func(c *herald.CommentSettings) {}, nil, "", herald.CommentPending,
			[]string{"first comment from this address"}},
		{"every comment held", func(c *herald.CommentSettings) { c.Moderation = herald.ModerateAll }, nil, "", herald.CommentPending,
			[]string{"every comment is held"}},
		{"a rule and the mode", func(c *herald.CommentSettings) { c.BlockedWords = []string{"flats"} },
			map[string]string{"comment": "Harbourside flats are cheap."}, "", herald.CommentPending,
			[]string{"blocked word “flats”", "first comment from this address"}},
		{"approved has none", approveAll, nil, "", herald.CommentApproved, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, path := commentsFixture(t)
			f.setComments(t, tc.set)
			res := f.postAsMary(t, path, tc.form, tc.remote)
			c := f.postedComment(t, res)
			if c.Status != tc.want || !cmp.Equal(c.Reasons, tc.wantR) {
				t.Errorf("stored %s %q, want %s %q", c.Status, c.Reasons, tc.want, tc.wantR)
			}
			for _, r := range c.Reasons {
				if strings.Contains(r, "mary@example.org") || strings.Contains(r, "203.0.113.7") {
					t.Errorf("reason %q quotes the email or IP address", r)
				}
			}
			f.noReasons(t, c.Reasons, path, ownCookieOf(t, res))
		})
	}
}

func TestComments_ReasonsHoneypot(t *testing.T) {
	f, path := commentsFixture(t)
	form := map[string]string{"author": "Bot", "email": "bot@example.org", "comment": "Great post.", "website2": "http://x.example/"}
	if res := f.post(t, path, form, "1.2.3.4:5"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("post: %d", res.StatusCode)
	}
	got, _, err := f.store.FindComments(context.Background(), herald.CommentFilter{Status: herald.CommentSpam})
	must(t, err)
	if len(got) != 1 || !cmp.Equal(got[0].Reasons, []string{"hidden anti-spam field filled in"}) {
		t.Fatalf("spam folder: %+v, want the bot's comment with the honeypot's reason", got)
	}
}

// TestComments_ReasonsEdit checks that an approved comment an edit sends
// back to moderation carries the reasons of the content rules.
func TestComments_ReasonsEdit(t *testing.T) {
	f, path := commentsFixture(t)
	f.setComments(t, func(c *herald.CommentSettings) {
		c.Moderation, c.BlockedWords = herald.ModerateApproveAll, []string{"harbourside"}
	})
	res := f.post(t, path, map[string]string{"author": "Mary", "email": "mary@example.org", "comment": "First post."}, "1.2.3.4:5")
	c, own := f.postedComment(t, res), ownCookieOf(t, res)
	id := strconv.FormatInt(c.ID, 10)
	edit := path + "comments/" + id + "/edit/"
	w := f.request(t, "POST", edit, url.Values{"token": {f.actionToken(t, edit, own)}, "comment": {"Harbourside flats for sale."}}, "1.2.3.4:5", own)
	got := mustComment(t, f, id)
	if want := []string{"blocked word “harbourside”"}; w.Code != http.StatusSeeOther || got.Status != herald.CommentPending || !cmp.Equal(got.Reasons, want) {
		t.Errorf("edit with a blocked word: %d, %s %q, want pending %q", w.Code, got.Status, got.Reasons, want)
	}
	f.noReasons(t, got.Reasons, path, own)
}

// postAsMary posts Mary's comment on the article at path, with the
// fields of form in place of hers, from remote ("1.2.3.4:5" when empty).
func (f *fixture) postAsMary(t *testing.T, path string, form map[string]string, remote string) *http.Response {
	t.Helper()
	mary := map[string]string{"author": "Mary", "email": "mary@example.org", "comment": "A fair question about the fire."}
	for k, v := range form {
		mary[k] = v
	}
	if remote == "" {
		remote = "1.2.3.4:5"
	}
	return f.post(t, path, mary, remote)
}

// noReasons fails when the article at path, as a stranger and as the
// poster see it, shows one of the reasons.
func (f *fixture) noReasons(t *testing.T, reasons []string, path string, own *http.Cookie) {
	t.Helper()
	for _, cookies := range [][]*http.Cookie{nil, {own}} {
		body := f.request(t, "GET", path, nil, "5.6.7.8:9", cookies...).Body.String()
		for _, r := range reasons {
			if strings.Contains(body, html.EscapeString(r)) {
				t.Errorf("the article shows the reason %q", r)
			}
		}
	}
}
