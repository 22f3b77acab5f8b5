package site

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/notify"
)

func TestComments_Unsubscribe(t *testing.T) {
	f, _ := commentsFixture(t)
	ctx := context.Background()
	a := f.articles["fire-breaks-out-at-harbour"]
	var cs []*herald.Comment
	for _, text := range []string{"One.", "Two.", "Three."} {
		c := &herald.Comment{ArticleID: a.ID, Name: "Mary", Email: "Mary@Example.org", Text: text, Status: herald.CommentApproved, Notify: true}
		must(t, f.store.CreateComment(ctx, c))
		cs = append(cs, c)
	}
	key, err := notify.Key(ctx, f.store)
	must(t, err)
	notified := func(c *herald.Comment) bool {
		got, err := f.store.FindComment(ctx, c.ID)
		must(t, err)
		return got.Notify
	}
	link := notify.UnsubscribePath + "?token=" + notify.UnsubscribeToken(key, cs[0].ID)
	// GET asks, and changes nothing.
	w := f.request(t, "GET", link, nil, "1.2.3.4:5")
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(body, `<form class="comment-form" method="post" action="`+link+`">`) ||
		!strings.Contains(body, `id="comment-action">Unsubscribe</button>`) || !notified(cs[0]) {
		t.Fatalf("confirmation page: %d\n%s", w.Code, body)
	}
	// The button's POST unsubscribes every comment of the address.
	w = f.request(t, "POST", link, url.Values{}, "1.2.3.4:5")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "You will no longer get emails about replies") || notified(cs[0]) || notified(cs[2]) {
		t.Errorf("unsubscribe: %d", w.Code)
	}
	// RFC 8058 one-click POST from a mail reader.
	c := &herald.Comment{ArticleID: a.ID, Name: "Ann", Email: "ann@example.net", Text: "Four.", Status: herald.CommentApproved, Notify: true}
	must(t, f.store.CreateComment(ctx, c))
	one := notify.UnsubscribePath + "?token=" + notify.UnsubscribeToken(key, c.ID)
	w = f.request(t, "POST", one, url.Values{"List-Unsubscribe": {"One-Click"}}, "1.2.3.4:5")
	if w.Code != http.StatusOK || notified(c) {
		t.Errorf("one-click: %d, still notified: %v", w.Code, notified(c))
	}
	// Bad, forged and stale tokens: a clear 400, never a server error.
	for name, token := range map[string]string{
		"missing":        "",
		"garbage":        "abc",
		"forged":         "12.AAAAAAAA",
		"other key":      notify.UnsubscribeToken([]byte("another key"), cs[1].ID),
		"erased comment": notify.UnsubscribeToken(key, 999999),
	} {
		for _, method := range []string{"GET", "POST"} {
			var form url.Values
			if method == "POST" {
				form = url.Values{"List-Unsubscribe": {"One-Click"}}
			}
			w := f.request(t, method, notify.UnsubscribePath+"?token="+url.QueryEscape(token), form, "1.2.3.4:5")
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "This link does not work") {
				t.Errorf("%s %s: %d", method, name, w.Code)
			}
		}
	}
	if w := f.request(t, "PUT", link, nil, "1.2.3.4:5"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %d", w.Code)
	}
	f.noEmails(t, []string{"mary@example.org", "ann@example.net"}, []string{link, one})
}
