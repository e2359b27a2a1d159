package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Limits of the scenario format (SCENARIOS.md: "a file over 8 MiB, or nested
// deeper than the format needs, is refused").
const (
	// MaxSize is the largest scenario file Decode reads.
	MaxSize = 8 << 20
	// maxDepth is the deepest nesting the format needs: the top object,
	// checks, a check, its expect, its obligations, one obligation (or
	// creditAccounts, an account, callOffs, a call-off, its engagement).
	maxDepth = 6
)

type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

func (k jkind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "a list", "an object"}[k]
}

// jnode is one JSON value of a scenario file, kept with its key order and its
// text so that every later error can name its path and a request can be
// echoed as written.
type jnode struct {
	kind jkind
	str  string // a string's value or a number's literal
	b    bool
	keys []string // an object's keys, in file order
	vals []*jnode // an object's values or a list's elements
	raw  []byte   // the value as written
}

// get returns the value of key in an object, or nil.
func (n *jnode) get(key string) *jnode {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// jparser builds the tree of a file with a json.Decoder, refusing nesting
// deeper than maxDepth and repeated keys, and recording where it is so a
// syntax error names its path.
type jparser struct {
	data []byte
	dec  *json.Decoder
}

type pathError struct{ path, msg string }

func (e *pathError) Error() string { return e.path + ": " + e.msg }

func parseTree(data []byte) (*jnode, error) {
	p := &jparser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value("", 0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &pathError{"", "data after the top-level object; want one JSON object"}
	}
	return n, nil
}

func (p *jparser) syntax(path string, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &pathError{path, fmt.Sprintf("invalid JSON at byte %d: %v", se.Offset, err)}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &pathError{path, "invalid JSON: unexpected end of file"}
	}
	return &pathError{path, "invalid JSON: " + err.Error()}
}

// value reads one value at path; depth counts the objects and lists around it.
func (p *jparser) value(path string, depth int) (*jnode, error) {
	start := p.dec.InputOffset()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntax(path, err)
	}
	n := &jnode{}
	switch t := tok.(type) {
	case nil:
		n.kind = jNull
	case bool:
		n.kind, n.b = jBool, t
	case json.Number:
		n.kind, n.str = jNumber, string(t)
	case string:
		n.kind, n.str = jString, t
	case json.Delim:
		if t != '{' && t != '[' {
			return nil, &pathError{path, fmt.Sprintf("invalid JSON: unexpected %q", rune(t))}
		}
		if depth+1 > maxDepth {
			return nil, &pathError{path, fmt.Sprintf("nested deeper than the format's %d levels", maxDepth)}
		}
		if t == '{' {
			if err := p.object(n, path, depth+1); err != nil {
				return nil, err
			}
		} else if err := p.list(n, path, depth+1); err != nil {
			return nil, err
		}
	}
	n.raw = bytes.TrimLeft(p.data[start:p.dec.InputOffset()], " \t\r\n:,")
	return n, nil
}

func (p *jparser) object(n *jnode, path string, depth int) error {
	n.kind = jObject
	var seen map[string]bool
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return p.syntax(path, err)
		}
		key, ok := tok.(string)
		if !ok {
			return &pathError{path, "invalid JSON: want a key"}
		}
		kp := join(path, key)
		if len(n.keys) > 16 && seen == nil {
			seen = make(map[string]bool, 2*len(n.keys))
			for _, k := range n.keys {
				seen[k] = true
			}
		}
		if (seen != nil && seen[key]) || (seen == nil && n.get(key) != nil) {
			return &pathError{kp, "repeated key; want each key once"}
		}
		if seen != nil {
			seen[key] = true
		}
		v, err := p.value(kp, depth)
		if err != nil {
			return err
		}
		n.keys, n.vals = append(n.keys, key), append(n.vals, v)
	}
	if _, err := p.dec.Token(); err != nil { // '}'
		return p.syntax(path, err)
	}
	return nil
}

func (p *jparser) list(n *jnode, path string, depth int) error {
	n.kind = jArray
	for p.dec.More() {
		v, err := p.value(index(path, len(n.vals)), depth)
		if err != nil {
			return err
		}
		n.vals = append(n.vals, v)
	}
	if _, err := p.dec.Token(); err != nil { // ']'
		return p.syntax(path, err)
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
