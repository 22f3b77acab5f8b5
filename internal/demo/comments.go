package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/herald-news/herald"
)

// Readers comment on the newest articles only: the store dates a comment
// when it is made, so a comment on an old report would read as new.
const (
	commentedArticles = 24 // the newest published articles open for comments get comments
	maxThreads        = 6
	maxReplies        = 3
	staffReplyShare   = 0.3 // of commented articles, those where an author answers
)

var enComments = []string{
	"Thanks for the clear write-up. I had not heard about this until today.",
	"This is the first report I have read that explains *why* it matters.",
	"I live nearby and can confirm: it has been like this for weeks.",
	"Does anyone know whether the council will publish the full figures?",
	"Good reporting. Please keep following this story.",
	"I disagree with the conclusion, but the facts are laid out fairly.",
	"My neighbours and I were at the meeting last night. It was packed.",
	"> Results are expected overnight.\n\nWill there be a live page?",
	"Interesting. The same thing happened ten years ago and nobody learned anything.",
	"Could you add a map? Hard to follow which streets are meant.",
	"Finally some good news for the city.",
	"I would like to see the other side's response in the next piece.",
}

var enReplies = []string{
	"Agreed, well put.",
	"I am not so sure. The numbers last year said otherwise.",
	"Same here. We noticed it on Tuesday.",
	"The figures are on the council's site, under the budget papers.",
	"Fair point, though I think the timing is the real issue.",
	"Thanks, that helps.",
}

var enStaffReplies = []string{
	"Thanks for reading. We will publish the full figures as soon as we have them.",
	"Good question: we have asked the council and will update the article when they answer.",
	"Thank you. A follow-up report is planned for next week.",
}

var ruCommenters = []string{
	"Алексей", "Мария Н.", "Сергей Петренко", "Ольга", "Никита В.", "Татьяна Миронова", "Андрей", "Юлия К.",
}

var ruComments = []string{
	"Спасибо за подробный материал, всё понятно изложено.",
	"А будут ли опубликованы полные данные?",
	"Живу рядом — подтверждаю, так и есть уже несколько недель.",
	"Хорошая работа, следите за этой историей дальше.",
	"Не согласен с выводами, но факты изложены честно.",
	"Интересно, что скажет другая сторона.",
}

var ruReplies = []string{
	"Полностью согласна.",
	"Не уверен, в прошлом году цифры были другими.",
	"Данные есть на сайте городского совета.",
	"Спасибо, это помогает.",
}

var ruStaffReplies = []string{
	"Спасибо, что читаете нас. Мы опубликуем продолжение на следующей неделе.",
	"Хороший вопрос: мы направили запрос и дополним статью, когда получим ответ.",
}

// commentable is a recent article readers comment on.
type commentable struct {
	id      int64
	lang    *language
	authors []int64
	at      time.Time // when it was published
}

// noteCommentable remembers a if readers may comment on it.
func (l *loader) noteCommentable(a *herald.Article, lang *language) {
	if a.Status == herald.StatusPublished && a.CommentsOpen {
		l.commentable = append(l.commentable, commentable{id: a.ID, lang: lang, authors: a.AuthorIDs, at: a.PublishedAt})
	}
}

// comments adds approved reader comments, replies and the occasional
// answer from an author to the newest articles noteCommentable kept.
// Readers' addresses are under example.invalid and never shown.
func (l *loader) comments(ctx context.Context) (int, error) {
	slices.SortStableFunc(l.commentable, func(a, b commentable) int { return b.at.Compare(a.at) })
	l.commentable = l.commentable[:min(len(l.commentable), commentedArticles)]
	n := 0
	add := func(c *herald.Comment) error {
		c.Status = herald.CommentApproved
		if err := l.st.CreateComment(ctx, c); err != nil {
			return fmt.Errorf("create comment on article %d: %w", c.ArticleID, err)
		}
		n++
		return nil
	}
	for _, art := range l.commentable {
		comments, replies, staff, names := enComments, enReplies, enStaffReplies, l.enReaderName
		if art.lang == russian {
			comments, replies, staff, names = ruComments, ruReplies, ruStaffReplies, func() string { return pick(l.r, ruCommenters) }
		}
		var firsts []*herald.Comment
		for range 1 + l.r.IntN(maxThreads) {
			c := l.reader(art.id, names(), pick(l.r, comments))
			if err := add(c); err != nil {
				return n, err
			}
			firsts = append(firsts, c)
			for range l.r.IntN(maxReplies + 1) {
				r := l.reader(art.id, names(), pick(l.r, replies))
				r.ParentID = c.ID
				if err := add(r); err != nil {
					return n, err
				}
			}
		}
		if l.r.Float64() < staffReplyShare && len(art.authors) > 0 {
			u, err := l.st.FindUser(ctx, art.authors[0])
			if err != nil {
				return n, fmt.Errorf("find author %d: %w", art.authors[0], err)
			}
			c := &herald.Comment{ArticleID: art.id, ParentID: pick(l.r, firsts).ID, Name: u.Name, Email: u.Email,
				Text: pick(l.r, staff), UserID: u.ID}
			if err := add(c); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// reader returns a reader's comment on the article.
func (l *loader) reader(articleID int64, name, text string) *herald.Comment {
	l.readers++
	c := &herald.Comment{ArticleID: articleID, Name: name, Text: text,
		Email: fmt.Sprintf("reader%d@example.invalid", l.readers), Notify: l.r.IntN(3) == 0}
	if l.r.IntN(5) == 0 {
		c.Website = fmt.Sprintf("https://reader%d.example.invalid/", l.readers)
	}
	return c
}

// enReaderName returns a reader's name as people sign comments: in full,
// a first name, or a first name and an initial.
func (l *loader) enReaderName() string {
	first := pick(l.r, firstNames)
	switch l.r.IntN(3) {
	case 0:
		return first
	case 1:
		return first + " " + pick(l.r, lastNames)[:1] + "."
	}
	return first + " " + pick(l.r, lastNames)
}
