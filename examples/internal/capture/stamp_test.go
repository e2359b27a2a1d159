package capture

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func stat(t *testing.T, r *Reader, p string) Stamp {
	t.Helper()
	s, err := r.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestStampChangesWithTheFileNotWithTheReading: a file's stamp is the same
// from stat to stat and read to read while nothing touches it, and
// changes when it is rewritten with the same size and its modification
// time put back (the change time moves), or replaced by another file.
func TestStampChangesWithTheFileNotWithTheReading(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are taken on Linux only")
	}
	var r Reader
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "edge-1.txt"), good)
	first := stat(t, &r, p)
	if !first.IsValid() || !first.Same(stat(t, &r, p)) {
		t.Fatalf("two stats of an untouched file: %+v", first)
	}
	c, err := r.Read(p, NewBudget(Limits{}))
	if err != nil || !c.Stamp.Same(first) {
		t.Fatalf("Read = %+v, %v; want the stat's stamp", c.Stamp, err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // past the clock tick of the change time
	write(t, p, strings.Replace(good, "1 1 0", "2 1 1", 1))
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if stat(t, &r, p).Same(first) {
		t.Error("rewritten with the same size and modification time: the stamp is the same")
	}
	time.Sleep(20 * time.Millisecond)
	other := write(t, filepath.Join(dir, ".next"), good)
	if err := os.Rename(other, p); err != nil {
		t.Fatal(err)
	}
	if stat(t, &r, p).Same(first) {
		t.Error("replaced by another file: the stamp is the same")
	}
	if (Stamp{}).Same(Stamp{}) {
		t.Error("the zero Stamp is the same as itself: a file without one would be taken for unchanged")
	}
}

// TestStatRefusesWhatReadRefuses: a named pipe (or a directory) in a
// capture's place is refused by Stat, without opening it, so that a file
// taken for unchanged can never be one.
func TestStatRefusesWhatReadRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := mkfifo(t, filepath.Join(dir, "edge-1.txt"))
	var r Reader
	within(t, "Stat of a FIFO", func() {
		if _, err := r.Stat(fifo); err == nil || !strings.Contains(err.Error(), "is a named pipe (FIFO)") {
			t.Errorf("Stat(FIFO) = %v", err)
		}
	})
	if _, err := r.Stat(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("Stat(dir) = %v", err)
	}
	if _, err := r.Stat(filepath.Join(dir, "gone")); err == nil || !strings.Contains(err.Error(), "gone") {
		t.Errorf("Stat(missing) = %v", err)
	}
}

// TestRefusedContentKeepsItsStamp: a capture the parser refuses comes back
// with its stamp and size, so that the refusal can be kept until the file
// changes; a file refused for another reason comes back with none.
func TestRefusedContentKeepsItsStamp(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are taken on Linux only")
	}
	var r Reader
	dir := t.TempDir()
	bad := write(t, filepath.Join(dir, "bad.txt"), "not a capture\n")
	c, err := r.Read(bad, NewBudget(Limits{}))
	if err == nil || !c.Stamp.Same(stat(t, &r, bad)) || c.Size != int64(len("not a capture\n")) {
		t.Errorf("Read(garbled) = %+v, %v; want its stamp and size with the error", c, err)
	}
	c, err = r.Read(write(t, filepath.Join(dir, "big.txt"), good), NewBudget(Limits{Bytes: 10}))
	if err == nil || c.Stamp.IsValid() {
		t.Errorf("Read past the budget = %+v, %v; want an error and no stamp", c, err)
	}
}

// TestChargeRefusesAsAReadWould: a capture taken in again unchanged is
// charged its bytes and features, and refused past either bound.
func TestChargeRefusesAsAReadWould(t *testing.T) {
	b := NewBudget(Limits{Bytes: 100, Features: 3})
	if err := b.Charge(60, 2); err != nil {
		t.Fatal(err)
	}
	if err := b.Charge(60, 0); err == nil || !strings.Contains(err.Error(), "-max-bytes") {
		t.Errorf("past the bytes: %v", err)
	}
	if err := b.Charge(10, 2); err == nil || !strings.Contains(err.Error(), "-max-features") {
		t.Errorf("past the features: %v", err)
	}
}

// TestListNamesTheRootOfEachEntry: every entry names the path given it was
// found under.
func TestListNamesTheRootOfEachEntry(t *testing.T) {
	dir := t.TempDir()
	a := write(t, filepath.Join(dir, "a.txt"), good)
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	b := write(t, filepath.Join(sub, "b.txt"), good)
	for _, e := range new(Reader).List([]string{a, sub, filepath.Join(dir, "gone")}, 0) {
		want := map[string]string{a: a, b: sub, filepath.Join(dir, "gone"): filepath.Join(dir, "gone")}[e.Path]
		if e.Root != want {
			t.Errorf("%s: Root %q, want %q", e.Path, e.Root, want)
		}
	}
}
