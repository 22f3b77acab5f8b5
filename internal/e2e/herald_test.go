package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is one running herald process with demo content, shared by the tests
// of this package.
type site struct {
	URL     string
	root    string // repository root
	bin     string // the herald binary
	dataDir string // the server's -data-dir
}

var (
	siteOnce sync.Once
	siteVal  *site
	siteErr  error
)

// TestMain stops the shared server after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	stopSite()
	stopBrowser()
	removeBin()
	os.Exit(code)
}

var stopSite = func() {}

// startSite builds herald and starts it once for the whole package.
func startSite(t *testing.T) *site {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end tests are skipped in -short mode")
	}
	siteOnce.Do(func() { siteVal, siteErr = launch() })
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteVal
}

var servingLine = regexp.MustCompile(`serving the site at (http://\S+)/`)

// launch builds the binary and runs "herald serve -demo" on a free port,
// returning once the site answers /readyz.
func launch() (*site, error) {
	root, bin, err := buildHerald()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "herald-e2e-")
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "-demo", "-articles", "300",
		"-addr", "127.0.0.1:0", "-data-dir", data, "-log-level", "warn")
	cmd.Env = append(os.Environ(), "HERALD_DB=")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, err
	}
	stopSite = func() {
		cancel()
		cmd.Wait()
		os.RemoveAll(dir)
	}
	url, err := readURL(stdout, 2*time.Minute)
	if err != nil {
		return nil, err
	}
	return &site{URL: url, root: root, bin: bin, dataDir: data}, waitReady(url+"/readyz", time.Minute)
}

var (
	buildOnce sync.Once
	builtRoot string
	builtBin  string
	buildErr  error
)

// buildHerald builds the herald binary once for the package, in a
// directory removed after the tests, and returns the repository root and
// the binary's path.
func buildHerald() (root, bin string, err error) {
	buildOnce.Do(func() {
		if builtRoot, buildErr = repoRoot(); buildErr != nil {
			return
		}
		dir, err := os.MkdirTemp("", "herald-e2e-bin-")
		if err != nil {
			buildErr = err
			return
		}
		removeBin = func() { os.RemoveAll(dir) }
		builtBin = filepath.Join(dir, "herald")
		build := exec.Command("go", "build", "-o", builtBin, "./cmd/herald")
		build.Dir = builtRoot
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	return builtRoot, builtBin, buildErr
}

var removeBin = func() {}

// readURL waits for the line in which herald names its address.
func readURL(r io.Reader, timeout time.Duration) (string, error) {
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, r)
	}()
	select {
	case u := <-found:
		return u, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("herald did not print its address within %v", timeout)
	}
}

// waitReady polls url until it answers 200 or the deadline passes.
func waitReady(url string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready within %v (last error: %v)", url, timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// repoRoot finds the directory holding go.mod above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// get fetches path from the site and returns status and body.
func (s *site) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", path, err)
	}
	return resp.StatusCode, string(b)
}

var hrefRE = regexp.MustCompile(`href="(/[^"]*)"`)

// firstLink returns the first link on the page at path whose target
// matches pattern.
func (s *site) firstLink(t *testing.T, path string, pattern *regexp.Regexp) string {
	t.Helper()
	_, body := s.get(t, path)
	for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
		if pattern.MatchString(m[1]) {
			return m[1]
		}
	}
	t.Fatalf("no link matching %s on %s", pattern, path)
	return ""
}

// require skips the test when a tool is missing, or fails it when the
// environment says the tools are required.
func require(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if strings.EqualFold(os.Getenv("HERALD_TEST_BROWSER"), "required") {
		t.Fatalf("%s is required (HERALD_TEST_BROWSER=required) but unavailable: %v", what, err)
	}
	t.Skipf("skipping: %s unavailable: %v (set HERALD_TEST_BROWSER=required to fail instead)", what, err)
}
