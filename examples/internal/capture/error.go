package capture

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a path a pass could not read, and why. Its message quotes the
// path where it holds a control character ([Quote]), and names it once: the
// path is not repeated from the operating system's error. The zero Error
// is not usable: its Err is nil.
type Error struct {
	Path string
	Err  error
}

// Error returns "path: why", the path quoted where it must be.
func (e *Error) Error() string {
	msg := e.Err.Error()
	if pe, ok := e.Err.(*fs.PathError); ok {
		msg = pe.Op + ": " + pe.Err.Error()
	}
	return Quote(e.Path) + ": " + Line(msg)
}

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// pathErr wraps err as an *Error of path, unless it is one already.
func pathErr(path string, err error) error {
	var ce *Error
	if errors.As(err, &ce) {
		return err
	}
	return &Error{Path: path, Err: err}
}

// Quote returns s as it is where it prints as itself on one line, and
// otherwise as a Go string literal (strconv.Quote): where it holds a
// control or other unprintable character, U+FFFD, bytes that are not
// UTF-8, or begins with a double quote (so that no name prints as another
// name quoted).
func Quote(s string) string {
	if !utf8.ValidString(s) || strings.HasPrefix(s, `"`) || strings.ContainsFunc(s, unprintable) {
		return strconv.Quote(s)
	}
	return s
}

func unprintable(r rune) bool {
	return r != ' ' && !unicode.IsPrint(r) || r == utf8.RuneError
}

// Line returns msg with every unprintable character and byte that is not
// UTF-8 written as its Go escape (\n, \x1b, \u2028), so that a message
// holding a name nobody quoted still prints as one line.
func Line(msg string) string {
	if utf8.ValidString(msg) && !strings.ContainsFunc(msg, func(r rune) bool { return r != ' ' && !unicode.IsPrint(r) }) {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		r, size := utf8.DecodeRuneInString(msg[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(msg[i])|0x100, 16)[1:])
		case r != ' ' && !unicode.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(msg[i : i+size])
		}
		i += size
	}
	return b.String()
}
