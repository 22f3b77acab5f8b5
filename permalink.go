package herald

import (
	"strconv"
	"time"
)

// Path is the article's permalink, /YYYY/MM/DD/slug/, dated by its
// publication time in the site's time zone loc.
func (a *Article) Path(loc *time.Location) string {
	return "/" + a.PublishedAt.In(loc).Format("2006/01/02") + "/" + a.Slug + "/"
}

// CommentsSegment follows an article's permalink in the addresses of its
// comments: the form posts to /YYYY/MM/DD/slug/comments/, and
// /YYYY/MM/DD/slug/comments/N/ leads to comment N wherever it is shown.
const CommentsSegment = "comments/"

// CommentPath is the lasting address of the article's comment id: it
// redirects to the comment on the page of comments that shows it.
func (a *Article) CommentPath(loc *time.Location, id int64) string {
	return a.Path(loc) + CommentsSegment + strconv.FormatInt(id, 10) + "/"
}
