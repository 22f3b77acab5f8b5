// Commentbench measures reader comments through HTTP: how many comments
// per second "herald serve" accepts from its form, and the article page's
// read throughput while comments are posted at that rate, next to the same
// page's throughput with no posting, in the same run. It prints a Markdown
// table for BENCHMARKS.md.
//
// Usage (from the repository root, on Linux):
//
//	go run ./scripts/commentbench [-db postgres://127.0.0.1:5432/test] [-approve=false] [-articles 2000] [-duration 10s] [-readers 32] [-posters 8]
//
// It builds herald, loads the demo into a fresh SQLite file (or a fresh
// database created on the PostgreSQL server of -db, dropped at the end),
// starts "herald serve" with -rate-allow 127.0.0.0/8. Under the default
// moderation every comment of a new reader is held; with -approve (the
// default) an editor approves them in the newsroom's queue, in bulk, every
// second while the page is read, so that they show on it.
//
// Comments are posted as readers post them, through the form: one form
// token, fetched from the article and past its minimum fill time, serves
// every post (a token is valid for a day), and each reader posts at most
// five comments, each with an email and a text of their own, from an
// address of their own in 127.0.0.0/8, so that the site's limits per
// address and per email (five in ten minutes) and its duplicate check let
// them through, as they do for many readers. Every post must be answered
// 303; any other answer stops the run.
package main

import (
	"cmp"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create the PostgreSQL database
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "commentbench:", err)
		os.Exit(1)
	}
}

// options are the command line's.
type options struct {
	db                         string
	approve                    bool
	articles, readers, posters int
	duration                   time.Duration
}

func run() error {
	var o options
	flag.StringVar(&o.db, "db", "", "a postgres:// URL of a server to create a fresh database on; SQLite when empty")
	flag.BoolVar(&o.approve, "approve", true, "have an editor approve the held comments in the newsroom every second while the page is read")
	flag.IntVar(&o.articles, "articles", 2000, "demo articles to load")
	flag.IntVar(&o.readers, "readers", 32, "concurrent readers of the article page")
	flag.IntVar(&o.posters, "posters", 8, "concurrent comment posters")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each phase")
	flag.Parse()

	work, err := os.MkdirTemp("", "commentbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "herald")
	logf("building herald…")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/herald").CombinedOutput(); err != nil {
		return fmt.Errorf("go build (run from the repository root): %v\n%s", err, out)
	}
	data := filepath.Join(work, "data")
	dsn, engine := filepath.Join(data, "herald.db"), "SQLite"
	if o.db != "" {
		var drop func()
		if dsn, drop, err = freshPostgres(o.db); err != nil {
			return err
		}
		defer drop()
		engine = "PostgreSQL"
	}
	logf("loading %d demo articles into %s…", o.articles, engine)
	demo := exec.Command(bin, "demo", "-data-dir", data, "-db", dsn, "-articles", fmt.Sprint(o.articles), "-log-level", "warn")
	if out, err := demo.CombinedOutput(); err != nil {
		return fmt.Errorf("herald demo: %v\n%s", err, out)
	}
	editor, err := addEditor(bin, data, dsn)
	if err != nil {
		return err
	}
	base, stop, err := serve(bin, data, dsn, work)
	if err != nil {
		return err
	}
	defer stop()
	if o.approve {
		if err := editor.signIn(base); err != nil {
			return err
		}
	}

	article, token, err := pickArticle(base)
	if err != nil {
		return err
	}
	logf("article %s; reading alone for %v…", article, o.duration)
	alone := readFor(base+article, o.readers, o.duration)
	logf("posting alone for %v…", o.duration)
	p := &poster{base: base, article: article, token: token}
	posted, err := p.postFor(o.posters, o.duration, 0)
	if err != nil {
		return err
	}
	rate := float64(posted) / o.duration.Seconds()
	if o.approve {
		logf("approving the comments posted so far…")
		if _, err := editor.approvePending(); err != nil {
			return err
		}
	}
	logf("%.1f comments/s; reading while posting at that rate for %v…", rate, o.duration)
	var postedDuring, approved int
	var postErr, approveErr error
	var wg sync.WaitGroup
	wg.Go(func() { postedDuring, postErr = p.postFor(o.posters, o.duration, rate) })
	if o.approve {
		wg.Go(func() { approved, approveErr = editor.approveFor(o.duration) })
	}
	during := readFor(base+article, o.readers, o.duration)
	wg.Wait()
	if err := cmp.Or(postErr, approveErr); err != nil {
		return err
	}

	moderation := "comments held"
	if o.approve {
		moderation = fmt.Sprintf("held, and approved by an editor every second while read (%d approved)", approved)
	}
	fmt.Printf("\n%s, %d demo articles, %s, %d readers, %d posters, %v per phase:\n\n",
		engine, o.articles, moderation, o.readers, o.posters, o.duration)
	fmt.Println("| measure | value | ratio |")
	fmt.Println("|---|---:|---:|")
	fmt.Printf("| comments accepted through HTTP, posting alone | %.1f /s | |\n", rate)
	fmt.Printf("| article reads, no posting (baseline) | %.0f req/s, p50 %v, p99 %v | |\n", alone.rate(), alone.pct(50), alone.pct(99))
	fmt.Printf("| article reads while posting | %.0f req/s, p50 %v, p99 %v | **%.2f×** |\n", during.rate(), during.pct(50), during.pct(99), during.rate()/alone.rate())
	fmt.Printf("| comments accepted while reading | %.1f /s | %.2f× |\n", float64(postedDuring)/o.duration.Seconds(), float64(postedDuring)/float64(max(posted, 1)))
	fmt.Printf("\nherald peak resident memory (VmHWM): %s; comments on the article at the end: %d\n", stop(), posted+postedDuring)
	return nil
}

// logf writes a progress line to stderr.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}

// freshPostgres creates a database on the server of serverURL and returns
// its URL and a function that drops it.
func freshPostgres(serverURL string) (string, func(), error) {
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return "", nil, err
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "herald_bench_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create the bench database: %v", err)
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		admin.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		admin.Close()
	}
	return u.String(), drop, nil
}

var servingLine = regexp.MustCompile(`serving the site at (http://\S+)/`)

// serve starts herald serve, its log in work/herald.log, and returns its
// address and a function that stops it and reports its peak memory.
func serve(bin, data, dsn, work string) (string, func() string, error) {
	logFile, err := os.Create(filepath.Join(work, "herald.log"))
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(bin, "serve", "-data-dir", data, "-db", dsn, "-addr", "127.0.0.1:0", "-rate-allow", "127.0.0.0/8")
	cmd.Stderr = logFile
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	var once sync.Once
	var peak string
	stop := func() string {
		once.Do(func() {
			peak = vmHWM(cmd.Process.Pid)
			cmd.Process.Kill()
			cmd.Wait()
			logFile.Close()
		})
		return peak
	}
	found := make(chan string, 1)
	go func() {
		buf := make([]byte, 4096)
		var seen strings.Builder
		for {
			n, err := out.Read(buf)
			seen.Write(buf[:n])
			if m := servingLine.FindStringSubmatch(seen.String()); m != nil {
				found <- m[1]
				io.Copy(io.Discard, out)
				return
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case base := <-found:
		return base, stop, nil
	case <-time.After(2 * time.Minute):
		stop()
		return "", nil, errors.New("herald serve did not name its address within 2 minutes")
	}
}

// vmHWM reads a process's peak resident memory from /proc.
func vmHWM(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

var (
	articleHref = regexp.MustCompile(`href="(/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/)"`)
	tokenValue  = regexp.MustCompile(`name="token" value="([^"]+)"`)
)

// pickArticle returns the first article of the front page open to
// comments, and a form token of it past its minimum fill time.
func pickArticle(base string) (string, string, error) {
	_, front, err := get(http.DefaultClient, base+"/")
	if err != nil {
		return "", "", err
	}
	for _, m := range articleHref.FindAllStringSubmatch(front, -1) {
		_, page, err := get(http.DefaultClient, base+m[1])
		if err != nil {
			return "", "", err
		}
		if t := tokenValue.FindStringSubmatch(page); t != nil {
			token, err := agedToken(base+m[1]+"comments/", t[1])
			return m[1], token, err
		}
	}
	return "", "", errors.New("no article on the front page is open to comments")
}

// agedToken posts an empty form with token until the site stops answering
// that it came too fast, then returns token.
func agedToken(action, token string) (string, error) {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		resp, err := http.PostForm(action, url.Values{"token": {token}})
		if err != nil {
			return "", err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), "That was quick") {
			return token, nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return "", errors.New("the form token stayed too fresh for a minute")
}

// get fetches u and returns its status and body.
func get(c *http.Client, u string) (int, string, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// readResult is what the readers of one phase saw.
type readResult struct {
	n         int
	elapsed   time.Duration
	latencies []time.Duration
}

func (r readResult) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

// pct returns the p-th percentile latency, rounded.
func (r readResult) pct(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[(len(r.latencies)-1)*p/100].Round(10 * time.Microsecond)
}

// readFor has n readers fetch u over kept-alive connections, uncompressed
// as wrk does, for d, and counts the 200 answers.
func readFor(u string, n int, d time.Duration) readResult {
	tr := &http.Transport{MaxIdleConnsPerHost: n, DisableCompression: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	end := time.Now().Add(d)
	var mu sync.Mutex
	var all []time.Duration
	var ok atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var mine []time.Duration
			for time.Now().Before(end) {
				t := time.Now()
				status, _, err := get(c, u)
				if err == nil && status == http.StatusOK {
					ok.Add(1)
					mine = append(mine, time.Since(t))
				}
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(all)
	return readResult{n: int(ok.Load()), elapsed: time.Since(start), latencies: all}
}

// poster posts comments to one article as many readers.
type poster struct {
	base, article, token string
	readers              atomic.Int64
}

// postsPerReader is how many comments one reader posts: the site takes
// five from one address or email in ten minutes.
const postsPerReader = 5

// postFor has n posters post comments for d, at most rate a second in
// all when rate > 0, and returns how many were accepted.
func (p *poster) postFor(n int, d time.Duration, rate float64) (int, error) {
	end := time.Now().Add(d)
	var pace <-chan time.Time
	if rate > 0 {
		tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
		defer tick.Stop()
		pace = tick.C
	}
	var accepted atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for time.Now().Before(end) {
				k := p.readers.Add(1)
				err := p.postAs(k, end, pace, &accepted)
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return int(accepted.Load()), firstErr
}

// postAs posts up to postsPerReader comments as reader k, from the
// loopback address of k, until end.
func (p *poster) postAs(k int64, end time.Time, pace <-chan time.Time, accepted *atomic.Int64) error {
	ip := net.IPv4(127, byte(1+k>>16), byte(k>>8), byte(k))
	tr := &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}}).DialContext}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := range postsPerReader {
		if pace != nil {
			<-pace
		}
		if !time.Now().Before(end) {
			return nil
		}
		form := url.Values{
			"token": {p.token}, "author": {fmt.Sprintf("Reader %d", k)}, "email": {fmt.Sprintf("reader%d.%d@bench.example", k, i)},
			"comment": {fmt.Sprintf("Comment %d of reader %d. %s", i, k, benchText)},
		}
		resp, err := c.PostForm(p.base+p.article+"comments/", form)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			return fmt.Errorf("a comment was answered %s, not 303 (from %s, reader %d)", resp.Status, ip, k)
		}
		accepted.Add(1)
	}
	return nil
}

// benchText is a comment's body, a few lines long, as readers write them.
const benchText = "The council's figures leave out the night buses, which carry most of the shift workers " +
	"from the harbour. Until the survey counts them, the cut looks cheaper than it is. I wrote to the " +
	"transport office in March and had no answer; perhaps the paper could ask."

// editor is a newsroom account that approves comments.
type editor struct {
	email, password string
	base            string
	client          *http.Client // keeps the session cookie
}

// addEditor makes an editor's account with "herald user add".
func addEditor(bin, data, dsn string) (*editor, error) {
	e := &editor{email: "bench-editor@bench.example", password: "bench-editor-lantern-orbit-42"}
	cmd := exec.Command(bin, "user", "add", "-data-dir", data, "-db", dsn, "-log-level", "warn",
		"-email", e.email, "-name", "Bench Editor", "-role", "editor", "-password-stdin")
	cmd.Stdin = strings.NewReader(e.password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("herald user add: %v\n%s", err, out)
	}
	return e, nil
}

var (
	csrfValue   = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	queuedValue = regexp.MustCompile(`name="ids" value="(\d+)"`)
)

// signIn signs the editor in to the newsroom at base.
func (e *editor) signIn(base string) error {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return err
	}
	e.base, e.client = base, &http.Client{Jar: jar}
	_, page, err := get(e.client, base+"/admin/sign-in")
	if err != nil {
		return err
	}
	m := csrfValue.FindStringSubmatch(page)
	if m == nil {
		return errors.New("the sign-in page has no CSRF token")
	}
	resp, err := e.client.PostForm(base+"/admin/sign-in", url.Values{"csrf": {m[1]}, "email": {e.email}, "password": {e.password}})
	if err != nil {
		return err
	}
	resp.Body.Close()
	if strings.HasSuffix(resp.Request.URL.Path, "/sign-in") {
		return fmt.Errorf("the editor could not sign in (%s)", resp.Status)
	}
	return nil
}

// approveFor approves the held comments every second for d, and returns
// how many it approved.
func (e *editor) approveFor(d time.Duration) (int, error) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	end := time.Now().Add(d)
	approved := 0
	for time.Now().Before(end) {
		<-tick.C
		n, err := e.approvePending()
		approved += n
		if err != nil {
			return approved, err
		}
	}
	return approved, nil
}

// approvePending approves every held comment with the queue's bulk
// action, a page of the queue at a time, and returns how many it approved.
func (e *editor) approvePending() (int, error) {
	approved := 0
	for {
		_, page, err := get(e.client, e.base+"/admin/comments?status=pending")
		if err != nil {
			return approved, err
		}
		m, ids := csrfValue.FindStringSubmatch(page), queuedValue.FindAllStringSubmatch(page, -1)
		if m == nil || len(ids) == 0 {
			return approved, nil
		}
		form := url.Values{"csrf": {m[1]}, "action": {"approve"}, "bulk": {"1"}, "back": {"/admin/comments?status=pending"}}
		for _, id := range ids {
			form.Add("ids", id[1])
		}
		resp, err := e.client.PostForm(e.base+"/admin/comments", form)
		if err != nil {
			return approved, err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return approved, fmt.Errorf("bulk approval answered %s", resp.Status)
		}
		approved += len(ids)
	}
}
