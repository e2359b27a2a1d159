package junos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ParseJSON reads show system license | display json (or its usage,
// installed and keys variants) in Juniper's JSON mapping of the XML: an
// object whose one member is the root element; every element an array of
// objects, one per occurrence, holding the element's text under "data",
// its attributes under "attributes" and its children as members (an empty
// element may be null). It reads what ParseXML reads, with the same
// refusals, naming the line of the JSON; of the attributes only
// "junos:seconds" is read, and it refuses an attribute given twice, input
// that is not UTF-8 and a \u escape of half a surrogate pair.
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
	d     *json.Decoder
	in    []byte
	line  int // the line of offset seen
	seen  int // the offset up to which lines are counted
	count int // elements read
}

// lineAt is the line of the decoder's offset. Offsets only grow, so each
// byte is counted once whatever the layout: O(1) amortised a call.
func (j *jsonReader) lineAt() int {
	off := int(j.d.InputOffset())
	j.line += bytes.Count(j.in[j.seen:off], []byte{'\n'})
	j.seen = off
	return j.line
}

func (j *jsonReader) fail(format string, args ...any) error {
	return &ParseError{Line: j.lineAt(), Msg: fmt.Sprintf(format, args...)}
}

func (j *jsonReader) token() (json.Token, error) {
	t, err := j.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, j.fail("the JSON ends early")
		}
		return nil, j.fail("%s", brief(err.Error()))
	}
	return t, nil
}

func (j *jsonReader) delim(want json.Delim) error {
	t, err := j.token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return j.fail("want %q, got %s", string(want), brief(fmt.Sprint(t)))
	}
	return nil
}

// name reads a member name: an element or attribute name, which holds no
// control character and is at most MaxValue bytes. Element and attribute
// names count with occurrences against maxElements ("data" and
// "attributes", once an object, go with the occurrence), so that no layout
// of a capture makes the reader take more steps than that many elements.
func (j *jsonReader) name() (string, error) {
	t, err := j.token()
	if err != nil {
		return "", err
	}
	key := t.(string) // object keys are strings
	if p := valueProblem(key); p != "" {
		return "", j.fail("the member name %s %s", quoted(key), p)
	}
	if key != "data" && key != "attributes" {
		if err := j.counted(); err != nil {
			return "", err
		}
	}
	return key, nil
}

// counted counts one more element, attribute or member.
func (j *jsonReader) counted() error {
	if j.count++; j.count > maxElements {
		return j.fail("over %d elements, attributes and members, the most a capture may hold", maxElements)
	}
	return nil
}

func jsonTree(b []byte) (*node, error) {
	if err := jsonText(b); err != nil {
		return nil, err
	}
	j := &jsonReader{d: json.NewDecoder(bytes.NewReader(b)), in: b, line: 1}
	j.d.UseNumber()
	if err := j.delim('{'); err != nil {
		return nil, err
	}
	if !j.d.More() {
		return nil, j.fail("the capture is an empty object")
	}
	name, err := j.name()
	if err != nil {
		return nil, err
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

// jsonText refuses what encoding/json would read as something else: bytes
// that are not UTF-8 and \u escapes of lone surrogates, both of which it
// turns into U+FFFD, so that two names a capture gives apart would read as
// one.
func jsonText(b []byte) error {
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		return &ParseError{Line: 1 + bytes.Count(b[:i], []byte{'\n'}), Msg: "the JSON is not UTF-8"}
	}
	inString := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString:
			n, bad := escapeLen(b[i:])
			if bad != "" {
				return &ParseError{Line: 1 + bytes.Count(b[:i], []byte{'\n'}), Msg: fmt.Sprintf("%s is a lone surrogate, not a character", bad)}
			}
			i += n - 1
		}
	}
	return nil
}

// escapeLen is the length of the escape at the start of b, a backslash:
// two bytes, six for \uXXXX, twelve for a surrogate pair. bad is the
// escape when it is half of a surrogate pair without its other half.
func escapeLen(b []byte) (n int, bad string) {
	if len(b) < 2 || b[1] != 'u' {
		return 2, ""
	}
	hi, ok := hex4(b[2:])
	switch {
	case !ok:
		return 2, "" // not an escape the decoder reads: it refuses it
	case hi < 0xd800 || hi > 0xdfff:
		return 6, ""
	case hi < 0xdc00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u':
		if lo, ok := hex4(b[8:]); ok && lo >= 0xdc00 && lo <= 0xdfff {
			return 12, ""
		}
	}
	return 6, string(b[:6])
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
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
		if err := j.counted(); err != nil {
			return nil, err
		}
		line := j.lineAt()
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
			return nil, j.fail("element %s: want an object, got %s", quoted(name), brief(fmt.Sprint(t)))
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
		key, err := j.name()
		if err != nil {
			return err
		}
		if seen[key] {
			return j.fail("element %s gives %s twice", quoted(n.name), quoted(key))
		}
		seen[key] = true
		switch key {
		case "data":
			s, err := j.str("the data of " + quoted(n.name))
			if err != nil {
				return err
			}
			n.text = []byte(s)
		case "attributes":
			err = j.attributes(n)
		default:
			var kids []*node
			kids, err = j.elements(key, depth+1)
			n.kids = append(n.kids, kids...)
		}
		if err != nil {
			return err
		}
	}
	return j.delim('}')
}

// str reads a string value.
func (j *jsonReader) str(what string) (string, error) {
	t, err := j.token()
	if err != nil {
		return "", err
	}
	s, ok := t.(string)
	if !ok {
		return "", j.fail("%s is not a string", what)
	}
	return s, nil
}

// attributes reads an element's attributes: "junos:seconds" is the one
// kept. An attribute given twice, or seconds given twice under two
// prefixes, is refused: which to believe cannot be told.
func (j *jsonReader) attributes(n *node) error {
	if err := j.delim('{'); err != nil {
		return err
	}
	seen := map[string]bool{}
	given := 0
	for j.d.More() {
		k, err := j.name()
		if err != nil {
			return err
		}
		if seen[k] {
			return j.fail("element %s gives the attribute %s twice", quoted(n.name), quoted(k))
		}
		seen[k] = true
		v, err := j.str("attribute " + quoted(k) + " of " + quoted(n.name))
		if err != nil {
			return err
		}
		if k[strings.LastIndexByte(k, ':')+1:] != "seconds" {
			continue
		}
		if given++; given > 1 {
			return j.fail("element %s gives seconds twice: one junos:seconds an element", quoted(n.name))
		}
		if k == "junos:seconds" {
			n.seconds, n.hasSeconds = v, true
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
	case n.hasSeconds:
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
