package demo

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
)

// Shape of the generated coverage.
const (
	years         = 3
	days          = years * 365
	batchSize     = 500
	russianShare  = 0.10
	featuredShare = 0.60
	commentsShare = 0.85
)

// specials are the statuses of the few articles that are not published,
// so every workflow state has an example. The scheduled one goes out three
// days after End.
var specials = []herald.ArticleStatus{
	herald.StatusDraft, herald.StatusDraft, herald.StatusDraft,
	herald.StatusInReview, herald.StatusScheduled, herald.StatusUnpublished,
}

// plan is one article to write: when, in which language, and whether it
// reports a story's beat.
type plan struct {
	at     time.Time // zero for drafts and articles in review
	status herald.ArticleStatus
	lang   *language
	story  int // index in stories; -1 for an everyday article
	beat   int
}

// plan decides the dates, languages and stories of n articles, oldest
// first, and how many articles each story gets.
func (l *loader) plan(n int) ([]plan, []int) {
	counts := l.storyCounts(n)
	plans := make([]plan, 0, n)
	for i, c := range counts {
		plans = append(plans, l.planStory(i, c)...)
	}
	for len(plans) < n {
		// Skewed towards the recent past, so the front page is busy.
		day := 1 + int((days-1)*math.Pow(l.r.Float64(), 1.5))
		p := plan{at: l.dayTime(day), status: herald.StatusPublished, lang: english, story: -1}
		if l.r.Float64() < russianShare {
			p.lang = russian
		}
		plans = append(plans, p)
	}
	if n-sum(counts) >= 10*len(specials) {
		for i, status := range specials {
			p := &plans[n-1-i] // an everyday article
			p.status = status
			switch status {
			case herald.StatusDraft, herald.StatusInReview:
				p.at = time.Time{}
			case herald.StatusScheduled:
				p.at = l.end.AddDate(0, 0, 3).Add(8 * time.Hour)
			}
		}
	}
	// Oldest first, so IDs grow with time; undated drafts last.
	slices.SortStableFunc(plans, func(a, b plan) int {
		if a.at.IsZero() != b.at.IsZero() {
			return cmp.Compare(boolInt(a.at.IsZero()), boolInt(b.at.IsZero()))
		}
		return a.at.Compare(b.at)
	})
	return plans, counts
}

// storyCounts gives each story 8 to 25 articles, as many as it can fill,
// scaled down when stories would take more than half of n.
func (l *loader) storyCounts(n int) []int {
	counts := make([]int, len(stories))
	for i := range counts {
		counts[i] = min(8+l.r.IntN(18), stories[i].capacity())
	}
	if total, budget := sum(counts), n/2; total > budget {
		for i := range counts {
			counts[i] = counts[i] * budget / total
		}
	}
	return counts
}

// planStory spreads c articles of story i over a few months, on different
// days, ending yesterday for an ongoing story.
func (l *loader) planStory(i, c int) []plan {
	if c == 0 {
		return nil
	}
	span := 60 + l.r.IntN(300)
	last := 1
	if !stories[i].ongoing {
		last = 2 + l.r.IntN(days-span-2)
	}
	offsets := []int{last}
	if c > 1 {
		offsets = append(offsets, last+span)
		for _, d := range l.r.Perm(span - 1)[:c-2] {
			offsets = append(offsets, last+1+d)
		}
	}
	// Most days before End first: oldest first.
	slices.SortFunc(offsets, func(a, b int) int { return b - a })
	beats := l.chooseBeats(stories[i].beats, c)
	plans := make([]plan, c)
	for k := range plans {
		plans[k] = plan{at: l.dayTime(offsets[k]), status: herald.StatusPublished, lang: english, story: i, beat: beats[k]}
	}
	return plans
}

// chooseBeats picks c beats in story order: the first and the last, and
// between them some of the others — or all of them, with repeats of those
// that can happen again.
func (l *loader) chooseBeats(beats []beat, c int) []int {
	if c == 1 {
		return []int{0}
	}
	var idx []int
	if c <= len(beats) {
		idx = []int{0, len(beats) - 1}
		for _, k := range l.r.Perm(len(beats) - 2)[:c-2] {
			idx = append(idx, k+1)
		}
	} else {
		var again []int
		for k, b := range beats {
			idx = append(idx, k)
			if b.again {
				again = append(again, k)
			}
		}
		for len(idx) < c {
			idx = append(idx, pick(l.r, again))
		}
	}
	slices.Sort(idx)
	return idx
}

// dayTime returns a time between 06:00 and 22:00 UTC on the day that is
// daysBefore days before End. Keeping to those hours puts the day in
// Europe/London and UTC on the same date, so permalinks and datelines agree.
func (l *loader) dayTime(daysBefore int) time.Time {
	day := l.end.AddDate(0, 0, -daysBefore).Truncate(24 * time.Hour)
	return day.Add(6*time.Hour + time.Duration(l.r.IntN(16*60))*time.Minute)
}

// articles writes and stores the planned articles in batches.
func (l *loader) articles(ctx context.Context, plans []plan) error {
	l.installments = make([][]installment, len(stories))
	batcher, batched := l.st.(interface {
		CreateArticles(context.Context, []*herald.Article) error
	})
	batch := make([]*herald.Article, 0, batchSize)
	langs := make([]*language, 0, batchSize)
	for i, p := range plans {
		batch, langs = append(batch, l.article(p)), append(langs, p.lang)
		if len(batch) < batchSize && i < len(plans)-1 {
			continue
		}
		if batched {
			if err := batcher.CreateArticles(ctx, batch); err != nil {
				return fmt.Errorf("create articles: %w", err)
			}
		} else {
			for _, a := range batch {
				if err := l.st.CreateArticle(ctx, a); err != nil {
					return fmt.Errorf("create article %s: %w", a.Slug, err)
				}
			}
		}
		for j, a := range batch {
			l.noteCommentable(a, langs[j])
		}
		l.log.Debug("demo articles stored", "done", i+1, "of", len(plans))
		batch, langs = batch[:0], langs[:0]
	}
	return nil
}

// article writes one planned article.
func (l *loader) article(p plan) *herald.Article {
	r := l.r
	at := p.at
	if at.IsZero() {
		at = l.end
	}
	s := newSlots(r, p.lang.code, at)
	a := &herald.Article{
		Language:     p.lang.code,
		Status:       p.status,
		PublishedAt:  p.at,
		CommentsOpen: r.Float64() < commentsShare,
	}
	if p.story >= 0 {
		l.storyArticle(a, p, s)
	} else {
		l.everydayArticle(a, p, s)
	}
	authors := l.enAuthors
	if p.lang == russian {
		authors = l.ruAuthors
	}
	a.AuthorIDs = pickN(r, authors, bylineLength(r.Float64()))
	if r.Float64() < featuredShare && len(l.mediaIDs) > 0 {
		a.FeaturedMediaID = pick(r, l.mediaIDs)
	}
	if p.status == herald.StatusPublished {
		l.revise(a, p.lang, s)
	}
	return a
}

func (l *loader) everydayArticle(a *herald.Article, p plan, s slots) {
	st := &p.lang.sections[l.r.IntN(len(p.lang.sections))]
	h := pick(l.r, st.headlines)
	a.Headline = capitalize(s.fill(h.text))
	a.Slug = l.slug(a.Headline)
	a.Dek = s.fill(pick(l.r, st.deks))
	a.SectionID = l.sectionIDs[cmp.Or(h.sub, st.slug)]
	for _, name := range pickN(l.r, st.tags, 1+l.r.IntN(4)) {
		a.TagIDs = append(a.TagIDs, l.tagIDs[name])
	}
	if id, ok := l.tagIDs[s["district"]]; ok && p.lang == english && l.r.IntN(3) == 0 {
		a.TagIDs = append(a.TagIDs, id)
	}
	s["paper"] = "*" + paperName + "*"
	a.Body = everydayBody(l.r, p.lang, st, s)
}

func (l *loader) storyArticle(a *herald.Article, p plan, s slots) {
	st := &stories[p.story]
	b := &st.beats[p.beat]
	a.Headline = capitalize(s.fill(b.headline))
	a.Slug = l.slug(a.Headline)
	a.Dek = s.fill(pick(l.r, st.deks))
	a.SectionID = l.sectionIDs[st.section]
	a.StoryID = l.storyIDs[p.story]
	for _, name := range st.tags[:2+l.r.IntN(len(st.tags)-1)] {
		a.TagIDs = append(a.TagIDs, l.tagIDs[name])
	}
	s["paper"] = "*" + paperName + "*"
	a.Body = storyBody(l.r, st, b, s, p.at, l.installments[p.story])
	l.installments[p.story] = append(l.installments[p.story], installment{
		at: p.at, event: s.fill(b.event), path: permalink(p.at, a.Slug),
	})
}

// revise gives some published articles a correction or an update, with
// the "updated" time readers see, never later than End.
func (l *loader) revise(a *herald.Article, lang *language, s slots) {
	switch x := l.r.Float64(); {
	case x < 0.04:
		t := a.PublishedAt.Add(time.Duration(1+l.r.IntN(30)) * time.Hour)
		if t.Before(l.end) {
			a.UpdatedAt = t
			a.Corrections = []herald.Correction{{Time: t, Text: s.fill(pick(l.r, lang.corrections))}}
		}
	case x < 0.10:
		t := a.PublishedAt.Add(time.Duration(30+l.r.IntN(450)) * time.Minute)
		if t.Before(l.end) {
			a.UpdatedAt = t
			a.Body += "\n\n" + s.fill(pick(l.r, lang.updates))
		}
	}
}

// slug returns a slug for headline that no other demo article has:
// repeated headlines get -2, -3, … in turn.
func (l *loader) slug(headline string) string {
	base := cmp.Or(markup.Slugify(headline), "article")
	slug := base
	for n := max(2, l.nextSuffix[base]); l.slugs[slug]; n++ {
		slug = base + "-" + strconv.Itoa(n)
		l.nextSuffix[base] = n + 1
	}
	l.slugs[slug] = true
	return slug
}

// bylineLength gives most articles one author, some two, a few three.
func bylineLength(x float64) int {
	switch {
	case x < 0.70:
		return 1
	case x < 0.92:
		return 2
	}
	return 3
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
