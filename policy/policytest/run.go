package policytest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// tb is the part of *testing.T that run uses; T is the type a subtest
// receives. The package's own tests pass a recorder of their own.
type tb[T any] interface {
	Helper()
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
	Run(name string, f func(T)) bool
}

// Options changes how RunWith decides the checks. The zero Options is Run's.
type Options struct {
	// Decide answers check c of scenario s. Nil means
	// s.Engine().Decide(c.Request, c.At). An error fails the check.
	Decide func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error)
	// Coverage, when not nil, gathers the rules cited by the decisions of
	// the checks with an expect (see Coverage), for the caller to read
	// after the run; Run adds to it, never resets it.
	Coverage *Coverage
	// MinCoverage, a percentage, fails t after the run, naming the rules no
	// check cited, when fewer than MinCoverage percent of the catalog's
	// rules were cited. Zero sets no threshold. A file that cannot be
	// decoded cites nothing, so it can fail the threshold too. The
	// threshold is for the whole run: when go test's -run or -skip
	// leaves out some of its files or checks, coverage under it is
	// logged with t.Logf, not failed.
	MinCoverage float64
}

// Run decides every check of every file as subtest
// "<base name of file>/<check index> <request in words>" of t (so that
// go test -json shows one test per check, its file, index and request) and fails each check whose
// decision does not meet its expect. A file that cannot be decoded fails
// its subtest with the decoder's error; no file at all fails t.
func Run(t *testing.T, files ...string) {
	t.Helper()
	run(t, Options{}, files...)
}

// RunWith is Run with the decisions made as o says.
func RunWith(t *testing.T, o Options, files ...string) {
	t.Helper()
	run(t, o, files...)
}

// run is RunWith for any tb.
func run[T tb[T]](t T, o Options, files ...string) {
	t.Helper()
	if len(files) == 0 {
		t.Errorf("policytest: no scenario file given")
		return
	}
	decide := o.Decide
	if decide == nil {
		decide = engineDecide
	}
	cov := o.Coverage
	if cov == nil && o.MinCoverage > 0 {
		cov = &Coverage{}
	}
	// A subtest -run or -skip leaves out returns without running: then
	// only part of the suite ran, and its coverage says nothing of the
	// whole.
	partial := false
	for _, file := range files {
		ran := false
		t.Run(filepath.Base(file), func(t T) {
			t.Helper()
			ran = true
			s, err := decodeFile(file)
			if err != nil {
				t.Errorf("%v", err)
				return
			}
			for _, c := range s.Checks {
				checked := false
				t.Run(checkName(c), func(t T) {
					t.Helper()
					checked = true
					d, ok := checkOne(t, decide, file, s, c)
					if ok && cov != nil && c.Expect != nil {
						cov.Add(filepath.Base(file), c.Index, d)
					}
				})
				partial = partial || !checked
			}
		})
		partial = partial || !ran
	}
	if o.MinCoverage > 0 {
		if err := cov.Report().Below(o.MinCoverage); err != nil && partial {
			t.Logf("policytest: %v; not failed, since -run or -skip selected part of the suite and the threshold is for the whole of it", err)
		} else if err != nil {
			t.Errorf("policytest: %v", err)
		}
	}
}

// checkName is "<index> <request in words>", without the "/" that would
// nest a subtest: go test replaces spaces and escapes what does not print.
func checkName(c scenario.Check) string {
	return strconv.Itoa(c.Index) + " " + strings.ReplaceAll(c.Describe(), "/", "∕")
}

func formatInstant(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func engineDecide(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
	return s.Engine().Decide(c.Request, c.At)
}

// decodeFile decodes file; every error names it.
func decodeFile(file string) (*scenario.Scenario, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err // "open FILE: ..."
	}
	defer f.Close()
	return scenario.Decode(file, f)
}

func checkOne[T tb[T]](t T, decide func(*scenario.Scenario, scenario.Check) (policy.Decision, error),
	file string, s *scenario.Scenario, c scenario.Check) (policy.Decision, bool) {
	t.Helper()
	d, err := decide(s, c)
	if err != nil {
		t.Errorf("%s: checks[%d]: %s: %v", file, c.Index, c.Describe(), err)
		return policy.Decision{}, false
	}
	if c.Expect == nil {
		return d, true
	}
	ms := c.Expect.Mismatches(d)
	diff := cmp.Diff(viewOf(*c.Expect), viewOf(restrict(*c.Expect, d)))
	if len(ms) == 0 && diff == "" {
		return d, true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: check %d at %s: %s\n", file, c.Index, formatInstant(c.At), c.Describe())
	for _, m := range ms {
		b.WriteString(m)
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "decision: %s\n", d)
	fmt.Fprintf(&b, "expect against the decision restricted to it (-want +got):\n%s", diff)
	t.Errorf("%s", b.String())
	return d, true
}
