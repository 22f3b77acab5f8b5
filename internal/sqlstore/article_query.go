package sqlstore

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// listing is the query of an article listing. It reads the article ids from
// the articles table or, for a tag or an author, from the join table, whose
// rows copy their article's status and publication time: a listing of a
// tag then comes from one index range however many articles there are. The
// articles table is joined only for conditions on its other columns.
type listing struct {
	table string // articles, article_tags or article_authors
	id    string // the column holding the article id
	conds []string
	join  bool // whether a condition needs the articles table
}

// newListing returns the listing query for the filter in the dialect,
// adding its arguments to a.
func newListing(a *args, f herald.ArticleFilter, d *dialect) *listing {
	q := &listing{table: "articles", id: "articles.id"}
	switch {
	case f.TagID != 0:
		q.table, q.id = "article_tags", "article_tags.article_id"
		q.add("article_tags.tag_id = " + a.add(f.TagID))
	case f.AuthorID != 0:
		q.table, q.id = "article_authors", "article_authors.article_id"
	}
	if f.AuthorID != 0 {
		if q.table == "article_authors" {
			q.add("article_authors.user_id = " + a.add(f.AuthorID))
		} else {
			q.add(q.id + " IN (SELECT article_id FROM article_authors WHERE user_id = " + a.add(f.AuthorID) + ")")
		}
	}
	q.filter(a, f, d)
	q.conds = append(q.conds, timeRange(a, f, q.col("published_at"), q.id)...)
	return q
}

// col names a column the listing's table shares with articles.
func (q *listing) col(name string) string {
	return q.table + "." + name
}

func (q *listing) add(cond string) {
	q.conds = append(q.conds, cond)
}

// addArticles adds a condition on a column only the articles table has.
func (q *listing) addArticles(cond string) {
	q.join = q.join || q.table != "articles"
	q.add(cond)
}

func (q *listing) filter(a *args, f herald.ArticleFilter, d *dialect) {
	if f.ID != 0 {
		q.add(q.id + " = " + a.add(f.ID))
	}
	if f.ExcludeID != 0 {
		q.add(q.id + " <> " + a.add(f.ExcludeID))
	}
	if len(f.Statuses) > 0 {
		q.add(q.col("status") + " IN (" + list(a, f.Statuses) + ")")
	}
	if !f.PublicAt.IsZero() {
		q.add(q.col("status") + " = " + a.add(herald.StatusPublished))
	}
	if f.SectionID != 0 {
		q.addArticles("articles.section_id IN (" + subtreeSQL(a, f.SectionID) + ")")
	}
	if f.StoryID != 0 {
		q.addArticles("articles.story_id = " + a.add(f.StoryID))
	}
	if f.Slug != "" {
		q.addArticles("articles.slug = " + a.add(f.Slug))
	}
	if f.TranslationOf != 0 {
		q.addArticles("articles.translation_of = " + a.add(f.TranslationOf))
	}
	for _, word := range strings.Fields(f.Query) {
		q.addArticles(d.contains(a, "articles.headline", word))
	}
}

// from returns the FROM clause. CROSS JOIN keeps SQLite reading the join
// table first; PostgreSQL plans it as any join.
func (q *listing) from() string {
	if q.join {
		return q.table + " CROSS JOIN articles"
	}
	return q.table
}

func (q *listing) where() string {
	conds := q.conds
	if q.join {
		conds = append([]string{"articles.id = " + q.id}, conds...)
	}
	if len(conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(conds, " AND ")
}

// order returns the ORDER BY clause. Undated articles count as the oldest.
func (q *listing) order(o herald.ArticleOrder) string {
	if o == herald.OldestFirst {
		return q.col("published_at") + " ASC NULLS FIRST, " + q.id + " ASC"
	}
	return q.col("published_at") + " DESC NULLS LAST, " + q.id + " DESC"
}

// escapeLike makes % and _ match themselves in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// bound is one end of the range of publication times a filter allows.
type bound struct {
	t  time.Time
	op string // <, <=, >= or >
	// id, when set, makes the bound a row value (published_at, id): the
	// listing position of an article, for After.
	id int64
}

// width orders bounds at the same time from the narrowest: < admits less
// than (published_at, id) <, which admits less than <=.
func (b bound) width() int {
	switch {
	case b.op == "<=" || b.op == ">=":
		return 2
	case b.id != 0:
		return 1
	}
	return 0
}

func (b bound) sql(a *args, published, id string) string {
	if b.id != 0 {
		return "(" + published + ", " + id + ") " + b.op + " (" + a.add(b.t) + ", " + a.add(b.id) + ")"
	}
	return published + " " + b.op + " " + a.add(b.t)
}

// timeRange returns the conditions on the publication time: at most one
// upper and one lower bound, the narrowest of each, since the narrowest
// implies the others. SQLite ranges over an index with one of each only,
// so a wider bound left in the query could make it read far too many rows.
func timeRange(a *args, f herald.ArticleFilter, published, id string) []string {
	var upper, lower []bound
	if !f.PublicAt.IsZero() {
		upper = append(upper, bound{t: utc(f.PublicAt), op: "<="})
	}
	if !f.PublishedBefore.IsZero() {
		upper = append(upper, bound{t: utc(f.PublishedBefore), op: "<"})
	}
	if !f.PublishedFrom.IsZero() {
		lower = append(lower, bound{t: utc(f.PublishedFrom), op: ">="})
	}
	if f.After != nil {
		// After is the position of an article in the listing order.
		b := bound{t: utc(f.After.PublishedAt), op: "<", id: f.After.ID}
		if f.Order == herald.OldestFirst {
			b.op = ">"
			lower = append(lower, b)
		} else {
			upper = append(upper, b)
		}
	}
	var conds []string
	if len(upper) > 0 {
		conds = append(conds, slices.MinFunc(upper, func(x, y bound) int {
			return cmp.Or(x.t.Compare(y.t), cmp.Compare(x.width(), y.width()))
		}).sql(a, published, id))
	}
	if len(lower) > 0 {
		conds = append(conds, slices.MinFunc(lower, func(x, y bound) int {
			return cmp.Or(y.t.Compare(x.t), cmp.Compare(x.width(), y.width()))
		}).sql(a, published, id))
	}
	return conds
}
