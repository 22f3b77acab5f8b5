package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// lockedBuffer collects a process's output while tests read it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// freshHerald starts a herald of its own for t, with an empty data
// directory, stopped when t ends, passing args to "herald serve" (no demo
// content unless they ask for it). It returns the site and the process's
// output so far, read through wait.
func freshHerald(t *testing.T, args ...string) (*site, *lockedBuffer) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end tests are skipped in -short mode")
	}
	root, bin, err := buildHerald()
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	args = append([]string{"serve", "-addr", "127.0.0.1:0", "-data-dir", data, "-log-level", "warn"}, args...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HERALD_DB=")
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	m := waitOutput(t, out, servingLine, time.Minute)
	s := &site{URL: m[1], root: root, bin: bin, dataDir: data}
	if err := waitReady(s.URL+"/readyz", time.Minute); err != nil {
		t.Fatal(err)
	}
	return s, out
}

// waitOutput polls out until re matches it, and returns the match.
func waitOutput(t *testing.T, out *lockedBuffer, re *regexp.Regexp, timeout time.Duration) []string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("herald did not print %s within %v; it printed:\n%s", re, timeout, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var userSeq atomic.Int64

// member is a newsroom account made for a test.
type member struct {
	Email, Name, Password string
}

// addUser makes an account with role on s through "herald user add" and
// returns it; each call makes a new one.
func (s *site) addUser(t *testing.T, role string) member {
	t.Helper()
	n := userSeq.Add(1)
	m := member{
		Email:    fmt.Sprintf("%s%d-%d@e2e.example", role, n, time.Now().UnixNano()%1e6),
		Name:     fmt.Sprintf("E2e %s %d", strings.ToUpper(role[:1])+role[1:], n),
		Password: fmt.Sprintf("plum-kettle-orbit-%d-lantern", n),
	}
	cmd := exec.Command(s.bin, "user", "add", "-data-dir", s.dataDir, "-log-level", "warn",
		"-email", m.Email, "-name", m.Name, "-role", role, "-password-stdin")
	cmd.Env = append(os.Environ(), "HERALD_DB=")
	cmd.Stdin = strings.NewReader(m.Password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("herald user add (%s): %v\n%s", role, err, out)
	}
	return m
}

// signIn signs m in on ctx's tab through the sign-in form and waits for
// the newsroom page it lands on.
func signIn(t *testing.T, ctx context.Context, s *site, m member) {
	t.Helper()
	fillSignIn(t, ctx, s, m.Email, m.Password)
	if loc := location(t, ctx); strings.Contains(loc, "/admin/sign-in") {
		t.Fatalf("still on the sign-in page after signing in as %s: %s", m.Email, loc)
	}
}

// fillSignIn opens the sign-in page, types email and password and sends
// the form, returning once the answer has loaded.
func fillSignIn(t *testing.T, ctx context.Context, s *site, email, password string) {
	t.Helper()
	open(t, ctx, s.URL+"/admin/sign-in")
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
	)
	if err != nil {
		t.Fatalf("fill in the sign-in form: %v", err)
	}
	submit(t, ctx, `form[action="/admin/sign-in"] button[type="submit"]`)
}

// open loads url in ctx's tab and fails t unless it answers 200.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(url))
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if resp.Status != 200 {
		t.Fatalf("open %s: status %d", url, resp.Status)
	}
}

// submit clicks the button sel and waits for the page it leads to, whose
// status it returns.
func submit(t *testing.T, ctx context.Context, sel string) int64 {
	t.Helper()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("click %s: %v", sel, err)
	}
	return resp.Status
}

// location returns the address of ctx's tab.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// eval runs js in ctx's tab and returns its value, awaited when it is a
// promise.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// setValue sets the form control sel to value, replacing what it held.
func setValue(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(sel), value)); err != nil {
		t.Fatalf("set %s: %v", sel, err)
	}
}

// text returns the text content of the first element matching sel, or ""
// when there is none.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ''`, sel))
}

var (
	sharedOnce    sync.Once
	sharedBrowser context.Context
	sharedErr     error
	stopBrowser   = func() {}
)

// newsroomBrowser returns a tab for one test in a browser context of its
// own (its own cookies) of a headless Chromium shared by the newsroom
// tests, started on first use with the same flags as browser and stopped
// after the tests: starting one Chromium per test costs seconds each.
func newsroomBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := chromiumPath()
	require(t, "Chromium (apt-get install chromium)", err)
	sharedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "herald-e2e-chromium-")
		if err != nil {
			sharedErr = err
			return
		}
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumOptions(path, dir)...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		stopBrowser = func() { cancelBrowser(); cancelAlloc(); os.RemoveAll(dir) }
		sharedBrowser, sharedErr = bctx, chromedp.Do(bctx)
	})
	if sharedErr != nil {
		require(t, "Chromium", sharedErr)
	}
	tab := secondTab(t, sharedBrowser)
	tab, cancel := context.WithTimeout(tab, 2*time.Minute)
	t.Cleanup(cancel)
	return tab
}

// secondTab opens a tab in a browser context of its own (its own cookies)
// in the browser of ctx.
func secondTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	return tab
}

// pollPublic fetches path from s until its body contains want or the
// deadline passes, and returns how long it took.
func pollPublic(t *testing.T, s *site, path, want string, timeout time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		if _, body := s.get(t, path); strings.Contains(body, want) {
			return time.Since(start)
		}
		if time.Since(start) > timeout {
			t.Fatalf("%s did not show %q within %v", path, want, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// expect drops from w the errors the browser logs for a page answered on
// purpose with status, such as a 401 for a wrong password or a 403 for a
// refused request, so that check sees only the unexpected ones.
func (w *watcher) expect(status int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	mark := fmt.Sprintf("status of %d ", status)
	kept := w.errors[:0]
	for _, e := range w.errors {
		if !strings.Contains(e, mark) {
			kept = append(kept, e)
		}
	}
	w.errors = kept
}
