package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPages_ValidHTML runs the Nu HTML checker over the checked pages and
// requires zero errors.
func TestPages_ValidHTML(t *testing.T) {
	s := startSite(t)
	pages := map[string]string{}
	for _, p := range s.checkedPages(t) {
		_, pages[p.name] = s.get(t, p.path)
	}
	s.checkHTML(t, pages)
}

// checkHTML runs the Nu HTML checker over pages, HTML documents by name,
// and fails t for each error.
func (s *site) checkHTML(t *testing.T, pages map[string]string) {
	t.Helper()
	jar := filepath.Join(s.root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	_, err := os.Stat(jar)
	require(t, "the Nu HTML checker (npm ci --ignore-scripts)", err)
	_, err = exec.LookPath("java")
	require(t, "a Java runtime", err)

	dir := t.TempDir()
	var files []string
	for name, body := range pages {
		f := filepath.Join(dir, name+".html")
		if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}, files...)
	out, err := exec.Command("java", args...).Output()
	if err != nil {
		t.Fatalf("vnu: %v", err)
	}
	msgs, err := vnuMessages(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		t.Errorf("%s", m)
	}
}

// vnuMessages decodes the checker's JSON report into one line per error.
func vnuMessages(report []byte) ([]string, error) {
	var r struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(report, &r); err != nil {
		return nil, fmt.Errorf("vnu report: %v: %s", err, report)
	}
	var lines []string
	for _, m := range r.Messages {
		lines = append(lines, fmt.Sprintf("%s:%d: %s: %s (%q)", filepath.Base(m.URL), m.LastLine, m.Type, m.Message, m.Extract))
	}
	return lines, nil
}
