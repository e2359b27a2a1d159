package capture

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/license/junos"
)

// Capture is one file read: the device it is named for, what it printed,
// and the file's size and modification time as its descriptor gave them.
// Stamp is the file's [Stamp] as read, the zero Stamp when it changed while
// it was read. The zero Capture is of no file.
type Capture struct {
	File    string
	Device  string
	Report  junos.Report
	Size    int64
	ModTime time.Time
	Stamp   Stamp
}

// Features is how many features the capture lists: its usage rows and the
// features of its installed keys.
func (c Capture) Features() int {
	n := len(c.Report.Usage)
	for _, k := range c.Report.Keys {
		n += len(k.Features)
	}
	return n
}

// DeviceName is the device a capture file stands for: its base name
// without its extension.
func DeviceName(file string) string {
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Reader reads captures. It remembers the reads that have not returned (a
// file on a hung mount) and does not open those files again until they
// do, so that one file cannot hold a reader's every pass. The zero Reader
// is ready to use; a Reader is safe for concurrent use.
type Reader struct {
	// Open opens a file for reading; nil means opening it without
	// blocking. A test sets it to stand for a mount that hangs.
	Open func(string) (*os.File, error)

	mu   sync.Mutex
	busy map[string]time.Time // file -> when its read began
}

func openFile(p string) (*os.File, error) { return os.OpenFile(p, openFlags, 0) }

func (r *Reader) begin(p string) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if since, ok := r.busy[p]; ok {
		return since, false
	}
	if r.busy == nil {
		r.busy = map[string]time.Time{}
	}
	r.busy[p] = time.Now()
	return time.Time{}, true
}

// notReturned is the error of a path whose read, begun at since, has not
// returned.
func notReturned(p string, since time.Time) error {
	return &Error{p, fmt.Errorf("a read begun at %s has not returned: not begun again until it does", since.UTC().Format(time.RFC3339))}
}

func (r *Reader) end(p string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.busy, p)
}

// Read reads the capture file p within b: it opens p without blocking,
// refuses what its descriptor says is not a regular file or is over
// junos.MaxBytes before reading a byte, charges b the bytes read and the
// features listed, and parses the capture. Every error is an *Error naming
// p. Where the parser refuses the content (a [*junos.ParseError]), the
// Capture still names the file, its size and its stamp, so that a caller
// may keep the refusal until the file changes; after any other error it is
// the zero Capture.
func (r *Reader) Read(p string, b *Budget) (Capture, error) {
	since, ok := r.begin(p)
	if !ok {
		return Capture{}, notReturned(p, since)
	}
	defer r.end(p)
	c, err := r.read(p, b)
	if err != nil {
		return c, pathErr(p, err)
	}
	return c, nil
}

func (r *Reader) read(p string, b *Budget) (Capture, error) {
	f, st, err := r.openRegular(p)
	if err != nil {
		return Capture{}, err
	}
	defer f.Close()
	if st.Size() > junos.MaxBytes {
		return Capture{}, fmt.Errorf("%d bytes, over the %d a capture may hold", st.Size(), junos.MaxBytes)
	}
	if err := b.takeBytes(st.Size()); err != nil {
		return Capture{}, err
	}
	cr := &countingFile{f: f, r: noWait(f)}
	rep, err := junos.Parse(cr)
	if extra := cr.n - st.Size(); extra > 0 {
		b.addBytes(extra)
	}
	var pe *junos.ParseError
	if errors.As(err, &pe) {
		// The content is refused: what was refused is the file as stamped.
		return Capture{File: p, Device: DeviceName(p), Size: st.Size(), ModTime: st.ModTime(), Stamp: stampAfter(f, st)}, err
	}
	if err != nil {
		return Capture{}, err
	}
	c := Capture{File: p, Device: DeviceName(p), Report: rep, Size: st.Size(), ModTime: st.ModTime(), Stamp: stampAfter(f, st)}
	if err := b.takeFeatures(c.Features()); err != nil {
		return Capture{}, err
	}
	return c, nil
}

// stampAfter is the stamp of f as before gave it, the zero Stamp when the
// file has changed since: what was read is then of no one stamp.
func stampAfter(f *os.File, before fs.FileInfo) Stamp {
	s := stampOf(before)
	after, err := f.Stat()
	if err != nil || !stampOf(after).Same(s) {
		return Stamp{}
	}
	return s
}

// openRegular opens p without blocking and checks on the opened
// descriptor that it is a regular file: a listing's word for it does not
// hold once the name can be swapped.
func (r *Reader) openRegular(p string) (*os.File, fs.FileInfo, error) {
	open := r.Open
	if open == nil {
		open = openFile
	}
	f, err := open(p)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = notRegular(p, st.Mode())
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// countingFile counts the bytes read from a file through r; it keeps the
// file's Stat, by which the parser sizes its buffer.
type countingFile struct {
	f *os.File
	r io.Reader
	n int64
}

func (c *countingFile) Stat() (fs.FileInfo, error) { return c.f.Stat() }

func (c *countingFile) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// ReadFile reads the whole regular file p of at most max bytes, opened and
// checked as Read opens a capture (a scenario file beside the captures).
func (r *Reader) ReadFile(p string, max int64) ([]byte, error) {
	b, _, err := r.ReadFileStamp(p, max)
	return b, err
}

// ReadFileStamp is ReadFile, also returning the file's [Stamp] as read
// (the zero Stamp when it changed while it was read).
func (r *Reader) ReadFileStamp(p string, max int64) ([]byte, Stamp, error) {
	since, ok := r.begin(p)
	if !ok {
		return nil, Stamp{}, notReturned(p, since)
	}
	defer r.end(p)
	b, s, err := r.readFile(p, max)
	if err != nil {
		return nil, Stamp{}, pathErr(p, err)
	}
	return b, s, nil
}

func (r *Reader) readFile(p string, max int64) ([]byte, Stamp, error) {
	f, st, err := r.openRegular(p)
	if err != nil {
		return nil, Stamp{}, err
	}
	defer f.Close()
	if st.Size() > max {
		return nil, Stamp{}, fmt.Errorf("%d bytes, over the %d it may hold", st.Size(), max)
	}
	b, err := io.ReadAll(io.LimitReader(noWait(f), max+1))
	if err != nil {
		return nil, Stamp{}, err
	}
	if int64(len(b)) > max {
		return nil, Stamp{}, fmt.Errorf("over the %d bytes it may hold", max)
	}
	return b, stampAfter(f, st), nil
}
