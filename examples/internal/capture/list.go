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
// most files entries (the default when files is 0); paths that want more
// together share them fairly (what a path wants is met if it wants no more
// than an equal part, the rest shared equally among the others), so that
// one crowded path never hides another. A directory holding more than it
// may take gives an entry of its own saying so, before the first files of
// it by name, which are read. A path that is missing, a loop of links, or
// neither a regular file nor a directory is an entry with its error; so is
// a named pipe, a socket or a device inside a directory. Nothing is opened
// but directories, without blocking. A path whose listing has not returned
// (a hung mount) is an entry with its error until it does.
func (r *Reader) List(paths []string, files int) []Entry {
	return r.walk(paths, files, 0, false)
}

// Walk is List walking subdirectories too, depth levels below a directory
// given at most (0: none), each in name order among its directory's files:
// a subdirectory deeper, or past the pass's bound on directories (as many
// as files), is an entry with its error saying so rather than left out.
// Hidden subdirectories (".git") and links to directories are left out:
// a link could lead back up the tree. Listing holds at most twice files
// names a directory walked, at most depth+1 directories at once.
func (r *Reader) Walk(paths []string, files, depth int) []Entry {
	return r.walk(paths, files, max(depth, 0), true)
}

// walking is one pass's listing: the files and directories it may still
// take in, and how deep it walks.
type walking struct {
	r          *Reader
	room, dirs int // what the path being walked may still take in
	bound      int
	paths      int    // how many paths share bound
	shared     bool   // paths want more than bound together: each has a share
	share      [2]int // the path's share of files and of directories
	depth      int
	say        bool // subdirectories not walked are entries
}

func (r *Reader) walk(paths []string, files, depth int, say bool) []Entry {
	bound := Limits{Files: files}.or().Files
	w := &walking{r: r, bound: bound, paths: len(paths), depth: depth, say: say}
	// Each path first as if alone: what it would take in. Most passes fit
	// the bound together, and this is the pass.
	var es []Entry
	want := make([][2]int, len(paths))
	sum := [2]int{}
	for i, p := range paths {
		w.room, w.dirs = bound, bound
		found := w.path(p)
		want[i] = [2]int{bound - w.room, bound - w.dirs}
		sum[0], sum[1] = sum[0]+want[i][0], sum[1]+want[i][1]
		if sum[0] <= bound && sum[1] <= bound {
			es = append(es, rooted(found, p)...)
		}
	}
	if sum[0] <= bound && sum[1] <= bound {
		return es
	}
	// Together they want more: each path gets its fair share, a path
	// wanting less than an equal part leaving the rest to the others, so
	// that one crowded path never hides another.
	fileShares, dirShares := fairShares(want, 0, bound), fairShares(want, 1, bound)
	es, w.shared = es[:0], true
	for i, p := range paths {
		w.room, w.dirs = fileShares[i], dirShares[i]
		w.share = [2]int{fileShares[i], dirShares[i]}
		es = append(es, rooted(w.path(p), p)...)
	}
	return es
}

// rooted sets the Root of the entries found under path p.
func rooted(found []Entry, p string) []Entry {
	for i := range found {
		found[i].Root = p
	}
	return found
}

// fairShares divides bound among the paths wanting want[i][k] each, so
// that none gets more than it wants and none wanting more gets less than
// another: the smallest wants are met first, the rest shared equally.
func fairShares(want [][2]int, k, bound int) []int {
	order := make([]int, len(want))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return want[a][k] - want[b][k] })
	shares, left := make([]int, len(want)), bound
	for n, i := range order {
		paths := len(order) - n
		shares[i] = min(want[i][k], (left+paths-1)/paths)
		left -= shares[i]
	}
	return shares
}

// pastFiles and pastDirs say which bound a path went past: the pass's, or,
// when several paths share it, the path's share.
func (w *walking) pastFiles() string {
	if !w.shared {
		return fmt.Sprintf("past the %d files one pass takes in (-max-files)", w.bound)
	}
	return fmt.Sprintf("past this path's %d of the %d files one pass takes in (-max-files), shared among the %d paths given", w.share[0], w.bound, w.paths)
}

func (w *walking) pastDirs() string {
	if !w.shared {
		return fmt.Sprintf("past the %d directories one pass walks (as many as -max-files)", w.bound)
	}
	return fmt.Sprintf("past this path's %d of the %d directories one pass walks (as many as -max-files), shared among the %d paths given", w.share[1], w.bound, w.paths)
}

func (w *walking) path(p string) []Entry {
	since, ok := w.r.begin(p)
	if !ok {
		return []Entry{{Path: p, Err: notReturned(p, since)}}
	}
	defer w.r.end(p)
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return []Entry{{Path: p, Err: pathErr(p, err)}}
	case st.IsDir():
		return w.dir(p, 0)
	case !st.Mode().IsRegular():
		return []Entry{{Path: p, Err: notRegular(p, st.Mode())}}
	case w.room == 0:
		return []Entry{{Path: p, Err: &Error{p, errors.New(w.pastFiles())}}}
	}
	w.room--
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

// dir lists the captures of dir, level levels below a directory given,
// and walks its subdirectories as deep as the pass may.
func (w *walking) dir(dir string, level int) []Entry {
	d, err := openFile(dir)
	if err != nil {
		return []Entry{{Path: dir, Err: pathErr(dir, err)}}
	}
	files, subdirs, total, err := w.read(d)
	d.Close()
	if err != nil {
		return []Entry{{Path: dir, Err: pathErr(dir, err)}}
	}
	var es []Entry
	if total > len(files) {
		es = append(es, Entry{Path: dir, Err: &Error{dir, fmt.Errorf("holds %d captures, %s: the first %d by name are read", total, w.pastFiles(), len(files))}})
	}
	// Files and subdirectories in name order: the pass's first files by
	// name are those of a tree walked in that order.
	for len(files) > 0 || len(subdirs) > 0 {
		if len(subdirs) == 0 || len(files) > 0 && files[0].Name() < subdirs[0].Name() {
			e := files[0]
			files = files[1:]
			if w.room == 0 {
				es = append(es, Entry{Path: dir, Err: &Error{dir, fmt.Errorf("%s: its files from %s on are not read", w.pastFiles(), Quote(e.Name()))}})
				files = nil
				continue
			}
			if en, ok := w.r.entryOf(filepath.Join(dir, e.Name()), e); ok {
				w.room--
				es = append(es, en)
			}
			continue
		}
		sub := filepath.Join(dir, subdirs[0].Name())
		subdirs = subdirs[1:]
		switch {
		case level+1 > w.depth:
			if w.say {
				es = append(es, Entry{Path: sub, Err: &Error{sub, fmt.Errorf("is %d levels below the directory given, past the %d a pass walks (-max-depth): not read", level+1, w.depth)}})
			}
		case w.dirs == 0:
			es = append(es, Entry{Path: dir, Err: &Error{dir, fmt.Errorf("%s: its subdirectories from %s on are not read", w.pastDirs(), Quote(filepath.Base(sub)))}})
			subdirs = nil
		default:
			w.dirs--
			es = append(es, w.subdir(sub, level+1)...)
		}
	}
	return es
}

// subdir walks a subdirectory, unless its listing has not returned.
func (w *walking) subdir(p string, level int) []Entry {
	since, ok := w.r.begin(p)
	if !ok {
		return []Entry{{Path: p, Err: notReturned(p, since)}}
	}
	defer w.r.end(p)
	return w.dir(p, level)
}

// read reads an open directory's names: its first files by name, as many
// as the pass has room for, and its first subdirectories by name, as many
// as it may walk; total counts its files. Whenever a list doubles it is
// cut back, so a directory of millions costs what the bounds do.
func (w *walking) read(d *os.File) (files, subdirs []fs.DirEntry, total int, err error) {
	if st, err := d.Stat(); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("is no longer a directory")
		}
		return nil, nil, 0, err
	}
	for {
		batch, err := d.ReadDir(readBatch)
		for _, e := range batch {
			switch {
			case strings.HasPrefix(e.Name(), "."):
			case e.IsDir():
				subdirs = append(subdirs, e)
				if len(subdirs) > 2*w.dirs+1 {
					subdirs = firstByName(subdirs, w.dirs+1)
				}
			case candidate(e):
				total++
				files = append(files, e)
				if len(files) > 2*w.room {
					files = firstByName(files, w.room)
				}
			}
		}
		if errors.Is(err, io.EOF) || len(batch) == 0 && err == nil {
			break
		}
		if err != nil {
			return nil, nil, 0, err
		}
	}
	if w.depth == 0 && !w.say {
		subdirs = nil
	}
	return firstByName(files, w.room), firstByName(subdirs, w.dirs+1), total, nil
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
