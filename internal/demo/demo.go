// Package demo fills an empty store with a made-up news site: The Almera
// Courier of Port Almera, capital of the fictional Velmark. Sections,
// authors, tags, running stories, featured images and thousands of
// articles in English and Russian are generated from a seed, so the same
// options always give the same site — for trying Herald, for screenshots
// and for load tests. Nothing in it is about a real person or event.
package demo

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/media"
)

// Options say how much demo content to make and from which seed.
type Options struct {
	// Articles is how many articles to create; 2000 when 0.
	Articles int
	// Images is how many featured images to draw; 24 when 0. Each costs
	// a fraction of a second of image processing, which tests may spare.
	Images int
	// Seed chooses the content; 1 when 0. The same Seed and End give the
	// same site.
	Seed int64
	// End is the time the demo site is "now": every published article is
	// older. Zero means today at 00:00 UTC.
	End time.Time
	// Logger receives progress; nil discards it.
	Logger *slog.Logger
}

// Defaults for Options.
const (
	DefaultArticles = 2000
	DefaultImages   = 24
	DefaultSeed     = 1
)

// Summary reports what Load created and how long it took.
type Summary struct {
	Articles int
	Sections int
	Authors  int
	Tags     int
	Stories  int
	Images   int
	Comments int
	Elapsed  time.Duration
}

// Load fills st, which must hold no articles yet, with demo content and
// stores its images in lib. It returns ECONFLICT when st already has
// articles.
func Load(ctx context.Context, st herald.Store, lib *media.Library, opts Options) (Summary, error) {
	start := time.Now()
	opts = opts.withDefaults()
	page, err := st.FindArticles(ctx, herald.ArticleFilter{Limit: 1})
	if err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	if page.Total > 0 {
		return Summary{}, herald.Errorf(herald.ECONFLICT,
			"The site already has %d articles; demo content goes into an empty database.", page.Total)
	}
	l := &loader{
		st:         st,
		r:          rand.New(rand.NewPCG(uint64(opts.Seed), 0x4e3a1d)),
		end:        opts.End,
		log:        opts.Logger,
		sectionIDs: map[string]int64{},
		tagIDs:     map[string]int64{},
		slugs:      map[string]bool{},
		nextSuffix: map[string]int{},
	}
	plans, counts := l.plan(opts.Articles)
	if err := l.prepare(ctx, lib, opts, counts); err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	if err := l.articles(ctx, plans); err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	comments, err := l.comments(ctx)
	if err != nil {
		return Summary{}, fmt.Errorf("demo: %w", err)
	}
	sum := Summary{
		Comments: comments,
		Articles: len(plans),
		Sections: len(l.sectionIDs),
		Authors:  len(l.enAuthors) + len(l.ruAuthors),
		Tags:     len(l.tagIDs),
		Images:   len(l.mediaIDs),
		Elapsed:  time.Since(start),
	}
	for _, id := range l.storyIDs {
		if id != 0 {
			sum.Stories++
		}
	}
	l.log.Info("demo content loaded", "articles", sum.Articles, "sections", sum.Sections, "authors", sum.Authors,
		"tags", sum.Tags, "stories", sum.Stories, "images", sum.Images, "comments", sum.Comments, "elapsed", sum.Elapsed)
	return sum, nil
}

func (o Options) withDefaults() Options {
	if o.Articles <= 0 {
		o.Articles = DefaultArticles
	}
	if o.Images <= 0 {
		o.Images = DefaultImages
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.End.IsZero() {
		o.End = time.Now().UTC().Truncate(24 * time.Hour)
	}
	o.End = o.End.UTC()
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// loader carries what Load has created so far.
type loader struct {
	st  herald.Store
	r   *rand.Rand
	end time.Time
	log *slog.Logger

	sectionIDs map[string]int64 // by slug
	tagIDs     map[string]int64 // by name
	enAuthors  []int64
	ruAuthors  []int64
	storyIDs   []int64 // by index in stories; 0 when the story has no articles
	mediaIDs   []int64

	slugs        map[string]bool // taken article slugs
	nextSuffix   map[string]int  // by slug: the next number to try after it
	installments [][]installment // published reports by story

	commentable []commentable // recent articles readers comment on
	readers     int           // readers who commented so far
}

// prepare creates everything articles refer to. The images, which take
// longest, are drawn meanwhile.
func (l *loader) prepare(ctx context.Context, lib *media.Library, opts Options, storyCounts []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type drawn struct {
		ms  []*herald.Media
		err error
	}
	images := make(chan drawn, 1)
	go func() {
		ms, err := addImages(ctx, lib, opts.Seed, opts.Images)
		images <- drawn{ms, err}
	}()
	if err := l.setup(ctx, storyCounts); err != nil {
		cancel()
		<-images // stop writing files before returning
		return err
	}
	d := <-images
	if d.err != nil {
		return d.err
	}
	return l.storeMedia(ctx, d.ms)
}

// setup creates settings, sections, authors, tags and stories.
func (l *loader) setup(ctx context.Context, storyCounts []int) error {
	steps := []func(context.Context) error{l.settings, l.sections, l.authors, l.tags}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return l.stories(ctx, storyCounts)
}

// storeMedia stores the images' records, reusing any the store already has.
func (l *loader) storeMedia(ctx context.Context, ms []*herald.Media) error {
	for _, m := range ms {
		old, err := l.st.FindMediaByHash(ctx, m.Hash)
		switch {
		case err == nil:
			m = old
		case herald.ErrorCode(err) == herald.ENOTFOUND:
			if err := l.st.CreateMedia(ctx, m); err != nil {
				return fmt.Errorf("create media %s: %w", m.Hash, err)
			}
		default:
			return fmt.Errorf("find media %s: %w", m.Hash, err)
		}
		l.mediaIDs = append(l.mediaIDs, m.ID)
	}
	return nil
}
