package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// privacyPath is the screen that exports or erases a reader's data.
const privacyPath = "/admin/comments/privacy"

// commentPrivacyRoutes are the screens answering a reader's request to see
// or erase what the site keeps about them. The address travels in POST
// bodies only, never in a URL that logs and browser history keep.
func (a *Admin) commentPrivacyRoutes() []route {
	p := herald.PermReaderData
	return []route{
		{"GET " + privacyPath, p, a.privacyForm},
		{"POST " + privacyPath + "/export", p, a.privacyExport},
		{"POST " + privacyPath + "/erase", p, a.privacyErase},
	}
}

// privacyView is the form asking for the reader's email address.
type privacyView struct {
	chrome
	Email  string
	Notice string // what the last request found, such as nothing at all
	Errors herald.FieldErrors
}

func (privacyView) template() string { return "comments-privacy" }

// privacyForm asks for the reader's email address.
func (a *Admin) privacyForm(w http.ResponseWriter, r *http.Request) error {
	return a.renderPrivacy(w, r, http.StatusOK, privacyView{})
}

// renderPrivacy renders v in the newsroom's chrome.
func (a *Admin) renderPrivacy(w http.ResponseWriter, r *http.Request, status int, v privacyView) error {
	c, err := a.chrome(w, r, "Reader data")
	if err != nil {
		return err
	}
	v.chrome = c
	return a.render(w, status, v)
}

// readerData is everything stored for one email address.
type readerData struct {
	comments []*herald.Comment
	messages []*herald.OutboxMessage
}

// findReaderData reads the form's email address and what is stored for
// it. It renders the form again, and returns ok false, when the address
// is not one or nothing is stored for it.
func (a *Admin) findReaderData(w http.ResponseWriter, r *http.Request) (email string, d readerData, ok bool, err error) {
	typed := r.PostFormValue("email")
	email = strings.TrimSpace(typed)
	if addr, perr := mail.ParseAddress(email); perr != nil || addr.Address != email {
		return "", d, false, a.renderPrivacy(w, r, http.StatusUnprocessableEntity, privacyView{Email: typed,
			Errors: herald.FieldErrors{"email": "Enter an email address such as name@example.com."}})
	}
	if d.comments, err = a.store.FindCommentsByEmail(r.Context(), email); err != nil {
		return "", d, false, err
	}
	if d.messages, err = a.store.FindMessagesByEmail(r.Context(), email); err != nil {
		return "", d, false, err
	}
	if len(d.comments) == 0 && len(d.messages) == 0 {
		return "", d, false, a.renderPrivacy(w, r, http.StatusOK, privacyView{Email: typed,
			Notice: "Nothing is stored for this address: no comment and no email."})
	}
	return email, d, true, nil
}

// exportComment is a comment in an export, with everything stored.
type exportComment struct {
	ID        int64     `json:"id"`
	Article   string    `json:"article"`
	URL       string    `json:"url,omitempty"`
	ParentID  int64     `json:"in_reply_to,omitempty"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Website   string    `json:"website,omitempty"`
	Text      string    `json:"text"`
	Status    string    `json:"status"`
	Notify    bool      `json:"notify_of_replies"`
	CreatedAt time.Time `json:"created_at"`
	IP        string    `json:"ip_address,omitempty"`
	UserAgent string    `json:"user_agent,omitempty"`
	// Reasons are why the spam checks held the comment or marked it spam.
	Reasons []string `json:"moderation_reasons,omitempty"`
}

// exportMessage is an email to the reader, sent or waiting.
type exportMessage struct {
	To        string     `json:"to"`
	Subject   string     `json:"subject"`
	Text      string     `json:"text"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at,omitempty"`
}

// export is the JSON document a reader's data request gets.
type export struct {
	Site       string          `json:"site"`
	Email      string          `json:"email"`
	ExportedAt time.Time       `json:"exported_at"`
	Comments   []exportComment `json:"comments"`
	Emails     []exportMessage `json:"emails"`
}

// privacyExport sends everything stored for the address as a JSON file,
// and records that it was exported, without the address.
func (a *Admin) privacyExport(w http.ResponseWriter, r *http.Request) error {
	email, d, ok, err := a.findReaderData(w, r)
	if !ok || err != nil {
		return err
	}
	st, err := a.store.FindSettings(r.Context())
	if err != nil {
		return err
	}
	doc, err := a.exportOf(r, st, email, d)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := a.record(r, "comment.export", "reader data", dataSummary("exported", len(d.comments), len(d.messages))); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="reader-data-%s.json"`, doc.ExportedAt.Format("2006-01-02")))
	_, err = w.Write(buf.Bytes())
	return err
}

// exportOf builds the export of d, naming each comment's article.
func (a *Admin) exportOf(r *http.Request, st herald.Settings, email string, d readerData) (export, error) {
	doc := export{Site: st.Title, Email: email, ExportedAt: a.now().UTC(), Comments: []exportComment{}, Emails: []exportMessage{}}
	rows, err := a.commentRows(r.Context(), st, d.comments)
	if err != nil {
		return doc, err
	}
	for _, row := range rows {
		c := row.Comment
		ec := exportComment{ID: c.ID, Article: fmt.Sprintf("article %d", c.ArticleID), ParentID: c.ParentID,
			Name: c.Name, Email: c.Email, Website: c.Website, Text: c.Text, Status: string(c.Status), Notify: c.Notify,
			CreatedAt: c.CreatedAt.UTC(), IP: c.IP, UserAgent: c.UserAgent, Reasons: c.Reasons}
		if row.Article != nil {
			ec.Article = row.Article.Headline
		}
		if row.Public != "" {
			ec.URL = st.BaseURL + row.Public
		}
		doc.Comments = append(doc.Comments, ec)
	}
	for _, m := range d.messages {
		em := exportMessage{To: m.To, Subject: m.Subject, Text: m.Text, CreatedAt: m.CreatedAt.UTC()}
		if !m.SentAt.IsZero() {
			sent := m.SentAt.UTC()
			em.SentAt = &sent
		}
		doc.Emails = append(doc.Emails, em)
	}
	return doc, nil
}

// privacyErase states what erasing the address's data does and, once
// confirmed, erases it and records how much, without the address.
func (a *Admin) privacyErase(w http.ResponseWriter, r *http.Request) error {
	email, d, ok, err := a.findReaderData(w, r)
	if !ok || err != nil {
		return err
	}
	if !confirmed(r) {
		c, err := a.chrome(w, r, "Erase this reader's data?")
		if err != nil {
			return err
		}
		return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Erasing does this, and cannot be undone:",
			Consequences: []string{
				fmt.Sprintf("%s by %s, in any status, deleted with their IP addresses and browsers.",
					plural(len(d.comments), "comment", "comments"), email),
				"Replies to them by other readers stay, moved up a level.",
				fmt.Sprintf("%s to the address, sent or waiting, deleted.", plural(len(d.messages), "email", "emails")),
				"The audit log records how much was erased, not the address.",
			},
			Action: privacyPath + "/erase", Button: "Erase permanently", Cancel: privacyPath,
			Hidden: []hidden{{"email", email}}})
	}
	n, err := a.store.DeleteCommentsByEmail(r.Context(), email)
	if err != nil {
		return err
	}
	summary := dataSummary("erased", n, len(d.messages))
	if err := a.record(r, "comment.erase", "reader data", summary); err != nil {
		return err
	}
	redirect(w, r, privacyPath, capitalize(summary)+".")
	return nil
}

// dataSummary says how much of a reader's data was done, such as
// "erased 3 comments and 1 email".
func dataSummary(done string, comments, emails int) string {
	return fmt.Sprintf("%s %s and %s", done, plural(comments, "comment", "comments"), plural(emails, "email", "emails"))
}

// capitalize puts the first letter of s in capitals.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
