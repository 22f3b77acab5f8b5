package e2e

import (
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/sqlstore"
)

// openStore opens the SQLite store of s, which herald shares, to read what
// the site keeps out of its pages, such as the email it has queued: the
// e2e site sends none, having no SMTP server.
func (s *site) openStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(t.Context(), sqlstore.Options{DSN: filepath.Join(s.dataDir, "herald.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// mailTo claims the queued messages and returns those to address.
func mailTo(t *testing.T, st *sqlstore.Store, address string) []*herald.OutboxMessage {
	t.Helper()
	msgs, err := st.ClaimMessages(t.Context(), time.Now(), time.Hour, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var to []*herald.OutboxMessage
	for _, m := range msgs {
		if strings.EqualFold(m.To, address) {
			to = append(to, m)
		}
	}
	return to
}

var unsubscribeLink = regexp.MustCompile(`https?://\S+/comments/unsubscribe/\?token=\S+`)

// TestComments_Unsubscribe has a reader ask to be told of replies, follows
// the link of the email an approved reply sends them to the unsubscribe
// page, and checks that the next approved reply sends nothing.
func TestComments_Unsubscribe(t *testing.T) {
	s := commentSite(t)
	path := s.commentArticles(t, 1)[0]
	st := s.openStore(t)
	hal := newReader("Hal Subscriber")

	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	loaded := openAt(t, ctx, s.URL+path)
	fillComment(t, ctx, hal, "Will the library keep its Sunday hours?")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#notify"))); err != nil {
		t.Fatal(err)
	}
	id := sendComment(t, ctx, loaded)
	desk := newsroomBrowser(t)
	signIn(t, desk, s, s.addUser(t, "editor"))
	approveComment(t, desk, s, id)
	if got := mailTo(t, st, hal.Email); len(got) != 0 {
		t.Fatalf("the subscriber was mailed before any reply: %q", got[0].Subject)
	}

	// A reply, once approved, mails the subscriber a link to unsubscribe.
	first := replyTo(t, s, path, id, newReader("Ivy Replier"), "Yes, until March at least.")
	approveComment(t, desk, s, first)
	msgs := mailTo(t, st, hal.Email)
	if len(msgs) != 1 {
		t.Fatalf("the subscriber got %d messages about the approved reply, want 1", len(msgs))
	}
	link := unsubscribeLink.FindString(msgs[0].Text)
	if link == "" {
		t.Fatalf("the reply notification has no unsubscribe link:\n%s", msgs[0].Text)
	}
	if lu := msgs[0].Headers["List-Unsubscribe"]; !strings.Contains(lu, "/comments/unsubscribe/?token=") {
		t.Errorf("List-Unsubscribe is %q, want the one-click link", lu)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}

	// The link's page asks for a click, which stops the emails.
	open(t, ctx, s.URL+u.RequestURI())
	if status := submit(t, ctx, "#comment-action"); status != 200 {
		t.Fatalf("unsubscribing answered %d", status)
	}
	if got := text(t, ctx, "main"); !strings.Contains(got, "You will no longer get emails about replies.") {
		t.Errorf("the page after unsubscribing says %q, want that no more emails come", got)
	}
	c, err := st.FindComment(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Notify {
		t.Fatalf("comment %d still asks for notifications after unsubscribing", id)
	}
	second := replyTo(t, s, path, id, newReader("Jon Replier"), "The notice says April.")
	approveComment(t, desk, s, second)
	if got := mailTo(t, st, hal.Email); len(got) != 0 {
		t.Errorf("the reader was mailed %q after unsubscribing", got[0].Subject)
	}
	w.check(t, s.URL)
}
