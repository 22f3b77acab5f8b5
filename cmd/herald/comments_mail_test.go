package main

import (
	"context"
	"io"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/mail"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/admin"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/clocktest"
	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/server"
	"github.com/herald-news/herald/internal/site"
	"github.com/herald-news/herald/internal/sqlstore"
)

// newsSite is Herald wired as serve wires it — site, newsroom, outbox
// sender — over SQLite, behind an httptest server, sending its email to a
// real SMTP server on a loopback port. The site and the store run on a
// settable clock, an hour behind, so that the comment form's minimum fill
// time passes without waiting and messages are due at once.
type newsSite struct {
	st      *sqlstore.Store
	clock   *clocktest.Clock
	web     *httptest.Server
	in      *inbox
	article *herald.Article
	seen    int // delivered messages already looked at
}

// delivered is one message the SMTP server received, parsed.
type delivered struct {
	To, Subject, Text string
	Header            mail.Header
}

// startNewsSite starts the site with an author, an editor, an admin and a
// published article by the author.
func startNewsSite(t *testing.T) *newsSite {
	t.Helper()
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	ns := &newsSite{clock: clocktest.New(time.Now().Add(-time.Hour).Truncate(time.Second)), in: &inbox{}}
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: filepath.Join(t.TempDir(), "h.db"), Now: ns.clock.Now})
	mustOK(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = st.Migrate(ctx)
	mustOK(t, err)
	ns.st = st
	hash, err := auth.HashPassword("copper meadow violin")
	mustOK(t, err)
	users := map[herald.Role]*herald.User{}
	for _, u := range []*herald.User{
		{Name: "Ann Author", Slug: "ann", Email: "ann@herald.test", Role: herald.RoleAuthor},
		{Name: "Ed Editor", Slug: "ed", Email: "ed@herald.test", Role: herald.RoleEditor, PasswordHash: hash},
		{Name: "Ada Admin", Slug: "ada", Email: "ada@herald.test", Role: herald.RoleAdmin},
		{Name: "Cy Contributor", Slug: "cy", Email: "cy@herald.test", Role: herald.RoleContributor},
	} {
		mustOK(t, st.CreateUser(ctx, u))
		users[u.Role] = u
	}
	ns.article = &herald.Article{Headline: "Bridge reopens", Slug: "bridge-reopens", Language: "en", Body: "Traffic flows.",
		Status: herald.StatusPublished, PublishedAt: ns.clock.Now().Add(-time.Hour), CommentsOpen: true,
		AuthorIDs: []int64{users[herald.RoleAuthor].ID}, EditorID: users[herald.RoleEditor].ID}
	mustOK(t, st.CreateArticle(ctx, ns.article))

	au, err := auth.New(ctx, auth.Options{Store: st, Now: time.Now, Logger: logger})
	mustOK(t, err)
	s, err := site.New(site.Options{Store: st, Now: ns.clock.Now, Logger: logger, Staff: au})
	mustOK(t, err)
	adm, err := admin.New(admin.Options{Store: st, Auth: au, Now: ns.clock.Now, Logger: logger})
	mustOK(t, err)
	srv := server.New(server.Options{Site: s.Handler(), Media: http.NotFoundHandler(), Admin: adm.Handler(), Ready: st.Ping, Logger: logger})
	ns.web = httptest.NewServer(srv.Handler())
	t.Cleanup(ns.web.Close)

	smtpServer := smtp.NewServer(ns.in)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	mustOK(t, err)
	go smtpServer.Serve(l)
	t.Cleanup(func() { smtpServer.Close() })
	stop, err := startMail(ctx, st, config.SMTP{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, Security: "none",
		From: "The Herald <news@herald.test>"}, logger)
	mustOK(t, err)
	t.Cleanup(stop)
	return ns
}

// mustOK stops the test on an error.
func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// browser is a client with its own cookies that does not follow redirects.
func (ns *newsSite) browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	mustOK(t, err)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// fetch sends a request and returns the status, the Location and the body.
func fetch(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	mustOK(t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	mustOK(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	mustOK(t, err)
	return resp.StatusCode, resp.Header.Get("Location"), string(b)
}

// hiddenValue returns the value of the hidden input named name in page.
func hiddenValue(t *testing.T, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `" value="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no hidden input %s in:\n%.3000s", name, page)
	}
	return m[1]
}

// postComment sends the article's comment form as a reader would, replying
// to parent (0 for none), and returns the new comment's id.
func (ns *newsSite) postComment(t *testing.T, name, email string, parent int64) int64 {
	t.Helper()
	c := ns.browser(t)
	path := ns.web.URL + ns.article.Path(time.UTC)
	status, _, page := fetch(t, c, "GET", path, nil)
	if status != http.StatusOK {
		t.Fatalf("GET the article: %d", status)
	}
	ns.clock.Advance(10 * time.Second) // the form's minimum fill time
	status, loc, body := fetch(t, c, "POST", path+"comments/", url.Values{
		"author": {name}, "email": {email}, "comment": {"Words of " + name + ".\n\nSecond paragraph."},
		"notify": {"1"}, "parent": {strconv.FormatInt(parent, 10)}, "token": {hiddenValue(t, page, "token")},
	})
	m := regexp.MustCompile(`#comment-(\d+)$`).FindStringSubmatch(loc)
	if status != http.StatusSeeOther || m == nil {
		t.Fatalf("posting a comment: %d %q\n%.3000s", status, loc, body)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// signIn signs the editor in through the sign-in form.
func (ns *newsSite) signIn(t *testing.T) *http.Client {
	t.Helper()
	c := ns.browser(t)
	_, _, page := fetch(t, c, "GET", ns.web.URL+"/admin/sign-in", nil)
	status, loc, body := fetch(t, c, "POST", ns.web.URL+"/admin/sign-in", url.Values{
		"csrf": {hiddenValue(t, page, "csrf")}, "email": {"ed@herald.test"}, "password": {"copper meadow violin"}})
	if status != http.StatusSeeOther {
		t.Fatalf("signing in: %d %q\n%.2000s", status, loc, body)
	}
	return c
}

// approve approves a comment with its button in the moderation queue.
func (ns *newsSite) approve(t *testing.T, editor *http.Client, id int64) {
	t.Helper()
	status, _, page := fetch(t, editor, "GET", ns.web.URL+"/admin/comments?status=pending", nil)
	if status != http.StatusOK || !strings.Contains(page, `id="comment-`+strconv.FormatInt(id, 10)+`"`) {
		t.Fatalf("the queue (%d) does not show comment %d:\n%.3000s", status, id, page)
	}
	status, loc, _ := fetch(t, editor, "POST", ns.web.URL+"/admin/comments/"+strconv.FormatInt(id, 10)+"/status",
		url.Values{"csrf": {hiddenValue(t, page, "csrf")}, "status": {"approved"}, "back": {"/admin/comments?status=pending"}})
	if status != http.StatusSeeOther || loc != "/admin/comments?status=pending" {
		t.Fatalf("approving comment %d: %d %q", id, status, loc)
	}
}

// newMail waits until the outbox has sent everything it holds and returns
// the messages delivered since the last call.
func (ns *newsSite) newMail(t *testing.T) []delivered {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); ; {
		next, err := ns.st.NextMessageTime(context.Background())
		mustOK(t, err)
		if next.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the outbox still holds a message due %v", next)
		}
		time.Sleep(10 * time.Millisecond) // polling the sender's progress
	}
	all := ns.in.all()
	var out []delivered
	for _, raw := range all[ns.seen:] {
		out = append(out, parseDelivered(t, raw))
	}
	ns.seen = len(all)
	return out
}

// parseDelivered decodes a delivered message's headers and body.
func parseDelivered(t *testing.T, raw string) delivered {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(raw))
	mustOK(t, err)
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	mustOK(t, err)
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	mustOK(t, err)
	to, err := mail.ParseAddress(m.Header.Get("To"))
	mustOK(t, err)
	return delivered{To: to.Address, Subject: subject, Text: strings.ReplaceAll(string(body), "\r\n", "\n"), Header: m.Header}
}

// recipientsOf lists who the messages went to, sorted.
func recipientsOf(msgs []delivered) []string {
	var to []string
	for _, m := range msgs {
		to = append(to, m.To)
	}
	slices.Sort(to)
	return to
}

// TestCommentMail: comments held for moderation mail the article's author
// and the moderators; a reply a moderator approves in the newsroom mails
// the subscribed reader it answers, over real SMTP, with a one-click
// unsubscribe link that stops further mail.
func TestCommentMail(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the site, the newsroom and an SMTP server")
	}
	ns := startNewsSite(t)
	origin := ns.web.URL
	articleURL := origin + ns.article.Path(time.UTC)
	staff := []string{"ada@herald.test", "ann@herald.test", "ed@herald.test"}

	paula := ns.postComment(t, "Paula", "paula@readers.example", 0)
	held := ns.newMail(t)
	if got := recipientsOf(held); !slices.Equal(got, staff) {
		t.Fatalf("a held comment was mailed to %q, want the author and the moderators %q", got, staff)
	}
	for _, m := range held {
		for _, want := range []string{"From: Paula", "> Words of Paula.", origin + "/admin/comments?status=pending\n", articleURL + "\n"} {
			if !strings.Contains(m.Text, want) {
				t.Errorf("the mail to %s lacks %q:\n%s", m.To, want, m.Text)
			}
		}
		if m.Subject != "Comment awaiting moderation: “Bridge reopens”" || m.Header.Get("List-Unsubscribe") != "" {
			t.Errorf("the mail to %s: subject %q, List-Unsubscribe %q", m.To, m.Subject, m.Header.Get("List-Unsubscribe"))
		}
	}

	editor := ns.signIn(t)
	ns.approve(t, editor, paula)
	if got := ns.newMail(t); len(got) != 0 {
		t.Errorf("approving a top-level comment mailed %q", recipientsOf(got))
	}

	rob := ns.postComment(t, "Rob", "rob@readers.example", paula)
	if got := recipientsOf(ns.newMail(t)); !slices.Equal(got, staff) {
		t.Errorf("the held reply was mailed to %q, want %q", got, staff)
	}
	ns.approve(t, editor, rob)
	got := ns.newMail(t)
	if len(got) != 1 || got[0].To != "paula@readers.example" {
		t.Fatalf("approving Rob's reply mailed %q, want Paula only", recipientsOf(got))
	}
	m := got[0]
	if m.Subject != "New reply to your comment on “Bridge reopens”" {
		t.Errorf("subject %q", m.Subject)
	}
	robLink := articleURL + "comments/" + strconv.FormatInt(rob, 10) + "/"
	for _, want := range []string{"Hello Paula,", "From: Rob", "> Words of Rob.\n>\n> Second paragraph.", robLink + "\n"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("the reply mail lacks %q:\n%s", want, m.Text)
		}
	}
	unsubscribe := strings.TrimSuffix(strings.TrimPrefix(m.Header.Get("List-Unsubscribe"), "<"), ">")
	if !strings.HasPrefix(unsubscribe, origin+"/comments/unsubscribe/?token=") || !strings.Contains(m.Text, unsubscribe+"\n") {
		t.Errorf("List-Unsubscribe %q is not the site's link in the text:\n%s", m.Header.Get("List-Unsubscribe"), m.Text)
	}
	if post := m.Header.Get("List-Unsubscribe-Post"); post != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", post)
	}
	// The link leads to the reply on the page of comments showing it.
	status, to, _ := fetch(t, ns.browser(t), "GET", robLink, nil)
	if anchor := "#comment-" + strconv.FormatInt(rob, 10); status != http.StatusSeeOther || !strings.HasSuffix(to, anchor) {
		t.Errorf("the mail's link %s: %d to %q, want a redirect to %s", robLink, status, to, anchor)
	}
	if status, _, page := fetch(t, ns.browser(t), "GET", origin+strings.TrimPrefix(to, origin), nil); status != http.StatusOK ||
		!strings.Contains(page, `id="comment-`+strconv.FormatInt(rob, 10)+`"`) {
		t.Errorf("the reply's page %s: %d, without the reply", to, status)
	}

	// The mail reader's one-click unsubscribe (RFC 8058): a POST to the
	// link with List-Unsubscribe=One-Click, without cookies.
	status, _, body := fetch(t, &http.Client{}, "POST", unsubscribe, url.Values{"List-Unsubscribe": {"One-Click"}})
	if status != http.StatusOK {
		t.Fatalf("one-click unsubscribe: %d\n%.2000s", status, body)
	}
	sue := ns.postComment(t, "Sue", "sue@readers.example", paula)
	ns.newMail(t)
	ns.approve(t, editor, sue)
	if got := ns.newMail(t); len(got) != 0 {
		t.Errorf("after unsubscribing, approving a reply mailed %q", recipientsOf(got))
	}
}
