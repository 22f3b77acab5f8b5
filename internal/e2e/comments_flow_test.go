package e2e

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestComments_PostModerateReply follows a comment from the form to the
// page: a first-time commenter posts with scripting off and lands on the
// comment, marked as awaiting moderation for them alone; an editor
// approves it in the newsroom and everyone sees it; the commenter then
// answers another reader through the "Reply" link, which opens the form
// under that comment.
func TestComments_PostModerateReply(t *testing.T) {
	s := commentSite(t)
	path := s.commentArticles(t, 1)[0]
	ada := newReader("Ada Reader")
	ada.Website = "https://ada.example/"
	said := "The council figures leave out the night buses, note " + strings.Split(ada.Email, "@")[0]

	// Without JavaScript: the form posts, the answer is the page at the
	// new comment.
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	loaded := openAt(t, ctx, s.URL+path)
	fillComment(t, ctx, ada, said)
	id := sendComment(t, ctx, loaded)
	own := fmt.Sprintf("#comment-%d", id)
	if got := text(t, ctx, own+" .comment-text"); !strings.Contains(got, said) {
		t.Errorf("the page landed on shows %q for the new comment, want %q", got, said)
	}
	if got := text(t, ctx, own+" .comment-author"); got != ada.Name {
		t.Errorf("the new comment is signed %q, want %q", got, ada.Name)
	}
	if got := text(t, ctx, own+" .awaiting"); !strings.Contains(got, "awaiting moderation") {
		t.Errorf("the poster's pending comment is not marked as awaiting moderation (%q)", got)
	}
	screenshot(t, ctx, "comment-pending.png")

	// Another reader sees nothing of it, nor does the public page.
	other := newsroomBrowser(t)
	open(t, other, s.URL+path)
	if n := eval[int](t, other, fmt.Sprintf("document.querySelectorAll(%q).length", own)); n != 0 {
		t.Errorf("another reader sees the pending comment %d", id)
	}
	if _, body := s.get(t, path); strings.Contains(body, said) {
		t.Errorf("the public page shows the pending comment")
	}

	// An editor approves it; it is public then.
	editor := s.addUser(t, "editor")
	desk := newsroomBrowser(t)
	signIn(t, desk, s, editor)
	open(t, desk, s.URL+"/admin/comments")
	if got := text(t, desk, fmt.Sprintf("#comment-%d", id)); !strings.Contains(got, said) {
		t.Fatalf("the newsroom queue shows %q for comment %d, want its text", got, id)
	}
	approveComment(t, desk, s, id)
	if n := eval[int](t, desk, fmt.Sprintf(`document.querySelectorAll("#comment-%d").length`, id)); n != 0 {
		t.Errorf("comment %d is still in the pending queue after approval", id)
	}
	pollPublic(t, s, path, said, 30*time.Second)
	open(t, other, s.URL+path)
	if got := text(t, other, own+" .comment-text"); !strings.Contains(got, said) {
		t.Errorf("another reader sees %q for the approved comment, want its text", got)
	}
	if got := text(t, other, own+" .awaiting"); got != "" {
		t.Errorf("the approved comment is still marked %q", got)
	}

	// A second reader answers it; with JavaScript, "Reply" opens the form
	// under the comment answered.
	ben := newReader("Ben Other")
	loaded = openAt(t, other, s.URL+path)
	if err := chromedp.Do(other, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[data-reply="%d"]`, id)))); err != nil {
		t.Fatal(err)
	}
	placed := eval[bool](t, other, fmt.Sprintf(`document.querySelector(%q).contains(document.getElementById("respond"))`, "li"+own))
	if !placed {
		t.Errorf("Reply did not open the form under comment %d", id)
	}
	if got := eval[string](t, other, `document.querySelector("[data-comment-form]").elements.parent.value`); got != fmt.Sprint(id) {
		t.Errorf("the form answers comment %q, want %d", got, id)
	}
	if got := eval[string](t, other, `document.activeElement.id`); got != "comment" {
		t.Errorf("after Reply, focus is on %q, want the comment box", got)
	}
	if loc := location(t, other); strings.Contains(loc, "replyto") {
		t.Errorf("Reply left the page for %s; with JavaScript it opens the form in place", loc)
	}
	answer := "Night buses run on the 12 and the 40 only."
	fillComment(t, other, ben, answer)
	if err := chromedp.Do(other, chromedp.Click(chromedp.CSS("#remember"))); err != nil {
		t.Fatal(err)
	}
	reply := sendComment(t, other, loaded)
	nested := fmt.Sprintf("li%s li#comment-%d", own, reply)
	if got := text(t, other, nested+" .comment-text"); !strings.Contains(got, answer) {
		t.Errorf("the reply is not shown nested under comment %d (%q)", id, got)
	}
	if got := text(t, other, nested+" .awaiting"); !strings.Contains(got, "awaiting moderation") {
		t.Errorf("a first-time commenter's reply is not marked as awaiting moderation (%q)", got)
	}
	screenshot(t, other, "comment-reply.png")

	// "Save my name and email" keeps them in this browser, not in a cookie.
	if got := eval[string](t, other, `localStorage.getItem("herald-commenter") || ""`); !strings.Contains(got, ben.Email) {
		t.Errorf("the browser did not keep the name and email asked to be saved: %q", got)
	}
	cookies, err := chromedp.Call(other, network.GetCookies, network.GetCookiesParams{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cookies.Cookies {
		if v, _ := url.QueryUnescape(c.Value); strings.Contains(strings.ToLower(v), strings.ToLower(ben.Email)) {
			t.Errorf("cookie %s carries the commenter's email", c.Name)
		}
	}
	open(t, other, s.URL+path)
	if got := eval[string](t, other, `document.querySelector("[data-comment-form]").elements.email.value`); got != ben.Email {
		t.Errorf("the form offers the email %q again, want the saved %q", got, ben.Email)
	}

	// The first commenter, now known, answers back and is published
	// without moderation.
	back := "Thanks, that settles it."
	replyTo(t, s, path, id, ada, back)
	pollPublic(t, s, path, back, 30*time.Second)
	w.check(t, s.URL)
}
