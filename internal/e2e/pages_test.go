package e2e

import (
	"regexp"
	"testing"
)

// page is one page the checkers look at.
type page struct {
	name   string
	path   string
	status int
}

var (
	articleLink = regexp.MustCompile(`^/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$`)
	sectionLink = regexp.MustCompile(`^/section/[a-z0-9-]+/$`)
)

// checkedPages returns the demo pages that must be valid and accessible:
// front, an article, a section, a date archive and the 404 page.
func (s *site) checkedPages(t *testing.T) []page {
	t.Helper()
	article := s.storyArticle(t)
	return []page{
		{"front", "/", 200},
		{"article", article, 200},
		{"section", s.firstLink(t, "/", sectionLink), 200},
		{"archive", article[:6], 200},
		{"not-found", "/no-such-page/", 404},
	}
}

var storyLink = regexp.MustCompile(`^/story/[a-z0-9-]+/$`)

// storyArticle returns the path of an article that belongs to a running
// story, so that its page shows related coverage as a timeline.
func (s *site) storyArticle(t *testing.T) string {
	t.Helper()
	story := s.firstLink(t, "/", storyLink)
	return s.firstLink(t, story, articleLink)
}

// TestPages_Status checks that each checked page answers as expected
// through plain HTTP before the heavier checkers run.
func TestPages_Status(t *testing.T) {
	s := startSite(t)
	for _, p := range s.checkedPages(t) {
		if got, _ := s.get(t, p.path); got != p.status {
			t.Errorf("GET %s (%s): status %d, want %d", p.path, p.name, got, p.status)
		}
	}
}
