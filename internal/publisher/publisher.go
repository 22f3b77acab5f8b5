// Package publisher publishes scheduled articles on time. It sleeps until
// the earliest scheduled publication, wakes early when an article changes
// in this process, and polls now and then for changes made by others.
package publisher

import (
	"context"
	"log/slog"
	"time"

	"github.com/herald-news/herald"
)

// DefaultPoll is how often the publisher looks for work it was not told
// about, such as an article scheduled by another Herald process.
const DefaultPoll = 30 * time.Second

// retryAfterError is how long the publisher waits after the store failed.
const retryAfterError = 5 * time.Second

// Store is what the publisher needs from herald.Store.
type Store interface {
	PublishDueArticles(ctx context.Context, now time.Time) ([]int64, error)
	NextScheduledTime(ctx context.Context) (time.Time, error)
	herald.ChangeSource
}

// Options configure a Publisher.
type Options struct {
	Store  Store
	Now    func() time.Time                     // time.Now when nil
	After  func(time.Duration) <-chan time.Time // time.After when nil; tests pass a fake
	Poll   time.Duration                        // DefaultPoll when zero
	Logger *slog.Logger                         // slog.Default() when nil
}

// Publisher publishes scheduled articles when their time comes.
type Publisher struct {
	opts Options
	wake chan struct{}
}

// New returns a publisher; Run starts it.
func New(opts Options) *Publisher {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.After == nil {
		opts.After = time.After
	}
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Publisher{opts: opts, wake: make(chan struct{}, 1)}
}

// Run publishes due articles, first those missed while Herald was down,
// then each as its time comes, until ctx is done.
func (p *Publisher) Run(ctx context.Context) {
	unsubscribe := p.opts.Store.Subscribe(func(c herald.Change) {
		if c.Kind == herald.ChangeArticle {
			select {
			case p.wake <- struct{}{}:
			default:
			}
		}
	})
	defer unsubscribe()
	for {
		wait := p.step(ctx)
		select {
		case <-ctx.Done():
			return
		case <-p.opts.After(wait):
		case <-p.wake:
		}
	}
}

// step publishes what is due and returns how long to sleep before the next
// scheduled article, at most the poll interval.
func (p *Publisher) step(ctx context.Context) time.Duration {
	now := p.opts.Now()
	ids, err := p.opts.Store.PublishDueArticles(ctx, now)
	if err != nil {
		if ctx.Err() == nil {
			p.opts.Logger.ErrorContext(ctx, "publishing scheduled articles", "err", err)
		}
		return retryAfterError
	}
	for _, id := range ids {
		p.opts.Logger.InfoContext(ctx, "published scheduled article", "article", id)
	}
	next, err := p.opts.Store.NextScheduledTime(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.opts.Logger.ErrorContext(ctx, "finding the next scheduled article", "err", err)
		}
		return retryAfterError
	}
	if next.IsZero() {
		return p.opts.Poll
	}
	return min(max(next.Sub(now), 0), p.opts.Poll)
}
