package site

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

func TestComments_Paging(t *testing.T) {
	f, path := commentsFixture(t)
	f.setComments(t, func(c *herald.CommentSettings) { c.Moderation = herald.ModerateApproveAll })
	a := f.articles["fire-breaks-out-at-harbour"]
	var ids []int64
	for i := 0; i < 2*commentsPerPage+5; i++ {
		c := &herald.Comment{ArticleID: a.ID, Name: "Reader " + strconv.Itoa(i), Email: "r" + strconv.Itoa(i) + "@example.org",
			Text: "Thread " + strconv.Itoa(i) + ".", Status: herald.CommentApproved}
		must(t, f.store.CreateComment(context.Background(), c))
		ids = append(ids, c.ID)
	}
	reply := &herald.Comment{ArticleID: a.ID, ParentID: ids[150], Name: "Replier", Email: "re@example.org", Text: "A reply on page two.", Status: herald.CommentApproved}
	must(t, f.store.CreateComment(context.Background(), reply))
	page2, page3 := path+"comment-page-2/", path+"comment-page-3/"
	for _, tc := range []struct {
		path         string
		first, last  int
		older, newer string
	}{
		{path, 0, 99, "", page2},
		{page2, 100, 199, path, page3},
		{page3, 200, 204, page2, ""},
	} {
		w := f.request(t, "GET", tc.path, nil, "5.6.7.8:9")
		body := w.Body.String()
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d", tc.path, w.Code)
		}
		want := tc.last - tc.first + 1
		if tc.path == page2 {
			want++ // the reply
		}
		if n := strings.Count(body, `<li class="comment`); n != want {
			t.Errorf("%s: %d comments", tc.path, n)
		}
		for _, want := range []string{"Thread " + strconv.Itoa(tc.first) + ".", "Thread " + strconv.Itoa(tc.last) + ".", "206 comments",
			`href="` + tc.path + `#comment-` + strconv.FormatInt(ids[tc.first], 10) + `"`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", tc.path, want)
			}
		}
		if strings.Contains(body, "Thread "+strconv.Itoa(tc.last+1)+".") {
			t.Errorf("%s shows the next page's thread", tc.path)
		}
		for _, l := range []struct{ href, class, rel string }{{tc.older, "older", "prev"}, {tc.newer, "newer", "next"}} {
			link := `<a class="` + l.class + `" href="` + l.href + `#comments" rel="` + l.rel + `">`
			if strings.Contains(body, link) != (l.href != "") || l.href == "" && strings.Contains(body, `class="`+l.class+`"`) {
				t.Errorf("%s: %s link to %q wrong", tc.path, l.class, l.href)
			}
		}
	}
	if !strings.Contains(f.request(t, "GET", page2, nil, "5.6.7.8:9").Body.String(), "A reply on page two.") {
		t.Errorf("a reply is not on its thread's page")
	}
	for p, want := range map[string]int{path + "comment-page-4/": 404, path + "comment-page-0/": 404, path + "comment-page-02/": 404,
		path + "comment-page-1/": 301, path + "Comment-Page-2": 301, path + "comment-page-2/page/2/": 404} {
		if w := f.request(t, "GET", p, nil, "5.6.7.8:9"); w.Code != want {
			t.Errorf("GET %s: %d, want %d", p, w.Code, want)
		}
	}
	// A comment's own address leads to the page that holds it.
	for id, want := range map[int64]string{ids[3]: path, ids[150]: page2, reply.ID: page2, ids[204]: page3} {
		w := f.request(t, "GET", path+"comments/"+strconv.FormatInt(id, 10)+"/", nil, "5.6.7.8:9")
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != want+"#comment-"+strconv.FormatInt(id, 10) {
			t.Errorf("comment %d: %d %q", id, w.Code, w.Header().Get("Location"))
		}
	}
	// Posting lands on the page holding the new comment.
	res := f.post(t, path, map[string]string{"author": "Late", "email": "late@example.org", "comment": "A new thread."}, "1.2.3.4:5")
	if c := f.postedComment(t, res); res.Header.Get("Location") != page3+"#comment-"+strconv.FormatInt(c.ID, 10) {
		t.Errorf("new thread lands at %q", res.Header.Get("Location"))
	}
	res = f.post(t, path, map[string]string{"author": "Late", "email": "late2@example.org", "comment": "A reply.", "parent": strconv.FormatInt(ids[120], 10)}, "1.2.3.4:6")
	if c := f.postedComment(t, res); res.Header.Get("Location") != page2+"#comment-"+strconv.FormatInt(c.ID, 10) {
		t.Errorf("reply lands at %q", res.Header.Get("Location"))
	}
	f.noEmails(t, []string{"r0@example.org", "r150@example.org", "re@example.org"}, []string{path, page2, page3})
}

func TestComments_RoutesLeaveOtherPages(t *testing.T) {
	f, path := commentsFixture(t)
	tag := &herald.Tag{Slug: "comments", Name: "Comments"}
	must(t, f.store.CreateTag(context.Background(), tag))
	a := f.articles["council-debates-port-budget"]
	a.TagIDs = []int64{tag.ID}
	must(t, f.store.UpdateArticle(context.Background(), a))
	for p, want := range map[string]int{
		"/tag/comments/":                  http.StatusOK,
		"/section/comments/":              http.StatusNotFound,
		"/2024/03/01/comments/":           http.StatusNotFound, // an article slug, none here
		path + "comments/":                http.StatusMethodNotAllowed,
		path + "comment-page-2/comments/": http.StatusNotFound,
		path + "comments/1/unknown/":      http.StatusNotFound,
		path + "comments/1/edit":          http.StatusNotFound,
		"/comments/unsubscribe/":          http.StatusBadRequest,
		"/tag/comments/comments/1/edit/":  http.StatusNotFound,
	} {
		if w := f.request(t, "GET", p, nil, "5.6.7.8:9"); w.Code != want {
			t.Errorf("GET %s: %d, want %d", p, w.Code, want)
		}
	}
}
