package admin

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// TestArticle_CopyProtection sets an article's own copy protection, shows
// it chosen in the editor, and refuses a mode that does not exist.
func TestArticle_CopyProtection(t *testing.T) {
	f := newFixture(t)
	c := f.as(t, herald.RoleEditor)
	art := f.writeArticle(t, herald.RoleEditor, "guarded", herald.StatusDraft, time.Time{})
	resp, body := c.get(editPath(art))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<option value="" selected>The site’s setting (off)</option>`) {
		t.Fatalf("editor of a new article: status %d, the site's setting not chosen\n%s", resp.StatusCode, body)
	}

	form := articleValues(art, "save")
	form.Set("copy_protection", herald.CopyAttribute)
	if resp, body := c.post(editPath(art), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d\n%s", resp.StatusCode, body)
	}
	if got := f.find(t, art.ID).CopyProtection; got != herald.CopyAttribute {
		t.Errorf("stored copy protection %q, want %q", got, herald.CopyAttribute)
	}
	_, body = c.get(editPath(art))
	if !strings.Contains(body, `<option value="attribute" selected>`) {
		t.Errorf("the editor does not show the stored choice\n%s", body)
	}

	bad := articleValues(f.find(t, art.ID), "save")
	bad.Set("copy_protection", "block")
	bad.Set("body", "Kept <text>")
	resp, body = c.post(editPath(art), bad)
	for _, want := range []string{`id="copy_protection-error"`, "Kept &lt;text&gt;"} {
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
			t.Errorf("bad mode: status %d, body lacks %q", resp.StatusCode, want)
		}
	}
	if got := f.find(t, art.ID).CopyProtection; got != herald.CopyAttribute {
		t.Errorf("after a refused save the mode is %q", got)
	}
}
