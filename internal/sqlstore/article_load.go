package sqlstore

import (
	"context"

	"github.com/herald-news/herald"
)

// loadArticles returns the articles with the ids, in the order of ids, each
// with its section, story, featured image, authors and tags. It runs a fixed
// number of queries however many articles there are.
func loadArticles(ctx context.Context, tx querier, ids []int64) ([]*herald.Article, error) {
	if len(ids) == 0 {
		return []*herald.Article{}, nil
	}
	var a args
	rows, err := queryAll(ctx, tx, scanArticle, "SELECT "+articleColumns+" FROM articles WHERE id IN ("+
		list(&a, ids)+")", a...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*herald.Article, len(rows))
	for _, art := range rows {
		byID[art.ID] = art
	}
	out := make([]*herald.Article, 0, len(rows))
	for _, id := range ids {
		if art, ok := byID[id]; ok {
			out = append(out, art)
		}
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := loadRefs(ctx, tx, out); err != nil {
		return nil, err
	}
	if err := loadAuthors(ctx, tx, byID); err != nil {
		return nil, err
	}
	return out, loadTags(ctx, tx, byID)
}

// loadRefs fills in each article's Section, Story and Featured.
func loadRefs(ctx context.Context, tx querier, articles []*herald.Article) error {
	var sectionIDs, storyIDs, mediaIDs []int64
	for _, art := range articles {
		sectionIDs = append(sectionIDs, art.SectionID)
		storyIDs = append(storyIDs, art.StoryID)
		mediaIDs = append(mediaIDs, art.FeaturedMediaID)
	}
	sections, err := byIDs(ctx, tx, scanSection, sectionColumns, "sections", sectionIDs)
	if err != nil {
		return err
	}
	stories, err := byIDs(ctx, tx, scanStory, storyColumns, "stories", storyIDs)
	if err != nil {
		return err
	}
	media, err := byIDs(ctx, tx, scanMedia, mediaColumns, "media", mediaIDs)
	if err != nil {
		return err
	}
	for _, art := range articles {
		art.Section = sections[art.SectionID]
		art.Story = stories[art.StoryID]
		art.Featured = media[art.FeaturedMediaID]
	}
	return nil
}

// byIDs loads the rows of table with the ids, keyed by id.
func byIDs[T any](ctx context.Context, tx querier, scan func(scanner) (T, error), columns, table string,
	ids []int64) (map[int64]T, error) {
	ids = uniqueIDs(ids)
	out := make(map[int64]T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var a args
	rows, err := queryAll(ctx, tx, withID(scan), "SELECT "+table+".id, "+columns+" FROM "+table+
		" WHERE id IN ("+list(&a, ids)+")", a...)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.id] = r.v
	}
	return out, nil
}

// keyed is a row with the id it belongs to.
type keyed[T any] struct {
	id int64
	v  T
}

// withID turns a scan function into one for rows that start with an extra
// id column, such as the article id of a joined row.
func withID[T any](scan func(scanner) (T, error)) func(scanner) (keyed[T], error) {
	return func(row scanner) (keyed[T], error) {
		var k keyed[T]
		v, err := scan(prefixed{row: row, id: &k.id})
		k.v = v
		return k, err
	}
}

// prefixed scans a leading id column before the columns scan expects.
type prefixed struct {
	row scanner
	id  *int64
}

func (p prefixed) Scan(dest ...any) error {
	return p.row.Scan(append([]any{p.id}, dest...)...)
}

// loadAuthors fills in each article's Authors and AuthorIDs in byline order.
func loadAuthors(ctx context.Context, tx querier, byID map[int64]*herald.Article) error {
	var a args
	rows, err := queryAll(ctx, tx, withID(scanUser), "SELECT article_authors.article_id, "+userColumns+
		" FROM article_authors JOIN users ON users.id = article_authors.user_id WHERE article_authors.article_id IN ("+
		list(&a, keys(byID))+") ORDER BY article_authors.article_id, article_authors.position", a...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		art := byID[r.id]
		art.Authors = append(art.Authors, r.v)
		art.AuthorIDs = append(art.AuthorIDs, r.v.ID)
	}
	return nil
}

// loadTags fills in each article's Tags and TagIDs in their stored order.
func loadTags(ctx context.Context, tx querier, byID map[int64]*herald.Article) error {
	var a args
	rows, err := queryAll(ctx, tx, withID(scanTag), "SELECT article_tags.article_id, "+tagColumns+
		" FROM article_tags JOIN tags ON tags.id = article_tags.tag_id WHERE article_tags.article_id IN ("+
		list(&a, keys(byID))+") ORDER BY article_tags.article_id, article_tags.position", a...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		art := byID[r.id]
		art.Tags = append(art.Tags, r.v)
		art.TagIDs = append(art.TagIDs, r.v.ID)
	}
	return nil
}

func keys[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
