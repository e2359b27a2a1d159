package apidoc

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// libraryPackages are the packages a caller imports, from the repository's
// root.
var libraryPackages = []string{"license", "license/junos", "entitlement", "credits", "tmip",
	"policy", "policy/rule", "policy/scenario", "policy/policytest"}

// leaks are what an exported doc's prose never names: a source file, a
// test, fuzz test or benchmark, the benchmarks' notes, a TODO.
var leaks = regexp.MustCompile(`\b\w+\.go\b|\b(Test|Fuzz|Benchmark)[A-Z]\w*|BENCHMARKS|TODO|FIXME|XXX`)

// TestExportedDocsSayTheZeroValueAndLeakNothing: "every exported type
// documents its zero value"; "exported docs name no file, test or internal
// identifier, carry no TODO or performance notes".
func TestExportedDocsSayTheZeroValueAndLeakNothing(t *testing.T) {
	for _, dir := range libraryPackages {
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, filepath.Join("..", "..", dir), func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkgs {
			d := doc.New(p, dir, 0)
			check := func(what, text string) {
				// Code blocks, indented, show a caller's own code.
				var prose []string
				for _, line := range strings.Split(text, "\n") {
					if !strings.HasPrefix(line, "\t") {
						prose = append(prose, line)
					}
				}
				if m := leaks.FindString(strings.Join(prose, "\n")); m != "" {
					t.Errorf("%s: %s's doc names %q", dir, what, m)
				}
			}
			check("the package", d.Doc)
			for _, c := range d.Consts {
				check(strings.Join(c.Names, ", "), c.Doc)
			}
			for _, v := range d.Vars {
				check(strings.Join(v.Names, ", "), v.Doc)
			}
			for _, f := range d.Funcs {
				check(f.Name, f.Doc)
			}
			for _, typ := range d.Types {
				if !ast.IsExported(typ.Name) {
					continue
				}
				if !strings.Contains(strings.ToLower(typ.Doc), "zero") {
					t.Errorf("%s: type %s does not say what its zero value is", dir, typ.Name)
				}
				check(typ.Name, typ.Doc)
				for _, f := range append(typ.Funcs, typ.Methods...) {
					check(typ.Name+"."+f.Name, f.Doc)
				}
				for _, c := range typ.Consts {
					check(strings.Join(c.Names, ", "), c.Doc)
				}
			}
		}
	}
}
