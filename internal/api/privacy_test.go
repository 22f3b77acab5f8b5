package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Allowed keys of every JSON object of the API, by the path of object keys
// that leads to it ("[]" for an array element).
var (
	linkKeys    = []string{"id", "name", "slug", "url"}
	imageKeys   = []string{"url", "width", "height", "alt"}
	articleKeys = map[string][]string{
		"": {"id", "url", "headline", "dek", "body_html", "excerpt", "published_at", "updated_at", "authors", "section",
			"tags", "story", "featured_image", "language", "translations", "corrections", "comment_count"},
		"authors[]":      linkKeys,
		"section":        linkKeys,
		"tags[]":         linkKeys,
		"story":          linkKeys,
		"featured_image": imageKeys,
		"translations[]": {"id", "language", "headline", "url"},
		"corrections[]":  {"time", "text"},
	}
	listKeys = []string{"data", "page", "per_page", "total", "total_pages", "next", "prev"}
)

// listed returns the allow-list of a listing of items with itemKeys.
func listed(itemKeys map[string][]string) map[string][]string {
	out := map[string][]string{"": listKeys}
	for path, keys := range itemKeys {
		out[strings.TrimSuffix("data[]."+path, ".")] = keys
	}
	return out
}

// keysOf collects the keys of every object in v by the path leading to it.
func keysOf(v any, path string, out map[string][]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			if !slices.Contains(out[path], k) {
				out[path] = append(out[path], k)
			}
			keysOf(child, strings.TrimPrefix(path+"."+k, "."), out)
		}
	case []any:
		for _, child := range v {
			keysOf(child, path+"[]", out)
		}
	}
}

// TestAPI_NoPrivateFields checks the keys of every object of every answer
// against an allow-list, and that nothing private appears anywhere.
func TestAPI_NoPrivateFields(t *testing.T) {
	f := newFixture(t)
	lead := pathOf("articles", f.articles["lead"].ID)
	sectionKeys := map[string][]string{"": {"id", "name", "slug", "description", "parent_id", "url"}}
	tagKeys := map[string][]string{"": {"id", "name", "slug", "url", "article_count"}}
	storyKeys := map[string][]string{"": {"id", "name", "slug", "description", "url", "article_count"}}
	authorKeys := map[string][]string{"": {"id", "name", "slug", "bio", "url", "photo", "article_count"}, "photo": imageKeys}
	oembedKeys := map[string][]string{"": {"version", "type", "title", "author_name", "author_url", "provider_name",
		"provider_url", "cache_age", "html", "width", "height", "thumbnail_url", "thumbnail_width", "thumbnail_height"}}
	for path, allowed := range map[string]map[string][]string{
		Prefix + "articles":               listed(articleKeys),
		Prefix + "articles?section=world": listed(articleKeys),
		lead:                              articleKeys,
		Prefix + "sections":               listed(sectionKeys),
		pathOf("sections", f.sections["world"].ID): sectionKeys,
		Prefix + "tags":                                       listed(tagKeys),
		pathOf("tags", f.tags["vote"].ID):                     tagKeys,
		Prefix + "stories":                                    listed(storyKeys),
		pathOf("stories", f.story.ID):                         storyKeys,
		Prefix + "authors":                                    listed(authorKeys),
		pathOf("authors", f.users["ann"].ID):                  authorKeys,
		Prefix + "oembed?url=" + origin + "/2024/03/01/lead/": oembedKeys,
	} {
		t.Run(path, func(t *testing.T) {
			res := f.getJSON(path, http.StatusOK, nil)
			var v any
			f.check(json.Unmarshal(res.body, &v))
			got := map[string][]string{}
			keysOf(v, "", got)
			for p, keys := range got {
				var extra []string
				for _, k := range keys {
					if !slices.Contains(allowed[p], k) {
						extra = append(extra, k)
					}
				}
				sort.Strings(extra)
				if diff := cmp.Diff([]string(nil), extra); diff != "" {
					t.Errorf("keys of %q not in the allow-list: %v", p, extra)
				}
			}
			body := strings.ToLower(string(res.body))
			for _, secret := range []string{"@example", "email", "password", "argon2", "role", "203.0.113.9", "pending",
				"headline draft", "headline scheduled", "headline future", "headline withdrawn", "secret-merger",
				"dora", "bob", "<script"} {
				if strings.Contains(body, secret) {
					t.Errorf("the answer contains %q: %s", secret, res.body)
				}
			}
		})
	}
}
