package capture

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// good is a capture of one usage row.
const good = "License usage:\n                                 Licenses     Licenses    Licenses    Expiry\n  Feature name                       used    installed      needed\n  Virtual Appliance 1 1 0 permanent\n"

func write(t testing.TB, p, text string) string {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mkfifo(t testing.TB, p string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system")
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	return p
}

// within fails the test when f has not returned after a long while: a read
// that blocks on a named pipe never returns at all.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s has not returned after 10 s: it blocks", what)
	}
}

// TestNamedPipeIsRefusedWithoutBlocking: a FIFO given as a path, or read
// as a file (the listing saw a regular file, then it was swapped), is
// refused at once, naming it; before, opening it blocked for good.
func TestNamedPipeIsRefusedWithoutBlocking(t *testing.T) {
	fifo := mkfifo(t, filepath.Join(t.TempDir(), "edge-1.txt"))
	es := new(Reader).List([]string{fifo}, 0)
	if len(es) != 1 || es[0].Err == nil || !strings.Contains(es[0].Err.Error(), "is a named pipe (FIFO)") {
		t.Errorf("List = %+v", es)
	}
	var r Reader
	within(t, "reading a named pipe", func() {
		_, err := r.Read(fifo, NewBudget(Limits{}))
		var ce *Error
		if !errors.As(err, &ce) || ce.Path != fifo || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("Read = %v", err)
		}
	})
}

// TestFileSwappedWithANamedPipeNeverBlocks: a capture renamed back and
// forth between a regular file and a FIFO while it is read is read, or
// refused as a named pipe; no read blocks.
func TestFileSwappedWithANamedPipeNeverBlocks(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "edge-1.txt")
	reg := write(t, filepath.Join(dir, ".regular"), good)
	fifo := mkfifo(t, filepath.Join(dir, ".fifo"))
	stop := make(chan struct{})
	swapped := make(chan struct{})
	go func() {
		defer close(swapped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			// Hard links swap the name between the two files atomically.
			src := reg
			if i%2 == 1 {
				src = fifo
			}
			tmp := filepath.Join(dir, ".next")
			_ = os.Remove(tmp)
			if os.Link(src, tmp) == nil {
				_ = os.Rename(tmp, p)
			}
		}
	}()
	defer func() { close(stop); <-swapped }()
	var r Reader
	read, refused := 0, 0
	within(t, "reading a file swapped with a named pipe", func() {
		for range 2000 {
			_, err := r.Read(p, NewBudget(Limits{}))
			switch {
			case err == nil:
				read++
			case strings.Contains(err.Error(), "named pipe") || errors.Is(err, os.ErrNotExist):
				refused++
			default:
				t.Errorf("Read: %v", err)
				return
			}
		}
	})
	if read == 0 || refused == 0 {
		t.Logf("%d reads, %d refusals: the swap did not interleave", read, refused)
	}
}

// TestDirectoryOfHostileFilesHidesNoCapture: beside a capture, a directory
// holds a FIFO, a socket, a link to a device, a loop of links, a dangling
// link, a subdirectory, a link to one, a hidden file and a note. The
// capture is listed; every file that is not one is an entry naming it and
// why; subdirectories, hidden files and notes are left out.
func TestDirectoryOfHostileFilesHidesNoCapture(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "edge-1.txt"), good)
	mkfifo(t, filepath.Join(dir, "fifo.txt"))
	sock := filepath.Join(dir, "sock.txt")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	} else {
		t.Logf("no socket: %v", err)
	}
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symlink: %v", err)
		}
	}
	link(os.DevNull, "null.txt")
	link("loop-b.txt", "loop-a.txt")
	link("loop-a.txt", "loop-b.txt")
	link("missing", "dangling.txt")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	link("sub", "sublink")
	write(t, filepath.Join(dir, ".hidden"), "x")
	write(t, filepath.Join(dir, "README.md"), "x")

	got := map[string]string{}
	for _, e := range new(Reader).List([]string{dir}, 0) {
		msg := ""
		if e.Err != nil {
			msg = e.Err.Error()
		}
		got[filepath.Base(e.Path)] = msg
	}
	want := map[string]string{
		"edge-1.txt": "", "fifo.txt": "named pipe", "null.txt": "character device",
		"loop-a.txt": "too many levels of symbolic links", "loop-b.txt": "too many levels of symbolic links",
		"dangling.txt": "no such file",
	}
	if _, err := os.Lstat(sock); err == nil {
		want["sock.txt"] = "a socket"
	}
	if len(got) != len(want) {
		t.Errorf("listed %v, want %v", got, want)
	}
	for name, msg := range want {
		if g, ok := got[name]; !ok || (msg == "") != (g == "") || !strings.Contains(g, msg) {
			t.Errorf("%s: %q, want %q", name, g, msg)
		}
	}
	c, err := new(Reader).Read(filepath.Join(dir, "edge-1.txt"), NewBudget(Limits{}))
	if err != nil || c.Device != "edge-1" || c.Features() != 1 {
		t.Errorf("the capture: %+v, %v", c, err)
	}
}

// TestPastTheFilesBoundTheFirstByNameAreRead: a directory holding more
// files than a pass takes in gives one entry saying so and its first files
// by name.
func TestPastTheFilesBoundTheFirstByNameAreRead(t *testing.T) {
	dir := t.TempDir()
	for i := range 700 {
		write(t, filepath.Join(dir, fmt.Sprintf("dev%04d.txt", 699-i)), "")
	}
	es := new(Reader).List([]string{dir}, 100)
	if len(es) != 101 {
		t.Fatalf("%d entries, want 101", len(es))
	}
	if es[0].Path != dir || es[0].Err == nil || !strings.Contains(es[0].Err.Error(), "holds 700 captures, past the 100 files one pass takes in (-max-files): the first 100 by name are read") {
		t.Errorf("first entry: %+v", es[0])
	}
	for i, e := range es[1:] {
		if want := filepath.Join(dir, fmt.Sprintf("dev%04d.txt", i)); e.Path != want || e.Err != nil {
			t.Fatalf("entry %d: %+v, want %s", i+1, e, want)
		}
	}
}

// TestACrowdedPathHidesNoOtherPath (issue 26: one bad path never hides the
// others): paths that want more files than a pass takes in share it
// fairly: a path wanting less than an equal part gets what it wants, and
// the crowded directory the rest, whatever the order they are given in.
// Before, a directory others filled took the whole bound and the paths
// after it were not read.
func TestACrowdedPathHidesNoOtherPath(t *testing.T) {
	crowded := t.TempDir()
	for i := range 700 {
		write(t, filepath.Join(crowded, fmt.Sprintf("dev%04d.txt", i)), "")
	}
	good := t.TempDir()
	for i := range 30 {
		write(t, filepath.Join(good, fmt.Sprintf("good%02d.txt", i)), "")
	}
	other := write(t, filepath.Join(t.TempDir(), "other.txt"), "")
	for _, paths := range [][]string{{crowded, good, other}, {other, good, crowded}, {good, crowded, other}} {
		es := new(Reader).List(paths, 100)
		read := map[string]int{}
		for _, e := range es {
			if e.Err == nil {
				read[e.Root]++
			}
		}
		if read[crowded] != 69 || read[good] != 30 || read[other] != 1 {
			t.Errorf("%d paths: read %v, want 69 of the crowded directory, 30 of the good one, 1 other", len(paths), read)
		}
		msg := "holds 700 captures, past this path's 69 of the 100 files one pass takes in (-max-files), shared among the 3 paths given: the first 69 by name are read"
		if !slices.ContainsFunc(es, func(e Entry) bool { return e.Path == crowded && e.Err != nil && strings.Contains(e.Err.Error(), msg) }) {
			t.Errorf("no entry says %q", msg)
		}
	}
	// Two crowded directories split the bound; together under it, each
	// takes what it holds.
	crowded2 := t.TempDir()
	for i := range 300 {
		write(t, filepath.Join(crowded2, fmt.Sprintf("x%04d.txt", i)), "")
	}
	for _, c := range []struct {
		bound, first, second int
	}{{100, 50, 50}, {101, 51, 50}, {1000, 700, 300}} {
		read := map[string]int{}
		for _, e := range new(Reader).List([]string{crowded, crowded2}, c.bound) {
			if e.Err == nil {
				read[e.Root]++
			}
		}
		if read[crowded] != c.first || read[crowded2] != c.second {
			t.Errorf("bound %d: read %v, want %d and %d", c.bound, read, c.first, c.second)
		}
	}
}

// TestBudgetRefusesPastItsBoundsAndReadsTheRest: a pass reads captures
// until the next would take it past its bytes or features; that one is
// refused naming the bound, and a smaller one after it is still read.
func TestBudgetRefusesPastItsBoundsAndReadsTheRest(t *testing.T) {
	dir := t.TempDir()
	two := good + "  idp-sig 1 1 0 permanent\n"
	a := write(t, filepath.Join(dir, "a.txt"), two)
	b := write(t, filepath.Join(dir, "b.txt"), two)
	c := write(t, filepath.Join(dir, "c.txt"), good)
	var r Reader
	for _, tc := range []struct {
		limits Limits
		msg    string
	}{
		{Limits{Bytes: int64(len(two) + len(good))}, fmt.Sprintf("%d bytes, past the %d bytes of captures one pass reads (-max-bytes; %d read before it)", len(two), len(two)+len(good), len(two))},
		{Limits{Features: 3}, "2 features, past the 3 features the captures of one pass may list (-max-features; 2 listed before it)"},
	} {
		budget := NewBudget(tc.limits)
		var errs []error
		for _, p := range []string{a, b, c} {
			_, err := r.Read(p, budget)
			errs = append(errs, err)
		}
		if errs[0] != nil || errs[2] != nil || errs[1] == nil || !strings.Contains(errs[1].Error(), tc.msg) || !strings.HasPrefix(errs[1].Error(), b+": ") {
			t.Errorf("%+v: %v", tc.limits, errs)
		}
	}
}

// TestReadThatDoesNotReturnIsNotBegunAgain: while one read of a file, or
// listing of a directory, blocks (a hung mount), the Reader refuses that
// path at once rather than block a second pass on it; the other paths are
// read.
func TestReadThatDoesNotReturnIsNotBegunAgain(t *testing.T) {
	dir := t.TempDir()
	hung := write(t, filepath.Join(dir, "hung.txt"), good)
	other := write(t, filepath.Join(dir, "other.txt"), good)
	release := make(chan struct{})
	r := &Reader{Open: func(p string) (*os.File, error) {
		if p == hung {
			<-release
		}
		return openFile(p)
	}}
	first := make(chan error)
	go func() {
		_, err := r.Read(hung, NewBudget(Limits{}))
		first <- err
	}()
	for {
		r.mu.Lock()
		_, begun := r.busy[hung]
		r.mu.Unlock()
		if begun {
			break
		}
		runtime.Gosched()
	}
	within(t, "a second read of a hung file", func() {
		if _, err := r.Read(hung, NewBudget(Limits{})); err == nil || !strings.Contains(err.Error(), "has not returned") {
			t.Errorf("second read: %v", err)
		}
		if _, err := r.Read(other, NewBudget(Limits{})); err != nil {
			t.Errorf("another file: %v", err)
		}
	})
	// A listing that has not returned (a directory on a hung mount) is
	// not begun again either.
	r.begin(dir)
	if es := r.List([]string{dir, other}, 0); len(es) != 2 || es[0].Err == nil || !strings.Contains(es[0].Err.Error(), "has not returned") || es[1].Err != nil {
		t.Errorf("a hung listing: %+v", es)
	}
	r.end(dir)
	close(release)
	if err := <-first; err != nil {
		t.Errorf("the first read, released: %v", err)
	}
	if _, err := r.Read(hung, NewBudget(Limits{})); err != nil {
		t.Errorf("a read after the first returned: %v", err)
	}
}

// TestNamesPrintOnOneLine: a name holding a newline, a terminal escape,
// bytes that are not UTF-8, or beginning with a quote is quoted, so that a
// file name cannot forge a line of output nor pass for another name; an
// error names its path so.
func TestNamesPrintOnOneLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"edge-1", "edge-1"},
		{"Virtual Appliance", "Virtual Appliance"},
		{"café", "café"},
		{"a\nb", `"a\nb"`},
		{"x\ndevicereport: all captures read, 0 problems", `"x\ndevicereport: all captures read, 0 problems"`},
		{"a\x1b[2Jb", `"a\x1b[2Jb"`},
		{"a\xffb", `"a\xffb"`},
		{`"a\nb"`, `"\"a\\nb\""`},
		{"a\u202eb", `"a\u202eb"`},
	} {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	if got := Line("a\nb\x1b\xff c"); got != `a\nb\x1b\xff c` {
		t.Errorf("Line = %s", got)
	}
	p := filepath.Join(t.TempDir(), "x\ndevicereport: all captures read, 0 problems")
	_, err := new(Reader).Read(p, NewBudget(Limits{}))
	if err == nil || strings.ContainsAny(err.Error(), "\n") || !strings.Contains(err.Error(), `\ndevicereport`) || strings.Count(err.Error(), "devicereport") != 1 {
		t.Errorf("error: %q", err)
	}
}

// TestWalkReadsSubdirectoriesWithinItsBounds: a directory's subdirectories
// are walked in name order among its files, as deep as the pass may; a
// subdirectory deeper is an entry saying so, not left out without a word
// (issue 29: newer/ was skipped silently); hidden directories and links to
// directories are left out; past the files bound the rest of the tree is
// named, not read.
func TestWalkReadsSubdirectoriesWithinItsBounds(t *testing.T) {
	root := t.TempDir()
	mk := func(parts ...string) string {
		p := filepath.Join(append([]string{root}, parts...)...)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		return write(t, p, good)
	}
	mk("a.txt")
	mk("newer", "b.txt")
	mk("newer", "deeper", "c.txt")
	mk("newer", "deeper", "deepest", "d.txt")
	mk("z.txt")
	mk(".git", "HEAD")
	if err := os.Symlink(filepath.Join(root, "newer"), filepath.Join(root, "loop")); err != nil {
		t.Skipf("symlink: %v", err)
	}
	list := func(es []Entry) []string {
		var got []string
		for _, e := range es {
			rel, _ := filepath.Rel(root, e.Path)
			if e.Err != nil {
				rel += ": " + strings.TrimPrefix(e.Err.Error(), e.Path+": ")
			}
			got = append(got, rel)
		}
		return got
	}
	for _, c := range []struct {
		name string
		es   []Entry
		want []string
	}{
		{"two levels", new(Reader).Walk([]string{root}, 0, 2), []string{"a.txt", "newer/b.txt", "newer/deeper/c.txt",
			"newer/deeper/deepest: is 3 levels below the directory given, past the 2 a pass walks (-max-depth): not read", "z.txt"}},
		{"every level", new(Reader).Walk([]string{root}, 0, 8), []string{"a.txt", "newer/b.txt", "newer/deeper/c.txt", "newer/deeper/deepest/d.txt", "z.txt"}},
		{"none, said", new(Reader).Walk([]string{root}, 0, 0), []string{"a.txt", "newer: is 1 levels below the directory given, past the 0 a pass walks (-max-depth): not read", "z.txt"}},
		{"List leaves subdirectories out", new(Reader).List([]string{root}, 0), []string{"a.txt", "z.txt"}},
		{"three files", new(Reader).Walk([]string{root}, 3, 8), []string{"a.txt", "newer/b.txt", "newer/deeper/c.txt",
			"newer/deeper/deepest: holds 1 captures, past the 3 files one pass takes in (-max-files): the first 0 by name are read",
			".: past the 3 files one pass takes in (-max-files): its files from z.txt on are not read"}},
	} {
		if got := list(c.es); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestWalkOfManyDirectoriesStopsAtItsBound: a tree of empty directories
// costs at most as many directory listings as a pass takes files; the
// next is named.
func TestWalkOfManyDirectoriesStopsAtItsBound(t *testing.T) {
	root := t.TempDir()
	for i := range 50 {
		if err := os.MkdirAll(filepath.Join(root, fmt.Sprintf("d%02d", i), "x"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	es := new(Reader).Walk([]string{root}, 10, 8)
	if len(es) != 1 || es[0].Path != root || es[0].Err == nil || !strings.Contains(es[0].Err.Error(), "past the 10 directories one pass walks (as many as -max-files): its subdirectories from d05 on are not read") {
		t.Errorf("%+v", es)
	}
}
