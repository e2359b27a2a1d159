package scenario

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
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

// jnode is one JSON value of a scenario file, kept with its key order, its
// offsets in the file (for line:column in errors) and its text, so that
// every later error can name its path and place, and a request can be
// echoed as written.
type jnode struct {
	kind jkind
	b    bool
	off  int32    // offset of the value's first byte
	end  int32    // offset just past the value
	str  string   // a string's value or a number's literal
	keys []jkey   // an object's keys, in file order
	vals []*jnode // an object's values or a list's elements
	// parent and idx place the value in its object or list, so that its
	// path is built only for an error.
	parent *jnode
	idx    int32
}

// jkey is a key of an object and its offset.
type jkey struct {
	s   string
	off int32
}

// loc is a place in a file an error is about: the value n, or the field key
// of object n (a missing or unknown field). Its path is built only when an
// error is recorded.
type loc struct {
	n   *jnode
	key string
}

// path is the place's path, such as "checks[2].request.devise".
func (l loc) path() string {
	var parts []string
	if l.key != "" {
		parts = append(parts, "."+l.key)
	}
	for n := l.n; n != nil && n.parent != nil; n = n.parent {
		if n.parent.kind == jArray {
			parts = append(parts, "["+strconv.Itoa(int(n.idx))+"]")
		} else {
			parts = append(parts, "."+n.parent.keys[n.idx].s)
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return strings.TrimPrefix(b.String(), ".")
}

// get returns the value of key in an object, or nil.
func (n *jnode) get(key string) *jnode {
	for i, k := range n.keys {
		if k.s == key {
			return n.vals[i]
		}
	}
	return nil
}

// jparser is a single-pass scanner over the bytes of a file that builds its
// tree. Strings without escapes are slices of one string copy of the file,
// and nodes, keys and child lists come from chunked arenas, so allocations
// grow with the file's size in chunks, not with its tokens. It refuses
// nesting deeper than maxDepth and repeated keys, and keeps the path of the
// container it is in so a syntax error names it.
type jparser struct {
	src   string
	pos   int
	depth int
	stack []frame

	nodes []jnode
	ptrs  []*jnode
	strs  []jkey
	// scratch holds the children of open containers, innermost last.
	scratch  []*jnode
	kscratch []jkey
}

// frame is one open container: its key in its parent or its index.
type frame struct {
	key  string
	list bool
	n    int
}

// syntaxError is a malformed file: where and why, and the path of the
// container it was found in.
type syntaxError struct {
	off  int
	path string
	msg  string
}

func (e *syntaxError) Error() string { return e.path + ": " + e.msg }

const arenaChunk = 4096

func (p *jparser) node() *jnode {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]jnode, 0, arenaChunk)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	return &p.nodes[len(p.nodes)-1]
}

// take moves the last n children off the scratch stacks into arena slices.
func take[T any](arena *[]T, scratch *[]T, from int) []T {
	s := (*scratch)[from:]
	if len(s) == 0 {
		return nil
	}
	if cap(*arena)-len(*arena) < len(s) {
		*arena = make([]T, 0, max(arenaChunk, len(s)))
	}
	a := *arena
	out := a[len(a) : len(a)+len(s) : len(a)+len(s)]
	copy(out, s)
	*arena = a[:len(a)+len(s)]
	clear(s)
	*scratch = (*scratch)[:from]
	return out
}

func parseTree(data []byte) (*jnode, error) {
	p := &jparser{src: string(data)}
	p.space()
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, &syntaxError{p.pos, "", "data after the top-level object; want one JSON object"}
	}
	return n, nil
}

// path is the path of the innermost open container.
func (p *jparser) path() string {
	if len(p.stack) == 0 {
		return ""
	}
	var b strings.Builder
	for _, f := range p.stack[:len(p.stack)-1] {
		if f.list {
			b.WriteString("[" + strconv.Itoa(f.n) + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.key)
	}
	return b.String()
}

func (p *jparser) fail(msg string, args ...any) error {
	if p.pos >= len(p.src) {
		return &syntaxError{len(p.src), p.path(), "invalid JSON: unexpected end of file"}
	}
	return &syntaxError{p.pos, p.path(), "invalid JSON: " + fmt.Sprintf(msg, args...)}
}

// quoteChar says a byte of the file the way encoding/json does.
func (p *jparser) char() string {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jparser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

// value reads one value at p.pos, which is not space.
func (p *jparser) value() (*jnode, error) {
	if p.pos >= len(p.src) {
		return nil, p.fail("")
	}
	start := p.pos
	n := p.node()
	n.off = int32(start)
	switch c := p.src[p.pos]; {
	case c == '{' || c == '[':
		if p.depth+1 > maxDepth {
			path := p.path()
			if len(p.stack) > 0 {
				path = childPath(path, p.stack[len(p.stack)-1])
			}
			return nil, &syntaxError{start, path, fmt.Sprintf("nested deeper than the format's %d levels", maxDepth)}
		}
		var err error
		if c == '{' {
			err = p.object(n)
		} else {
			err = p.list(n)
		}
		if err != nil {
			return nil, err
		}
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		n.kind, n.str = jString, s
	case c == '-' || (c >= '0' && c <= '9'):
		if err := p.number(); err != nil {
			return nil, err
		}
		n.kind, n.str = jNumber, p.src[start:p.pos]
	case strings.HasPrefix(p.src[p.pos:], "true"):
		n.kind, n.b = jBool, true
		p.pos += 4
	case strings.HasPrefix(p.src[p.pos:], "false"):
		n.kind = jBool
		p.pos += 5
	case strings.HasPrefix(p.src[p.pos:], "null"):
		n.kind = jNull
		p.pos += 4
	default:
		return nil, p.fail("invalid character %s looking for beginning of value", p.char())
	}
	n.end = int32(p.pos)
	return n, nil
}

// childPath is the path of the value being read inside the container f at
// path.
func childPath(path string, f frame) string {
	if f.list {
		return index(path, f.n)
	}
	return join(path, f.key)
}

func (p *jparser) object(n *jnode) error {
	n.kind = jObject
	p.pos++ // '{'
	p.depth++
	p.stack = append(p.stack, frame{})
	top := len(p.stack) - 1
	from, kfrom := len(p.scratch), len(p.kscratch)
	var seen map[string]bool
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
	} else {
		for {
			if p.pos >= len(p.src) || p.src[p.pos] != '"' {
				return p.fail("invalid character %s looking for beginning of object key string", p.char())
			}
			koff := int32(p.pos)
			key, err := p.string()
			if err != nil {
				return err
			}
			keys := p.kscratch[kfrom:]
			if len(keys) > 16 && seen == nil {
				seen = make(map[string]bool, 2*len(keys))
				for _, k := range keys {
					seen[k.s] = true
				}
			}
			if (seen != nil && seen[key]) || (seen == nil && containsKey(keys, key)) {
				return &syntaxError{int(koff), join(p.path(), key), "repeated key; want each key once"}
			}
			if seen != nil {
				seen[key] = true
			}
			p.space()
			if p.pos >= len(p.src) || p.src[p.pos] != ':' {
				return p.fail("invalid character %s after object key", p.char())
			}
			p.pos++
			p.space()
			p.stack[top].key = key
			v, err := p.value()
			if err != nil {
				return err
			}
			p.scratch = append(p.scratch, v)
			p.kscratch = append(p.kscratch, jkey{key, koff})
			p.space()
			if p.pos < len(p.src) && p.src[p.pos] == ',' {
				p.pos++
				p.space()
				continue
			}
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				p.pos++
				break
			}
			return p.fail("invalid character %s after object key:value pair", p.char())
		}
	}
	n.vals = take(&p.ptrs, &p.scratch, from)
	for i, v := range n.vals {
		v.parent, v.idx = n, int32(i)
	}
	n.keys = take(&p.strs, &p.kscratch, kfrom)
	p.stack = p.stack[:top]
	p.depth--
	return nil
}

func containsKey(keys []jkey, key string) bool {
	for _, k := range keys {
		if k.s == key {
			return true
		}
	}
	return false
}

func (p *jparser) list(n *jnode) error {
	n.kind = jArray
	p.pos++ // '['
	p.depth++
	p.stack = append(p.stack, frame{list: true})
	top := len(p.stack) - 1
	from := len(p.scratch)
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
	} else {
		for {
			p.stack[top].n = len(p.scratch) - from
			v, err := p.value()
			if err != nil {
				return err
			}
			p.scratch = append(p.scratch, v)
			p.space()
			if p.pos < len(p.src) && p.src[p.pos] == ',' {
				p.pos++
				p.space()
				continue
			}
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				p.pos++
				break
			}
			return p.fail("invalid character %s after array element", p.char())
		}
	}
	n.vals = take(&p.ptrs, &p.scratch, from)
	for i, v := range n.vals {
		v.parent, v.idx = n, int32(i)
	}
	p.stack = p.stack[:top]
	p.depth--
	return nil
}

// number scans a JSON number's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jparser) number() error {
	s := p.src
	if s[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		start := p.pos
		for p.pos < len(s) && s[p.pos] >= '0' && s[p.pos] <= '9' {
			p.pos++
		}
		return p.pos - start
	}
	switch {
	case p.pos < len(s) && s[p.pos] == '0':
		p.pos++
	case digits() == 0:
		return p.fail("invalid character %s in numeric literal", p.char())
	}
	if p.pos < len(s) && s[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return p.fail("invalid character %s after decimal point in numeric literal", p.char())
		}
	}
	if p.pos < len(s) && (s[p.pos] == 'e' || s[p.pos] == 'E') {
		p.pos++
		if p.pos < len(s) && (s[p.pos] == '+' || s[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return p.fail("invalid character %s in exponent of numeric literal", p.char())
		}
	}
	return nil
}

// string reads a string at p.pos ('"'); without escapes it is a slice of
// the file's one string copy. The file is valid UTF-8 (checked before).
func (p *jparser) string() (string, error) {
	p.pos++
	start := p.pos
	s := p.src
	for p.pos < len(s) {
		switch c := s[p.pos]; {
		case c == '"':
			p.pos++
			return s[start : p.pos-1], nil
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return "", p.fail("invalid character %s in string literal", p.char())
		}
		p.pos++
	}
	return "", p.fail("")
}

// escaped reads the rest of a string that has escapes, from start.
func (p *jparser) escaped(start int) (string, error) {
	s := p.src
	b := []byte(s[start:p.pos])
	for p.pos < len(s) {
		c := s[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(b), nil
		case c < 0x20:
			return "", p.fail("invalid character %s in string literal", p.char())
		case c != '\\':
			b = append(b, c)
			p.pos++
			continue
		}
		p.pos++
		if p.pos >= len(s) {
			return "", p.fail("")
		}
		switch e := s[p.pos]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := p.hex4(p.pos + 1)
			if !ok {
				return "", p.fail("invalid character %s in \\u hexadecimal character escape", p.char())
			}
			p.pos += 4
			if utf16.IsSurrogate(r) {
				// A pair, or U+FFFD for half of one, as encoding/json does.
				if r2, ok := p.hex4(p.pos + 3); ok && p.pos+2 < len(s) && s[p.pos+1:p.pos+3] == `\u` {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						p.pos += 6
						r = d
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", p.fail("invalid character %s in string escape code", p.char())
		}
		p.pos++
	}
	return "", p.fail("")
}

// hex4 reads four hexadecimal digits at i.
func (p *jparser) hex4(i int) (rune, bool) {
	if i+4 > len(p.src) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(p.src[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// lines converts byte offsets of a file to line:column, the column counted
// in characters from 1. It indexes the file's line starts once.
type lines struct {
	src    []byte
	starts []int
}

func (l *lines) at(off int) (line, col int) {
	if l.starts == nil {
		l.starts = []int{0}
		for i, c := range l.src {
			if c == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	off = min(max(off, 0), len(l.src))
	lo, hi := 0, len(l.starts) // starts[lo] <= off < starts[hi]
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1, utf8.RuneCount(l.src[l.starts[lo]:off]) + 1
}
