package sqlstore

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/herald-news/herald"
)

// benchComment returns the n-th comment on the article: every third one a
// reply to the one before, as a thread grows.
func benchComment(article int64, n int, prev int64) *herald.Comment {
	c := &herald.Comment{ArticleID: article, Name: fmt.Sprintf("Reader %d", n),
		Email: fmt.Sprintf("reader%d@example.com", n%500), Text: "A reader's view, a few lines long. " + benchBody[:300],
		Status: herald.CommentApproved, Notify: true, IP: "192.0.2.1", UserAgent: "Mozilla/5.0 (X11; Linux x86_64)"}
	if n%3 == 2 {
		c.ParentID = prev
	}
	return c
}

// BenchmarkCreateComment stores comments one transaction each, each with a
// message to the moderators in the outbox, as the comment form does; in
// parallel, to count accepted comments per second under load.
func BenchmarkCreateComment(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *Store) {
		site := newBenchSite(b, s)
		a := site.article(0)
		check(b, s.CreateArticle(b.Context(), a))
		var n atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			var prev int64
			for pb.Next() {
				c := benchComment(a.ID, int(n.Add(1)), prev)
				msg := &herald.OutboxMessage{To: "editor@example.com", Subject: "A comment awaits"}
				// Not check: Fatal must not be called from these goroutines.
				if err := s.CreateComment(b.Context(), c, msg); err != nil {
					b.Error(err)
					return
				}
				prev = c.ID
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
	})
}

// BenchmarkFindArticleComments reads the thread of an article with 300
// comments, as its page does.
func BenchmarkFindArticleComments(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *Store) {
		site := newBenchSite(b, s)
		a := site.article(0)
		check(b, s.CreateArticle(b.Context(), a))
		var prev int64
		for i := range 300 {
			c := benchComment(a.ID, i, prev)
			check(b, s.CreateComment(b.Context(), c))
			prev = c.ID
		}
		for b.Loop() {
			list, err := s.FindArticleComments(b.Context(), a.ID, nil)
			check(b, err)
			if len(list) != 300 {
				b.Fatalf("got %d comments, want 300", len(list))
			}
		}
	})
}
