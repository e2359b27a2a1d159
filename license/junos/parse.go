package junos

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"unicode/utf8"
)

// The bounds every reader holds a capture to. Real output is a few
// kilobytes of tens of features in lines under 200 bytes, so anything far
// beyond is refused rather than held in memory.
const (
	// MaxBytes is the largest capture read.
	MaxBytes = 4 << 20
	// MaxEntries is the most usage rows, installed keys and features of
	// installed keys a capture may list, counted together.
	MaxEntries = 10000
	// MaxLine is the longest line of the text form, in bytes.
	MaxLine = 4096
	// MaxValue is the longest value a capture may give (a name, an
	// identifier, a description, an element's text), in bytes.
	MaxValue = 1024
)

// Parse reads a capture in any form, detected by its first non-blank byte:
// '<' is the XML form, '{' the JSON form, anything else the text form.
//
// Cost, for every reader: at most MaxBytes are read (more is refused before
// any parsing), then one pass whose time and memory are linear in the
// input's size; what a report keeps is bounded by MaxEntries and MaxValue.
func Parse(r io.Reader) (Report, error) {
	b, err := readBounded(r)
	if err != nil {
		return Report{}, err
	}
	if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) > 0 {
		switch t[0] {
		case '<':
			return parseXML(b)
		case '{':
			return parseJSON(b)
		}
	}
	return parseText(b)
}

// readBounded reads r whole, refusing more than MaxBytes. A reader that
// knows its size (a file, a bytes.Reader) is read into one buffer of that
// size rather than one grown by doubling.
func readBounded(r io.Reader) ([]byte, error) {
	b := make([]byte, 0, sizeHint(r)+1)
	lr := io.LimitReader(r, MaxBytes+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("junos: reading the capture: %w", err)
		}
	}
	if len(b) > MaxBytes {
		return nil, fmt.Errorf("junos: the capture is over %d bytes, the most read", MaxBytes)
	}
	return b, nil
}

// sizeHint is how many bytes r says it holds, within MaxBytes; 512 when it
// does not say.
func sizeHint(r io.Reader) int {
	n := int64(512)
	switch s := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if st, err := s.Stat(); err == nil && st.Mode().IsRegular() {
			n = st.Size()
		}
	case interface{ Len() int }:
		n = int64(s.Len())
	}
	return int(min(max(n, 0), MaxBytes))
}

// ParseError is a refusal of the parsers: the line (1-based) where the input
// stops being show system license output, and why. The zero ParseError names
// no line.
type ParseError struct {
	Line int
	Msg  string
}

// Error returns "junos: line N: why".
func (e *ParseError) Error() string { return fmt.Sprintf("junos: line %d: %s", e.Line, e.Msg) }

// maxQuoted is how much of a text an error quotes: a refusal names the
// text, it does not echo a megabyte.
const maxQuoted = 120

// quoted quotes s for an error, cut to maxQuoted bytes.
func quoted(s string) string {
	if len(s) > maxQuoted {
		cut := maxQuoted
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "..."
	}
	return strconv.Quote(s)
}

// valueProblem says why s cannot be a value of a report (a name, an
// identifier, a description), or "" when it can: device output holds no
// control character, so a value holding one is not device output and
// could forge a line wherever it is printed.
func valueProblem(s string) string {
	if len(s) > MaxValue {
		return fmt.Sprintf("is over %d bytes, the longest value read", MaxValue)
	}
	if i := controlIndex(s); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Sprintf("holds the control character %s", strconv.QuoteRune(r))
	}
	return ""
}

// controlIndex is the index of the first control character (C0, DEL, C1)
// of s, or -1.
func controlIndex(s string) int {
	for i, r := range s {
		if isControl(r) {
			return i
		}
	}
	return -1
}

func isControl(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }
