package junos

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ParseXML reads the XML form of show system license | display xml, or of
// its usage, installed and keys variants: a license-usage-summary, a
// license-information (installed keys with their features), a
// license-key-information (key strings, whose first word is the
// identifier), alone, side by side in license-summary-information (as 24.4
// prints show system license), or inside an rpc-reply. It prefers the
// junos:seconds attribute where present (by the Junos namespace's URI, or
// the undeclared junos: prefix devices print), accepts date-only ends,
// <validity-type>expired and unknown elements. An end date beside a
// remaining time gives the capture's instant (Report.CapturedAt). It
// refuses, naming the line, a root that is not license output, a second
// capture in the file, a feature listed twice (names compared without
// case), an element given twice where one is expected, seconds given twice
// or contradicting the printed date, a feature of two validities, a value
// it cannot read, and input past the bounds in the package doc.
//
// Cost: one pass over the input, time and memory linear in its size (at most
// MaxBytes, refused beyond), nesting at most 64 deep.
func ParseXML(r io.Reader) (Report, error) {
	b, err := readBounded(r)
	if err != nil {
		return Report{}, err
	}
	return parseXML(b)
}

func parseXML(b []byte) (Report, error) {
	root, err := xmlTree(b)
	if err != nil {
		return Report{}, err
	}
	return fromTree(root, XML)
}

func xmlTree(b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var root *node
	var stack []*node
	var declared []bool // per open element: a junos prefix is declared at or above it
	elements := 0       // and attributes
	fail := func(format string, args ...any) (*node, error) {
		line, _ := d.InputPos()
		return nil, &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail("%s", brief(err.Error()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, _ := d.InputPos()
			elements += 1 + len(t.Attr)
			switch {
			case len(stack) >= maxDepth:
				return fail("elements nest more than %d deep", maxDepth)
			case elements > maxElements:
				return fail("over %d elements, attributes and members, the most a capture may hold", maxElements)
			case len(t.Name.Local) > MaxValue:
				return fail("an element name over %d bytes", MaxValue)
			}
			n := &node{name: t.Name.Local, line: line}
			junos := len(declared) > 0 && declared[len(declared)-1]
			if err := n.attributes(t.Attr, &junos); err != nil {
				return nil, err
			}
			switch {
			case len(stack) > 0:
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
				p.text = nil
			case root != nil:
				return fail("a second capture (<%s>) after the first: one capture a file", n.name)
			default:
				root = n
			}
			stack = append(stack, n)
			declared = append(declared, junos)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			declared = declared[:len(declared)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return fail("text %s outside any element", quoted(string(bytes.TrimSpace(t))))
				}
				continue
			}
			if top := stack[len(stack)-1]; len(top.kids) == 0 {
				top.text = append(top.text, t...)
			}
		}
	}
	if root == nil {
		return fail("no element: not license output")
	}
	return root, nil
}

// attributes reads junos:seconds from an element's attributes: only the
// attribute named seconds in the Junos namespace, by its URI or by the
// junos prefix devices leave undeclared. junos says whether a junos prefix
// is declared in scope, and becomes true when this element declares one.
// An element giving seconds twice, in any namespace, is refused: a device
// gives one, and which of two to believe cannot be told.
func (n *node) attributes(attrs []xml.Attr, junos *bool) error {
	for _, a := range attrs {
		if a.Name.Space == "xmlns" && a.Name.Local == "junos" {
			*junos = true
		}
	}
	given := 0
	for _, a := range attrs {
		if a.Name.Local != "seconds" {
			continue
		}
		if given++; given > 1 {
			return nodeErr(n, "<%s> gives seconds twice: one junos:seconds an element", n.name)
		}
		if junosURI(a.Name.Space) || a.Name.Space == "junos" && !*junos {
			n.seconds, n.hasSeconds = a.Value, true
		}
	}
	return nil
}

// brief cuts a decoder's message to what a refusal quotes.
func brief(s string) string {
	if len(s) <= 2*maxQuoted {
		return s
	}
	return strings.ToValidUTF8(s[:2*maxQuoted], "") + "..."
}

// XML renders the report as Junos does: the usage summary and the installed
// licenses in a license-summary-information, or either alone, with
// junos:seconds attributes (declared, so strict parsers read it too).
// ParseXML reads it back to an equal report (save Form and lines).
func (r Report) XML() string {
	var b strings.Builder
	writeXML(&b, r.toTree(), 0)
	return b.String()
}

func writeXML(b *strings.Builder, n *node, depth int) {
	indent := strings.Repeat("    ", depth)
	b.WriteString(indent + "<" + n.name)
	if depth == 0 {
		b.WriteString(` xmlns:junos="http://xml.juniper.net/junos/*/junos"`)
	}
	if n.hasSeconds {
		b.WriteString(` junos:seconds="` + n.seconds + `"`)
	}
	b.WriteString(">")
	if len(n.kids) == 0 {
		_ = xml.EscapeText(b, n.text)
		b.WriteString("</" + n.name + ">\n")
		return
	}
	b.WriteString("\n")
	for _, k := range n.kids {
		writeXML(b, k, depth+1)
	}
	b.WriteString(indent + "</" + n.name + ">\n")
}
