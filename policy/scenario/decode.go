package scenario

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"unicode/utf8"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

var topKeys = []string{"name", "source", "terms", "catalog", "devices", "licenses", "orders", "contacts",
	"creditAccounts", "tradeIns", "checks"}

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func decode(name string, r io.Reader) (*Scenario, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot read: " + err.Error(), Err: err}
	}
	if len(data) > MaxSize {
		return nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d bytes (8 MiB); want a smaller file", MaxSize)}
	}
	if !utf8.Valid(data) {
		return nil, &Error{File: name, Msg: "not valid UTF-8; want a JSON text in UTF-8"}
	}
	root, err := parseTree(data)
	if err != nil {
		var pe *pathError
		if errors.As(err, &pe) {
			return nil, &Error{File: name, Path: pe.path, Msg: pe.msg}
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	d := &decoder{file: name}
	s := d.scenario(root)
	if d.err != nil {
		return nil, d.err
	}
	return s, nil
}

func (d *decoder) scenario(root *jnode) *Scenario {
	if root.kind != jObject {
		d.fail("", "want a JSON object, not %s", root.kind)
		return nil
	}
	top := d.object(root, "", topKeys...)
	s := &Scenario{Name: top.id("name", `short kebab-case name such as "bgp-license-moves"`)}
	if !d.failed() && (!kebab.MatchString(s.Name) || len(s.Name) > 100) {
		d.fail("name", "%q: want a short kebab-case name such as \"bgp-license-moves\"", s.Name)
	}
	s.Source = top.str("source", false, "the seed file's name")
	s.Terms = d.terms(top.sub("terms", false, termsKeys...))
	s.Catalog = d.catalog(top.sub("catalog", false, "platforms", "features", "heritage", "tmipSkus"))
	// The checks are required; say so before the facts are built.
	checks := top.list("checks", true, "checks")
	if !d.failed() && len(checks) == 0 {
		d.fail("checks", "empty; want at least one check")
	}
	if d.failed() {
		return nil
	}
	e, err := policy.NewEngine(s.Terms, s.Catalog)
	if err != nil {
		d.wrap("", err)
		return nil
	}
	s.engine = e
	f := &facts{devices: map[string]license.Device{}, licenses: map[string]*license.License{},
		orders: map[string]*entitlement.Order{}, contacts: map[string]*entitlement.Contact{},
		ledgers: map[string]*credits.Ledger{}, tradeIns: map[string]bool{}}
	d.devices(top, e, f)
	d.licenses(top, e, f)
	d.orders(top, e, f)
	d.contacts(top, f)
	d.creditAccounts(top, e, f)
	if !d.failed() {
		d.tradeIns(top, e, f)
	}
	for i, el := range checks {
		o := d.object(el.n, el.path, "at", "request", "expect")
		c := Check{Index: i, At: o.instant("at", true)}
		rn, rp := o.field("request", true, "an object with a kind")
		if rn != nil {
			c.Request = d.request(rn, rp, f)
			c.Raw = json.RawMessage(append([]byte(nil), rn.raw...))
		}
		if en, ep := o.field("expect", false, ""); en != nil {
			c.Expect = d.expect(en, ep)
		}
		if d.failed() {
			return nil
		}
		s.Checks = append(s.Checks, c)
	}
	return s
}
