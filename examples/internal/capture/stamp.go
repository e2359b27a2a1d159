package capture

import (
	"io/fs"
	"os"
	"time"
)

// Stamp is what a regular file's metadata says of its content: its device
// and inode, size, and modification and change times. A file whose Stamp
// is unchanged holds the bytes it held, save for a write within the file
// system's clock tick of the last one (see [Settle]). The change time is set by the system on every
// write, rename and utimes, so a file put in another's place with its
// size and modification time copied still changes its Stamp.
//
// Stamps compare with == only through [Stamp.Same]. The zero Stamp is of no
// file: it is the same as no Stamp, and where the system does not give the
// inode and change time (outside Linux) every Stamp is the zero Stamp, so
// a file is never taken for unchanged.
type Stamp struct {
	ok           bool
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds since the Unix epoch
}

// Same reports whether s and o are the valid stamps of one unchanged file.
func (s Stamp) Same(o Stamp) bool { return s.ok && s == o }

// IsValid reports whether s is a file's stamp.
func (s Stamp) IsValid() bool { return s.ok }

// Settle is how long after a file's last change its stamp is trusted: a
// second write within the file system's clock tick of the first (coarse on
// some file systems, a second or two on network and FAT ones) can leave
// the stamp as it was.
const Settle = 2 * time.Second

// ChangedBefore reports whether the file's last change (modification and
// change time) is before t: a caller passing an instant [Settle] before
// it took the stamp knows that a later write changes the stamp.
func (s Stamp) ChangedBefore(t time.Time) bool {
	limit := t.UnixNano()
	return s.ok && s.mtime < limit && s.ctime < limit
}

// stampOf is the stamp of a regular file's metadata; the zero Stamp for
// anything else.
func stampOf(fi fs.FileInfo) Stamp {
	if fi == nil || !fi.Mode().IsRegular() {
		return Stamp{}
	}
	return sysStamp(fi)
}

// Stat returns the stamp of the regular file p, following links, without
// opening it: a named pipe or device in p's place is refused as Read
// refuses it, and nothing is opened that could block. Where the system
// gives no inode the stamp is the zero Stamp. A stat of p that has not
// returned (a hung mount) is not begun again until it does. Every error is
// an [*Error] naming p.
func (r *Reader) Stat(p string) (Stamp, error) {
	since, ok := r.begin(p)
	if !ok {
		return Stamp{}, notReturned(p, since)
	}
	defer r.end(p)
	st, err := os.Stat(p)
	if err != nil {
		return Stamp{}, pathErr(p, err)
	}
	if !st.Mode().IsRegular() {
		return Stamp{}, notRegular(p, st.Mode())
	}
	return stampOf(st), nil
}
