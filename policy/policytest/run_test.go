package policytest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// TestRunPassesMatchingChecks: a file whose checks all meet their expect
// records nothing, and every check ran as "file/index".
func TestRunPassesMatchingChecks(t *testing.T) {
	r := newRecorder("T")
	var ran []string
	run(r, Options{Decide: func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
		ran = append(ran, c.Describe())
		return s.Engine().Decide(c.Request, c.At)
	}}, "testdata/pass.json")
	if r.failed || len(*r.log) > 0 {
		t.Fatalf("a matching file failed: %q", *r.log)
	}
	if len(ran) != 4 {
		t.Errorf("decided %d checks, want the 4 of pass.json: %q", len(ran), ran)
	}
}

// TestRunFailsEachMismatch: every mismatching check of mismatch.json fails
// its own subtest, named after the file and index, with the Mismatches
// lines, the decision and a diff; the matching check 0 and check 4 without
// expect do not fail.
func TestRunFailsEachMismatch(t *testing.T) {
	r := newRecorder("T")
	run(r, Options{}, "testdata/mismatch.json")
	if !r.failed {
		t.Fatal("Run did not fail on a file of mismatches")
	}
	want := map[string][]string{
		"T/mismatch.json/1": {
			"testdata/mismatch.json: check 1 at 2025-03-01T00:00:00Z: may device vmx-1 use feature bgp under license trial-bgp?\n",
			"\noutcome: want allow, got deny\n",
			"\nrules: want LIC-TRIAL-WARN among [LIC-TRIAL-EXPIRY]\n",
			"\nuntil: want 2025-03-02T00:00:00Z, got never\n",
			"\ndecision: deny [LIC-TRIAL-EXPIRY] until never: ",
			"(-want +got):\n",
			"LIC-TRIAL-WARN", // the rule the diff shows missing
		},
		"T/mismatch.json/2": {
			"obligations: want email (LIC-TRIAL-WARN) among [alarm (LIC-TRIAL-WARN)",
			"obligations: want alarm (LIC-TRIAL-WARN) due 2025-02-28T00:00:00Z among",
			"(-want +got):\n",
		},
		"T/mismatch.json/3": {
			"values: available: want 24, got 25\n",
			"values: refunded: want 0, got none\n",
			"(-want +got):\n",
		},
	}
	for name, parts := range want {
		fs := r.failures(name)
		if len(fs) != 1 {
			t.Errorf("%s: %d failures, want 1: %q", name, len(fs), *r.log)
			continue
		}
		for _, p := range parts {
			if !strings.Contains(fs[0], p) {
				t.Errorf("%s: failure lacks %q:\n%s", name, p, fs[0])
			}
		}
	}
	if n := len(*r.log); n != len(want) {
		t.Errorf("%d failures, want %d (checks 0 and 4 pass): %q", n, len(want), *r.log)
	}
}

// TestRunFailsABrokenFile: the decode error names the file and the path in
// it, fails the file's subtest, and the next file still runs.
func TestRunFailsABrokenFile(t *testing.T) {
	r := newRecorder("T")
	run(r, Options{}, "testdata/broken.json", "testdata/missing.json", "testdata/pass.json")
	if !r.failed {
		t.Fatal("Run did not fail on a broken file")
	}
	want := map[string]string{
		"T/broken.json":  "testdata/broken.json:12:59: checks[1].request.devise: unknown field; want one of kind, license, device, feature, units",
		"T/missing.json": "open testdata/missing.json: no such file or directory",
	}
	for name, msg := range want {
		if fs := r.failures(name); len(fs) != 1 || fs[0] != msg {
			t.Errorf("%s: failures %q, want %q", name, fs, msg)
		}
	}
	if n := len(*r.log); n != 2 {
		t.Errorf("%d failures, want 2 (pass.json passes): %q", n, *r.log)
	}
}

// TestRunFailsWithoutFiles: an empty glob must not pass.
func TestRunFailsWithoutFiles(t *testing.T) {
	r := newRecorder("T")
	run(r, Options{})
	if fs := r.failures("T"); len(fs) != 1 || fs[0] != "policytest: no scenario file given" {
		t.Errorf("failures %q", *r.log)
	}
}

// TestRunFailsAnUndecidedCheck: a Decide error fails the check, naming the
// file, the index and the request, even when the check has no expect.
func TestRunFailsAnUndecidedCheck(t *testing.T) {
	r := newRecorder("T")
	run(r, Options{Decide: func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
		if c.Index == 4 {
			return policy.Decision{}, errors.New("policy: request without credit ledger")
		}
		return s.Engine().Decide(c.Request, c.At)
	}}, "testdata/mismatch.json")
	const want = "testdata/mismatch.json: checks[4]: what does the 2025-Q2 statement of account psc say?: policy: request without credit ledger"
	if fs := r.failures("T/mismatch.json/4"); len(fs) != 1 || fs[0] != want {
		t.Errorf("failures of check 4: %q, want %q", fs, want)
	}
}

// TestRunFailsARealTest runs a *testing.T through Run in a child process of
// this test binary and proves the child fails, with the subtest names and
// message go test prints.
func TestRunFailsARealTest(t *testing.T) {
	if os.Getenv("POLICYTEST_CHILD") == "1" {
		Run(t, "testdata/mismatch.json")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunFailsARealTest$", "-test.v")
	cmd.Env = append(os.Environ(), "POLICYTEST_CHILD=1")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("child test did not fail (err %v):\n%s", err, out)
	}
	for _, want := range []string{
		"--- PASS: TestRunFailsARealTest/mismatch.json/0",
		// The request in words is in the name go test (and go test -json) shows.
		"--- FAIL: TestRunFailsARealTest/mismatch.json/1_may_device_vmx-1_use_feature_bgp_under_license_trial-bgp?",
		"--- FAIL: TestRunFailsARealTest/mismatch.json/2",
		"--- FAIL: TestRunFailsARealTest/mismatch.json/3",
		"--- PASS: TestRunFailsARealTest/mismatch.json/4",
		"outcome: want allow, got deny",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("child output lacks %q:\n%s", want, out)
		}
	}
}

// TestProjectScenarios runs policy's own scenario files, those beside the
// decoder that cover what the samples leave out.
func TestProjectScenarios(t *testing.T) {
	files, err := filepath.Glob("../scenario/testdata/scenarios/*.json")
	if err != nil {
		t.Fatal(err)
	}
	Run(t, files...)
}

// TestDecideIntoMeetsTheScenarios holds Engine.DecideInto to every expect
// Decide meets, through Options.Decide.
func TestDecideIntoMeetsTheScenarios(t *testing.T) {
	files, err := filepath.Glob("../scenario/testdata/scenarios/*.json")
	if err != nil {
		t.Fatal(err)
	}
	RunWith(t, Options{Decide: func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
		var d policy.Decision
		err := s.Engine().DecideInto(c.Request, c.At, &d)
		return d, err
	}}, append(files, "testdata/pass.json")...)
}
