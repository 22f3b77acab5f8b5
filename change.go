package herald

import "sync"

// ChangeKind names what kind of thing changed.
type ChangeKind string

// Kinds of change a store reports.
const (
	ChangeArticle  ChangeKind = "article"
	ChangeSection  ChangeKind = "section"
	ChangeTag      ChangeKind = "tag"
	ChangeStory    ChangeKind = "story"
	ChangeUser     ChangeKind = "user"
	ChangeMedia    ChangeKind = "media"
	ChangeRedirect ChangeKind = "redirect"
	ChangeSettings ChangeKind = "settings"
)

// Public reports whether changes of kind k can alter what readers see:
// pages, feeds and API answers. Caches of those ignore the others.
func (k ChangeKind) Public() bool {
	switch k {
	case ChangeModeration, ChangeOutbox, ChangeWebhook:
		return false
	}
	return true
}

// Change reports that one thing changed (was created, updated or deleted).
// ID is 0 for changes that have no id, such as settings.
type Change struct {
	Kind ChangeKind
	ID   int64
}

// ChangeSource reports changes after they are committed. Caches, feeds and
// sitemaps subscribe to it.
type ChangeSource interface {
	// Subscribe calls fn for every change from now on, until the returned
	// function is called. fn must be quick and must not call the store.
	Subscribe(fn func(Change)) (unsubscribe func())
}

// ChangeBroker fans changes out to subscribers. Stores embed one; it is safe
// for concurrent use. The zero value is ready to use.
type ChangeBroker struct {
	mu   sync.Mutex
	next int
	subs map[int]func(Change)
}

// Subscribe implements ChangeSource.
func (b *ChangeBroker) Subscribe(fn func(Change)) func() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs == nil {
		b.subs = map[int]func(Change){}
	}
	id := b.next
	b.next++
	b.subs[id] = fn
	return func() {
		b.mu.Lock()
		delete(b.subs, id)
		b.mu.Unlock()
	}
}

// Publish delivers changes to every subscriber, in order.
func (b *ChangeBroker) Publish(changes ...Change) {
	b.mu.Lock()
	fns := make([]func(Change), 0, len(b.subs))
	for _, fn := range b.subs {
		fns = append(fns, fn)
	}
	b.mu.Unlock()
	for _, c := range changes {
		for _, fn := range fns {
			fn(c)
		}
	}
}
