package policy_test

import (
	"os/exec"
	"regexp"
	"runtime"
	"testing"
)

// TestHotPathIsInlined holds the promise the hot path's speed rests on, as
// net/netip's inlining test does: Engine.Decide is small enough to inline,
// so a caller's Decision is filled in place (BENCHMARKS.md: a Decide
// returned from a call cost 23.5 ns a feature use, inlined 17.9 ns);
// License.UseRuling is too, so that the use it calls takes its arguments
// in registers; and the small accessors it reads are inlined into it, as
// are the instant's conversion to int64 nanoseconds and the three compares
// that place it in the license's schedule.
func TestHotPathIsInlined(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to ask the compiler")
	}
	out, err := exec.Command(goTool, "build", "-gcflags=-m", "-o", "/dev/null", "github.com/licensepolicy/licensepolicy/policy", "github.com/licensepolicy/licensepolicy/license").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	for _, fn := range []string{`Engine\.Decide`, `License\.Program`, `License\.UseRuling`, `Ruling\.Allowed`, `Ruling\.Rules`, `Ruling\.Reason`,
		`nanosAt`, `\(\*schedule\)\.phase`} {
		if !regexp.MustCompile(`(?m)can inline ` + fn + `( with cost \d+)?( as: .*)?$`).Match(out) {
			t.Errorf("%s is no longer inlinable (%s)", fn, runtime.Version())
		}
	}
}
