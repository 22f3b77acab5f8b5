package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

// maxUsers is the most users a newsroom screen lists at once; a newsroom
// has tens of people.
const maxUsers = 1000

// auditPerPage is the length of a page of the audit log.
const auditPerPage = 50

// auditActions are the actions the log's filter offers; events of other
// actions are still listed.
var auditActions = []string{
	"sign_in", "sign_in_failed", "sign_out", "sign_out_everywhere", "password_change",
	"totp_enable", "totp_disable", "recovery_code_used",
	"article.publish", "article.schedule", "article.unpublish", "article.delete",
	"section.delete", "tag.merge", "tag.delete", "story.delete",
	"user.create", "user.link", "user.role", "user.delete", "settings.update",
}

// auditRoutes are the audit log; only admins read it.
func (a *Admin) auditRoutes() []route {
	return []route{
		{"GET /admin/audit", herald.PermReadAudit, a.auditList},
	}
}

// record writes an audit event about subject done by r's user. A failure
// to record fails the request: an unrecorded deletion is worse than none.
func (a *Admin) record(r *http.Request, action, subject, detail string) error {
	e := &herald.AuditEvent{Time: a.now().UTC(), Action: action, Subject: subject, Detail: detail, IP: httpx.ClientIP(r)}
	if u := currentUser(r); u != nil {
		e.UserID = u.ID
	}
	if err := a.store.CreateAuditEvent(r.Context(), e); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, subject, err)
	}
	return nil
}

// auditQuery is the log's filter form, sent by GET.
type auditQuery struct {
	User   int64  `form:"user"`
	Action string `form:"action"`
	Page   int    `form:"page"`
}

// auditView is the audit log page.
type auditView struct {
	chrome
	Query      auditQuery
	Users      []option
	Actions    []option
	Rows       []auditRow
	Total      int
	Prev, Next string
}

func (auditView) template() string { return "audit" }

// auditRow is one event of the log.
type auditRow struct {
	Date, Datetime                string
	User, Action, Subject, Detail string
	IP                            string
}

// auditList shows the audit log, newest first.
func (a *Admin) auditList(w http.ResponseWriter, r *http.Request) error {
	var q auditQuery
	decodeValues(r.URL.Query(), &q)
	q.Page = max(q.Page, 1)
	events, total, err := a.store.FindAuditEvents(r.Context(), herald.AuditFilter{UserID: q.User, Action: q.Action,
		Offset: (q.Page - 1) * auditPerPage, Limit: auditPerPage})
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Audit log")
	if err != nil {
		return err
	}
	v := auditView{chrome: c, Query: q, Total: total}
	names, err := a.userNames(r, q.User, &v.Users)
	if err != nil {
		return err
	}
	v.Actions = []option{{Value: "", Label: "Any action"}}
	for _, act := range auditActions {
		v.Actions = append(v.Actions, option{Value: act, Label: act, Selected: act == q.Action})
	}
	loc := c.Settings.Location()
	for _, e := range events {
		t := e.Time.In(loc)
		who := names[e.UserID]
		if who == "" && e.UserID != 0 {
			who = "user " + strconv.FormatInt(e.UserID, 10)
		}
		v.Rows = append(v.Rows, auditRow{Date: t.Format("2006-01-02 15:04:05"), Datetime: t.Format("2006-01-02T15:04:05Z07:00"),
			User: who, Action: e.Action, Subject: e.Subject, Detail: e.Detail, IP: e.IP})
	}
	base := url.Values{}
	if q.User != 0 {
		base.Set("user", strconv.FormatInt(q.User, 10))
	}
	if q.Action != "" {
		base.Set("action", q.Action)
	}
	v.Prev, v.Next = pageLinks("/admin/audit", base, q.Page, auditPerPage, total)
	return a.render(w, http.StatusOK, v)
}

// userNames returns every user's name by id and fills opts with a choice
// of user, selected marked.
func (a *Admin) userNames(r *http.Request, selected int64, opts *[]option) (map[int64]string, error) {
	users, err := a.store.FindUsers(r.Context(), herald.UserFilter{Limit: maxUsers})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	*opts = []option{{Value: "0", Label: "Anyone"}}
	for _, u := range users {
		names[u.ID] = u.Name
		*opts = append(*opts, option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name, Selected: u.ID == selected})
	}
	return names, nil
}

// pageLinks returns the links to the previous and next pages of a listing
// at path with the query base, "" where there is none.
func pageLinks(path string, base url.Values, page, per, total int) (prev, next string) {
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	if page > 1 {
		prev = link(page - 1)
	}
	if page*per < total {
		next = link(page + 1)
	}
	return prev, next
}
