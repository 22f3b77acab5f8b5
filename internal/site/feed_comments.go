package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/feed"
	"github.com/herald-news/herald/internal/markup"
)

// feedWords are the words of comment feeds in one language.
type feedWords struct {
	CommentsOn     string // "Comments on “%s”": the headline
	CommentBy      string // "%s on “%s”": the commenter's name, the headline
	RecentComments string
}

// feedWordsByLang holds feedWords by primary language; English serves the
// languages without their own.
var feedWordsByLang = map[string]feedWords{
	"en": {CommentsOn: "Comments on “%s”", CommentBy: "%s on “%s”", RecentComments: "Recent comments"},
	"ru": {CommentsOn: "Комментарии к «%s»", CommentBy: "%s — «%s»", RecentComments: "Новые комментарии"},
}

// feedWordsFor returns the comment feeds' words for a language tag.
func feedWordsFor(lang string) feedWords {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if w, ok := feedWordsByLang[primary]; ok {
		return w
	}
	return feedWordsByLang["en"]
}

// commentFeedLinks are the discovery links to the feeds of a's comments.
func (e *env) commentFeedLinks(a *herald.Article) feedLinks {
	return e.feedLinksOf(a.Path(e.loc), fmt.Sprintf(feedWordsFor(a.Language).CommentsOn, a.Headline)+" — "+e.settings.Title)
}

// articleCommentsFeed builds the feed of an article's newest approved
// comments.
func (e *env) articleCommentsFeed(fr feedRoute) (*feed.Feed, error) {
	a, err := e.findArticle(fr.page)
	if err != nil {
		return nil, err
	}
	comments, err := e.store.FindArticleComments(e.ctx, a.ID, nil)
	if err != nil {
		return nil, err
	}
	comments = comments[max(len(comments)-e.feedItems(), 0):] // the newest, oldest first
	slices.Reverse(comments)
	words := feedWordsFor(a.Language)
	f := e.newFeed(fr, fmt.Sprintf(words.CommentsOn, a.Headline), summary(e.conv, a))
	f.Language = a.Language
	f.Items = make([]feed.Item, len(comments))
	for i, c := range comments {
		f.Items[i] = e.commentItem(c, a, words)
		f.Updated = latestTime(f.Updated, c.CreatedAt)
	}
	return f, nil
}

// recentCommentsFeed builds the feed of the site's newest approved
// comments on public articles.
func (e *env) recentCommentsFeed(fr feedRoute) (*feed.Feed, error) {
	comments, err := e.store.FindRecentComments(e.ctx, e.now, e.feedItems())
	if err != nil {
		return nil, err
	}
	words := feedWordsFor(e.settings.Language)
	f := e.newFeed(fr, words.RecentComments, "")
	f.Link = e.abs("/") // the comments have no page of their own
	articles := map[int64]*herald.Article{}
	for _, c := range comments {
		a := articles[c.ArticleID]
		if a == nil {
			if a, err = e.store.FindArticle(e.ctx, c.ArticleID); err != nil {
				return nil, err
			}
			articles[a.ID] = a
		}
		f.Items = append(f.Items, e.commentItem(c, a, words))
		f.Updated = latestTime(f.Updated, c.CreatedAt)
	}
	return f, nil
}

// commentItem is the feed item of an approved comment on a: the
// commenter's name and website and the rendered, sanitized text — never
// the email address, in any form.
func (e *env) commentItem(c *herald.Comment, a *herald.Article, words feedWords) feed.Item {
	link := e.abs(a.CommentPath(e.loc, c.ID))
	return feed.Item{
		ID: e.tagURI(c.CreatedAt, "comment", c.ID), Title: fmt.Sprintf(words.CommentBy, c.Name, a.Headline),
		Link: link, Published: c.CreatedAt, Authors: []feed.Person{{Name: c.Name, URL: c.Website}},
		Summary: markup.Excerpt(c.Text, excerptLen), Content: e.comment.HTML(c.Text),
	}
}
