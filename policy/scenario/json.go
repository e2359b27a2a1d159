package scenario

import (
	"bytes"
	"cmp"
	"fmt"
	"iter"
	"slices"
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

// tree is a scenario file parsed: its nodes in one arena, preorder, the
// root first. Nothing in the arena is a pointer, so the garbage collector
// never scans it however large the file; strings are offsets into src, the
// file's one string copy, except those with escapes, which live in escs.
// A node is 28 bytes; a scenario file has a value every 18 bytes or so.
type tree struct {
	src string
	// data is the file's bytes, the decoder's own read buffer.
	data  []byte
	nodes []jnode
	// kids holds the children of every list and object, each container's
	// contiguous, in file order.
	kids []int32
	// escs holds the strings with escapes, value or key, by the offset
	// of their opening quote: they are rare in a scenario file.
	escs map[int32]string
}

// jnode is one JSON value of a scenario file, kept with its key order, its
// offsets in the file (for line:column in errors) and its text, so that
// every later error can name its path and place, and a request can be
// echoed as written. It holds no pointers (see tree).
type jnode struct {
	kind jkind
	b    bool
	// esc and kesc say the value (a string) or its key has escapes, and
	// is in tree.escs; else a string's value is src[off+1:end-1], a
	// number's src[off:end], a key src from koff+1 to the next quote.
	esc, kesc bool
	off       int32 // offset of the value's first byte
	end       int32 // offset just past the value
	koff      int32 // offset of the value's key in its object
	// parent places the value in its object or list (-1 for the root),
	// so that its path is built only for an error.
	parent int32
	// kids and nkids are the range of tree.kids holding its children.
	kids, nkids int32
}

// str is a string's value or a number's literal.
func (t *tree) str(n *jnode) string {
	switch {
	case n.esc:
		return t.escs[n.off]
	case n.kind == jString:
		return t.src[n.off+1 : n.end-1]
	case n.kind == jNumber:
		return t.src[n.off:n.end]
	}
	return ""
}

// text is a string's value as bytes for an UnmarshalText, which by its
// contract copies what it keeps: without escapes, a slice of data, so that
// reading an enumeration's name allocates nothing.
func (t *tree) text(n *jnode) []byte {
	if !n.esc && n.kind == jString {
		return t.data[n.off+1 : n.end-1 : n.end-1]
	}
	return []byte(t.str(n))
}

// key is n's key in its object.
func (t *tree) key(n *jnode) string {
	if n.kesc {
		return t.escs[n.koff]
	}
	k := t.src[n.koff+1:]
	return k[:strings.IndexByte(k, '"')]
}

// kidList is the values of a list or an object, in file order.
type kidList struct {
	t   *tree
	ids []int32
}

// children returns n's children; none unless n is a list or an object.
func (t *tree) children(n *jnode) kidList {
	return kidList{t, t.kids[n.kids : n.kids+n.nkids]}
}

func (c kidList) len() int { return len(c.ids) }

func (c kidList) at(i int) *jnode { return &c.t.nodes[c.ids[i]] }

// index is n's index among c, found by bisection on the offsets, which
// siblings have in file order: only an error's path needs it, and a
// hundred errors at the end of a list of a million stay cheap.
func (c kidList) index(n *jnode) int {
	i, found := slices.BinarySearchFunc(c.ids, n.off, func(id, off int32) int { return cmp.Compare(c.t.nodes[id].off, off) })
	if !found {
		return -1
	}
	return i
}

// all yields the children with their indices.
func (c kidList) all() iter.Seq2[int, *jnode] {
	return func(yield func(int, *jnode) bool) {
		for i, id := range c.ids {
			if !yield(i, &c.t.nodes[id]) {
				return
			}
		}
	}
}

// get returns the value of key in an object, or nil.
func (t *tree) get(n *jnode, key string) *jnode {
	if n.kind != jObject {
		return nil
	}
	for _, id := range t.kids[n.kids : n.kids+n.nkids] {
		if c := &t.nodes[id]; t.key(c) == key {
			return c
		}
	}
	return nil
}

// loc is a place in a file an error is about: the value n, or the field key
// of object n (a missing or unknown field). Its path is built only when an
// error is recorded.
type loc struct {
	n   *jnode
	key string
}

// path is the place's path in t, such as "checks[2].request.devise".
func (l loc) path(t *tree) string {
	var parts []string
	if l.key != "" {
		parts = append(parts, "."+pathKey(l.key))
	}
	for n := l.n; n != nil && n.parent >= 0; n = &t.nodes[n.parent] {
		if p := &t.nodes[n.parent]; p.kind == jArray {
			parts = append(parts, "["+strconv.Itoa(t.children(p).index(n))+"]")
		} else {
			parts = append(parts, "."+pathKey(t.key(n)))
		}
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return strings.TrimPrefix(b.String(), ".")
}

// jparser is a single-pass scanner over the bytes of a file that builds its
// tree. Nodes and child lists are appended to the tree's arenas, so
// allocations grow with the file's size by doubling, not with its tokens,
// and only strings with escapes are allocated apart. It refuses nesting
// deeper than maxDepth and repeated keys, and keeps the path of the
// container it is in so a syntax error names it.
type jparser struct {
	t     *tree
	src   string
	pos   int
	depth int
	stack []frame
	// scratch holds the children of open containers, innermost last.
	scratch []int32
	// bound is the most values the file can hold (maxValues).
	bound int
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

// maxValues bounds the values of data from above: every value but the
// first is a list's element or an object's member, and the first of each
// follows a '[' or a '{', the others a ',' (some of those counted may be
// inside strings, fewer than ':', which every instant holds); and no valid
// file has a value for fewer than two bytes but its first few.
func maxValues(data []byte) int {
	n := 1 + bytes.Count(data, []byte{','}) + bytes.Count(data, []byte{'['}) + bytes.Count(data, []byte{'{'})
	return min(n, len(data)/2+maxDepth+1)
}

// bytesPerValue is about the bytes of a scenario file per value, whose
// values are mostly short strings: the arenas start at the file's size
// over it, which most files never outgrow.
const bytesPerValue = 16

// reserve makes room for n more in an arena s: when s is full it grows
// once, to bound, the most the file can need, instead of by a quarter at a
// time as append would. A typical file never outgrows its start, a file
// refused early (a bracket nested seven deep at its start) allocates no
// more than the start, and a file of one-character values allocates its
// arenas twice, not a dozen times.
func reserve[T any](s []T, n, bound int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	return slices.Grow(s, max(bound-len(s), n))
}

func parseTree(data []byte) (*tree, error) {
	t := &tree{src: string(data), data: data}
	bound := maxValues(data)
	start := min(bound, len(data)/bytesPerValue+16)
	t.nodes = make([]jnode, 0, start)
	t.kids = make([]int32, 0, start)
	p := &jparser{t: t, src: t.src, bound: bound}
	p.space()
	if _, err := p.value(-1); err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, &syntaxError{p.pos, "", "data after the top-level object; want one JSON object"}
	}
	return t, nil
}

// root is the file's top-level value.
func (t *tree) root() *jnode { return &t.nodes[0] }

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
		b.WriteString(pathKey(f.key))
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

// escape keeps a string with escapes aside, by the offset of its quote.
func (p *jparser) escape(quote int32, s string) {
	if p.t.escs == nil {
		p.t.escs = map[int32]string{}
	}
	p.t.escs[quote] = s
}

// value reads one value at p.pos, which is not space, as a child of
// parent, and returns its index. The arena may grow meanwhile, so a node
// is addressed by index until it is complete.
func (p *jparser) value(parent int32) (int32, error) {
	if p.pos >= len(p.src) {
		return 0, p.fail("")
	}
	start := p.pos
	i := int32(len(p.t.nodes))
	p.t.nodes = append(reserve(p.t.nodes, 1, p.bound), jnode{off: int32(start), parent: parent})
	switch c := p.src[p.pos]; {
	case c == '{' || c == '[':
		if p.depth+1 > maxDepth {
			path := p.path()
			if len(p.stack) > 0 {
				path = childPath(path, p.stack[len(p.stack)-1])
			}
			return 0, &syntaxError{start, path, fmt.Sprintf("nested deeper than the format's %d levels", maxDepth)}
		}
		var err error
		if c == '{' {
			err = p.object(i)
		} else {
			err = p.list(i)
		}
		if err != nil {
			return 0, err
		}
	case c == '"':
		s, escaped, err := p.string(false)
		if err != nil {
			return 0, err
		}
		p.t.nodes[i].kind, p.t.nodes[i].esc = jString, escaped
		if escaped {
			p.escape(int32(start), s)
		}
	case c == '-' || (c >= '0' && c <= '9'):
		if err := p.number(); err != nil {
			return 0, err
		}
		p.t.nodes[i].kind = jNumber
	case strings.HasPrefix(p.src[p.pos:], "true"):
		p.t.nodes[i].kind, p.t.nodes[i].b = jBool, true
		p.pos += 4
	case strings.HasPrefix(p.src[p.pos:], "false"):
		p.t.nodes[i].kind = jBool
		p.pos += 5
	case strings.HasPrefix(p.src[p.pos:], "null"):
		p.t.nodes[i].kind = jNull
		p.pos += 4
	default:
		return 0, p.fail("invalid character %s looking for beginning of value", p.char())
	}
	p.t.nodes[i].end = int32(p.pos)
	return i, nil
}

// childPath is the path of the value being read inside the container f at
// path.
func childPath(path string, f frame) string {
	if f.list {
		return index(path, f.n)
	}
	return join(path, f.key)
}

// close moves the children of container n, from scratch[from:], to the
// tree's kids.
func (p *jparser) close(n int32, from int) {
	s := p.scratch[from:]
	p.t.nodes[n].kids, p.t.nodes[n].nkids = int32(len(p.t.kids)), int32(len(s))
	p.t.kids = append(reserve(p.t.kids, len(s), p.bound), s...)
	p.scratch = p.scratch[:from]
	p.stack = p.stack[:len(p.stack)-1]
	p.depth--
}

// open starts container n of kind at its '{' or '[': it returns the
// container's frame and where its children start in scratch.
func (p *jparser) open(n int32, kind jkind) (top, from int) {
	p.t.nodes[n].kind = kind
	p.pos++
	p.depth++
	p.stack = append(p.stack, frame{list: kind == jArray})
	p.space()
	return len(p.stack) - 1, len(p.scratch)
}

// skip consumes c if it is next, and reports whether it was.
func (p *jparser) skip(c byte) bool {
	if p.pos < len(p.src) && p.src[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

// next reads what follows a member or an element: a comma, and more
// follow, or closer, and the container ends; anything else is an error
// saying what it came after.
func (p *jparser) next(closer byte, after string) (more bool, err error) {
	p.space()
	if p.skip(',') {
		p.space()
		return true, nil
	}
	if p.skip(closer) {
		return false, nil
	}
	return false, p.fail("invalid character %s after %s", p.char(), after)
}

func (p *jparser) object(n int32) error {
	top, from := p.open(n, jObject)
	var seen map[string]bool
	for more := !p.skip('}'); more; {
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return p.fail("invalid character %s looking for beginning of object key string", p.char())
		}
		koff := int32(p.pos)
		key, escaped, err := p.string(true)
		if err != nil {
			return err
		}
		keys := p.scratch[from:]
		if len(keys) > 16 && seen == nil {
			seen = make(map[string]bool, 2*len(keys))
			for _, k := range keys {
				seen[p.t.key(&p.t.nodes[k])] = true
			}
		}
		if (seen != nil && seen[key]) || (seen == nil && p.containsKey(keys, key)) {
			return &syntaxError{int(koff), join(p.path(), key), "repeated key; want each key once"}
		}
		if seen != nil {
			seen[key] = true
		}
		p.space()
		if !p.skip(':') {
			return p.fail("invalid character %s after object key", p.char())
		}
		p.space()
		p.stack[top].key = key
		if escaped {
			p.escape(koff, key)
		}
		v, err := p.value(n)
		if err != nil {
			return err
		}
		p.t.nodes[v].koff, p.t.nodes[v].kesc = koff, escaped
		p.scratch = append(reserve(p.scratch, 1, p.bound), v)
		if more, err = p.next('}', "object key:value pair"); err != nil {
			return err
		}
	}
	p.close(n, from)
	return nil
}

func (p *jparser) containsKey(keys []int32, key string) bool {
	for _, k := range keys {
		if p.t.key(&p.t.nodes[k]) == key {
			return true
		}
	}
	return false
}

func (p *jparser) list(n int32) error {
	top, from := p.open(n, jArray)
	for more := !p.skip(']'); more; {
		p.stack[top].n = len(p.scratch) - from
		v, err := p.value(n)
		if err != nil {
			return err
		}
		p.scratch = append(reserve(p.scratch, 1, p.bound), v)
		if more, err = p.next(']', "array element"); err != nil {
			return err
		}
	}
	p.close(n, from)
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
// the file's one string copy, and escaped is false. The file is valid
// UTF-8 (checked before).
func (p *jparser) string(key bool) (s string, escaped bool, err error) {
	p.pos++
	start := p.pos
	src := p.src
	for p.pos < len(src) {
		switch c := src[p.pos]; {
		case c == '"':
			p.pos++
			return src[start : p.pos-1], false, nil
		case c == '\\':
			s, err := p.escaped(start, key)
			return s, true, err
		case c < 0x20:
			return "", false, p.fail("invalid character %s in string literal", p.char())
		}
		p.pos++
	}
	return "", false, p.fail("")
}

// escaped reads the rest of a string that has escapes, from start; key
// says it is an object's key.
func (p *jparser) escaped(start int, key bool) (string, error) {
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
			esc := p.pos - 1
			r, ok := p.hex4(p.pos + 1)
			if !ok {
				return "", p.fail("invalid character %s in \\u hexadecimal character escape", p.char())
			}
			p.pos += 4
			if utf16.IsSurrogate(r) {
				// Only a pair: encoding/json reads half of one as U+FFFD,
				// so "\ud800" and "\udfff" would be one ID.
				d := utf8.RuneError
				if r2, ok := p.hex4(p.pos + 3); ok && p.pos+2 < len(s) && s[p.pos+1:p.pos+3] == `\u` {
					d = utf16.DecodeRune(r, r2)
				}
				if d == utf8.RuneError {
					return "", p.loneSurrogate(esc, key)
				}
				p.pos += 6
				r = d
			}
			b = utf8.AppendRune(b, r)
		default:
			return "", p.fail("invalid character %s in string escape code", p.char())
		}
		p.pos++
	}
	return "", p.fail("")
}

// loneSurrogate refuses the \u escape at off, half of a surrogate pair,
// at the path of the value it is in, or of the object whose key it is in.
func (p *jparser) loneSurrogate(off int, key bool) error {
	path, what := p.path(), "a key"
	if !key {
		what = "a string"
		if len(p.stack) > 0 {
			path = childPath(path, p.stack[len(p.stack)-1])
		}
	}
	return &syntaxError{off, path, fmt.Sprintf("%s in %s is half of a UTF-16 surrogate pair; want a character, or a pair such as \\ud83d\\ude00",
		p.src[off:off+6], what)}
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
		return pathKey(key)
	}
	return path + "." + pathKey(key)
}

// pathKey is a key as a path writes it: as it is, or quoted (at most
// maxQuote characters of it) when it is empty, too long, holds a
// character that does not print (a newline would forge a line of output)
// or one that a path uses itself.
func pathKey(k string) string {
	if k == "" || strings.ContainsAny(k, `."[]`) {
		return quote(k)
	}
	return shown(k)
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }
