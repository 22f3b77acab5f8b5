package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNewsroom_RevisionRestore edits an article, compares its two versions
// and restores the first, whose text is then back in the editor.
func TestNewsroom_RevisionRestore(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "editor")
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, m)
	first := "The new bridge opens in spring, the council said."
	edit := writeArticle(t, ctx, s, draft{Headline: fmt.Sprintf("Bridge opening date %d", time.Now().UnixNano()%1e6), Body: first}, "save")
	setValue(t, ctx, "#body", "The new bridge opens in autumn after delays, the council said.")
	pressAction(t, ctx, "save")
	if got := eval[string](t, ctx, `document.querySelector('#body').value`); !strings.Contains(got, "autumn") {
		t.Fatalf("the edit was not saved: body is %q", got)
	}
	revisions := strings.TrimSuffix(edit, "/edit") + "/revisions"
	open(t, ctx, s.URL+revisions)
	rows := eval[int](t, ctx, `document.querySelectorAll('main tbody tr').length`)
	if rows < 2 {
		t.Fatalf("the revisions list has %d rows, want at least 2", rows)
	}
	eval[bool](t, ctx, `(() => {
		const from = document.querySelectorAll('input[name="from"]'), to = document.querySelectorAll('input[name="to"]');
		from[from.length - 1].checked = true;
		to[0].checked = true;
		return true;
	})()`)
	submit(t, ctx, `form[action$="/revisions/compare"] button.primary`)
	del := eval[string](t, ctx, `Array.from(document.querySelectorAll('.diff del')).map(e => e.textContent).join(' ')`)
	ins := eval[string](t, ctx, `Array.from(document.querySelectorAll('.diff ins')).map(e => e.textContent).join(' ')`)
	if !strings.Contains(del, "spring") || !strings.Contains(ins, "autumn") {
		t.Errorf("the diff removes %q and adds %q, want spring removed and autumn added; page: %s at %s", del, ins, text(t, ctx, "main"), location(t, ctx))
	}
	screenshot(t, ctx, "newsroom-revision-diff.png")
	open(t, ctx, s.URL+revisions)
	restore := eval[string](t, ctx, `(() => {
		const bs = Array.from(document.querySelectorAll('button[form^="restore-"]'));
		return bs.length ? bs[bs.length - 1].getAttribute('form') : '';
	})()`)
	if restore == "" {
		t.Fatal("no restore button for the earlier version")
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("#"+restore))); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, fmt.Sprintf(`button[form=%q]`, restore))
	if loc := location(t, ctx); !strings.HasSuffix(loc, edit) {
		t.Errorf("after restoring the browser is at %s, want %s", loc, edit)
	}
	if got := eval[string](t, ctx, `document.querySelector('#body').value`); strings.TrimSpace(got) != first {
		t.Errorf("after restoring the body is %q, want %q", got, first)
	}
	w.check(t, s.URL)
}

// TestNewsroom_EditConflict has two editors, each in a browser context of
// their own, edit the same article: the second save is refused, shows the
// difference and keeps the second editor's text in the form.
func TestNewsroom_EditConflict(t *testing.T) {
	s := startSite(t)
	anna, boris := s.addUser(t, "editor"), s.addUser(t, "editor")
	ctxA := newsroomBrowser(t)
	wA := watch(t, ctxA)
	ctxB := secondTab(t, ctxA)
	wB := watch(t, ctxB)
	signIn(t, ctxA, s, anna)
	signIn(t, ctxB, s, boris)
	edit := writeArticle(t, ctxA, s, draft{Headline: fmt.Sprintf("Market hall reopens %d", time.Now().UnixNano()%1e6),
		Body: "The market hall reopens on Saturday."}, "save")
	open(t, ctxB, s.URL+edit)
	annaText := "The market hall reopens on Saturday with forty stalls."
	borisText := "The market hall reopens on Sunday, the mayor confirmed."
	setValue(t, ctxA, "#body", annaText)
	pressAction(t, ctxA, "save")
	setValue(t, ctxB, "#body", borisText)
	status := submit(t, ctxB, `form[data-unsaved] button[name="action"][value="save"]`)
	if status != http.StatusConflict {
		t.Errorf("the second save answered %d, want 409", status)
	}
	if got := eval[string](t, ctxB, `document.querySelector('#body').value`); got != borisText {
		t.Errorf("after the refused save the form holds %q, want the second editor's %q", got, borisText)
	}
	diff := text(t, ctxB, "section.conflict")
	if !strings.Contains(diff, "forty") || !strings.Contains(diff, "Sunday") {
		t.Errorf("the conflict does not show both texts' difference: %q", diff)
	}
	screenshot(t, ctxB, "newsroom-conflict.png")
	submit(t, ctxB, `form[data-unsaved] button[name="overwrite"]`)
	open(t, ctxA, s.URL+edit)
	if got := eval[string](t, ctxA, `document.querySelector('#body').value`); got != borisText {
		t.Errorf("after “save mine over theirs” the article holds %q, want %q", got, borisText)
	}
	wA.check(t, s.URL)
	wB.expect(http.StatusConflict)
	wB.check(t, s.URL)
}
