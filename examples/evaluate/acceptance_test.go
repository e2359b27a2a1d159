package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/policytest"
)

// projectScenarios are policy's own scenario files, those that cover what
// the samples leave out.
func projectScenarios(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../policy/scenario/testdata/scenarios/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no project scenario files: %v", err)
	}
	return files
}

// TestScenariosMeetTheirExpects runs the samples and the project's
// scenario files as subtests, one per check.
func TestScenariosMeetTheirExpects(t *testing.T) {
	policytest.Run(t, append(append([]string{}, samples...), projectScenarios(t)...)...)
}

// TestCheckAgreesWithPolicytest: evaluate -check passes the same files, with
// every check that has an expect counted, as .ci/run runs it.
func TestCheckAgreesWithPolicytest(t *testing.T) {
	var stdout, stderr bytes.Buffer
	exit := run(append([]string{"-check"}, append(append([]string{}, samples...), projectScenarios(t)...)...), &stdout, &stderr)
	if exit != exitOK || stderr.Len() != 0 {
		t.Fatalf("exit status %d:\n%s%s", exit, stdout.String(), stderr.String())
	}
	if !regexp.MustCompile(`^[1-9][0-9]* passed, 0 failed\n$`).Match(stdout.Bytes()) {
		t.Errorf("-check printed %q, want only the closing line", stdout.String())
	}
}
