package tmip

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestEveryRuleIsCitedAndTested checks the house rule for this package:
// every TMIP-* rule of the catalog is cited by the code that applies it and
// named by a test.
func TestEveryRuleIsCitedAndTested(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	var code, tests strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, "_test.go") {
			tests.Write(b)
		} else {
			code.Write(b)
		}
	}
	n := 0
	for _, id := range rule.All() {
		if !strings.HasPrefix(id.String(), "TMIP-") {
			continue
		}
		n++
		name := regexp.MustCompile(regexp.QuoteMeta(id.String()) + `\b`)
		if !name.MatchString(code.String()) {
			t.Errorf("%s is not cited by the code", id)
		}
		if !name.MatchString(tests.String()) {
			t.Errorf("%s is not named by a test", id)
		}
	}
	if n != 14 {
		t.Errorf("%d TMIP rules in the catalog, want the 14 of spec/RULES.md", n)
	}
}
