package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestNewsroom_CommentScreens opens the moderation queue with held
// comments, the staff reply form and the reader data screen (form, an
// error, the erasure's confirmation) as an admin: zero axe-core violations
// in light and dark, zero Nu HTML checker errors; then erases a reader's
// data and sees their comment gone from the queue.
func TestNewsroom_CommentScreens(t *testing.T) {
	s := commentSite(t)
	path := s.commentArticles(t, 1)[0]
	token := s.agedToken(t, path)
	c := loopbackClient(1)
	var readers []reader
	for _, name := range []string{"Gus Queue", "Hal Queue"} {
		r := newReader(name)
		readers = append(readers, r)
		o := s.postForm(t, c, path, url.Values{"token": {token}, "author": {r.Name}, "email": {r.Email},
			"url": {"https://example.com/"}, "notify": {"1"},
			"comment": {"I *agree*.\n\n> quoted\n\n`code` and [a link](https://example.com/)"}})
		if o.Status != http.StatusSeeOther {
			t.Fatalf("posting %s's comment answered %d", r.Name, o.Status)
		}
	}
	src := s.axeSource(t)
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, s.addUser(t, "admin"))
	pages := map[string]string{}
	check := func(name string) {
		axeBothSchemes(t, ctx, src, name)
		pages["newsroom-"+name] = "<!DOCTYPE html>" + eval[string](t, ctx, `document.documentElement.outerHTML`)
	}

	open(t, ctx, s.URL+"/admin/comments?status=pending")
	if n := eval[int](t, ctx, `document.querySelectorAll('.comment-card em').length`); n < 2 {
		t.Errorf("the queue shows %d comments with their emphasis rendered, want 2", n)
	}
	screenshot(t, ctx, "newsroom-comment-queue.png")
	check("comment-queue")
	id := eval[string](t, ctx, `document.querySelector('.comment-card').id.replace('comment-', '')`)
	open(t, ctx, s.URL+"/admin/comments/"+id+"/reply")
	check("comment-reply")

	open(t, ctx, s.URL+"/admin/comments/privacy")
	check("reader-data")
	setValue(t, ctx, "#email", "not an address")
	if status := submit(t, ctx, "main button.primary"); status != http.StatusUnprocessableEntity {
		t.Errorf("a wrong address answered %d, want 422", status)
	}
	check("reader-data-error")
	setValue(t, ctx, "#email", readers[0].Email)
	submit(t, ctx, "main button.danger")
	check("reader-data-erase")
	submit(t, ctx, "form.confirm button.danger")
	if got := text(t, ctx, ".flash"); got != "Erased 1 comment and 0 emails." {
		t.Errorf("after erasing, the page says %q", got)
	}
	open(t, ctx, s.URL+"/admin/comments?status=pending")
	queue := eval[string](t, ctx, `document.querySelector('main').innerText`)
	if strings.Contains(queue, readers[0].Name) || !strings.Contains(queue, readers[1].Name) {
		t.Errorf("after erasing %s's data the queue reads:\n%s", readers[0].Name, queue)
	}
	s.checkHTML(t, pages)
	w.expect(http.StatusUnprocessableEntity)
	w.check(t, s.URL)
}
