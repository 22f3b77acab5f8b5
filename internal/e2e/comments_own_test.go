package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestComments_EditDeleteOwn has a reader edit, then delete, their own
// comment within the quarter of an hour the site allows, once an editor has
// approved it: another reader is offered neither, and once deleted the
// comment is gone from the public page.
func TestComments_EditDeleteOwn(t *testing.T) {
	s := commentSite(t)
	path := s.commentArticles(t, 1)[0]
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	loaded := openAt(t, ctx, s.URL+path)
	fillComment(t, ctx, newReader("Gil Owner"), "The ferry timetable changes on Monday.")
	id := sendComment(t, ctx, loaded)
	own := fmt.Sprintf("#comment-%d", id)

	desk := newsroomBrowser(t)
	signIn(t, desk, s, s.addUser(t, "editor"))
	approveComment(t, desk, s, id)
	pollPublic(t, s, path, "The ferry timetable changes on Monday.", 30*time.Second)

	// Another reader sees the comment without edit or delete links.
	other := newsroomBrowser(t)
	open(t, other, s.URL+path)
	if n := eval[int](t, other, fmt.Sprintf(`document.querySelectorAll("%s a.edit, %s a.delete").length`, own, own)); n != 0 {
		t.Errorf("another reader is offered %d edit or delete links on comment %d", n, id)
	}

	// The poster edits it.
	open(t, ctx, s.URL+path)
	if status := submit(t, ctx, fmt.Sprintf("#edit-%d", id)); status != 200 {
		t.Fatalf("the edit link answered %d", status)
	}
	edited := "The ferry timetable changes on Tuesday, not Monday."
	setValue(t, ctx, "#comment", edited)
	if status := submit(t, ctx, "#comment-action"); status != 200 {
		t.Fatalf("saving the edit answered %d: %q", status, text(t, ctx, ".form-error"))
	}
	if got := text(t, ctx, own+" .comment-text"); !strings.Contains(got, edited) {
		t.Errorf("after the edit the comment reads %q, want %q", got, edited)
	}
	pollPublic(t, s, path, "changes on Tuesday, not Monday", 30*time.Second)

	// Then deletes it.
	if status := submit(t, ctx, fmt.Sprintf("#delete-%d", id)); status != 200 {
		t.Fatalf("the delete link answered %d", status)
	}
	if status := submit(t, ctx, "#comment-action"); status != 200 {
		t.Fatalf("confirming the deletion answered %d", status)
	}
	if loc := location(t, ctx); !strings.HasSuffix(loc, path+"#comments") {
		t.Errorf("after deleting, the reader is at %s, want the article's comments", loc)
	}
	if n := eval[int](t, ctx, fmt.Sprintf("document.querySelectorAll(%q).length", own)); n != 0 {
		t.Errorf("the deleted comment is still shown to its poster")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, body := s.get(t, path); !strings.Contains(body, "changes on Tuesday") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the public page still shows the deleted comment after 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := chromedp.Do(other, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, other, fmt.Sprintf("document.querySelectorAll(%q).length", own)); n != 0 {
		t.Errorf("another reader still sees the deleted comment")
	}
	w.check(t, s.URL)
}
