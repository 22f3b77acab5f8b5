package e2e

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var editPath = regexp.MustCompile(`/admin/articles/(\d+)/edit$`)

// draft is an article written in a test.
type draft struct {
	Headline, Body, PublishedAt string
}

// writeArticle opens a new article in ctx's tab, fills it in with d, picks
// the first section, and presses the workflow button action. It returns the
// article's edit path.
func writeArticle(t *testing.T, ctx context.Context, s *site, d draft, action string) string {
	t.Helper()
	open(t, ctx, s.URL+"/admin/articles/new")
	fillArticle(t, ctx, d)
	pressAction(t, ctx, action)
	m := editPath.FindStringSubmatch(location(t, ctx))
	if m == nil {
		t.Fatalf("after %q the browser is at %s, want the article's edit page; page says: %s",
			action, location(t, ctx), text(t, ctx, "main"))
	}
	return strings.TrimPrefix(location(t, ctx), s.URL)
}

// fillArticle types d into the open editor and, when none is chosen,
// picks the first section.
func fillArticle(t *testing.T, ctx context.Context, d draft) {
	t.Helper()
	setValue(t, ctx, "#headline", d.Headline)
	setValue(t, ctx, "#body", d.Body)
	if d.PublishedAt != "" {
		setValue(t, ctx, "#published_at", d.PublishedAt)
	}
	eval[bool](t, ctx, `(() => {
		const s = document.querySelector('#section');
		if (s && s.selectedIndex === 0 && s.options.length > 1) s.selectedIndex = 1;
		return true;
	})()`)
}

// pressAction presses the editor's workflow button action and waits for
// the answer.
func pressAction(t *testing.T, ctx context.Context, action string) {
	t.Helper()
	submit(t, ctx, fmt.Sprintf(`form[data-unsaved] button[name="action"][value=%q]`, action))
}

// actions lists the workflow buttons the open editor offers.
func actions(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `Array.from(document.querySelectorAll('form[data-unsaved] button[name="action"]')).map(b => b.value)`)
}

// publicLink returns the editor's "View on the site" address.
func publicLink(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `(Array.from(document.querySelectorAll('main a')).find(a => a.textContent.includes('View on the site')) || {}).pathname || ''`)
}

// TestNewsroom_PublishArticle writes an article as an editor, publishes it,
// and finds it on the public front page and at its address.
func TestNewsroom_PublishArticle(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "editor")
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, m)
	headline := fmt.Sprintf("Harbour ferry returns after storm %d", time.Now().UnixNano()%1e6)
	d := draft{Headline: headline, Body: "The ferry sailed at dawn.\n\nPassengers **cheered** on the quay."}
	open(t, ctx, s.URL+"/admin/articles/new")
	fillArticle(t, ctx, d)
	pressAction(t, ctx, "publish")
	if editPath.FindString(location(t, ctx)) == "" {
		t.Fatalf("after publishing the browser is at %s: %s", location(t, ctx), text(t, ctx, "main"))
	}
	if got := text(t, ctx, "main .meta strong"); !strings.EqualFold(got, "published") {
		t.Errorf("status after publishing: %q, want published", got)
	}
	screenshot(t, ctx, "newsroom-article-published.png")
	t.Logf("on the front page after %v", pollPublic(t, s, "/", headline, 10*time.Second))
	path := publicLink(t, ctx)
	if path == "" {
		t.Fatal("the editor has no link to the published article")
	}
	open(t, ctx, s.URL+path)
	if got := text(t, ctx, "main article h1"); got != headline {
		t.Errorf("public article headline %q, want %q", got, headline)
	}
	if got := eval[string](t, ctx, `document.querySelector('main article strong')?.textContent || ''`); got != "cheered" {
		t.Errorf("the Markdown body was not rendered: <strong> holds %q", got)
	}
	screenshot(t, ctx, "newsroom-article-public.png")
	w.check(t, s.URL)
}

var zoneHint = regexp.MustCompile(`time zone, ([A-Za-z_+\-/0-9]+)\.`)

// TestNewsroom_ScheduleArticle schedules an article a few seconds ahead
// and polls the public front page until it appears, on time.
func TestNewsroom_ScheduleArticle(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "editor")
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, m)
	open(t, ctx, s.URL+"/admin/articles/new")
	zm := zoneHint.FindStringSubmatch(text(t, ctx, "#published_at-hint"))
	if zm == nil {
		t.Fatalf("the publication time's hint names no time zone: %q", text(t, ctx, "#published_at-hint"))
	}
	loc, err := time.LoadLocation(zm[1])
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(8 * time.Second).Truncate(time.Second)
	headline := fmt.Sprintf("Night train timetable changes %d", time.Now().UnixNano()%1e6)
	fillArticle(t, ctx, draft{Headline: headline, Body: "The night train leaves later from Monday.",
		PublishedAt: at.In(loc).Format("2006-01-02T15:04:05")})
	pressAction(t, ctx, "schedule")
	if got := text(t, ctx, "main .meta strong"); !strings.EqualFold(got, "scheduled") {
		t.Fatalf("status after scheduling: %q, want scheduled; page says: %s", got, text(t, ctx, "main"))
	}
	screenshot(t, ctx, "newsroom-article-scheduled.png")
	if time.Now().Before(at) {
		if _, body := s.get(t, "/"); strings.Contains(body, headline) {
			t.Errorf("the scheduled article is on the front page before its time")
		}
	}
	pollPublic(t, s, "/", headline, time.Until(at)+10*time.Second)
	if late := time.Since(at); late < 0 {
		t.Errorf("the article appeared %v before its time", -late)
	} else if late > 5*time.Second {
		t.Errorf("the article appeared %v after its time, want a few seconds at most", late)
	} else {
		t.Logf("appeared %v after its scheduled time", late)
	}
	w.check(t, s.URL)
}

// TestNewsroom_ContributorCannotPublish checks that a contributor's editor
// offers no publishing and that a forged publish request is refused.
func TestNewsroom_ContributorCannotPublish(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "contributor")
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, m)
	open(t, ctx, s.URL+"/admin/articles/new")
	for _, a := range actions(t, ctx) {
		if a == "publish" || a == "schedule" || a == "unpublish" {
			t.Errorf("a contributor's new article offers %q", a)
		}
	}
	headline := fmt.Sprintf("Allotment society elects chair %d", time.Now().UnixNano()%1e6)
	path := writeArticle(t, ctx, s, draft{Headline: headline, Body: "Members voted on Sunday."}, "save")
	got := actions(t, ctx)
	for _, a := range got {
		if a == "publish" || a == "schedule" || a == "unpublish" {
			t.Errorf("a contributor's draft offers %q", a)
		}
	}
	if !strings.Contains(strings.Join(got, " "), "submit") {
		t.Errorf("a contributor's draft offers %v, want submit for review", got)
	}
	screenshot(t, ctx, "newsroom-contributor.png")
	status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(async () => {
		const f = document.querySelector('form[data-unsaved]');
		const body = new URLSearchParams(new FormData(f));
		body.set('action', 'publish');
		const r = await fetch(f.getAttribute('action'), {method: 'POST', body, redirect: 'manual'});
		return r.status;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusForbidden {
		t.Errorf("a contributor's forged publish got status %d, want 403", status)
	}
	open(t, ctx, s.URL+path)
	if got := text(t, ctx, "main .meta strong"); !strings.EqualFold(got, "draft") {
		t.Errorf("after the forged publish the article is %q, want draft", got)
	}
	if _, body := s.get(t, "/"); strings.Contains(body, headline) {
		t.Errorf("the contributor's article is on the front page")
	}
	w.expect(http.StatusForbidden)
	w.check(t, s.URL)
}
