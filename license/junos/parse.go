package junos

import (
	"bytes"
	"fmt"
	"io"
)

// MaxBytes is the largest capture the parsers read: real output is a few
// kilobytes, so anything over 4 MiB is refused rather than held in memory.
const MaxBytes = 4 << 20

// Parse reads a capture in any form, detected by its first non-blank byte:
// '<' is the XML form, '{' the JSON form, anything else the text form.
//
// Cost, for every reader: at most MaxBytes are read (more is refused before
// any parsing), then one pass whose time and memory are linear in the
// input's size.
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

func readBounded(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("junos: reading the capture: %w", err)
	}
	if len(b) > MaxBytes {
		return nil, fmt.Errorf("junos: the capture is over %d bytes", MaxBytes)
	}
	return b, nil
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
