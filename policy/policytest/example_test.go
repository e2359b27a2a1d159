package policytest_test

import (
	"path/filepath"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/policytest"
)

// A test suite pins its policy with one test: every check of every file is
// a subtest named for its file, index and request, and one whose decision
// does not meet its expect fails with what differed.
func ExampleRun() {
	TestScenarios := func(t *testing.T) {
		files, err := filepath.Glob("testdata/scenarios/*.json")
		if err != nil {
			t.Fatal(err)
		}
		policytest.Run(t, files...)
	}
	_ = TestScenarios // go test calls it in a _test.go file
}
