package admin

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/herald-news/herald"
)

func (f *fixture) addTag(t *testing.T, name, slug string) *herald.Tag {
	t.Helper()
	tag := &herald.Tag{Name: name, Slug: slug}
	must(t, f.store.CreateTag(context.Background(), tag))
	return tag
}

func TestTags_ListRenameMergeDelete(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ed := f.as(t, herald.RoleEditor)
	elec := f.addTag(t, "Elections", "elections")
	vote := f.addTag(t, "Vote", "vote")
	other := f.addTag(t, "Weather", "weather")
	for _, slug := range []string{"a", "b"} {
		f.addArticle(t, slug, 0, func(a *herald.Article) { a.TagIDs = []int64{elec.ID} })
	}
	f.addArticle(t, "c", 0, func(a *herald.Article) { a.TagIDs = []int64{vote.ID, elec.ID} })

	resp, body := ed.get("/admin/tags?q=ELEC")
	wantPage(t, resp, body, 200, "1 tag.", "Elections", "<td>3</td>")

	resp, body = ed.post("/admin/tags/"+itoa(other.ID)+"/edit", url.Values{"name": {"Climate"}, "slug": {"vote"}})
	wantPage(t, resp, body, 422, "is already used", `value="Climate"`)
	resp, body = ed.post("/admin/tags/"+itoa(other.ID)+"/edit", url.Values{"name": {""}, "slug": {"x"}})
	wantPage(t, resp, body, 422, `id="name-error"`)
	resp, _ = ed.post("/admin/tags/"+itoa(other.ID)+"/edit", url.Values{"name": {"Climate"}, "slug": {""}})
	wantPage(t, resp, "", http.StatusSeeOther)
	got, err := f.store.FindTag(ctx, other.ID)
	must(t, err)
	if got.Name != "Climate" || got.Slug != "climate" {
		t.Errorf("renamed tag = %+v", got)
	}

	mergePath := "/admin/tags/" + itoa(vote.ID) + "/merge"
	resp, body = ed.post(mergePath, url.Values{"into": {"nothing-like-it"}})
	wantPage(t, resp, body, 422, `id="into-error"`, `value="nothing-like-it"`)
	resp, body = ed.post(mergePath, url.Values{"into": {"Vote"}})
	wantPage(t, resp, body, 422, "must be another tag")
	resp, body = ed.post(mergePath, url.Values{"into": {"elections"}})
	wantPage(t, resp, body, 200, "1 article tagged “Vote” will be tagged “Elections” instead.", `name="into" value="elections"`)
	resp, _ = ed.post(mergePath, url.Values{"into": {"elections"}, "confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if _, err := f.store.FindTag(ctx, vote.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("merged tag still found: %v", err)
	}
	f.wantAudit(t, "tag.merge", "Vote → Elections")

	resp, body = ed.get("/admin/tags/" + itoa(elec.ID) + "/delete")
	wantPage(t, resp, body, 200, "3 articles lose the tag")
	resp, _ = ed.post("/admin/tags/"+itoa(elec.ID)+"/delete", url.Values{"confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	f.wantAudit(t, "tag.delete", "Elections")
	resp, _ = ed.get("/admin/tags/999/edit")
	wantPage(t, resp, "", http.StatusNotFound)
	resp, _ = f.as(t, herald.RoleAuthor).get("/admin/tags")
	wantPage(t, resp, "", http.StatusForbidden)
}

func TestStories_CreateEditDelete(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	resp, body := ed.post("/admin/stories/new", url.Values{"description": {"Typed words"}})
	wantPage(t, resp, body, 422, `id="name-error"`, "Typed words")
	resp, _ = ed.post("/admin/stories/new", url.Values{"name": {"Выборы 2024"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	s, err := f.store.FindStoryBySlug(context.Background(), "vybory-2024")
	must(t, err)
	resp, body = ed.post("/admin/stories/new", url.Values{"name": {"Again"}, "slug": {"vybory-2024"}})
	wantPage(t, resp, body, 422, "is already used")
	resp, _ = ed.post("/admin/stories/"+itoa(s.ID)+"/edit", url.Values{"name": {"Elections 2024"}, "slug": {"elections-2024"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	f.addArticle(t, "s1", 0, func(a *herald.Article) { a.StoryID = s.ID })
	f.addArticle(t, "s2", 0, func(a *herald.Article) { a.StoryID = s.ID })
	resp, body = ed.get("/admin/stories")
	wantPage(t, resp, body, 200, "Elections 2024", "<td>2</td>")
	resp, body = ed.get("/admin/stories/" + itoa(s.ID) + "/delete")
	wantPage(t, resp, body, 200, "Its 2 articles stay, outside any story", "/story/elections-2024/")
	resp, _ = ed.post("/admin/stories/"+itoa(s.ID)+"/delete", url.Values{"confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	f.wantAudit(t, "story.delete", "Elections 2024")
}
