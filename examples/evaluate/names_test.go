package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// TestFileNamesThatDoNotPrintAreQuoted: a file name holding a newline is
// printed quoted, as Go quotes it, in every line that names it (a block's
// head, a mismatch, a decode error, an undecidable check, a calendar
// line), so it cannot forge a line such as a closing count (issue 26,
// class 7).
func TestFileNamesThatDoNotPrintAreQuoted(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Skipf("the file system refuses the name %q: %v", name, err)
		}
		return p
	}
	const forged = "FORGED: 9 passed, 0 failed"
	good := write("a\n"+forged+"\n.json", `{"name": "t", "checks": [
	 {"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}, "expect": {"outcome": "deny"}},
	 {"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`)
	bad := write("b\n"+forged+"\x1b[2K.json", `{"name": "t", "nmae": 1}`)
	undecidable := func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
		if c.Index == 1 {
			return policy.Decision{}, errors.New("policy: request without license")
		}
		return engineDecide(s, c)
	}
	for _, m := range []mode{textMode, checkMode} {
		var stdout, stderr bytes.Buffer
		e := newEvaluator(&stdout, &stderr, m)
		e.decide = undecidable
		e.file(good)
		e.file(bad)
		e.finish(options{})
		checkQuoted(t, stdout.String()+stderr.String(), good, bad)
	}
	var stdout, stderr bytes.Buffer
	run([]string{"-calendar", "2025-01-01T00:00:00Z/2026-01-01T00:00:00Z", good, bad}, &stdout, &stderr)
	checkQuoted(t, stdout.String()+stderr.String(), good, bad)
}

// checkQuoted fails unless every line of out that names a file names it
// quoted, no line is a forged one, and each file is named.
func checkQuoted(t *testing.T, out string, names ...string) {
	t.Helper()
	for _, name := range names {
		if !strings.Contains(out, strconv.Quote(name)) {
			t.Errorf("%q is never named quoted in:\n%s", name, out)
		}
	}
	dir := filepath.Dir(names[0])
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.HasPrefix(line, "FORGED") || strings.HasPrefix(line, ".json") || strings.ContainsRune(line, '\x1b') {
			t.Errorf("a forged line or a raw escape: %q in:\n%s", line, out)
		}
		named := false
		for _, name := range names {
			named = named || strings.Contains(line, strconv.Quote(name)+":") || strings.Contains(line, strconv.Quote(name)+" ")
		}
		if strings.Contains(line, dir) && !named {
			t.Errorf("a file named but not quoted: %q", line)
		}
	}
}
