package site

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// addComments stores comments on the fixture's articles as f.clock moves
// on: approved ones, a pending one and spam, each with an email address
// that must never be published.
func (f *fixture) addComments(t *testing.T) (approved []*herald.Comment, emails []string) {
	t.Helper()
	ctx := context.Background()
	fire, fair := f.articles["fire-breaks-out-at-harbour"], f.articles["trade-fair-opens"]
	for i, c := range []*herald.Comment{
		{ArticleID: fire.ID, Name: "Reader <One>", Text: "First! See [this](https://example.org/a?b=1&c=2).", Status: herald.CommentApproved},
		{ArticleID: fair.ID, Name: "Mary", Text: "Looking forward to it.", Status: herald.CommentApproved, Website: "https://mary.example/"},
		{ArticleID: fire.ID, Name: "Held", Text: "Awaiting moderation.", Status: herald.CommentPending},
		{ArticleID: fire.ID, Name: "Spammer", Text: "Buy now.", Status: herald.CommentSpam},
		{ArticleID: f.articles["withdrawn-piece"].ID, Name: "Gone", Text: "On a withdrawn piece.", Status: herald.CommentApproved},
		{ArticleID: fire.ID, Name: "Олег", Text: "Спасибо за *новости*.", Status: herald.CommentApproved},
	} {
		c.Email = "secret" + strconv.Itoa(i) + "@Mail.example"
		emails = append(emails, c.Email)
		f.clock.Advance(time.Minute)
		must(t, f.store.CreateComment(ctx, c))
		if c.Status == herald.CommentApproved && c.Name != "Gone" {
			approved = append(approved, c)
		}
	}
	return approved, emails
}

func TestFeeds_Comments(t *testing.T) {
	f := newFixture(t)
	approved, emails := f.addComments(t)
	fire := f.articles["fire-breaks-out-at-harbour"]
	firePath := f.path(fire.Slug)
	onFire := []*herald.Comment{approved[2], approved[0]} // newest first
	feeds := map[string][]*herald.Comment{
		firePath + "feed/":      onFire,
		firePath + "feed/atom/": onFire,
		firePath + "feed/json/": onFire,
		"/comments/feed/":       {approved[2], approved[1], approved[0]},
		"/comments/feed/atom/":  {approved[2], approved[1], approved[0]},
		"/comments/feed/json/":  {approved[2], approved[1], approved[0]},
	}
	for path, want := range feeds {
		got, _ := f.parseFeed(t, path)
		wantPage := origin + firePath
		if strings.HasPrefix(path, "/comments/") {
			wantPage = origin + "/"
		}
		if got.Link != wantPage {
			t.Errorf("%s links to %q, want %q", path, got.Link, wantPage)
		}
		if len(got.Items) != len(want) {
			t.Fatalf("%s: %d items, want %d", path, len(got.Items), len(want))
		}
		for i, it := range got.Items {
			c := want[i]
			a := fire
			if c.ArticleID != fire.ID {
				a = f.articles["trade-fair-opens"]
			}
			wantID := "tag:news.example," + c.CreatedAt.UTC().Format("2006-01-02") + ":comment-" + strconv.FormatInt(c.ID, 10)
			wantLink := origin + f.path(a.Slug) + "comments/" + strconv.FormatInt(c.ID, 10) + "/"
			wantTitle := c.Name + " on “" + a.Headline + "”"
			if it.Title != wantTitle || it.Link != wantLink || it.GUID != wantID {
				t.Errorf("%s item %d: %q %q %q, want %q %q %q", path, i, it.Title, it.Link, it.GUID, wantTitle, wantLink, wantID)
			}
			if it.PublishedParsed == nil || !it.PublishedParsed.Equal(c.CreatedAt) {
				t.Errorf("%s item %d: published %v, want %v", path, i, it.PublishedParsed, c.CreatedAt)
			}
			if wantContent := f.site.comment.HTML(c.Text); it.Content != wantContent {
				t.Errorf("%s item %d: content %q, want %q", path, i, it.Content, wantContent)
			}
			if len(it.Authors) == 0 || it.Authors[0].Name != c.Name {
				t.Errorf("%s item %d: authors %v, want %q", path, i, it.Authors, c.Name)
			}
		}
	}
	paths := []string{"/feed/"}
	for p := range feeds {
		paths = append(paths, p)
	}
	f.noEmails(t, emails, paths)
	if w := f.get(t, "GET", f.path("withdrawn-piece")+"feed/"); w.Code != 410 {
		t.Errorf("the comment feed of a withdrawn article: %d, want 410", w.Code)
	}
}

// TestFeeds_CommentsRussian checks the words of an article in Russian.
func TestFeeds_CommentsRussian(t *testing.T) {
	f := newFixture(t)
	ru := f.articles["pozhar-v-portu"]
	c := &herald.Comment{ArticleID: ru.ID, Name: "Анна", Email: "anna@mail.example", Text: "Хорошо.", Status: herald.CommentApproved}
	must(t, f.store.CreateComment(context.Background(), c))
	got, _ := f.parseFeed(t, f.path(ru.Slug)+"feed/")
	if got.Title != "Комментарии к «Пожар в порту потушен» — The Harbour Gazette" || got.Language != "ru" {
		t.Errorf("feed title %q language %q", got.Title, got.Language)
	}
	if len(got.Items) != 1 || got.Items[0].Title != "Анна — «Пожар в порту потушен»" {
		t.Errorf("items %v", got.Items)
	}
}
