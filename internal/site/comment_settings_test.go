package site

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// setComments changes the site's comment settings.
func (f *fixture) setComments(t *testing.T, change func(*herald.CommentSettings)) {
	t.Helper()
	s, err := f.store.FindSettings(context.Background())
	must(t, err)
	change(&s.Comments)
	must(t, f.store.UpdateSettings(context.Background(), s))
}

// post sends the comment form of the article at path from remote, with a
// fresh token, and returns the answer.
func (f *fixture) post(t *testing.T, path string, form map[string]string, remote string, cookies ...*http.Cookie) *http.Response {
	t.Helper()
	v := postForm(f.token(t, path, cookies...), form["author"], form["email"], form["comment"])
	for k, x := range form {
		v.Set(k, x)
	}
	return f.request(t, "POST", path+commentsSuffix, v, remote, cookies...).Result()
}

// postedComment returns the comment a post's redirect names.
func (f *fixture) postedComment(t *testing.T, res *http.Response) *herald.Comment {
	t.Helper()
	loc := res.Header.Get("Location")
	i := strings.LastIndex(loc, "#comment-")
	if res.StatusCode != http.StatusSeeOther || i < 0 {
		t.Fatalf("post: %d %q", res.StatusCode, loc)
	}
	return mustComment(t, f, loc[i+len("#comment-"):])
}

// noEmails fails when a page at one of paths shows one of the addresses
// or a hash of it (as Gravatar would).
func (f *fixture) noEmails(t *testing.T, emails []string, paths []string, cookies ...*http.Cookie) {
	t.Helper()
	for _, p := range paths {
		body := strings.ToLower(f.request(t, "GET", p, nil, "5.6.7.8:9", cookies...).Body.String())
		for _, e := range emails {
			e = strings.ToLower(e)
			m, s := md5.Sum([]byte(e)), sha256.Sum256([]byte(e))
			for _, leak := range []string{e, hex.EncodeToString(m[:]), hex.EncodeToString(s[:])} {
				if strings.Contains(body, leak) {
					t.Errorf("%s shows %q", p, leak)
				}
			}
		}
	}
}

func TestComments_SettingsDecide(t *testing.T) {
	for _, tc := range []struct {
		name   string
		set    func(*herald.CommentSettings)
		form   map[string]string
		remote string
		known  bool // the email has an approved comment already
		want   herald.CommentStatus
	}{
		{"hold_first holds a newcomer", func(c *herald.CommentSettings) {}, nil, "", false, herald.CommentPending},
		{"hold_first approves a known commenter", func(c *herald.CommentSettings) {}, nil, "", true, herald.CommentApproved},
		{"hold_all holds a known commenter", func(c *herald.CommentSettings) { c.Moderation = herald.ModerateAll }, nil, "", true, herald.CommentPending},
		{"approve_all approves a newcomer", func(c *herald.CommentSettings) { c.Moderation = herald.ModerateApproveAll }, nil, "", false, herald.CommentApproved},
		{"a blocked word holds", func(c *herald.CommentSettings) {
			c.Moderation, c.BlockedWords = herald.ModerateApproveAll, []string{"casino"}
		}, map[string]string{"comment": "Visit the Casino tonight."}, "", false, herald.CommentPending},
		{"a blocked IP prefix holds", func(c *herald.CommentSettings) {
			c.Moderation, c.BlockedIPs = herald.ModerateApproveAll, []string{"203.0.113.0/24"}
		}, nil, "203.0.113.7:1", false, herald.CommentPending},
		{"a blocked email domain holds", func(c *herald.CommentSettings) {
			c.Moderation, c.BlockedEmails = herald.ModerateApproveAll, []string{"@example.org"}
		}, nil, "", false, herald.CommentPending},
		{"links over the limit hold", func(c *herald.CommentSettings) { c.Moderation, c.MaxLinks = herald.ModerateApproveAll, 0 },
			map[string]string{"comment": "See https://a.example/ for more."}, "", false, herald.CommentPending},
		{"links within the limit pass", func(c *herald.CommentSettings) { c.Moderation, c.MaxLinks = herald.ModerateApproveAll, 1 },
			map[string]string{"comment": "See https://a.example/ for more."}, "", false, herald.CommentApproved},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, path := commentsFixture(t)
			f.setComments(t, tc.set)
			if tc.known {
				must(t, f.store.CreateComment(context.Background(), &herald.Comment{ArticleID: f.articles["fire-breaks-out-at-harbour"].ID,
					Name: "Mary", Email: "mary@example.org", Text: "Earlier.", Status: herald.CommentApproved}))
			}
			if c := f.postedComment(t, f.postAsMary(t, path, tc.form, tc.remote)); c.Status != tc.want {
				t.Errorf("status %s, want %s", c.Status, tc.want)
			}
		})
	}
}

func TestComments_Depth(t *testing.T) {
	f, path := commentsFixture(t)
	f.setComments(t, func(c *herald.CommentSettings) { c.Depth = 2 })
	a := f.articles["fire-breaks-out-at-harbour"]
	var parent int64
	for i := 0; i < 4; i++ {
		c := &herald.Comment{ArticleID: a.ID, ParentID: parent, Name: "N" + strconv.Itoa(i), Email: "n@example.org",
			Text: "Level " + strconv.Itoa(i), Status: herald.CommentApproved}
		must(t, f.store.CreateComment(context.Background(), c))
		parent = c.ID
	}
	body := f.request(t, "GET", path, nil, "1.2.3.4:5").Body.String()
	// Two levels of lists: the thread and its replies, the deeper ones beside.
	if n := strings.Count(body, `<ol class="comment-list">`); n != 2 {
		t.Errorf("%d nested lists, want 2 at depth 2", n)
	}
	for i := 0; i < 4; i++ {
		if !strings.Contains(body, "Level "+strconv.Itoa(i)) {
			t.Errorf("level %d not shown", i)
		}
	}
}

func TestComments_CloseAfterDays(t *testing.T) {
	f, path := commentsFixture(t)
	a := f.articles["fire-breaks-out-at-harbour"]
	// Published 2024-03-01 09:00; the fixture's clock shows 2024-03-20 12:00.
	f.setComments(t, func(c *herald.CommentSettings) { c.CloseAfterDays = 20 })
	w := f.request(t, "GET", path, nil, "1.2.3.4:5")
	if !strings.Contains(w.Body.String(), "Leave a Reply") {
		t.Fatalf("form not shown before the closing time")
	}
	tok := tokenRE.FindStringSubmatch(w.Body.String())[1]
	if n, _ := f.site.cache.Stats(); n != 1 {
		t.Fatalf("article not cached: %d pages", n)
	}
	// The cached page expires at the closing time, with no change in the store.
	f.clock.Set(a.PublishedAt.AddDate(0, 0, 20).Add(time.Second))
	w = f.request(t, "GET", path, nil, "1.2.3.4:5")
	body := w.Body.String()
	if strings.Contains(body, "Leave a Reply") || strings.Contains(body, "<form") || !strings.Contains(body, "Comments are closed.") {
		t.Errorf("after the closing time the page shows the form or lacks the notice")
	}
	res := f.request(t, "POST", path+commentsSuffix, postForm(tok, "Late", "late@example.org", "Too late."), "1.2.3.4:5")
	if res.Code != http.StatusForbidden || !strings.Contains(res.Body.String(), "Comments on this article are closed.") {
		t.Errorf("post after closing: %d", res.Code)
	}
	// Closed per article, with the site's closing off.
	f.setComments(t, func(c *herald.CommentSettings) { c.CloseAfterDays = 0 })
	if !strings.Contains(f.request(t, "GET", path, nil, "1.2.3.4:5").Body.String(), "Leave a Reply") {
		t.Errorf("form not shown with automatic closing off")
	}
	a.CommentsOpen = false
	must(t, f.store.UpdateArticle(context.Background(), a))
	res = f.request(t, "POST", path+commentsSuffix, postForm(tok, "Late", "late@example.org", "Too late."), "1.2.3.4:5")
	if res.Code != http.StatusForbidden || strings.Contains(res.Body.String(), "<textarea") {
		t.Errorf("post to a closed article: %d", res.Code)
	}
}
