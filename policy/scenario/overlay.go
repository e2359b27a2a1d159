package scenario

import (
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	"github.com/licensepolicy/licensepolicy/policy"
)

// Overlay is new terms and catalog for scenario files: an object
// {"terms": {...}, "catalog": {...}} with the keys of a scenario file's,
// both optional. DecodeUnder applies it over a file's own as a file's are
// applied over the defaults: each key of "terms" replaces the file's
// number, each "catalog" entry replaces the file's of the same name or is
// added; a platform entry replacing one keeps the value of every key it
// leaves out, as a file's entry keeps a default platform's, so an entry
// naming a platform of the file needs no "family", where one adding a
// platform does. The zero Overlay and a nil *Overlay change nothing;
// build one with DecodeOverlay.
type Overlay struct {
	file string
	src  []byte
	t    *tree
}

// DecodeOverlay reads an Overlay; name is the file name used in errors.
// The bounds and the errors are Decode's: every value is checked for its
// type, unknown keys are refused, and the terms and catalog are validated
// over each file DecodeUnder applies them to, since whether they hold
// together depends on the file's own (a window start only checks against
// a window end).
func DecodeOverlay(name string, r io.Reader) (*Overlay, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot read: " + err.Error(), Err: err}
	}
	if len(data) > MaxSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d bytes (8 MiB); want a smaller file", MaxSize)}
	}
	ls := &lines{src: data}
	if !utf8.Valid(data) {
		e := &Error{File: name, Msg: "not valid UTF-8; want a JSON text in UTF-8"}
		e.Line, e.Column = ls.at(firstInvalidUTF8(data))
		return nil, e
	}
	t, err := parseTree(data)
	if err != nil {
		se := err.(*syntaxError)
		e := &Error{File: name, Path: se.path, Msg: se.msg}
		e.Line, e.Column = ls.at(se.off)
		return nil, e
	}
	d := &decoder{file: name, t: t, familyLater: true}
	root := t.root()
	if root.kind != jObject {
		d.fail(root.off, loc{n: root}, "want a JSON object with \"terms\" and \"catalog\", not %s", root.kind)
		return nil, d.result(ls)
	}
	o := &Overlay{file: name, src: data, t: t}
	o.apply(d, policy.DefaultTerms(), policy.DefaultCatalog())
	if len(d.errs) > 0 || d.full {
		return nil, d.result(ls)
	}
	return o, nil
}

// apply reads the overlay with d, a decoder of its own tree, over terms
// and catalog.
func (o *Overlay) apply(d *decoder, t policy.Terms, c policy.Catalog) (policy.Terms, policy.Catalog) {
	top := d.object(o.t.root(), loc{n: o.t.root()}, "terms", "catalog")
	t = d.termsOver(top.sub("terms", false, termsKeys...), t)
	c = d.catalogOver(top.sub("catalog", false, "platforms", "features", "heritage", "tmipSkus"), c)
	return t, c
}

// over returns terms and catalog with the overlay applied, validated; an
// error names the overlay's file and says which file's terms it was
// applied over.
func (o *Overlay) over(file string, t policy.Terms, c policy.Catalog) (policy.Terms, policy.Catalog, error) {
	if o == nil || o.t == nil {
		return t, c, nil
	}
	d := &decoder{file: o.file, t: o.t}
	t, c = o.apply(d, t, c)
	// DecodeOverlay read every value already, all but the family of a
	// platform the file might have had: one it does not have needs it.
	if len(d.errs) > 0 {
		for _, e := range d.errs {
			e.Msg = fmt.Sprintf("over the catalog of %s: %s", quote(file), e.Msg)
		}
		return t, c, d.result(&lines{src: o.src})
	}
	if err := t.Validate(); err != nil {
		return t, c, &Error{File: o.file, Path: "terms", Msg: fmt.Sprintf("over the terms of %s: %s", quote(file), clip(err.Error())), Err: err}
	}
	if err := c.Validate(); err != nil {
		return t, c, &Error{File: o.file, Path: "catalog", Msg: fmt.Sprintf("over the catalog of %s: %s", quote(file), clip(err.Error())), Err: err}
	}
	return t, c, nil
}

// DecodeUnder decodes a scenario file as Decode does, under its own terms
// and catalog with o applied over them (Scenario.Terms and Catalog are the
// result). A fact those refuse (a license whose term is no longer in the
// list, a recorded call-off the new validity breaks, a device of a
// platform the catalog no longer has) does not fail the file: it is one of
// the invalid facts returned, each an *Error naming its path and the rule,
// in file order, and the checks that ask about it, or about a fact built on
// it, are left out of the Scenario's Checks; the others keep their Index.
// Anything else wrong with the file, or terms that do not hold together
// once o is applied, is the error, as Decode reports it.
func DecodeUnder(name string, r io.Reader, o *Overlay) (s *Scenario, invalid []*Error, err error) {
	return decodeWith(name, r, o)
}

// refuse records err, a domain rule's refusal of a fact, at path: under an
// overlay one of the file's invalid facts, else one of its errors.
func (d *decoder) refuse(off int32, at loc, err error) {
	if d.overlay == nil {
		d.wrap(off, at, err)
		return
	}
	d.invalid = append(d.invalid, &Error{File: d.file, Path: at.path(d.t), Msg: clip(err.Error()), Err: err, off: int(off)})
}

// invalidFacts returns the invalid facts in file order, with their lines.
func (d *decoder) invalidFacts(ls *lines) []*Error {
	sort.SliceStable(d.invalid, func(i, j int) bool { return d.invalid[i].off < d.invalid[j].off })
	for _, e := range d.invalid {
		e.Line, e.Column = ls.at(e.off)
	}
	return d.invalid
}
