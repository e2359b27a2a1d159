package scenario

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"unicode/utf8"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

var topKeys = []string{"name", "source", "terms", "catalog", "devices", "licenses", "orders", "contacts",
	"creditAccounts", "tradeIns", "checks"}

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// minCheckBytes is less than the smallest check that decodes:
// {"at":"2025-01-01T00:00:00Z","request":{"kind":"tradeIn","tradeIn":"t"}}.
const minCheckBytes = 64

func decode(name string, r io.Reader) (*Scenario, error) {
	s, _, err := decodeWith(name, r, nil)
	return s, err
}

// decodeWith is Decode, or with an overlay DecodeUnder.
func decodeWith(name string, r io.Reader, o *Overlay) (*Scenario, []*Error, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, nil, &Error{File: name, Msg: "cannot read: " + err.Error(), Err: err}
	}
	if len(data) > MaxSize {
		return nil, nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d bytes (8 MiB); want a smaller file", MaxSize)}
	}
	ls := &lines{src: data}
	if !utf8.Valid(data) {
		e := &Error{File: name, Msg: "not valid UTF-8; want a JSON text in UTF-8"}
		e.Line, e.Column = ls.at(firstInvalidUTF8(data))
		return nil, nil, e
	}
	t, err := parseTree(data)
	if err != nil {
		se := err.(*syntaxError)
		e := &Error{File: name, Path: se.path, Msg: se.msg}
		e.Line, e.Column = ls.at(se.off)
		return nil, nil, e
	}
	d := &decoder{file: name, t: t, overlay: o}
	s := d.scenario(t.root(), data)
	if len(d.errs) == 0 && !d.full {
		if d.overlayErr != nil {
			return nil, nil, d.overlayErr
		}
		s.File = name
		for i := range s.Checks {
			s.Checks[i].Line, s.Checks[i].Column = ls.at(s.Checks[i].off)
		}
		return s, d.invalidFacts(ls), nil
	}
	return nil, nil, d.result(ls)
}

// readLimited reads at most MaxSize+1 bytes of r, in one buffer of the
// right size when r says its length.
func readLimited(r io.Reader) ([]byte, error) {
	size := 4096
	if l, ok := r.(interface{ Len() int }); ok {
		size = min(l.Len(), MaxSize) + 1
	}
	lr := io.LimitReader(r, MaxSize+1)
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// result places the errors in file order and converts their offsets to
// line:column once.
func (d *decoder) result(ls *lines) error {
	sort.SliceStable(d.errs, func(i, j int) bool { return d.errs[i].off < d.errs[j].off })
	for _, e := range d.errs {
		e.Line, e.Column = ls.at(e.off)
	}
	if d.full {
		d.errs = append(d.errs, &Error{File: d.file, Msg: fmt.Sprintf("more errors not reported after the first %d", MaxErrors)})
	}
	if len(d.errs) == 1 {
		return d.errs[0]
	}
	return Errors(d.errs)
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func (d *decoder) scenario(root *jnode, data []byte) *Scenario {
	if root.kind != jObject {
		d.fail(root.off, loc{n: root}, "want a JSON object, not %s", root.kind)
		return nil
	}
	top := d.object(root, loc{n: root}, topKeys...)
	s := &Scenario{}
	mark := len(d.errs)
	if v, p := top.field("name", true, `short kebab-case name such as "bgp-license-moves"`); v != nil {
		s.Name = top.id("name", `short kebab-case name such as "bgp-license-moves"`)
		if !d.since(mark) && (!kebab.MatchString(s.Name) || len(s.Name) > 100) {
			d.fail(v.off, p, "%s: want a short kebab-case name such as \"bgp-license-moves\"", quote(s.Name))
		}
	}
	s.Source = top.str("source", false, "the seed file's name")
	mark = len(d.errs)
	s.Terms = d.terms(top.sub("terms", false, termsKeys...))
	s.Catalog = d.catalog(top.sub("catalog", false, "platforms", "features", "heritage", "tmipSkus"))
	checks := top.list("checks", true, "checks")
	if v := d.t.get(root, "checks"); v != nil && v.kind == jArray && checks.len() == 0 {
		d.fail(v.off, loc{n: v}, "empty; want at least one check")
	}
	// Without its terms and catalog there is no engine to build facts under.
	if d.since(mark) {
		return nil
	}
	if d.overlay != nil {
		var err error
		if s.Terms, s.Catalog, err = d.overlay.over(d.file, s.Terms, s.Catalog); err != nil {
			d.overlayErr = err
			return nil
		}
	}
	e, err := policy.NewEngine(s.Catalog, s.Terms)
	if err != nil {
		d.wrap(root.off, loc{n: root}, err)
		return nil
	}
	s.engine = e
	f := &facts{devices: map[string]license.Device{}, licenses: map[string]license.License{}, histories: map[string]license.History{},
		orders: map[string]entitlement.Order{}, contacts: map[string]entitlement.Contact{},
		ledgers: map[string]credits.Ledger{}, tradeIns: map[string]bool{}, broken: map[factKey]bool{}}
	d.devices(top, e, f)
	d.licenses(top, e, f)
	d.orders(top, e, f)
	d.contacts(top, f)
	d.creditAccounts(top, e, f)
	d.tradeIns(top, e, f)
	// Presized by the checks there can be: "{}" is a check too, and
	// refused.
	s.Checks = make([]Check, 0, min(checks.len(), len(data)/minCheckBytes))
	for i, el := range checks.all() {
		if d.full {
			return nil
		}
		o := d.object(el, loc{n: el}, "at", "request", "expect")
		c := Check{Index: i, At: o.instant("at", true)}
		rn, rp := o.field("request", true, "an object with a kind")
		d.usedBroken = false
		if rn != nil {
			c.Request = d.request(rn, rp, f)
			// data is this decode's own read buffer, and the Scenario's
			// strings come from the separate string copy the tree
			// holds: so Raw can be slices of data, no other answer
			// shares their bytes, each capped at its end so that an
			// append to one cannot write over the next.
			c.Raw = json.RawMessage(data[rn.off:rn.end:rn.end])
			c.off = int(rn.off)
		}
		if en, ep := o.field("expect", false, ""); en != nil {
			c.Expect = d.expect(en, ep)
		}
		if d.overlay != nil && d.usedBroken {
			continue // it asks about an invalid fact
		}
		s.Checks = append(s.Checks, c)
	}
	return s
}
