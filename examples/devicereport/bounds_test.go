package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

const usageHeader = "License usage:\n                                 Licenses     Licenses    Licenses    Expiry\n  Feature name                       used    installed      needed\n"

// rows is a capture of n permanent usage rows at 2025-01-01.
func rows(n int) string {
	var b strings.Builder
	b.WriteString(usageHeader)
	for i := range n {
		fmt.Fprintf(&b, "  f%06d 1 1 0 permanent\n", i)
	}
	b.WriteString("\nCurrent time: 2025-01-01 00:00:00 UTC\n")
	return b.String()
}

func writeFile(t testing.TB, p, text string) string {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// runWithin runs the command for vSRX devices, failing the test when it has not returned
// after a long while: a command that opens a named pipe never returns.
func runWithin(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(append([]string{"-platform", "vSRX"}, args...), &out, &errOut) }()
	select {
	case err := <-done:
		return out.String(), errOut.String(), err
	case <-time.After(20 * time.Second):
		t.Fatalf("devicereport %q has not returned after 20 s", args)
	}
	return "", "", nil
}

// TestNamedPipesAreRefusedAtOnce: a FIFO given as a path, or in a
// directory beside a capture, is refused at once naming it; the capture is
// reported. Before, opening the FIFO blocked the run for good.
func TestNamedPipesAreRefusedAtOnce(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "edge-1.txt"), rows(2))
	fifo := filepath.Join(dir, "edge-2.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	_, _, err := runWithin(t, fifo)
	if err == nil || !strings.Contains(err.Error(), fifo+": is a named pipe (FIFO), not a capture file") {
		t.Errorf("a FIFO as the path: %v", err)
	}
	out, errOut, err := runWithin(t, dir)
	if err == nil || !strings.Contains(errOut, "edge-2.txt: is a named pipe") || !strings.Contains(out, "edge-1  f000001") {
		t.Errorf("a FIFO in a directory: %v\nstderr: %s\nstdout: %s", err, errOut, out)
	}
}

// TestCaptureOfTooManyRowsIsRefusedAndTheRestRead: a 4 MiB capture of 160k
// usage rows is refused naming its line and the bound, and the captures
// beside it are reported. Before, one such capture cost the run half a
// gigabyte and its output 17 MB.
func TestCaptureOfTooManyRowsIsRefusedAndTheRestRead(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a-huge.txt"), rows(160000))
	writeFile(t, filepath.Join(dir, "b-edge.txt"), rows(3))
	out, errOut, err := runWithin(t, dir)
	if err == nil || !strings.Contains(errOut, "a-huge.txt: junos: line 10004: over 10000 usage rows, keys and key features, the most a capture may list") {
		t.Errorf("%v\nstderr: %s", err, errOut)
	}
	if !strings.Contains(out, "summary: 3 features on 1 device (1 not read)") {
		t.Errorf("stdout:\n%s", out)
	}
}

// TestRunBoundsRefuseFilesAndReadTheRest: a directory of more files than
// a run takes in is reported with its first files by name; a capture that
// would take the run past its bytes or features is refused naming the
// bound; the others are read.
func TestRunBoundsRefuseFilesAndReadTheRest(t *testing.T) {
	dir := t.TempDir()
	for i := range 30 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("dev%02d.txt", i)), rows(2))
	}
	out, errOut, err := runWithin(t, "-max-files", "10", dir)
	if err == nil || !strings.Contains(errOut, dir+": holds 30 captures, past the 10 files one pass takes in (-max-files): the first 10 by name are read") ||
		!strings.Contains(out, "summary: 20 features on 10 devices (1 not read)") || !strings.Contains(out, "dev09") || strings.Contains(out, "dev10") {
		t.Errorf("-max-files: %v\nstderr: %s\nstdout: %s", err, errOut, out)
	}
	_, errOut, _ = runWithin(t, "-max-features", "5", filepath.Join(dir, "dev00.txt"), filepath.Join(dir, "dev01.txt"), filepath.Join(dir, "dev02.txt"))
	if !strings.Contains(errOut, "dev02.txt: 2 features, past the 5 features the captures of one pass may list (-max-features; 4 listed before it)") {
		t.Errorf("-max-features: %s", errOut)
	}
	size := len(rows(2))
	_, errOut, _ = runWithin(t, "-max-bytes", fmt.Sprint(2*size), filepath.Join(dir, "dev00.txt"), filepath.Join(dir, "dev01.txt"), filepath.Join(dir, "dev02.txt"))
	if !strings.Contains(errOut, fmt.Sprintf("dev02.txt: %d bytes, past the %d bytes of captures one pass reads (-max-bytes", size, 2*size)) {
		t.Errorf("-max-bytes: %s", errOut)
	}
}

// TestACrowdedDirectoryHidesNoOtherDirectory (issue 26: one bad path never
// hides the others): a directory others filled past -max-files, given
// first, leaves a good directory after it its captures; before, the
// crowded one took the whole bound and the good one was not read.
func TestACrowdedDirectoryHidesNoOtherDirectory(t *testing.T) {
	crowded, good := t.TempDir(), t.TempDir()
	for i := range 30 {
		writeFile(t, filepath.Join(crowded, fmt.Sprintf("dev%02d.txt", i)), rows(2))
	}
	writeFile(t, filepath.Join(good, "core-1.txt"), rows(2))
	writeFile(t, filepath.Join(good, "core-2.txt"), rows(2))
	out, errOut, err := runWithin(t, "-max-files", "10", crowded, good)
	if err == nil || !strings.Contains(errOut, crowded+": holds 30 captures, past this path's 8 of the 10 files one pass takes in (-max-files), shared among the 2 paths given: the first 8 by name are read") ||
		!strings.Contains(out, "core-1") || !strings.Contains(out, "core-2") || !strings.Contains(out, "dev07") || strings.Contains(out, "dev08") {
		t.Errorf("%v\nstderr: %s\nstdout: %s", err, errOut, out)
	}
}

// TestOutputIsLinearInTheCapture: a feature name as long as a capture
// allows widens only its own line of the table: the rows beside it are laid
// out as without it. Before, every row was padded to the longest name.
func TestOutputIsLinearInTheCapture(t *testing.T) {
	long := strings.Repeat("n", 1000)
	text := strings.Replace(rows(2000), "  f000000 ", "  "+long+" ", 1)
	p := writeFile(t, filepath.Join(t.TempDir(), "edge.txt"), text)
	out, _, err := runWithin(t, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) > 2000*200 {
		t.Errorf("the table is %d bytes for 2000 rows", len(out))
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "edge  f000001 ") && len(l) > 200 {
			t.Errorf("a short row is padded to the long name: %d bytes", len(l))
		}
	}
}

// TestHelpStatesTheBounds: -h says what a run holds to: files, bytes,
// features, a capture's bytes, rows, lines and values.
func TestHelpStatesTheBounds(t *testing.T) {
	var errOut bytes.Buffer
	_ = run([]string{"-h"}, io.Discard, &errOut)
	for _, want := range []string{"-max-files", "-max-bytes", "-max-features", "opened without blocking", "4194304 bytes", "10000 rows", "4096 bytes", "nested at most 64 deep", "linear"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("-h does not say %q:\n%s", want, errOut.String())
		}
	}
}
