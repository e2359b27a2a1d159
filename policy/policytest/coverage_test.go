package policytest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func projectFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../scenario/testdata/scenarios/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no project scenario files: %v", err)
	}
	return files
}

func coverageOf(t *testing.T, files ...string) CoverageReport {
	t.Helper()
	var cov Coverage
	r := newRecorder("T")
	run(r, Options{Coverage: &cov}, files...)
	if r.failed {
		t.Fatalf("the suite failed: %q", *r.log)
	}
	return cov.Report()
}

// TestRemovingAFileNamesTheRulesItAloneExercised: for every project
// scenario file, coverage of the suite without it lists as not reached
// exactly the rules no other file's checks cite; and without every file
// whose checks cite a rule, that rule is listed as not reached.
func TestRemovingAFileNamesTheRulesItAloneExercised(t *testing.T) {
	files := projectFiles(t)
	full := coverageOf(t, files...)
	citing := map[string]bool{} // the files whose checks cite TMIP-SIGNER
	for i, file := range files {
		rest := slices.Delete(slices.Clone(files), i, i+1)
		without := coverageOf(t, rest...)
		var want []rule.ID // cited only by checks of file
		for _, rc := range full.Rules {
			cited, byOthers := false, false
			for _, c := range append(slices.Clone(rc.Allow), rc.Deny...) {
				cited = cited || c.File == filepath.Base(file)
				byOthers = byOthers || c.File != filepath.Base(file)
				if rc.Rule == rule.TmipSigner {
					citing[c.File] = true
				}
			}
			if cited && !byOthers {
				want = append(want, rc.Rule)
			}
		}
		var got []rule.ID
		for _, id := range without.Missing {
			if !slices.Contains(full.Missing, id) {
				got = append(got, id)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("without %s: newly missing %v, want %v", file, got, want)
		}
	}
	// Certificates of destruction signed below vice president are in a few
	// files only: without them, TMIP-SIGNER is not reached.
	if len(citing) == 0 || slices.Contains(full.Missing, rule.TmipSigner) {
		t.Fatalf("no project file cites TMIP-SIGNER (full suite missing %v)", full.Missing)
	}
	without := coverageOf(t, slices.DeleteFunc(slices.Clone(files), func(f string) bool {
		return citing[filepath.Base(f)]
	})...)
	if !slices.Contains(without.Missing, rule.TmipSigner) {
		t.Errorf("without %v: TMIP-SIGNER not missing from %v", citing, without.Missing)
	}
}

// TestMinCoverageFailsNamingTheMissingRules: a threshold above what the
// suite reaches fails t once, naming what is missing; one at or below it
// passes.
func TestMinCoverageFailsNamingTheMissingRules(t *testing.T) {
	files := projectFiles(t)
	rep := coverageOf(t, files...)
	if len(rep.Missing) == 0 {
		t.Skip("the project files cite every rule; nothing can be missing")
	}
	r := newRecorder("T")
	run(r, Options{MinCoverage: 100}, files...)
	fs := r.failures("T")
	if len(fs) != 1 || !strings.Contains(fs[0], "under 100.0%") || !strings.Contains(fs[0], rep.Missing[0].String()) {
		t.Errorf("failures %q, want one naming %v", *r.log, rep.Missing)
	}
	r = newRecorder("T")
	run(r, Options{MinCoverage: rep.Percent}, files...)
	if r.failed {
		t.Errorf("at the suite's own %.1f%%: failed %q", rep.Percent, *r.log)
	}
}

// TestCoverageCountsOnlyChecksWithAnExpect: mismatch.json's check 4 has no
// expect; its decision's rule is not cited by it.
func TestCoverageCountsOnlyChecksWithAnExpect(t *testing.T) {
	var cov Coverage
	run(newRecorder("T"), Options{Coverage: &cov}, "testdata/mismatch.json")
	for _, rc := range cov.Report().Rules {
		for _, c := range append(rc.Allow, rc.Deny...) {
			if c.Check == 4 {
				t.Errorf("%s cited by check 4, which has no expect", rc.Rule)
			}
		}
	}
}

// TestMinCoverageIsForTheWholeRun: a threshold applies to the whole run;
// when go test's -run selects part of it, coverage under the threshold is
// logged, not failed, and the whole suite is still held to it.
func TestMinCoverageIsForTheWholeRun(t *testing.T) {
	files := projectFiles(t)
	full := coverageOf(t, files...)
	one := func(name string) bool { // -run 'T/tradein.json/^0_'
		return name == "T/tradein.json" || strings.HasPrefix(name, "T/tradein.json/0_")
	}
	r := newRecorder("T")
	r.selected = one
	run(r, Options{MinCoverage: full.Percent}, files...)
	if r.failed {
		t.Errorf("one check selected: failed %q", *r.log)
	}
	if l := *r.logged; len(l) != 1 || !strings.Contains(l[0], "policytest: rule coverage") ||
		!strings.Contains(l[0], "not failed, since -run or -skip selected part of the suite") {
		t.Errorf("one check selected: logged %q, want the coverage reported", l)
	}
	r = newRecorder("T")
	run(r, Options{MinCoverage: full.Percent}, files...)
	if r.failed || len(*r.logged) != 0 {
		t.Errorf("the whole suite at its own %.1f%%: failed %q, logged %q", full.Percent, *r.log, *r.logged)
	}
	r = newRecorder("T")
	r.selected = func(name string) bool { return true }
	run(r, Options{MinCoverage: 100}, files...)
	if !r.failed {
		t.Errorf("every subtest selected and coverage under 100%%: not failed (%q)", *r.logged)
	}
}

// TestMinCoverageUnderGoTestRun runs RunWith in a child go test selecting
// one check with -run, as a user narrowing a failing suite does: the
// child passes and says why coverage was not held; run whole, it fails.
func TestMinCoverageUnderGoTestRun(t *testing.T) {
	if os.Getenv("POLICYTEST_COVERAGE_CHILD") == "1" {
		RunWith(t, Options{MinCoverage: 20}, "testdata/pass.json")
		return
	}
	child := func(run string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run="+run, "-test.v")
		cmd.Env = append(os.Environ(), "POLICYTEST_COVERAGE_CHILD=1")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := child("^TestMinCoverageUnderGoTestRun$/^pass.json$/^0_")
	if err != nil || !strings.Contains(out, "--- PASS: TestMinCoverageUnderGoTestRun/pass.json/0_") ||
		!strings.Contains(out, "is under 20.0%") || !strings.Contains(out, "not failed, since -run or -skip selected part of the suite") {
		t.Errorf("one check selected: %v\n%s", err, out)
	}
	out, err = child("^TestMinCoverageUnderGoTestRun$")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || !strings.Contains(out, "is under 20.0%") {
		t.Errorf("the whole suite under 20%%: %v\n%s", err, out)
	}
}
