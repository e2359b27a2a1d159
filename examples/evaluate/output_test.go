package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// hostileFile is a scenario whose device serial, license ID and trade-in
// ID are id, with one check of a license and one of a trade-in.
func hostileFile(t interface{ Fatal(...any) }, dir, id string) string {
	q, _ := json.Marshal(id)
	src := strings.NewReplacer("ID", string(q)).Replace(`{
  "name": "hostile",
  "devices": [{"serial": ID, "platform": "MX"}],
  "licenses": [{"id": ID, "kind": "subscription", "tier": "standard", "platform": "MX", "device": ID,
     "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1}],
  "checks": [
    {"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": ID, "device": ID, "feature": "bgp"}},
    {"at": "2025-06-01T00:00:00Z", "request": {"kind": "moveLicense", "license": ID, "to": ID, "reason": "rma"}}
  ]
}`)
	name := filepath.Join(dir, "hostile.json")
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestNoIDChangesTheNumberOfLinesPrinted: whatever the IDs hold (a newline
// and a forged "outcome allow" block, a terminal escape), the text output
// has the lines of the same file with plain IDs, and no raw control
// character.
func TestNoIDChangesTheNumberOfLinesPrinted(t *testing.T) {
	dir := t.TempDir()
	lines := func(t interface{ Fatal(...any) }, id string) (int, string) {
		var stdout, stderr bytes.Buffer
		if exit := run([]string{hostileFile(t, dir, id)}, &stdout, &stderr); exit != exitOK {
			t.Fatal("exit", exit, stderr.String())
		}
		return strings.Count(stdout.String(), "\n"), stdout.String()
	}
	want, _ := lines(t, "x")
	rapid.Check(t, func(t *rapid.T) {
		id := rapid.OneOf(rapid.String(), rapid.SampledFrom([]string{
			"x\n\nhostile.json check 9 at 2025-06-01T00:00:00Z\n  outcome      allow",
			"x\r\x1b[2K\u2028\u0085y",
		})).Draw(t, "id")
		if id == "" {
			t.Skip("an empty ID is refused")
		}
		n, out := lines(t, id)
		if n != want {
			t.Fatalf("%d lines, want %d:\n%s", n, want, out)
		}
		for _, r := range out {
			if r != '\n' && (r < ' ' || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029) {
				t.Fatalf("raw control character %U in:\n%s", r, out)
			}
		}
	})
}

// TestLostOutputIsAnError: with standard output on a full device, every
// mode exits 2 and says so on standard error.
func TestLostOutputIsAnError(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	for _, args := range [][]string{samples, append([]string{"-json"}, samples...),
		append([]string{"-check"}, samples...), append([]string{"-log"}, samples...),
		append([]string{"-check", "-coverage"}, samples...)} {
		var stderr bytes.Buffer
		if exit := run(args, full, &stderr); exit != exitError {
			t.Errorf("%q: exit %d, want %d", args, exit, exitError)
		}
		if !strings.Contains(stderr.String(), "evaluate: writing standard output: write /dev/full: no space left on device") {
			t.Errorf("%q: standard error %q", args, stderr.String())
		}
	}
}

// TestAFIFOIsRefusedWithoutWaiting: a named pipe nobody writes to is
// refused as not a regular file, at once.
func TestAFIFOIsRefusedWithoutWaiting(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan string)
	go func() {
		var stdout, stderr bytes.Buffer
		run([]string{"-check", fifo, "testdata/samples/services-credits.json"}, &stdout, &stderr)
		done <- stderr.String()
	}()
	select {
	case got := <-done:
		if !strings.Contains(got, "pipe.json: not a regular file") {
			t.Errorf("standard error %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("evaluate blocked on a FIFO with no writer")
	}
}

// TestInstantsPrintOnlyWhenTheyReadBack: years 0000-9999 print as RFC 3339,
// others as what they are not.
func TestInstantsPrintOnlyWhenTheyReadBack(t *testing.T) {
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{time.Time{}, "never"},
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "0000-01-01T00:00:00Z"},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "9999-12-31T23:59:59Z"},
		{time.Date(10000, 6, 1, 0, 0, 0, 0, time.UTC), "unwritable (year 10000, outside 0000-9999)"},
		{time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC), "unwritable (year -1, outside 0000-9999)"},
	} {
		if got := instant(tt.t); got != tt.want {
			t.Errorf("instant(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}
