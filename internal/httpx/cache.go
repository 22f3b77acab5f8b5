package httpx

import "sync"

// Cache keeps rendered pages by key, bounded in bytes, evicting the least
// recently used. A generation number guards against a race: a page
// rendered from content that changed while it rendered is not stored.
// It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	gen   uint64
	items map[string]*cacheEntry
	lru   cacheEntry // sentinel: lru.next is the most recently used
}

// cacheEntry is one page in the cache's doubly linked LRU list.
type cacheEntry struct {
	key        string
	page       *Page
	prev, next *cacheEntry
}

// NewCache returns a cache holding at most maxBytes of pages.
func NewCache(maxBytes int64) *Cache {
	c := &Cache{max: maxBytes, items: map[string]*cacheEntry{}}
	c.lru.next, c.lru.prev = &c.lru, &c.lru
	return c
}

// Get returns the page stored under key, or nil.
func (c *Cache) Get(key string) *Page {
	c.mu.Lock()
	e := c.items[key]
	if e != nil && c.lru.next != e {
		e.unlink()
		c.pushFront(e)
	}
	c.mu.Unlock()
	if e == nil {
		return nil
	}
	return e.page
}

// Generation returns the current generation; take it before reading the
// content a page is rendered from, and pass it to Put.
func (c *Cache) Generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Put stores p under key unless the cache was cleared since gen or p is too
// big, and reports whether it stored p.
func (c *Cache) Put(gen uint64, key string, p *Page) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || p.Size() > c.max/4 {
		return false
	}
	if old := c.items[key]; old != nil {
		c.remove(old)
	}
	e := &cacheEntry{key: key, page: p}
	c.items[key] = e
	c.pushFront(e)
	c.size += p.Size()
	for c.size > c.max {
		c.remove(c.lru.prev)
	}
	return true
}

// Clear drops every page and starts a new generation.
func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.items = map[string]*cacheEntry{}
	c.lru.next, c.lru.prev = &c.lru, &c.lru
	c.size = 0
}

// Stats returns the number of pages held and their size in bytes.
func (c *Cache) Stats() (pages int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.size
}

// remove drops e from the cache; the caller holds mu.
func (c *Cache) remove(e *cacheEntry) {
	e.unlink()
	delete(c.items, e.key)
	c.size -= e.page.Size()
}

// pushFront makes e the most recently used; the caller holds mu.
func (c *Cache) pushFront(e *cacheEntry) {
	e.prev, e.next = &c.lru, c.lru.next
	c.lru.next.prev = e
	c.lru.next = e
}

// unlink takes e out of its list.
func (e *cacheEntry) unlink() {
	e.prev.next = e.next
	e.next.prev = e.prev
	e.prev, e.next = nil, nil
}
