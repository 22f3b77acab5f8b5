package notify

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// fakeStore keeps what a Notifier reads in maps.
type fakeStore struct {
	secrets  map[string][]byte
	comments map[int64]*herald.Comment
	articles map[int64]*herald.Article
	users    []*herald.User
	settings herald.Settings
}

func newFakeStore() *fakeStore {
	return &fakeStore{secrets: map[string][]byte{}, comments: map[int64]*herald.Comment{},
		articles: map[int64]*herald.Article{}, settings: herald.DefaultSettings()}
}

func (f *fakeStore) Secret(_ context.Context, name string, gen func() []byte) ([]byte, error) {
	if _, ok := f.secrets[name]; !ok {
		f.secrets[name] = gen()
	}
	return f.secrets[name], nil
}

func (f *fakeStore) FindComment(_ context.Context, id int64) (*herald.Comment, error) {
	if c, ok := f.comments[id]; ok {
		return c, nil
	}
	return nil, herald.Errorf(herald.ENOTFOUND, "comment %d not found", id)
}

func (f *fakeStore) FindArticle(_ context.Context, id int64) (*herald.Article, error) {
	if a, ok := f.articles[id]; ok {
		return a, nil
	}
	return nil, herald.Errorf(herald.ENOTFOUND, "article %d not found", id)
}

// FindUsers pages through the users as the SQL store does.
func (f *fakeStore) FindUsers(_ context.Context, uf herald.UserFilter) ([]*herald.User, error) {
	users := f.users[min(uf.Offset, len(f.users)):]
	return users[:min(uf.Limit, len(users))], nil
}

func (f *fakeStore) FindSettings(context.Context) (herald.Settings, error) { return f.settings, nil }

// newsroom is a site with an article by an author and an editor, and
// users of every role.
func newsroom() (*fakeStore, *herald.Article) {
	s := newFakeStore()
	s.settings.Title = "The Daily Herald"
	author := &herald.User{ID: 1, Name: "Ann Author", Email: "ann@herald.test", Role: herald.RoleAuthor}
	editor := &herald.User{ID: 2, Name: "Ed Editor", Email: "Ed@Herald.test", Role: herald.RoleEditor}
	s.users = []*herald.User{
		author, editor,
		{ID: 3, Name: "Ada Admin", Email: "ada@herald.test", Role: herald.RoleAdmin},
		{ID: 4, Name: "Other Author", Email: "other@herald.test", Role: herald.RoleAuthor},
		{ID: 5, Name: "Cora Contributor", Email: "cora@herald.test", Role: herald.RoleContributor},
		{ID: 6, Name: "No Mail", Role: herald.RoleEditor},
	}
	a := &herald.Article{ID: 10, Slug: "bridge-reopens", Headline: "Bridge reopens", Language: "en",
		PublishedAt: time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC),
		Authors:     []*herald.User{author, {ID: 2, Name: "Ed Editor", Email: "ed@herald.test", Role: herald.RoleEditor}}}
	s.articles[a.ID] = a
	return s, a
}

// origin is the request's origin the tests' notifiers fall back to.
func origin(context.Context) string { return "http://localhost:8080" }

func recipients(msgs []*herald.OutboxMessage) []string {
	var to []string
	for _, m := range msgs {
		to = append(to, m.To)
	}
	return to
}

func TestNotifier_NewCommentPending(t *testing.T) {
	s, a := newsroom()
	n := New(s, origin)
	c := &herald.Comment{ArticleID: a.ID, Name: "Rita Reader", Email: "ADA@herald.test",
		Text: "The bridge\nwas *closed* for a year.", Status: herald.CommentPending}
	msgs, err := n.NewComment(context.Background(), a, c)
	if err != nil {
		t.Fatal(err)
	}
	// The authors first, then the moderators; the editor once, whatever the
	// case of the address; never the commenter (the admin's address), the
	// other author, the contributor or a user without an address.
	if got, want := recipients(msgs), []string{"ann@herald.test", "ed@herald.test"}; !slices.Equal(got, want) {
		t.Fatalf("recipients = %q, want %q", got, want)
	}
	m := msgs[0]
	if want := "Comment awaiting moderation: “Bridge reopens”"; m.Subject != want {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	for _, want := range []string{
		"Hello Ann Author,\n",
		"A comment on “Bridge reopens” awaits moderation.\nFrom: Rita Reader\n",
		"> The bridge\n> was *closed* for a year.",
		"http://localhost:8080/admin/comments?status=pending\n",
		"http://localhost:8080/2026/11/03/bridge-reopens/\n",
		"because you are an author of the article",
	} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
	if len(m.Headers) != 0 {
		t.Errorf("headers = %v; the newsroom's mail has no unsubscribe link", m.Headers)
	}

	// A member of staff's held comment goes to everyone else.
	c.Email, c.UserID = "cora@herald.test", 5
	msgs, err = n.NewComment(context.Background(), a, c)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := recipients(msgs), []string{"ann@herald.test", "ed@herald.test", "ada@herald.test"}; !slices.Equal(got, want) {
		t.Errorf("recipients = %q, want %q", got, want)
	}
	if want := "because you moderate comments on “The Daily Herald”."; !strings.Contains(msgs[2].Text, want) {
		t.Errorf("the admin's text lacks %q:\n%s", want, msgs[2].Text)
	}
}

func TestNotifier_NewCommentLongExcerpt(t *testing.T) {
	s, a := newsroom()
	c := &herald.Comment{Name: "R", Email: "r@example.com", Text: strings.Repeat("word ", 1000), Status: herald.CommentPending}
	msgs, err := New(s, origin).NewComment(context.Background(), a, c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msgs[0].Text, "word…") || len(msgs[0].Text) > 1500 {
		t.Errorf("a long comment is not cut to an excerpt:\n%s", msgs[0].Text)
	}
}

// reply sets up a subscribed parent comment in s and returns a reply to it.
func reply(s *fakeStore, a *herald.Article) (*herald.Comment, *herald.Comment) {
	parent := &herald.Comment{ID: 20, ArticleID: a.ID, Name: "Paula Parent", Email: "paula@example.com",
		Text: "Finally.", Status: herald.CommentApproved, Notify: true}
	s.comments[parent.ID] = parent
	return parent, &herald.Comment{ArticleID: a.ID, ParentID: parent.ID, Name: "Rob Replier",
		Email: "rob@example.com", Text: "It was about time.\n\nSee [the plan](https://example.com/plan).",
		Status: herald.CommentApproved}
}

func TestNotifier_NewCommentReply(t *testing.T) {
	s, a := newsroom()
	s.settings.BaseURL = "https://news.example.com"
	parent, c := reply(s, a)
	msgs, err := New(s, origin).NewComment(context.Background(), a, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1 to the parent's author", len(msgs))
	}
	m := msgs[0]
	if m.To != parent.Email {
		t.Errorf("to = %q, want %q", m.To, parent.Email)
	}
	if want := "New reply to your comment on “Bridge reopens”"; m.Subject != want {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	key, _ := Key(context.Background(), s)
	unsubscribe := "https://news.example.com/comments/unsubscribe/?token=" + UnsubscribeToken(key, parent.ID)
	if got := m.Headers["List-Unsubscribe"]; got != "<"+unsubscribe+">" {
		t.Errorf("List-Unsubscribe = %q, want <%s>", got, unsubscribe)
	}
	for _, want := range []string{
		"Hello Paula Parent,\n",
		"There is a new reply to your comment on “Bridge reopens”.\nFrom: Rob Replier\n",
		"> It was about time.\n>\n> See [the plan](https://example.com/plan).\n",
		// Not stored yet, the reply has no number: the link shows the parent.
		"https://news.example.com/2026/11/03/bridge-reopens/comments/20/\n",
		"you asked “The Daily Herald” to tell you of replies",
		unsubscribe + "\n",
	} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, m.Text)
		}
	}
}

func TestNotifier_NewCommentNobody(t *testing.T) {
	tests := []struct {
		name   string
		change func(parent, c *herald.Comment)
	}{
		{"parent not subscribed", func(p, _ *herald.Comment) { p.Notify = false }},
		{"own reply", func(p, c *herald.Comment) { c.Email = strings.ToUpper(p.Email) }},
		{"parent is spam", func(p, _ *herald.Comment) { p.Status = herald.CommentSpam }},
		{"parent in the trash", func(p, _ *herald.Comment) { p.Status = herald.CommentTrash }},
		{"parent deleted", func(p, c *herald.Comment) { c.ParentID = 999 }},
		{"approved top-level comment", func(_, c *herald.Comment) { c.ParentID = 0 }},
		{"spam reply", func(_, c *herald.Comment) { c.Status = herald.CommentSpam }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, a := newsroom()
			parent, c := reply(s, a)
			tt.change(parent, c)
			msgs, err := New(s, origin).NewComment(context.Background(), a, c)
			if err != nil || len(msgs) != 0 {
				t.Errorf("NewComment = %d messages, %v; want none", len(msgs), err)
			}
		})
	}
}

func TestNotifier_Russian(t *testing.T) {
	s, a := newsroom()
	a.Language, a.Headline = "ru", "Мост открыт"
	parent, c := reply(s, a)
	msgs, err := New(s, origin).NewComment(context.Background(), a, c)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("NewComment = %d messages, %v; want 1", len(msgs), err)
	}
	if want := "Новый ответ на ваш комментарий к статье «Мост открыт»"; msgs[0].Subject != want {
		t.Errorf("subject = %q, want %q", msgs[0].Subject, want)
	}
	for _, want := range []string{"Здравствуйте, Paula Parent!", "Автор ответа: Rob Replier", "отпишитесь одним нажатием"} {
		if !strings.Contains(msgs[0].Text, want) {
			t.Errorf("text lacks %q:\n%s", want, msgs[0].Text)
		}
	}
	c.ParentID, c.Status, c.Email = 0, herald.CommentPending, parent.Email
	msgs, err = New(s, origin).NewComment(context.Background(), a, c)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("NewComment = %d messages, %v; want some", len(msgs), err)
	}
	if want := "Комментарий ждёт проверки: «Мост открыт»"; msgs[0].Subject != want {
		t.Errorf("subject = %q, want %q", msgs[0].Subject, want)
	}
	if want := "Вы получили это письмо как автор статьи."; !strings.Contains(msgs[0].Text, want) {
		t.Errorf("text lacks %q:\n%s", want, msgs[0].Text)
	}
}

func TestNotifier_Approved(t *testing.T) {
	s, a := newsroom()
	parent, c := reply(s, a)
	c.ID, c.Status = 21, herald.CommentPending
	top := &herald.Comment{ID: 22, ArticleID: a.ID, Name: "T", Email: "t@example.com", Text: "Top", Status: herald.CommentPending}
	msgs, err := New(s, origin).Approved(context.Background(), []*herald.Comment{top, c})
	if err != nil {
		t.Fatal(err)
	}
	if got := recipients(msgs); !slices.Equal(got, []string{parent.Email}) {
		t.Fatalf("recipients = %q, want the parent's author only", got)
	}
	if want := "http://localhost:8080/2026/11/03/bridge-reopens/comments/21/\n"; !strings.Contains(msgs[0].Text, want) {
		t.Errorf("text lacks the reply's own link %q:\n%s", want, msgs[0].Text)
	}
	if c.Status != herald.CommentPending {
		t.Error("Approved changed the caller's comment")
	}

	msgs, err = New(s, origin).Approved(context.Background(), []*herald.Comment{top})
	if err != nil || len(msgs) != 0 {
		t.Errorf("Approved(top-level) = %d messages, %v; want none", len(msgs), err)
	}
	c.ArticleID = 404
	if _, err := New(s, origin).Approved(context.Background(), []*herald.Comment{c}); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("Approved(reply on a missing article) = %v, want not found", err)
	}
}
