package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// TestUndecidableCheckIsNamed: a check the engine refuses to decide (a
// malformed request, which no decoded file holds, hence the stub) is
// reported with its file and index like a decode error, exits 2, is counted
// as failed by -check (it was not run), and the other checks are still
// printed and counted.
func TestUndecidableCheckIsNamed(t *testing.T) {
	for _, m := range []mode{textMode, jsonMode, checkMode} {
		var stdout, stderr bytes.Buffer
		e := newEvaluator(&stdout, &stderr, m)
		e.decide = func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
			if c.Index == 1 {
				return policy.Decision{}, errors.New("policy: request without license")
			}
			return engineDecide(s, c)
		}
		e.file("testdata/samples/bgp-license-moves.json")
		if exit := e.finish(options{}); exit != exitError {
			t.Errorf("mode %d: exit status %d, want %d", m, exit, exitError)
		}
		const want = "testdata/samples/bgp-license-moves.json: checks[1]: policy: request without license\n"
		if stderr.String() != want {
			t.Errorf("mode %d: standard error %q, want %q", m, stderr.String(), want)
		}
		out := stdout.String()
		switch m {
		case textMode:
			if strings.Contains(out, "check 1 at") || !strings.Contains(out, "check 4 at") {
				t.Errorf("text: want checks 0, 2, 3, 4 only:\n%s", out)
			}
		case jsonMode:
			if n := strings.Count(out, "\n"); n != 4 || strings.Contains(out, `"check":1,`) {
				t.Errorf("json: want 4 lines without check 1:\n%s", out)
			}
		case checkMode:
			if out != "4 passed, 1 failed\n" {
				t.Errorf("check: %q, want the 4 decided checks passed and the undecided one failed", out)
			}
		}
	}
}
