package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/render"
)

// articlesPerPage is the length of a page of the article list.
const articlesPerPage = 30

// listQuery is the article list's filter form, sent by GET.
type listQuery struct {
	Status  string `form:"status"`
	Section int64  `form:"section"`
	Author  int64  `form:"author"`
	Q       string `form:"q"`
	Page    int    `form:"page"`
}

// articleListView is the article list.
type articleListView struct {
	chrome
	Query    listQuery
	Statuses []option
	Sections []option
	Authors  []option
	Rows     []articleRow
	Total    int
	Prev     string
	Next     string
	// OwnOnly is set for roles that see only their own articles.
	OwnOnly bool
}

func (articleListView) template() string { return "articles" }

// option is one choice of a <select>.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// articleRow is one article in the list.
type articleRow struct {
	ID       int64
	Headline string
	Status   string
	Section  string
	Authors  string
	Date     string
	Datetime string
}

// statusLabels names the statuses for people.
var statusLabels = []struct {
	status herald.ArticleStatus
	label  string
}{
	{herald.StatusDraft, "Draft"},
	{herald.StatusInReview, "In review"},
	{herald.StatusScheduled, "Scheduled"},
	{herald.StatusPublished, "Published"},
	{herald.StatusUnpublished, "Unpublished"},
}

// statusLabel names s for people.
func statusLabel(s herald.ArticleStatus) string {
	for _, l := range statusLabels {
		if l.status == s {
			return l.label
		}
	}
	return string(s)
}

// articleList shows a page of articles matching the filters.
func (a *Admin) articleList(w http.ResponseWriter, r *http.Request) error {
	var q listQuery
	decodeValues(r.URL.Query(), &q)
	q.Page = max(q.Page, 1)
	u := currentUser(r)
	f := herald.ArticleFilter{SectionID: q.Section, AuthorID: q.Author, Query: q.Q,
		Offset: (q.Page - 1) * articlesPerPage, Limit: articlesPerPage}
	if s := herald.ArticleStatus(q.Status); s.Valid() {
		f.Statuses = []herald.ArticleStatus{s}
	}
	ownOnly := !u.Role.Can(herald.PermEditAllArticles)
	if ownOnly {
		f.AuthorID = u.ID
	}
	res, err := a.store.FindArticles(r.Context(), f)
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Articles")
	if err != nil {
		return err
	}
	v := articleListView{chrome: c, Query: q, Total: res.Total, OwnOnly: ownOnly}
	if err := a.listOptions(r, &v); err != nil {
		return err
	}
	loc := c.Settings.Location()
	for _, art := range res.Articles {
		v.Rows = append(v.Rows, rowOf(art, loc))
	}
	if q.Page > 1 {
		v.Prev = listURL(q, q.Page-1)
	}
	if q.Page*articlesPerPage < res.Total {
		v.Next = listURL(q, q.Page+1)
	}
	return a.render(w, http.StatusOK, v)
}

// listOptions fills the choices of the list's filters.
func (a *Admin) listOptions(r *http.Request, v *articleListView) error {
	v.Statuses = []option{{Value: "", Label: "Any status"}}
	for _, l := range statusLabels {
		v.Statuses = append(v.Statuses, option{Value: string(l.status), Label: l.label, Selected: string(l.status) == v.Query.Status})
	}
	sections, err := a.sectionOptions(r, v.Query.Section, "Any section")
	if err != nil {
		return err
	}
	v.Sections = sections
	if v.OwnOnly {
		return nil
	}
	users, err := a.store.FindUsers(r.Context(), herald.UserFilter{})
	if err != nil {
		return err
	}
	v.Authors = []option{{Value: "0", Label: "Any author"}}
	for _, u := range users {
		v.Authors = append(v.Authors, option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name, Selected: u.ID == v.Query.Author})
	}
	return nil
}

// sectionOptions lists the sections for a <select>, indented by depth,
// after a first choice labelled none (value 0).
func (a *Admin) sectionOptions(r *http.Request, selected int64, none string) ([]option, error) {
	sections, err := a.store.FindSections(r.Context())
	if err != nil {
		return nil, err
	}
	depth := map[int64]int{}
	out := []option{{Value: "0", Label: none, Selected: selected == 0}}
	for _, s := range sections {
		d := 0
		if s.ParentID != 0 {
			d = depth[s.ParentID] + 1
		}
		depth[s.ID] = d
		label := s.Name
		for range d {
			label = "— " + label
		}
		out = append(out, option{Value: strconv.FormatInt(s.ID, 10), Label: label, Selected: s.ID == selected})
	}
	return out, nil
}

// listURL is the list's URL with the filters of q at page n.
func listURL(q listQuery, n int) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" && s != "0" {
			v.Set(k, s)
		}
	}
	set("status", q.Status)
	set("section", strconv.FormatInt(q.Section, 10))
	set("author", strconv.FormatInt(q.Author, 10))
	set("q", q.Q)
	set("page", strconv.Itoa(n))
	if len(v) == 0 {
		return "/admin/articles"
	}
	return "/admin/articles?" + v.Encode()
}

// rowOf is the list row of art, its time shown in loc.
func rowOf(art *herald.Article, loc *time.Location) articleRow {
	row := articleRow{ID: art.ID, Headline: art.Headline, Status: statusLabel(art.Status)}
	if art.Section != nil {
		row.Section = art.Section.Name
	}
	names := make([]string, len(art.Authors))
	for i, u := range art.Authors {
		names[i] = u.Name
	}
	row.Authors = strings.Join(names, ", ")
	t := art.PublishedAt
	if t.IsZero() {
		t = art.ModifiedAt
	}
	if !t.IsZero() {
		t = t.In(loc)
		row.Date, row.Datetime = t.Format("2006-01-02 15:04"), render.Datetime(t)
	}
	return row
}
