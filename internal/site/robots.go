package site

import (
	"net/http"
	"time"
)

// robotsPath is where crawlers read the rules of the site.
const robotsPath = "/robots.txt"

// robots answers /robots.txt: the newsroom is off limits, and the
// sitemaps are named.
func (s *Site) robots(w http.ResponseWriter, r *http.Request) error {
	return s.serveGenerated(w, r, robotsPath, "text/plain; charset=utf-8", func(r *http.Request) ([]byte, time.Time, error) {
		e, err := s.newEnv(r)
		if err != nil {
			return nil, time.Time{}, err
		}
		body := "User-agent: *\nDisallow: /admin/\n\n" +
			"Sitemap: " + e.abs(sitemapIndexPath) + "\n" +
			"Sitemap: " + e.abs(sitemapNewsPath) + "\n"
		return []byte(body), time.Time{}, nil
	})
}
