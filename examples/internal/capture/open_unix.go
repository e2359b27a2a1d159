//go:build unix

package capture

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// openFlags open for reading without blocking: opening a named pipe with
// no writer, or a device, returns at once (and a terminal does not become
// the process's); what was opened is checked on its descriptor after.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY

// errWouldBlock is a read that could not return at once.
var errWouldBlock = errors.New("the file cannot be read without waiting: not a capture file")

// noWait reads f with read(2) directly, never parking on the runtime's
// poller: a regular file that would block (one of /proc, a FUSE file)
// fails at once instead.
func noWait(f *os.File) io.Reader {
	rc, err := f.SyscallConn()
	if err != nil {
		return f
	}
	return rawReader{rc}
}

type rawReader struct{ rc syscall.RawConn }

func (r rawReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var rerr error
	err := r.rc.Read(func(fd uintptr) bool {
		for {
			n, rerr = syscall.Read(int(fd), p)
			if rerr != syscall.EINTR {
				return true
			}
		}
	})
	switch {
	case err != nil:
		return 0, err
	case rerr == syscall.EAGAIN:
		return 0, errWouldBlock
	case rerr != nil:
		return 0, rerr
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}
