package site

import (
	"html/template"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// samplePages returns, for each template, its page struct empty and full.
func samplePages() map[string][]page {
	t := english()
	ch := chrome{Lang: "en", Title: "T", Description: "D", Canonical: "/", SiteTitle: "S", Tagline: "G",
		CSS: "/assets/site.x.css", Icon: "/assets/favicon.x.svg", Nav: []navLink{{Name: "World", URL: "/section/world/", Current: true}}, T: t}
	img := &imageView{Src: "/media/a.jpg", SrcSet: "/media/a.jpg 800w", Sizes: "100vw", Width: 800, Height: 450, Alt: "A", Caption: "C", Credit: "R"}
	c := card{URL: "/2024/03/01/a/", Headline: "H", Summary: "S", Lang: "ru", Published: timeView{"2024-03-01T00:00:00Z", "March 1, 2024"},
		Section: &link{"World", "/section/world/"}, Story: &link{"Fire", "/story/fire/"}, Image: img, Level: 3}
	p := pager{Page: 2, Pages: 3, Prev: "/x/", Next: "/x/page/3/", Label: "Page 2 of 3", T: t}
	ch.Meta = pageMeta{Type: "article", Title: "H", Image: &metaImage{URL: "https://s.example/media/a.jpg", Width: 800, Height: 450, Alt: "A"},
		Article:    &articleMeta{Published: "2024-03-01T00:00:00Z", Modified: "2024-03-02T00:00:00Z", Section: "World", Tags: []string{"T"}, Authors: []string{"https://s.example/author/a/"}},
		Alternates: []alternate{{"en", "https://s.example/a/"}, {"x-default", "https://s.example/a/"}},
		Prev:       "https://s.example/x/", Next: "https://s.example/x/page/3/", OEmbed: "https://s.example/api/v1/oembed?url=x",
		JSONLD: []any{ldWebPage{Type: "WebPage", ID: "https://s.example/a/"}}}
	share, _ := newShareBars([]string{"x", "email"}, "https://s.example/a/", "H", t)
	return map[string][]page{
		"article": {articleView{chrome: chrome{T: t}}, articleView{
			chrome: ch, Headline: "H", Dek: "D", Body: template.HTML("<p>B</p>"), Published: c.Published, Updated: &c.Published,
			Byline: []bylineItem{{"", link{"A", "/author/a/"}}, {" and ", link{"B", "/author/b/"}}}, Section: c.Section,
			Tags: []link{{"T", "/tag/t/"}}, Image: img, Corrections: []correctionView{{c.Published, "Fixed."}},
			Related: relatedView{Story: c.Story, Articles: []card{c}}, Prev: &c, Next: &c, Comments: sampleComments(t),
			ShareTop: share, ShareEnd: share, Script: "/assets/share.x.js",
			Languages: []languageLink{{Lang: "en", Name: "English", URL: "/a/", Current: true}, {Lang: "ru", Name: "Русский", URL: "/b/"}},
		}},
		"front": {frontView{chrome: chrome{T: t}}, frontView{chrome: ch, Lead: &c, Top: []card{c}, Stories: []link{*c.Story},
			Sections: []sectionBlock{{ID: "section-world", Section: *c.Section, Articles: []card{c}}}, Older: "/page/2/"}},
		"list": {listView{chrome: chrome{T: t}}, listView{chrome: ch, Kicker: "K", Heading: "H", Intro: "I", LinksLabel: "L",
			Links: []link{{"M", "/2024/03/"}}, Articles: []card{c}, Pager: p}, listView{chrome: ch, Heading: "H", Articles: []card{c}, Timeline: true, Pager: p}},
		"error": {errorView{chrome: chrome{T: t}}, errorView{chrome: ch, Status: 404, Heading: "H", Message: "M"}},
		"comment": {commentPageView{chrome: chrome{T: t}, C: &t.C}, commentPageView{chrome: ch, C: &t.C, Heading: "H", Message: "M", Back: "/a/",
			Form: &commentAction{Action: "/a/comments/1/edit/", Token: "T", Edit: true, Text: "X", Error: "E", Button: "B", Cancel: "/a/"}}},
	}
}

func TestTemplates_ExecuteEveryPage(t *testing.T) {
	f := newFixture(t)
	samples := samplePages()
	names := f.site.render.Pages()
	slices.Sort(names)
	for _, name := range names {
		pages, ok := samples[name]
		if !ok {
			t.Errorf("template %q has no sample page struct", name)
			continue
		}
		for i, p := range pages {
			if p.template() != name {
				t.Errorf("sample %d of %q renders %q", i, name, p.template())
			}
			if _, err := f.site.renderPage(p); err != nil {
				t.Errorf("%s sample %d: %v", name, i, err)
			}
		}
	}
	if len(names) != len(samples) {
		t.Errorf("templates %v, samples for %d", names, len(samples))
	}
}

// TestTemplates_Valid runs the Nu HTML checker over the fixture's pages
// when Java and the checker are installed.
func TestTemplates_Valid(t *testing.T) {
	jar := "../../node_modules/vnu-jar/build/dist/vnu.jar"
	if _, err := exec.LookPath("java"); err != nil || testing.Short() {
		t.Skip("java not installed or -short")
	}
	if err := exec.Command("test", "-f", jar).Run(); err != nil {
		t.Skip("vnu-jar not installed (npm ci)")
	}
	f := newFixture(t)
	dir := t.TempDir()
	var files []string
	for i, p := range []string{"/", "/page/2/", f.path("fire-breaks-out-at-harbour"), "/2024/03/19/pozhar-v-portu/",
		"/section/world/", "/tag/harbour/", "/author/ann-writer/", "/story/harbour-fire/", "/2024/", "/2024/03/05/",
		"/no-such-page/", "/2024/03/02/withdrawn-piece/"} {
		name := dir + "/" + strings.Repeat("p", i+1) + ".html"
		must(t, os.WriteFile(name, f.get(t, "GET", p).Body.Bytes(), 0o644))
		files = append(files, name)
	}
	out, err := exec.Command("java", append([]string{"-jar", jar, "--errors-only"}, files...)...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("Nu HTML checker: %v\n%s", err, out)
	}
}

func TestNew_DevReadsTemplatesFromDisk(t *testing.T) {
	f := newFixture(t)
	t.Chdir("../..")
	s, err := New(Options{Store: f.store, Dev: true})
	must(t, err)
	defer s.Close()
	f.site = s
	if w := f.get(t, "GET", "/"); w.Code != 200 {
		t.Errorf("front page in dev mode: %d", w.Code)
	}
	t.Chdir(t.TempDir())
	if _, err := New(Options{Store: f.store, Dev: true}); err == nil {
		t.Error("dev mode started without templates on disk")
	}
}

// sampleComments is a comment section with every part shown.
func sampleComments(t *labels) commentsView {
	reply := &commentView{T: &t.C, ID: 2, Name: "R", Website: "https://r.example/", Text: "<p>R</p>", Permalink: "/a/#comment-2",
		Pending: true, Staff: true, EditURL: "/a/comments/2/edit/", DeleteURL: "/a/comments/2/delete/", Depth: 2}
	top := &commentView{T: &t.C, ID: 1, Name: "N", Text: "<p>T</p>", Permalink: "/a/#comment-1", CanReply: true, Depth: 1, Replies: []*commentView{reply}}
	return commentsView{T: &t.C, Open: true, Count: 2, Threads: []*commentView{top},
		Pager: &commentPager{Page: 2, Pages: 3, Older: "/a/", Newer: "/a/comment-page-3/"},
		Form:  commentForm{Action: "/a/comments/", Token: "T", Parent: 1, ReplyTo: "N", Staff: "S", Text: "X", Error: "E", Fields: map[string]string{"text": "bad"}}}
}
