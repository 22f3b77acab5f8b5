package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// watcher records what a tab requested and every error it reported.
type watcher struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

// watch starts recording requests and console errors in ctx's tab.
func watch(t *testing.T, ctx context.Context) *watcher {
	t.Helper()
	w := &watcher{}
	err := chromedp.Listen(ctx, func(ev any) {
		w.mu.Lock()
		defer w.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			w.requests = append(w.requests, e.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				w.errors = append(w.errors, fmt.Sprintf("console.error: %v", e.Args))
			}
		case *runtime.EventExceptionThrown:
			w.errors = append(w.errors, fmt.Sprintf("exception: %s at %s:%d", e.ExceptionDetails.Text, e.ExceptionDetails.URL, e.ExceptionDetails.LineNumber))
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				w.errors = append(w.errors, fmt.Sprintf("log: %s %s", e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return w
}

// check fails the test for any error seen and any request that left origin.
func (w *watcher) check(t *testing.T, origin string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.errors {
		t.Errorf("browser reported an error: %s", e)
	}
	if len(w.requests) == 0 {
		t.Errorf("no request was recorded; the watcher is not working")
	}
	o, _ := url.Parse(origin)
	for _, r := range w.requests {
		u, err := url.Parse(r)
		if strings.HasPrefix(r, "data:") {
			continue
		}
		if err != nil || u.Scheme != o.Scheme || u.Host != o.Host {
			t.Errorf("request left the site's origin %s: %s", origin, r)
		}
	}
}
