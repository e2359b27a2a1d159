//go:build !unix

package capture

import (
	"io"
	"os"
)

// openFlags open for reading; what was opened is checked on its
// descriptor after.
const openFlags = os.O_RDONLY

func noWait(f *os.File) io.Reader { return f }
