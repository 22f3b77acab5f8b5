package e2e

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// newsroomScreens are the newsroom's main screens, in navigation order.
var newsroomScreens = []string{"articles", "sections", "tags", "stories", "media", "users", "settings", "audit"}

// TestNewsroom_RoleMatrix signs in as each role in Chromium and checks that
// the navigation offers exactly the screens the role may open, that those
// open, and that every other one answers 403 in the signed-in browser.
func TestNewsroom_RoleMatrix(t *testing.T) {
	s := startSite(t)
	allowed := map[string][]string{
		"admin":       newsroomScreens,
		"editor":      {"articles", "sections", "tags", "stories", "media"},
		"author":      {"articles", "media"},
		"contributor": {"articles"},
	}
	for _, role := range []string{"admin", "editor", "author", "contributor"} {
		t.Run(role, func(t *testing.T) {
			ctx := newsroomBrowser(t)
			w := watch(t, ctx)
			signIn(t, ctx, s, s.addUser(t, role))
			nav := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('nav[aria-label="Newsroom"] a'))
				.map(a => new URL(a.href).pathname.split('/')[2] || '')`)
			var shown []string
			for _, screen := range newsroomScreens {
				if slices.Contains(nav, screen) {
					shown = append(shown, screen)
				}
			}
			if strings.Join(shown, " ") != strings.Join(allowed[role], " ") {
				t.Errorf("navigation offers %v, want %v", shown, allowed[role])
			}
			statuses := eval[map[string]int](t, ctx, `(async () => {
				const out = {};
				for (const s of `+jsList(newsroomScreens)+`) {
					out[s] = (await fetch('/admin/' + s, {redirect: 'manual'})).status;
				}
				return out;
			})()`)
			for _, screen := range newsroomScreens {
				want := http.StatusForbidden
				if slices.Contains(allowed[role], screen) {
					want = http.StatusOK
				}
				if statuses[screen] != want {
					t.Errorf("GET /admin/%s as %s: %d, want %d", screen, role, statuses[screen], want)
				}
			}
			w.expect(http.StatusForbidden)
			w.check(t, s.URL)
		})
	}
}

// jsList writes words as a JavaScript array literal.
func jsList(words []string) string {
	return `['` + strings.Join(words, `', '`) + `']`
}
