package site

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// outbox returns the addresses of the messages due in the outbox, and
// claims them so that the next call sees only newer ones.
func (f *fixture) outbox(t *testing.T) []string {
	t.Helper()
	msgs, err := f.store.ClaimMessages(context.Background(), f.clock.Now().Add(time.Hour), time.Hour, 100)
	must(t, err)
	var to []string
	for _, m := range msgs {
		to = append(to, m.To)
	}
	slices.Sort(to)
	return to
}

func TestComments_Notifications(t *testing.T) {
	f, path := commentsFixture(t)
	// Held: the article's authors and whoever may moderate hear of it.
	res := f.post(t, path, map[string]string{"author": "Mary", "email": "mary@example.org", "comment": "A question.", "notify": "1"}, "1.2.3.4:5")
	mary := f.postedComment(t, res)
	if got := f.outbox(t); !slices.Contains(got, "ann@example.com") || !slices.Contains(got, "boris@example.com") || !slices.Contains(got, "carl@example.com") {
		t.Errorf("held comment: messages to %v, want the authors and the editor", got)
	}
	must(t, f.store.UpdateCommentStatus(context.Background(), []int64{mary.ID}, herald.CommentApproved))
	f.outbox(t)
	// An approved reply: Mary asked to hear of replies.
	f.setComments(t, func(c *herald.CommentSettings) { c.Moderation = herald.ModerateApproveAll })
	res = f.post(t, path, map[string]string{"author": "Tom", "email": "tom@example.org", "comment": "An answer.", "parent": strconv.FormatInt(mary.ID, 10)}, "5.6.7.8:9")
	if c := f.postedComment(t, res); c.ParentID != mary.ID || c.Status != herald.CommentApproved {
		t.Fatalf("reply: parent %d, %s", c.ParentID, c.Status)
	}
	if got := f.outbox(t); len(got) != 1 || got[0] != "mary@example.org" {
		t.Errorf("approved reply: messages to %v, want Mary", got)
	}
}

func TestComments_CachedFormStaysValid(t *testing.T) {
	f, path := commentsFixture(t)
	old := tokenRE.FindStringSubmatch(f.request(t, "GET", path, nil, "1.2.3.4:5").Body.String())[1]
	f.clock.Advance(13 * time.Hour)
	fresh := tokenRE.FindStringSubmatch(f.request(t, "GET", path, nil, "1.2.3.4:5").Body.String())[1]
	if fresh == old {
		t.Errorf("the cached page's form token outlived half its life")
	}
	if !strings.Contains(f.request(t, "GET", path, nil, "1.2.3.4:5").Body.String(), fresh) {
		t.Errorf("the page is not cached again")
	}
}

func TestComments_ReplyToMissingParent(t *testing.T) {
	f, path := commentsFixture(t)
	other := &herald.Comment{ArticleID: f.articles["council-debates-port-budget"].ID, Name: "O", Email: "o@example.org", Text: "Elsewhere.", Status: herald.CommentApproved}
	must(t, f.store.CreateComment(context.Background(), other))
	spam := &herald.Comment{ArticleID: f.articles["fire-breaks-out-at-harbour"].ID, Name: "S", Email: "s@example.org", Text: "Spam.", Status: herald.CommentSpam}
	must(t, f.store.CreateComment(context.Background(), spam))
	for i, parent := range []int64{999999, other.ID, spam.ID} {
		remote := "1.2.3." + strconv.Itoa(i) + ":5"
		w := f.request(t, "POST", path+commentsSuffix, func() map[string][]string {
			v := postForm(f.token(t, path), "Mary", "mary"+strconv.Itoa(i)+"@example.org", "My kept reply.")
			v.Set("parent", strconv.FormatInt(parent, 10))
			return v
		}(), remote)
		body := w.Body.String()
		if w.Code != 422 || !strings.Contains(body, "no longer there") || !strings.Contains(body, "My kept reply.") || !strings.Contains(body, `name="parent" value="0"`) {
			t.Errorf("reply to %d: %d", parent, w.Code)
		}
	}
}
