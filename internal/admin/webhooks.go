package admin

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/herald-news/herald"
)

// webhookDeliveriesShown is how many recent deliveries a webhook's page lists.
const webhookDeliveriesShown = 25

// webhookRoutes are the webhook screens: endpoints told about article
// events. They hold signing secrets, so only admins open them.
func (a *Admin) webhookRoutes() []route {
	p := herald.PermManageSettings
	return []route{
		{"GET /admin/webhooks", p, a.webhookList},
		{"GET /admin/webhooks/new", p, a.webhookNew},
		{"POST /admin/webhooks/new", p, a.webhookCreate},
		{"GET /admin/webhooks/{id}/edit", p, a.webhookEdit},
		{"POST /admin/webhooks/{id}/edit", p, a.webhookSave},
		{"GET /admin/webhooks/{id}/delete", p, a.webhookDelete},
		{"POST /admin/webhooks/{id}/delete", p, a.webhookDelete},
		{"POST /admin/webhooks/{id}/deliveries/{delivery}/retry", p, a.webhookRetry},
	}
}

// webhookRow is a webhook in the list with its latest delivery.
type webhookRow struct {
	*herald.Webhook
	Last *deliveryRow
}

// deliveryRow is a delivery with words for where it stands.
type deliveryRow struct {
	*herald.WebhookDelivery
	State   string
	GivenUp bool // may be tried again
}

// deliveryRows adds each delivery's state.
func deliveryRows(ds []*herald.WebhookDelivery) []deliveryRow {
	out := make([]deliveryRow, len(ds))
	for i, d := range ds {
		out[i] = deliveryRow{WebhookDelivery: d, State: deliveryState(d),
			GivenUp: d.DeliveredAt.IsZero() && d.NextAttemptAt.IsZero()}
	}
	return out
}

// deliveryState says where a delivery stands.
func deliveryState(d *herald.WebhookDelivery) string {
	switch {
	case !d.DeliveredAt.IsZero():
		return fmt.Sprintf("Delivered (%d)", d.LastStatus)
	case d.Attempts == 0:
		return "Waiting"
	case d.NextAttemptAt.IsZero():
		return "Given up after " + plural(d.Attempts, "attempt", "attempts")
	case d.LastError == "":
		return "Sending"
	}
	return "Failed " + plural(d.Attempts, "time", "times") + ", retrying"
}

// webhookListView is the webhook list.
type webhookListView struct {
	chrome
	Rows []webhookRow
}

func (webhookListView) template() string { return "webhooks" }

// webhookList shows every webhook and how its latest delivery went.
func (a *Admin) webhookList(w http.ResponseWriter, r *http.Request) error {
	hooks, err := a.store.FindWebhooks(r.Context())
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Webhooks")
	if err != nil {
		return err
	}
	v := webhookListView{chrome: c}
	for _, h := range hooks {
		last, err := a.store.FindWebhookDeliveries(r.Context(), h.ID, 1)
		if err != nil {
			return err
		}
		row := webhookRow{Webhook: h}
		if rows := deliveryRows(last); len(rows) > 0 {
			row.Last = &rows[0]
		}
		v.Rows = append(v.Rows, row)
	}
	return a.render(w, http.StatusOK, v)
}

// webhookForm is the webhook editor's input.
type webhookForm struct {
	URL       string   `form:"url"`
	Events    []string `form:"events"`
	Active    bool     `form:"active"`
	NewSecret bool     `form:"new_secret"`
}

// webhookEvent is an event checkbox of the editor.
type webhookEvent struct {
	Name, Help string
	Checked    bool
}

// webhookFormView is the webhook editor, with the secret and the recent
// deliveries of a stored webhook.
type webhookFormView struct {
	chrome
	ID         int64 // 0 for a new webhook
	Form       webhookForm
	Events     []webhookEvent
	Secret     string
	Deliveries []deliveryRow
	Errors     herald.FieldErrors
}

func (webhookFormView) template() string { return "webhook-form" }

// eventHelp says when each event is sent.
var eventHelp = map[herald.WebhookEvent]string{
	herald.EventArticlePublished:   "an article goes public, now or at its scheduled time",
	herald.EventArticleUpdated:     "a public article is saved again",
	herald.EventArticleUnpublished: "a public article is withdrawn or sent back to draft",
	herald.EventArticleDeleted:     "a published or withdrawn article is deleted",
}

// renderWebhookForm renders the editor of the webhook (nil for a new one).
func (a *Admin) renderWebhookForm(w http.ResponseWriter, r *http.Request, status int, h *herald.Webhook, f webhookForm,
	fe herald.FieldErrors) error {
	title := "Add a webhook"
	v := webhookFormView{Form: f, Errors: fe}
	if h != nil {
		title, v.ID, v.Secret = "Edit the webhook", h.ID, h.Secret
		ds, err := a.store.FindWebhookDeliveries(r.Context(), h.ID, webhookDeliveriesShown)
		if err != nil {
			return err
		}
		v.Deliveries = deliveryRows(ds)
	}
	for _, e := range herald.WebhookEvents {
		v.Events = append(v.Events, webhookEvent{Name: string(e), Help: eventHelp[e], Checked: slices.Contains(f.Events, string(e))})
	}
	c, err := a.chrome(w, r, title)
	if err != nil {
		return err
	}
	v.chrome = c
	return a.render(w, status, v)
}

// webhookNew shows the editor of a new webhook: active, for every event.
func (a *Admin) webhookNew(w http.ResponseWriter, r *http.Request) error {
	f := webhookForm{Active: true}
	for _, e := range herald.WebhookEvents {
		f.Events = append(f.Events, string(e))
	}
	return a.renderWebhookForm(w, r, http.StatusOK, nil, f, nil)
}

// webhookCreate stores a new webhook with a generated secret, and opens
// its page, which shows the secret.
func (a *Admin) webhookCreate(w http.ResponseWriter, r *http.Request) error {
	var f webhookForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	h := &herald.Webhook{Secret: newWebhookSecret()}
	f.apply(h)
	if mergeErrors(fe, h.Validate()); len(fe) > 0 {
		return a.renderWebhookForm(w, r, http.StatusUnprocessableEntity, nil, f, fe)
	}
	if err := a.store.CreateWebhook(r.Context(), h); err != nil {
		return err
	}
	if err := a.record(r, "webhook.create", webhookSubject(h), h.URL); err != nil {
		return err
	}
	redirect(w, r, webhookPath(h), "Added the webhook. Give its secret to the receiving system.")
	return nil
}

// webhookEdit shows a webhook's editor, secret and recent deliveries.
func (a *Admin) webhookEdit(w http.ResponseWriter, r *http.Request) error {
	h, err := a.findWebhook(r)
	if err != nil {
		return err
	}
	f := webhookForm{URL: h.URL, Active: h.Active}
	for _, e := range h.Events {
		f.Events = append(f.Events, string(e))
	}
	return a.renderWebhookForm(w, r, http.StatusOK, h, f, nil)
}

// webhookSave changes a webhook, and its secret when asked.
func (a *Admin) webhookSave(w http.ResponseWriter, r *http.Request) error {
	h, err := a.findWebhook(r)
	if err != nil {
		return err
	}
	var f webhookForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	stored := *h
	f.apply(h)
	if f.NewSecret {
		h.Secret = newWebhookSecret()
	}
	if mergeErrors(fe, h.Validate()); len(fe) > 0 {
		f.NewSecret = false
		return a.renderWebhookForm(w, r, http.StatusUnprocessableEntity, &stored, f, fe)
	}
	if err := a.store.UpdateWebhook(r.Context(), h); err != nil {
		return err
	}
	detail := h.URL
	msg := "Saved the webhook."
	if f.NewSecret {
		detail += ", new secret"
		msg = "Saved the webhook with a new secret; give it to the receiving system."
	}
	if err := a.record(r, "webhook.update", webhookSubject(h), detail); err != nil {
		return err
	}
	redirect(w, r, webhookPath(h), msg)
	return nil
}

// webhookDelete asks for confirmation, then deletes the webhook and its
// deliveries.
func (a *Admin) webhookDelete(w http.ResponseWriter, r *http.Request) error {
	h, err := a.findWebhook(r)
	if err != nil {
		return err
	}
	if r.Method == http.MethodGet || r.PostFormValue("confirm") != "1" {
		c, err := a.chrome(w, r, "Delete the webhook?")
		if err != nil {
			return err
		}
		return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Deleting the webhook to " + h.URL + " does this:",
			Consequences: []string{"Its events are no longer sent, and those waiting to be sent are dropped.",
				"Its record of deliveries is erased."},
			Action: r.URL.Path, Button: "Delete the webhook", Cancel: webhookPath(h)})
	}
	if err := a.store.DeleteWebhook(r.Context(), h.ID); err != nil {
		return err
	}
	if err := a.record(r, "webhook.delete", webhookSubject(h), h.URL); err != nil {
		return err
	}
	redirect(w, r, "/admin/webhooks", "Deleted the webhook to "+h.URL+".")
	return nil
}

// webhookRetry sends a given-up delivery again, from its first attempt.
func (a *Admin) webhookRetry(w http.ResponseWriter, r *http.Request) error {
	h, err := a.findWebhook(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("delivery"), 10, 64)
	if err != nil || id <= 0 {
		return herald.Errorf(herald.ENOTFOUND, "There is no such delivery.")
	}
	err = a.store.RetryWebhookDelivery(r.Context(), h.ID, id, a.now())
	if herald.ErrorCode(err) == herald.ECONFLICT {
		redirect(w, r, webhookPath(h), fmt.Sprintf("Delivery %d was made or is still being tried.", id))
		return nil
	}
	if err != nil {
		return err
	}
	if err := a.record(r, "webhook.retry", webhookSubject(h), fmt.Sprintf("delivery %d to %s", id, h.URL)); err != nil {
		return err
	}
	redirect(w, r, webhookPath(h), fmt.Sprintf("Delivery %d will be sent again.", id))
	return nil
}

// apply copies the form's fields to h.
func (f webhookForm) apply(h *herald.Webhook) {
	h.URL, h.Active, h.Events = f.URL, f.Active, nil
	for _, e := range f.Events {
		h.Events = append(h.Events, herald.WebhookEvent(e))
	}
}

// findWebhook returns the webhook of the request's {id}.
func (a *Admin) findWebhook(r *http.Request) (*herald.Webhook, error) {
	id, err := pathID(r, "webhook")
	if err != nil {
		return nil, err
	}
	return a.store.FindWebhook(r.Context(), id)
}

func webhookPath(h *herald.Webhook) string { return fmt.Sprintf("/admin/webhooks/%d/edit", h.ID) }

func webhookSubject(h *herald.Webhook) string { return fmt.Sprintf("webhook %d", h.ID) }

// newWebhookSecret returns 256 random bits in hex.
func newWebhookSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}
