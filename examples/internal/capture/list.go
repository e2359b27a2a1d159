package capture

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Entry is one file a pass takes in (Err nil), or a path it does not read
// and why (an [*Error]). Root is the path given that Path was found under:
// Path itself, or the directory holding it. The zero Entry names no file.
type Entry struct {
	Path string
	Err  error
	Root string
}

// List expands paths into the entries of one pass, in order: a file as it
// is, a directory as its entries in name order, leaving out hidden files,
// Markdown notes and subdirectories (and links to them). It takes in at
// most files entries (the default when files is 0): a directory holding
// more gives an entry of its own saying so, before the first files of it by
// name, which are read. A path that is missing, a loop of links, or neither
// a regular file nor a directory is an entry with its error; so is a named
// pipe, a socket or a device inside a directory. Nothing is opened but
// directories, without blocking. A path whose listing has not returned (a
// hung mount) is an entry with its error until it does.
func (r *Reader) List(paths []string, files int) []Entry {
	room := Limits{Files: files}.or().Files
	bound := room
	var es []Entry
	for _, p := range paths {
		found := r.listPath(p, &room, bound)
		for i := range found {
			found[i].Root = p
		}
		es = append(es, found...)
	}
	return es
}

func (r *Reader) listPath(p string, room *int, bound int) []Entry {
	since, ok := r.begin(p)
	if !ok {
		return []Entry{{Path: p, Err: notReturned(p, since)}}
	}
	defer r.end(p)
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return []Entry{{Path: p, Err: pathErr(p, err)}}
	case st.IsDir():
		return r.listDir(p, room, bound)
	case !st.Mode().IsRegular():
		return []Entry{{Path: p, Err: notRegular(p, st.Mode())}}
	case *room == 0:
		return []Entry{{Path: p, Err: &Error{p, fmt.Errorf("past the %d files one pass takes in (-max-files)", bound)}}}
	}
	*room--
	return []Entry{{Path: p}}
}

// notRegular is the error of a path that is neither a regular file nor a
// directory: reading it could block, or never end.
func notRegular(p string, m fs.FileMode) error {
	kind := "not a regular file"
	switch t := m.Type(); {
	case t&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		kind = "a socket"
	case t&fs.ModeCharDevice != 0:
		kind = "a character device"
	case t&fs.ModeDevice != 0:
		kind = "a device"
	case t&fs.ModeDir != 0:
		kind = "a directory"
	}
	return &Error{p, fmt.Errorf("is %s, not a capture file", kind)}
}

// readBatch is how many names a directory is read by at once.
const readBatch = 1024

// listDir lists the captures of dir, taking room of them at most; bound is
// the pass's, for the message.
func (r *Reader) listDir(dir string, room *int, bound int) []Entry {
	d, err := openFile(dir)
	if err != nil {
		return []Entry{{Path: dir, Err: pathErr(dir, err)}}
	}
	defer d.Close()
	if st, err := d.Stat(); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("is no longer a directory")
		}
		return []Entry{{Path: dir, Err: pathErr(dir, err)}}
	}
	// Only the first room names by order are kept: the list is cut back
	// whenever it doubles, so a directory of millions costs what room does.
	var kept []fs.DirEntry
	total := 0
	for {
		batch, err := d.ReadDir(readBatch)
		for _, e := range batch {
			if !candidate(e) {
				continue
			}
			total++
			kept = append(kept, e)
			if len(kept) > 2*(*room) {
				kept = firstByName(kept, *room)
			}
		}
		if errors.Is(err, io.EOF) || len(batch) == 0 && err == nil {
			break
		}
		if err != nil {
			return []Entry{{Path: dir, Err: pathErr(dir, err)}}
		}
	}
	kept = firstByName(kept, *room)
	var es []Entry
	if total > len(kept) {
		es = append(es, Entry{Path: dir, Err: &Error{dir, fmt.Errorf("holds %d captures, past the %d files one pass takes in (-max-files): the first %d by name are read", total, bound, len(kept))}})
	}
	*room -= len(kept)
	for _, e := range kept {
		if en, ok := r.entryOf(filepath.Join(dir, e.Name()), e); ok {
			es = append(es, en)
		}
	}
	return es
}

// candidate reports whether a directory entry may be a capture: not hidden,
// not a Markdown note, not a subdirectory.
func candidate(e fs.DirEntry) bool {
	return !strings.HasPrefix(e.Name(), ".") && filepath.Ext(e.Name()) != ".md" && !e.IsDir()
}

// firstByName sorts es by name and keeps the first n.
func firstByName(es []fs.DirEntry, n int) []fs.DirEntry {
	slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return slices.Clip(es[:min(n, len(es))])
}

// entryOf is the entry of a directory's file: a link is followed (a
// mounted ConfigMap holds links), a link to a directory is left out.
func (r *Reader) entryOf(p string, e fs.DirEntry) (Entry, bool) {
	t := e.Type()
	if t&fs.ModeSymlink != 0 {
		since, ok := r.begin(p)
		if !ok {
			return Entry{Path: p, Err: notReturned(p, since)}, true
		}
		st, err := os.Stat(p)
		r.end(p)
		if err != nil {
			return Entry{Path: p, Err: pathErr(p, err)}, true
		}
		if st.IsDir() {
			return Entry{}, false
		}
		t = st.Mode().Type()
	}
	if !t.IsRegular() {
		return Entry{Path: p, Err: notRegular(p, t)}, true
	}
	return Entry{Path: p}, true
}
