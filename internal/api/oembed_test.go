package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestOEmbed(t *testing.T) {
	f := newFixture(t)
	articleURL := origin + "/2024/03/01/lead/"
	var o OEmbed
	f.getJSON(Prefix+"oembed?format=json&url="+url.QueryEscape(articleURL), http.StatusOK, &o)
	want := OEmbed{
		Version: "1.0", Type: "rich", Title: "Headline lead", AuthorName: "Ann Writer", AuthorURL: origin + "/author/ann/",
		ProviderName: "The Harbour Gazette", ProviderURL: origin + "/", CacheAge: 3600, Width: 600, Height: 200,
		HTML: `<iframe src="` + origin + `/embed/2024/03/01/lead/" width="600" height="200" title="Headline lead" ` +
			`style="border:0;max-width:100%" loading="lazy" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>`,
	}
	if o != want {
		t.Errorf("oEmbed =\n%+v\nwant\n%+v", o, want)
	}
	f.getJSON(Prefix+"oembed?maxwidth=320&maxheight=2000&url="+url.QueryEscape(articleURL+"?utm_source=x"), http.StatusOK, &o)
	if o.Width != 320 || o.Height != 200 || !strings.Contains(o.HTML, `width="320"`) || o.ThumbnailURL != "" {
		t.Errorf("with maxwidth 320: %+v; want width 320 and no thumbnail wider than that", o)
	}
	f.getJSON(Prefix+"oembed?maxwidth=2000&maxheight=2000&url="+url.QueryEscape(articleURL), http.StatusOK, &o)
	if o.ThumbnailURL != origin+"/media/"+f.image.Hash+"-1024.jpg" || o.ThumbnailWidth != 1024 || o.ThumbnailHeight != 576 {
		t.Errorf("thumbnail %s %dx%d", o.ThumbnailURL, o.ThumbnailWidth, o.ThumbnailHeight)
	}
	for _, tt := range []struct {
		query  string
		status int
		code   string
	}{
		{"url=" + url.QueryEscape(articleURL) + "&format=xml", http.StatusNotImplemented, "not_implemented"},
		{"url=" + url.QueryEscape(articleURL) + "&format=yaml", http.StatusNotImplemented, "not_implemented"},
		{"", http.StatusBadRequest, "invalid"},
		{"url=" + url.QueryEscape(articleURL) + "&maxwidth=wide", http.StatusBadRequest, "invalid"},
		{"url=" + url.QueryEscape(articleURL) + "&maxheight=0", http.StatusBadRequest, "invalid"},
		{"url=" + url.QueryEscape("https://elsewhere.example/2024/03/01/lead/"), http.StatusNotFound, "not_found"},
		{"url=" + url.QueryEscape(origin+"/section/world/"), http.StatusNotFound, "not_found"},
		{"url=" + url.QueryEscape(origin+"/2024/03/02/lead/"), http.StatusNotFound, "not_found"},
		{"url=" + url.QueryEscape(origin+"/2024/03/01/draft/"), http.StatusNotFound, "not_found"},
		{"url=" + url.QueryEscape(origin+"/2024/03/01/withdrawn/"), http.StatusNotFound, "not_found"},
		{"url=" + url.QueryEscape("javascript:alert(1)"), http.StatusNotFound, "not_found"},
		{"url=%zz", http.StatusBadRequest, "invalid"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			f.wantError(http.MethodGet, Prefix+"oembed?"+tt.query, tt.status, tt.code)
		})
	}
}

func TestCard(t *testing.T) {
	f := newFixture(t)
	res := f.do(http.MethodGet, EmbedPrefix+"2024/03/01/lead/")
	body := string(res.body)
	if res.status != http.StatusOK || res.header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("card: %d %s", res.status, res.header.Get("Content-Type"))
	}
	csp := res.header.Get("Content-Security-Policy")
	for _, want := range []string{"frame-ancestors *", "default-src 'none'", "style-src 'sha256-"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if xfo := res.header.Get("X-Frame-Options"); xfo != "" {
		t.Errorf("X-Frame-Options %q forbids framing the card", xfo)
	}
	for _, want := range []string{
		`<html lang="en">`, "The Harbour Gazette", `<a href="` + origin + `/2024/03/01/lead/" target="_blank" rel="noopener">Headline lead</a>`,
		"The count is in.", `<img src="` + origin + `/media/` + f.image.Hash + `-1024.jpg" width="1024" height="576" alt="Boats in the harbour">`,
		`<time datetime="2024-03-01T09:00:00Z">2024-03-01</time> · World`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the card lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(strings.ToLower(body), "<script") || strings.Contains(body, " on") && strings.Contains(body, "onload") {
		t.Errorf("the card has a script:\n%s", body)
	}
	if res.header.Get("ETag") == "" {
		t.Error("no ETag on the card")
	}
	if body := string(f.do(http.MethodGet, EmbedPrefix+"2024/03/01/ferry/").body); !strings.Contains(body,
		`<p class="dek">The ferry runs again.</p>`) || strings.Contains(body, "<img") {
		t.Errorf("the card of an article without a dek or image:\n%s", body)
	}
	for _, path := range []string{"2024/03/01/draft/", "2024/03/01/withdrawn/", "2024/03/02/lead/", "2024/03/01/lead",
		"lead/", "2024/03/01/lead/x/", "2024/aa/01/lead/", ""} {
		res := f.do(http.MethodGet, EmbedPrefix+path)
		if res.status != http.StatusNotFound || !strings.HasPrefix(res.header.Get("Content-Type"), "text/plain") {
			t.Errorf("/embed/%s: %d %s, want a plain 404", path, res.status, res.header.Get("Content-Type"))
		}
	}
}
