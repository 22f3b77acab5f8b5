package e2e

import (
	"bufio"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/herald-news/herald"
)

// emailNeedles returns the forms in which email could leak: as typed, in
// lower case, URL-escaped, base64-encoded, and as the lowercase hex MD5,
// SHA-1 and SHA-256 of the trimmed lower-case address, as Gravatar hashes
// it, and of the address as typed. Each maps to a description.
func emailNeedles(email string) map[string]string {
	n := map[string]string{}
	for _, v := range []string{email, strings.ToLower(strings.TrimSpace(email))} {
		n[strings.ToLower(v)] = "the address " + v
		n[strings.ToLower(url.QueryEscape(v))] = "the URL-escaped address " + v
		for name, enc := range map[string]*base64.Encoding{"base64": base64.RawStdEncoding, "base64url": base64.RawURLEncoding} {
			n[enc.EncodeToString([]byte(v))] = name + " of " + v
		}
		m, s1, s256 := md5.Sum([]byte(v)), sha1.Sum([]byte(v)), sha256.Sum256([]byte(v))
		n[hex.EncodeToString(m[:])] = "MD5 of " + v
		n[hex.EncodeToString(s1[:])] = "SHA-1 of " + v
		n[hex.EncodeToString(s256[:])] = "SHA-256 of " + v
	}
	return n
}

// scanned is one answer of the crawl.
type scanned struct {
	Path, Type string
	Status     int
}

// crawler fetches every public address of a site it can discover, as an
// anonymous reader with no cookies.
type crawler struct {
	s       *site
	client  *http.Client
	origin  *url.URL
	seen    map[string]bool
	queue   []string
	answers []scanned
	bodies  map[string]string // by path
}

// urlInText finds addresses in pages, feeds, sitemaps and JSON: absolute
// URLs and root-relative href and src attributes or JSON strings.
var urlInText = regexp.MustCompile(`https?://[^\s"'<>\\]+|(?:href|src)="(/[^"]*)"|"(/[^"\s\\]*)"`)

// add queues ref, an address of the site, once.
func (c *crawler) add(ref string) {
	u, err := url.Parse(html.UnescapeString(strings.TrimSpace(ref)))
	if err != nil {
		return
	}
	if u.IsAbs() && u.Host != c.origin.Host {
		return
	}
	u.Fragment = ""
	p := u.RequestURI()
	// The newsroom is not public, and sign-out is not a page.
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "/admin") || c.seen[p] {
		return
	}
	c.seen[p] = true
	c.queue = append(c.queue, p)
}

// run fetches the queue, adding what each answer links to, up to limit
// answers.
func (c *crawler) run(t *testing.T, limit int) {
	t.Helper()
	for len(c.queue) > 0 {
		if len(c.answers) >= limit {
			t.Fatalf("the crawl passed %d addresses; raise the limit if the site grew", limit)
		}
		p := c.queue[0]
		c.queue = c.queue[1:]
		resp, err := c.client.Get(c.s.URL + p)
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		ct := resp.Header.Get("Content-Type")
		c.answers = append(c.answers, scanned{p, ct, resp.StatusCode})
		var head strings.Builder
		resp.Header.Write(&head)
		c.bodies[p] = head.String() + "\n" + string(b)
		if resp.StatusCode >= 500 {
			t.Errorf("GET %s answered %d", p, resp.StatusCode)
		}
		if loc := resp.Header.Get("Location"); loc != "" {
			c.add(loc)
		}
		if strings.HasPrefix(p, "/robots.txt") {
			sc := bufio.NewScanner(strings.NewReader(string(b)))
			for sc.Scan() {
				if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.EqualFold(strings.TrimSpace(k), "sitemap") {
					c.add(v)
				}
			}
		}
		if isText(ct) {
			for _, m := range urlInText.FindAllStringSubmatch(string(b), -1) {
				c.add(m[0] + m[1] + m[2])
			}
		}
		c.addAPIRecords(p, b)
	}
}

var apiListing = regexp.MustCompile(`^/api/v1/[a-z]+`)

// addAPIRecords queues the address of each record an API listing at p
// answers with, /api/v1/articles/{id} for the items of /api/v1/articles.
func (c *crawler) addAPIRecords(p string, body []byte) {
	base := apiListing.FindString(p)
	if base == "" || strings.Count(strings.SplitN(p, "?", 2)[0], "/") != 3 {
		return
	}
	var page struct {
		Data []struct {
			ID int64 `json:"id"`
		} `json:"data"`
	}
	if json.Unmarshal(body, &page) != nil {
		return
	}
	for _, r := range page.Data {
		c.add(fmt.Sprintf("%s/%d", base, r.ID))
	}
}

var apiDocPath = regexp.MustCompile("`(/api/v1/[a-z]+)`")

// apiListings returns the listings of the content API that docs/API.md
// names, as the API has no index to discover them from.
func (s *site) apiListings(t *testing.T) []string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(s.root, "docs", "API.md"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, m := range apiDocPath.FindAllStringSubmatch(string(doc), -1) {
		paths = append(paths, m[1])
	}
	return paths
}

// isText reports whether content type ct is one the crawl reads links in.
func isText(ct string) bool {
	for _, k := range []string{"html", "xml", "json", "text/plain"} {
		if strings.Contains(ct, k) {
			return true
		}
	}
	return false
}

// TestComments_NoEmailLeaks posts comments with known addresses, approved,
// pending and by a signed-in editor, then fetches, as an anonymous reader,
// every address of the site it can discover from the front page, robots.txt
// and its sitemaps, the pages' links and alternates (feeds, oEmbed), the
// content API's listings and their records, the comment feeds and the
// error pages, and requires that none answers 5xx and
// that no answer carries any commenter's or staff member's email address in
// any form: as text, escaped, base64 or hashed.
func TestComments_NoEmailLeaks(t *testing.T) {
	s := commentSite(t)
	paths := s.commentArticles(t, 2)
	token := s.agedToken(t, paths[0])
	other := s.agedToken(t, paths[1])

	// Readers with capitals and spaces in their addresses, as people type them.
	readers := []reader{
		{Name: "Kim Approved", Email: "Kim.Approved@Leak-Probe.example"},
		{Name: "Lou Approved", Email: "  lou.approved+news@leak-probe.example "},
		{Name: "Max Pending", Email: "Max.Pending@Leak-Probe.example"},
		{Name: "Ned Pending", Email: "ned.pending@leak-probe.example"},
	}
	ids := make([]int64, len(readers))
	for i, r := range readers {
		path, tok := paths[i%2], token
		if i%2 == 1 {
			tok = other
		}
		form := url.Values{"token": {tok}, "author": {r.Name}, "email": {r.Email}, "url": {"https://example.com/" + fmt.Sprint(i)},
			"notify": {"1"}, "comment": {fmt.Sprintf("Leak probe comment %d from %s.", i, r.Name)}}
		o := s.postForm(t, loopbackClient(2+i), path, form)
		m := commentAnchor.FindStringSubmatch(o.Location)
		if o.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("posting %s's comment answered %d to %q", r.Name, o.Status, o.Location)
		}
		fmt.Sscan(m[1], &ids[i])
	}
	// A reply by an approved reader, approved at once.
	form := url.Values{"token": {token}, "author": {readers[0].Name}, "email": {readers[0].Email}, "parent": {fmt.Sprint(ids[0])},
		"comment": {"Leak probe reply from Kim Approved."}}

	desk := newsroomBrowser(t)
	editor := s.addUser(t, "editor")
	signIn(t, desk, s, editor)
	approveComment(t, desk, s, ids[0])
	approveComment(t, desk, s, ids[1])
	if o := s.postForm(t, loopbackClient(20), paths[0], form); o.Status != http.StatusSeeOther {
		t.Fatalf("the approved reader's reply answered %d", o.Status)
	}
	// The editor comments under their name.
	loaded := openAt(t, desk, s.URL+paths[1])
	if text(t, desk, "#commenting-as") == "" {
		t.Fatalf("the signed-in editor is not offered to comment under their name")
	}
	if err := chromedp.Do(desk, chromedp.SendKeys(chromedp.CSS("#comment"), "Leak probe comment from the newsroom.")); err != nil {
		t.Fatal(err)
	}
	waitFillTime(loaded)
	if status := submit(t, desk, `[data-comment-form] button[type="submit"]`); status != 200 {
		t.Fatalf("the editor's comment answered %d", status)
	}
	pollPublic(t, s, paths[1], "Leak probe comment from the newsroom.", 30*time.Second)
	pollPublic(t, s, paths[0], "Leak probe reply from Kim Approved.", 30*time.Second)

	needles := map[string]string{}
	emails := []string{editor.Email}
	for _, r := range readers {
		emails = append(emails, r.Email)
	}
	st := s.openStore(t)
	users, err := st.FindUsers(t.Context(), herald.UserFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		emails = append(emails, u.Email)
	}
	// The demo's commenters too.
	for offset := 0; ; offset += 100 {
		cs, _, err := st.FindComments(t.Context(), herald.CommentFilter{Offset: offset, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, cm := range cs {
			emails = append(emails, cm.Email)
		}
		if len(cs) < 100 {
			break
		}
	}
	for _, e := range emails {
		for k, v := range emailNeedles(e) {
			needles[k] = v
		}
	}

	c := &crawler{s: s, client: loopbackClient(30), seen: map[string]bool{}, bodies: map[string]string{}}
	c.origin, _ = url.Parse(s.URL)
	for _, p := range []string{"/", "/robots.txt", "/api/v1/", "/no-such-page/", "/2001/01/01/no-such-article/",
		"/comments/unsubscribe/?token=damaged", paths[0] + "?replyto=" + fmt.Sprint(ids[0])} {
		c.add(p)
	}
	for _, p := range s.apiListings(t) {
		c.add(p)
	}
	// The comment feeds issue 4 names, the site's and each article's,
	// whether or not the pages link them.
	for _, base := range []string{"/comments/", paths[0], paths[1]} {
		for _, f := range []string{"feed/", "feed/atom/", "feed/json/"} {
			c.add(base + f)
		}
	}
	c.run(t, 5000)

	for p, body := range c.bodies {
		lower := strings.ToLower(body)
		for needle, what := range needles {
			if strings.Contains(body, needle) || strings.Contains(lower, needle) {
				t.Errorf("GET %s carries %s", p, what)
			}
		}
	}

	// The scan saw the comments it looks after, and what kinds of answer.
	for _, want := range []string{"Leak probe comment 0", "Leak probe comment 1", "Leak probe reply", "from the newsroom"} {
		if !strings.Contains(c.bodies[paths[0]]+c.bodies[paths[1]], want) {
			t.Errorf("the crawled article pages do not show %q; the scan is not looking at comments", want)
		}
	}
	kinds := map[string]int{}
	for _, a := range c.answers {
		kinds[fmt.Sprintf("%d %s", a.Status, strings.Split(a.Type, ";")[0])]++
	}
	var lines []string
	for k, n := range kinds {
		lines = append(lines, fmt.Sprintf("%4d × %s", n, k))
	}
	sort.Strings(lines)
	t.Logf("scanned %d answers for %d needles of %d addresses:\n%s", len(c.answers), len(needles), len(emails), strings.Join(lines, "\n"))
}
