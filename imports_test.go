package herald_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/herald-news/herald"

// leaves may import nothing from the project but the root package.
var leaves = []string{"internal/clocktest", "internal/config", "internal/markup", "internal/media", "internal/assets", "internal/feed", "internal/spam", "internal/diff", "internal/queue"}

// wiring may be imported only by cmd/herald: they are the concrete parts
// that only the command puts together.
var wiring = []string{"internal/sqlstore", "internal/config", "internal/server"}

// TestImports enforces the import rules of STYLE.md on non-test files.
func TestImports(t *testing.T) {
	for pkg, imports := range projectImports(t) {
		for _, imp := range imports {
			std := !strings.Contains(strings.Split(imp, "/")[0], ".")
			own := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			ours := strings.HasPrefix(imp, module)
			switch {
			case pkg == "" && ours:
				t.Errorf("the root package imports %s; it must import nothing from the project", imp)
			case pkg == "" && !std:
				t.Errorf("the root package imports %s; it must use the standard library only", imp)
			case slices.Contains(leaves, pkg) && ours && own != "":
				t.Errorf("%s imports %s; a leaf package imports at most the root package", pkg, imp)
			case ours && slices.Contains(wiring, own) && pkg != "cmd/herald" && !strings.HasPrefix(pkg, own):
				t.Errorf("%s imports %s; only cmd/herald wires that in", pkg, imp)
			case pkg == "internal/sqlstore" && (imp == "net/http" || strings.HasPrefix(imp, module+"/internal/render")):
				t.Errorf("internal/sqlstore imports %s; storage knows nothing of HTTP or pages", imp)
			}
		}
	}
}

// projectImports maps each package directory (relative to the module root,
// "" for the root) to the imports of its non-test Go files.
func projectImports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != ".") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(path.Dir(filepath.ToSlash(p)))
		if dir == "." {
			dir = ""
		}
		for _, s := range f.Imports {
			imp, _ := strconv.Unquote(s.Path.Value)
			out[dir] = append(out[dir], imp)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out[""]) == 0 || len(out) < 3 {
		t.Fatalf("found imports of only %d packages; the walk is broken", len(out))
	}
	return out
}
