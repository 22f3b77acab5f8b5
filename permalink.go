package herald

import "time"

// Path is the article's permalink, /YYYY/MM/DD/slug/, dated by its
// publication time in the site's time zone loc.
func (a *Article) Path(loc *time.Location) string {
	return "/" + a.PublishedAt.In(loc).Format("2006/01/02") + "/" + a.Slug + "/"
}
