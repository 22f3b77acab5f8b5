package media

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/herald-news/herald"
)

// settingsStub is a SettingsSource holding settings in memory and
// counting reads.
type settingsStub struct {
	herald.ChangeBroker
	mu    sync.Mutex
	s     herald.Settings
	err   error
	reads int
}

func (st *settingsStub) FindSettings(context.Context) (herald.Settings, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.reads++
	return st.s, st.err
}

// set stores hotlinks and publishes the change, as the store does.
func (st *settingsStub) set(hotlinks bool) {
	st.mu.Lock()
	st.s.Protection.MediaHotlinks = hotlinks
	st.mu.Unlock()
	st.Publish(herald.Change{Kind: herald.ChangeSettings})
}

func TestHotlinkGuard(t *testing.T) {
	lib, _ := newLibrary(t)
	m, err := lib.Add(bytes.NewReader(pngBytes(t, 300, 200)), 0)
	if err != nil {
		t.Fatal(err)
	}
	st := &settingsStub{s: herald.DefaultSettings()}
	g, stop := NewHotlinkGuard(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer stop()
	ts := httptest.NewServer(g.Wrap(lib.Handler()))
	defer ts.Close()
	get := func(referer string) int {
		t.Helper()
		req, _ := http.NewRequest("GET", ts.URL+URL(m, 0), nil)
		if referer != "" {
			req.Header.Set("Referer", referer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	foreign := "https://copycat.example.net/stolen-story/"
	if got := get(foreign); got != 200 {
		t.Errorf("setting off: a foreign page's request = %d, want 200", got)
	}
	st.set(true)
	for _, tt := range []struct {
		referer string
		want    int
	}{
		{"", 200},
		{ts.URL + "/2022/09/27/story/", 200},
		{foreign, 403},
		{"http://" + "copycat.example.net:" + ts.Listener.Addr().String(), 403},
		{"::not a url", 403},
	} {
		if got := get(tt.referer); got != tt.want {
			t.Errorf("setting on, Referer %q: %d, want %d", tt.referer, got, tt.want)
		}
	}
	if st.reads != 2 {
		t.Errorf("settings read %d times, want once per change (2)", st.reads)
	}
	// Behind a proxy that sends its own Host, the base URL names the site.
	st.mu.Lock()
	st.s.BaseURL = "https://news.example.com"
	st.mu.Unlock()
	st.set(true)
	if got := get("https://news.example.com/2022/09/27/story/"); got != 200 {
		t.Errorf("Referer on the base URL's host: %d, want 200", got)
	}
	if got := get(foreign); got != 403 {
		t.Errorf("with a base URL, a foreign page's request = %d, want 403", got)
	}
	st.set(false)
	if got := get(foreign); got != 200 {
		t.Errorf("setting off again: %d, want 200", got)
	}
	st.mu.Lock()
	st.err = errors.New("database gone")
	st.mu.Unlock()
	st.Publish(herald.Change{Kind: herald.ChangeSettings})
	if got := get(foreign); got != 200 {
		t.Errorf("unreadable setting: %d, want the image served", got)
	}
}
