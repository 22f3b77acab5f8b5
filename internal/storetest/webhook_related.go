package storetest

import (
	"cmp"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// relatedFixture follows the webhook deliveries that changes to what
// articles show of their sections, tags, stories, authors and images
// enqueue.
type relatedFixture struct {
	*fixture
	told  []*herald.Webhook // subscribed to article.updated, oldest first
	later time.Time         // when deliveries are claimed
}

// articles creates two public articles changed by edit, and a draft, an
// article published for tomorrow and a public article without edit, none
// of which webhooks may hear of; it returns the public two, having taken
// the deliveries their creation enqueued.
func (r *relatedFixture) articles(edit func(a *herald.Article)) []*herald.Article {
	r.t.Helper()
	public := []*herald.Article{r.article(edit), r.article(edit)}
	r.article(func(a *herald.Article) { edit(a); a.Status = herald.StatusDraft })
	r.article(func(a *herald.Article) { edit(a); a.PublishedAt = time.Now().Add(48 * time.Hour).Truncate(time.Second) })
	r.article(nil)
	r.claim()
	return public
}

// claim returns the deliveries enqueued since the last claim, by webhook
// then article.
func (r *relatedFixture) claim() []deliveryEvent {
	r.t.Helper()
	claimed, err := r.s.ClaimWebhookDeliveries(r.ctx, r.later, time.Hour, 1000)
	r.check(err)
	slices.SortFunc(claimed, func(x, y *herald.WebhookDelivery) int {
		return cmp.Or(cmp.Compare(x.WebhookID, y.WebhookID), cmp.Compare(x.ArticleID, y.ArticleID))
	})
	return deliveryEvents(claimed)
}

// expect runs the change and checks that it enqueued article.updated of
// each of the public articles, once, for each webhook subscribed to it,
// and nothing else.
func (r *relatedFixture) expect(name string, public []*herald.Article, change error) {
	r.t.Helper()
	r.check(change)
	want := []deliveryEvent{}
	for _, w := range r.told {
		for _, a := range public {
			want = append(want, deliveryEvent{w.ID, herald.EventArticleUpdated, a.ID, a.Slug})
		}
	}
	if diff := gocmp.Diff(want, r.claim()); diff != "" {
		r.t.Errorf("%s: deliveries (-want +got):\n%s", name, diff)
	}
}

// testWebhookRelatedChanges checks that a change to a section, tag, story,
// author or image that shows in the JSON of public articles tells webhooks
// of article.updated of each, once, and of no other article.
func testWebhookRelatedChanges(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	r := &relatedFixture{fixture: f, later: time.Now().Add(time.Hour), told: []*herald.Webhook{
		f.webhook("https://example.com/updated", true, herald.EventArticleUpdated),
		f.webhook("https://example.com/all", true, herald.WebhookEvents...),
	}}
	f.webhook("https://example.com/published", true, herald.EventArticlePublished, herald.EventArticleDeleted)
	f.webhook("https://example.com/off", false, herald.WebhookEvents...)

	sec := f.section("world", 0, 0)
	public := r.articles(func(a *herald.Article) { a.SectionID = sec.ID })
	sec.Description, sec.Position, sec.InNav = "All of it", 4, false
	r.expect("section's description, position and menu", nil, s.UpdateSection(f.ctx, sec))
	sec.Name, sec.Slug = "Globe", "globe"
	r.expect("section renamed", public, s.UpdateSection(f.ctx, sec))
	r.expect("section deleted", public, s.DeleteSection(f.ctx, sec.ID))

	tag, taken := f.tag("vote"), f.tag("taken")
	public = r.articles(func(a *herald.Article) { a.TagIDs = []int64{tag.ID} })
	tag.Slug = taken.Slug
	wantCode(t, s.UpdateTag(f.ctx, tag), herald.ECONFLICT)
	r.expect("tag given a taken slug", nil, nil)
	tag.Name, tag.Slug = "Vote", "ballot"
	changes := record(t, s)
	r.expect("tag renamed", public, s.UpdateTag(f.ctx, tag))
	// Senders waiting for the next due delivery look again.
	want := []herald.Change{{Kind: herald.ChangeTag, ID: tag.ID}, {Kind: herald.ChangeWebhook}}
	if diff := gocmp.Diff(want, changes.take()); diff != "" {
		t.Errorf("changes of the renaming (-want +got):\n%s", diff)
	}
	r.expect("tag unchanged", nil, s.UpdateTag(f.ctx, tag))
	r.expect("tag deleted", public, s.DeleteTag(f.ctx, tag.ID))

	from, into := f.tag("poll"), f.tag("polls")
	public = r.articles(func(a *herald.Article) { a.TagIDs = []int64{from.ID} })
	both := f.article(func(a *herald.Article) { a.TagIDs = []int64{into.ID, from.ID} })
	f.article(func(a *herald.Article) { a.TagIDs = []int64{into.ID} })
	r.claim()
	r.expect("tags merged", byID(public[0], public[1], both), s.MergeTags(f.ctx, from.ID, into.ID))

	st := f.story("election")
	public = r.articles(func(a *herald.Article) { a.StoryID = st.ID })
	st.Description = "Counting"
	r.expect("story's description", nil, s.UpdateStory(f.ctx, st))
	st.Name = "The count"
	r.expect("story renamed", public, s.UpdateStory(f.ctx, st))
	r.expect("story deleted", public, s.DeleteStory(f.ctx, st.ID))

	u, other := f.user("ann"), f.user("bob")
	public = r.articles(func(a *herald.Article) { a.AuthorIDs = []int64{other.ID, u.ID} })
	u.Bio, u.Role = "Writes less.", herald.RoleEditor
	r.expect("author's bio and role", nil, s.UpdateUser(f.ctx, u))
	u.Name, u.Slug = "Ann Lee", "ann-lee" // two fields, one delivery
	r.expect("author renamed", public, s.UpdateUser(f.ctx, u))
	r.expect("author deleted", public, s.DeleteUser(f.ctx, u.ID))

	m := f.media(1)
	public = r.articles(func(a *herald.Article) { a.FeaturedMediaID = m.ID })
	m.Caption, m.Credit, m.Size = "Queues", "Photo desk", 2000
	r.expect("image's caption and credit", nil, s.UpdateMedia(f.ctx, m))
	m.Alt = "Voters queue outside the hall"
	r.expect("image's alt text", public, s.UpdateMedia(f.ctx, m))
	m.Variants = []int{320, 640, 960}
	r.expect("image's sizes", public, s.UpdateMedia(f.ctx, m))
	r.expect("image deleted", public, s.DeleteMedia(f.ctx, m.ID))
}

// byID returns the articles ordered by ID.
func byID(articles ...*herald.Article) []*herald.Article {
	return slices.SortedFunc(slices.Values(articles), func(x, y *herald.Article) int { return cmp.Compare(x.ID, y.ID) })
}
