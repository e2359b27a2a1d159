package junos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// ParseJSON reads show system license | display json (or its usage,
// installed and keys variants) in Juniper's JSON mapping of the XML: an
// object whose one member is the root element; every element an array of
// objects, one per occurrence, holding the element's text under "data",
// its attributes under "attributes" and its children as members (an empty
// element may be null). It reads what ParseXML reads, with the same
// refusals, naming the line of the JSON.
//
// Cost: one pass over the input, time and memory linear in its size (at most
// MaxBytes, refused beyond), nesting at most 64 elements deep.
func ParseJSON(r io.Reader) (Report, error) {
	b, err := readBounded(r)
	if err != nil {
		return Report{}, err
	}
	return parseJSON(b)
}

func parseJSON(b []byte) (Report, error) {
	root, err := jsonTree(b)
	if err != nil {
		return Report{}, err
	}
	return fromTree(root, JSON)
}

type jsonReader struct {
	d        *json.Decoder
	newlines []int // offsets of '\n', to name lines
}

func (j *jsonReader) line() int {
	off := int(j.d.InputOffset())
	return sort.SearchInts(j.newlines, off) + 1
}

func (j *jsonReader) fail(format string, args ...any) error {
	return &ParseError{Line: j.line(), Msg: fmt.Sprintf(format, args...)}
}

func (j *jsonReader) token() (json.Token, error) {
	t, err := j.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, j.fail("the JSON ends early")
		}
		return nil, j.fail("%v", err)
	}
	return t, nil
}

func (j *jsonReader) delim(want json.Delim) error {
	t, err := j.token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return j.fail("want %q, got %v", string(want), t)
	}
	return nil
}

func jsonTree(b []byte) (*node, error) {
	j := &jsonReader{d: json.NewDecoder(bytes.NewReader(b))}
	for i, c := range b {
		if c == '\n' {
			j.newlines = append(j.newlines, i)
		}
	}
	j.d.UseNumber()
	if err := j.delim('{'); err != nil {
		return nil, err
	}
	t, err := j.token()
	if err != nil {
		return nil, err
	}
	name, ok := t.(string)
	if !ok {
		return nil, j.fail("the capture is an empty object")
	}
	els, err := j.elements(name, 1)
	if err != nil {
		return nil, err
	}
	if len(els) != 1 {
		return nil, j.fail("the root element <%s> is given %d times: one capture a file", name, len(els))
	}
	if j.d.More() {
		return nil, j.fail("a second root element after <%s>: one capture a file", name)
	}
	if err := j.delim('}'); err != nil {
		return nil, err
	}
	if _, err := j.d.Token(); !errors.Is(err, io.EOF) {
		return nil, j.fail("a second capture after the first: one capture a file")
	}
	return els[0], nil
}

// elements reads the array of an element's occurrences.
func (j *jsonReader) elements(name string, depth int) ([]*node, error) {
	if depth > maxDepth {
		return nil, j.fail("elements nest more than %d deep", maxDepth)
	}
	if err := j.delim('['); err != nil {
		return nil, fmt.Errorf("element %s: %w", quoted(name), err)
	}
	var ns []*node
	for j.d.More() {
		line := j.line()
		t, err := j.token()
		if err != nil {
			return nil, err
		}
		n := &node{name: name, line: line}
		ns = append(ns, n)
		if t == nil {
			continue
		}
		if d, ok := t.(json.Delim); !ok || d != '{' {
			return nil, j.fail("element %s: want an object, got %v", quoted(name), t)
		}
		if err := j.members(n, depth); err != nil {
			return nil, err
		}
	}
	return ns, j.delim(']')
}

// members reads an element's object after its '{'.
func (j *jsonReader) members(n *node, depth int) error {
	seen := map[string]bool{}
	for j.d.More() {
		t, err := j.token()
		if err != nil {
			return err
		}
		key := t.(string) // object keys are strings
		if seen[key] {
			return j.fail("element %s gives %s twice", quoted(n.name), quoted(key))
		}
		seen[key] = true
		switch key {
		case "data":
			t, err := j.token()
			if err != nil {
				return err
			}
			s, ok := t.(string)
			if !ok {
				return j.fail("the data of %s is not a string", quoted(n.name))
			}
			n.text = []byte(s)
		case "attributes":
			if err := j.delim('{'); err != nil {
				return err
			}
			for j.d.More() {
				k, err := j.token()
				if err != nil {
					return err
				}
				v, err := j.token()
				if err != nil {
					return err
				}
				s, ok := v.(string)
				if !ok {
					return j.fail("attribute %s of %s is not a string", quoted(k.(string)), quoted(n.name))
				}
				if k == "junos:seconds" || k == "seconds" {
					n.seconds = s
				}
			}
			if err := j.delim('}'); err != nil {
				return err
			}
		default:
			kids, err := j.elements(key, depth+1)
			if err != nil {
				return err
			}
			n.kids = append(n.kids, kids...)
		}
	}
	return j.delim('}')
}

// JSON renders the report in Juniper's JSON mapping, as | display json
// prints it. ParseJSON reads it back to an equal report (save Form and
// lines).
func (r Report) JSON() string {
	var b strings.Builder
	b.WriteString("{\n")
	writeJSONElement(&b, r.toTree(), 1, true)
	b.WriteString("\n}\n")
	return b.String()
}

func writeJSONElement(b *strings.Builder, n *node, depth int, root bool) {
	indent := strings.Repeat("    ", depth)
	b.WriteString(indent + jsonString(n.name) + " : [\n")
	writeJSONObject(b, n, depth+1, root)
	b.WriteString("\n" + indent + "]")
}

func jsonString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// writeJSONObject writes one occurrence of an element; the root carries the
// junos namespace as devices print it.
func writeJSONObject(b *strings.Builder, n *node, depth int, root bool) {
	indent := strings.Repeat("    ", depth)
	var parts []string
	switch {
	case root:
		parts = append(parts, indent+`    "attributes" : {"xmlns:junos" : "http://xml.juniper.net/junos/*/junos"}`)
	case n.seconds != "":
		parts = append(parts, indent+`    "attributes" : {"junos:seconds" : `+jsonString(n.seconds)+"}")
	}
	if len(n.kids) == 0 {
		parts = append(parts, indent+`    "data" : `+jsonString(string(n.text)))
	}
	// The mapping groups an element's occurrences under one member.
	for i := 0; i < len(n.kids); {
		k := i
		for k < len(n.kids) && n.kids[k].name == n.kids[i].name {
			k++
		}
		var sub strings.Builder
		sub.WriteString(indent + "    " + jsonString(n.kids[i].name) + " : [\n")
		for x := i; x < k; x++ {
			if x > i {
				sub.WriteString(",\n")
			}
			writeJSONObject(&sub, n.kids[x], depth+2, false)
		}
		sub.WriteString("\n" + indent + "    ]")
		parts = append(parts, sub.String())
		i = k
	}
	b.WriteString(indent + "{\n" + strings.Join(parts, ",\n") + "\n" + indent + "}")
}
