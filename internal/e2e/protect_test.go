package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// protectedLead is the first paragraph of the protected articles: longer
// than the 300 characters attribute mode keeps.
var protectedLead = strings.Repeat("Harbour pilots guided the damaged freighter to berth four before dawn. ", 6) + "Stop."

// TestCopyProtection_Browser publishes an article in each protection mode
// through the newsroom, then, as a reader, selects and copies their text
// and checks the clipboard and the notice; the comment form still takes
// typing and pasting, and signed-in staff are never blocked.
func TestCopyProtection_Browser(t *testing.T) {
	s, _ := freshHerald(t)
	staff := newsroomBrowser(t)
	signIn(t, staff, s, s.addUser(t, "editor"))
	noticePath := publishProtected(t, staff, s, "Freighter berths under guard", "notice")
	attributePath := publishProtected(t, staff, s, "Pilots praised for night berthing", "attribute")

	reader := newsroomBrowser(t)
	w := watch(t, reader)
	grantClipboard(t, reader, s.URL)
	t.Run("notice", func(t *testing.T) {
		open(t, reader, s.URL+noticePath)
		x, y := leadPoint(t, reader)
		if err := chromedp.Do(reader, chromedp.MouseClickXY(x, y)); err != nil {
			t.Fatal(err)
		}
		if got := noticeShown(t, reader); got != "" {
			t.Errorf("a plain click on the text shows the notice %q", got)
		}
		setClipboard(t, reader, "before")
		selectLead(t, reader)
		shortcut(t, reader, "c", "copy")
		if got := noticeShown(t, reader); got != "Content is protected" {
			t.Errorf("notice after copying the body: %q, want %q", got, "Content is protected")
		}
		if got := clipboard(t, reader); got != "before" {
			t.Errorf("the clipboard holds %q after copying the protected body", got)
		}
		if got := selectByDoubleClick(t, reader); got != "" {
			t.Errorf("a double click selected %q in the protected body", got)
		}
		if !rightClickBlocked(t, reader) {
			t.Error("the context menu of the protected body is not blocked")
		}
		if eval[bool](t, reader, `(() => { const b = document.querySelector('[data-protect]'); return b.textContent.includes('Harbour pilots') && !b.closest('[aria-hidden]'); })()`) != true {
			t.Error("the protected text is not in the page for screen readers")
		}
		if keyBlocked(t, reader, "Tab") {
			t.Error("the Tab key is blocked on a protected page")
		}
		axe := s.axeSource(t)
		for _, scheme := range []string{"light", "dark"} {
			colorScheme(t, reader, scheme)
			selectLead(t, reader)
			shortcut(t, reader, "c", "copy")
			if noticeShown(t, reader) == "" {
				t.Fatal("no notice to check with axe")
			}
			axeCheck(t, reader, axe)
		}
		screenshot(t, reader, "copy-protection-notice.png")
		commentFormWorks(t, reader)
	})
	t.Run("attribute", func(t *testing.T) {
		open(t, reader, s.URL+attributePath)
		selectLead(t, reader)
		shortcut(t, reader, "c", "copy")
		want := string([]rune(protectedLead)[:300]) + "…\n\nSource: " + s.URL + attributePath
		if got := clipboard(t, reader); got != want {
			t.Errorf("clipboard:\n%q\nwant\n%q", got, want)
		}
		html := eval[string](t, reader, `navigator.clipboard.read().then(items => items[0].getType('text/html')).then(b => b.text())`)
		if !strings.Contains(html, `href="`+s.URL+attributePath+`"`) || !strings.Contains(html, "Source:") {
			t.Errorf("the HTML copied lacks a link to the source: %s", html)
		}
		if got := noticeShown(t, reader); got != "" {
			t.Errorf("attribute mode shows a notice: %q", got)
		}
	})
	t.Run("staff", func(t *testing.T) {
		grantClipboard(t, staff, s.URL)
		open(t, staff, s.URL+noticePath)
		if got := selectByDoubleClick(t, staff); got == "" {
			t.Error("signed-in staff cannot select the protected text")
		}
		selectLead(t, staff)
		shortcut(t, staff, "c", "copy")
		if got := clipboard(t, staff); got != protectedLead {
			t.Errorf("staff copied %q, want the paragraph", got)
		}
		if rightClickBlocked(t, staff) || noticeShown(t, staff) != "" {
			t.Error("signed-in staff see the protection")
		}
	})
	w.check(t, s.URL)
}

// publishProtected publishes an article with copy protection mode from
// the open newsroom tab and returns its public path.
func publishProtected(t *testing.T, ctx context.Context, s *site, headline, mode string) string {
	t.Helper()
	open(t, ctx, s.URL+"/admin/articles/new")
	fillArticle(t, ctx, draft{Headline: headline, Body: protectedLead + "\n\nThe port reopens [on Monday](/).\n"})
	setValue(t, ctx, "#copy_protection", mode)
	pressAction(t, ctx, "publish")
	path := publicLink(t, ctx)
	if path == "" {
		t.Fatalf("no public link after publishing %q: %s", headline, text(t, ctx, "main"))
	}
	return path
}

// selectLead selects the first paragraph of the protected body by script.
func selectLead(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `(() => {
		const r = document.createRange();
		r.selectNodeContents(document.querySelector('[data-protect] p'));
		getSelection().removeAllRanges();
		getSelection().addRange(r);
		return true;
	})()`)
}

// shortcut presses Ctrl+key, which runs the editing command (copy,
// paste): a key press, unlike a script, may use the clipboard.
func shortcut(t *testing.T, ctx context.Context, key, command string) {
	t.Helper()
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		ev := input.DispatchKeyEventParams{Type: typ, Key: key, Code: "Key" + strings.ToUpper(key), Modifiers: 2} // 2: Ctrl
		if typ == input.DispatchKeyEventTypeRawKeyDown {
			ev.Commands = []string{command}
		}
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
			t.Fatalf("Ctrl+%s: %v", key, err)
		}
	}
}

// noticeShown returns the text of the visible protection notice, or "".
func noticeShown(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `(() => {
		const n = document.querySelector('.copy-notice[role="status"][aria-live="polite"]');
		return n && !n.hidden ? n.textContent : '';
	})()`)
}

// grantClipboard lets pages of origin in ctx's browser context read and
// write the clipboard, and keeps the page focused as the clipboard needs.
func grantClipboard(t *testing.T, ctx context.Context, origin string) {
	t.Helper()
	id := chromedp.FromContext(ctx).BrowserContextID
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    cdpbrowser.PermissionSettingGranted, Origin: origin, BrowserContextID: id,
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

// setClipboard puts text on the clipboard.
func setClipboard(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	eval[bool](t, ctx, fmt.Sprintf(`navigator.clipboard.writeText(%q).then(() => true)`, text))
}

// clipboard returns the clipboard's text.
func clipboard(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `navigator.clipboard.readText()`)
}

// selectByDoubleClick double-clicks a word of the protected body, as a
// reader selecting it would, and returns what got selected.
func selectByDoubleClick(t *testing.T, ctx context.Context) string {
	t.Helper()
	eval[bool](t, ctx, `(getSelection().removeAllRanges(), true)`)
	x, y := leadPoint(t, ctx)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y, chromedp.ClickCount(2))); err != nil {
		t.Fatal(err)
	}
	return eval[string](t, ctx, `getSelection().toString()`)
}

// rightClickBlocked right-clicks the protected body and reports whether
// the context menu was refused.
func rightClickBlocked(t *testing.T, ctx context.Context) bool {
	t.Helper()
	eval[bool](t, ctx, `(window.heraldMenu = null, addEventListener('contextmenu', e => { window.heraldMenu = e.defaultPrevented; }), true)`)
	x, y := leadPoint(t, ctx)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(x, y, chromedp.ButtonRight)); err != nil {
		t.Fatal(err)
	}
	return pollJS(t, ctx, `window.heraldMenu`) == "true"
}

// keyBlocked presses key and reports whether the page refused it.
func keyBlocked(t *testing.T, ctx context.Context, key string) bool {
	t.Helper()
	eval[bool](t, ctx, `(window.heraldKey = null, addEventListener('keydown', e => { window.heraldKey = e.defaultPrevented; }), true)`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
	return pollJS(t, ctx, `window.heraldKey`) == "true"
}

// leadPoint returns a point on the first word of the protected body.
func leadPoint(t *testing.T, ctx context.Context) (float64, float64) {
	t.Helper()
	p := eval[[]float64](t, ctx, `(() => {
		const p = document.querySelector('[data-protect] p');
		p.scrollIntoView({block: 'center'});
		const r = p.getBoundingClientRect();
		return [r.left + 20, r.top + 8];
	})()`)
	return p[0], p[1]
}

// pollJS evaluates js until it gives something other than null, and
// returns it as text.
func pollJS(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if v := eval[string](t, ctx, `String(`+js+`)`); v != "null" {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s stayed null", js)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// commentFormWorks types and pastes into the comment form of the open
// protected article and copies from it.
func commentFormWorks(t *testing.T, ctx context.Context) {
	t.Helper()
	setClipboard(t, ctx, " and pasted")
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#comment"), "Typed")); err != nil {
		t.Fatal(err)
	}
	shortcut(t, ctx, "v", "paste")
	if got := eval[string](t, ctx, `document.querySelector('#comment').value`); got != "Typed and pasted" {
		t.Errorf("comment field holds %q, want what was typed and pasted", got)
	}
	eval[bool](t, ctx, `(() => { const c = document.querySelector('#comment'); c.focus(); c.select(); return true; })()`)
	shortcut(t, ctx, "c", "copy")
	if got := clipboard(t, ctx); got != "Typed and pasted" {
		t.Errorf("copying from the comment field gave %q", got)
	}
}
