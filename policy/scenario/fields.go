package scenario

import (
	"encoding"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

// decoder walks a scenario's tree. It keeps the first error and makes every
// later call a no-op returning zero values, so that the code reading a file
// states the format instead of checking errors after every field.
type decoder struct {
	file string
	err  *Error
}

func (d *decoder) failed() bool { return d.err != nil }

func (d *decoder) fail(path, format string, args ...any) {
	if d.err == nil {
		d.err = &Error{File: d.file, Path: path, Msg: fmt.Sprintf(format, args...)}
	}
}

// wrap records err, a domain constructor's refusal, at path.
func (d *decoder) wrap(path string, err error) {
	if d.err == nil && err != nil {
		d.err = &Error{File: d.file, Path: path, Msg: err.Error(), Err: err}
	}
}

// obj is an object of the file whose keys were checked against the format.
type obj struct {
	d    *decoder
	n    *jnode // nil when absent or refused
	path string
}

// object checks that n at path is an object whose keys are all among
// allowed.
func (d *decoder) object(n *jnode, path string, allowed ...string) obj {
	if d.failed() {
		return obj{d: d, path: path}
	}
	if n.kind != jObject {
		d.fail(path, "want an object, not %s", n.kind)
		return obj{d: d, path: path}
	}
	for _, k := range n.keys {
		if !contains(allowed, k) {
			d.fail(join(path, k), "unknown field; want one of %s", strings.Join(allowed, ", "))
			return obj{d: d, path: path}
		}
	}
	return obj{d: d, n: n, path: path}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// field returns the value of key and its path; nil when absent, or missing
// and required (then an error is recorded, saying what was wanted).
func (o obj) field(key string, required bool, want string) (*jnode, string) {
	p := join(o.path, key)
	if o.d.failed() || o.n == nil {
		return nil, p
	}
	v := o.n.get(key)
	if v == nil && required {
		o.d.fail(p, "missing; want %s", want)
	}
	return v, p
}

func (o obj) has(key string) bool { return o.n != nil && o.n.get(key) != nil }

// typed checks that v is of kind k.
func (d *decoder) typed(v *jnode, path string, k jkind, want string) bool {
	if v == nil || d.failed() {
		return false
	}
	if v.kind != k {
		d.fail(path, "want %s, not %s", want, v.kind)
		return false
	}
	return true
}

// str reads a string; an empty one is refused when required.
func (o obj) str(key string, required bool, want string) string {
	v, p := o.field(key, required, want)
	if !o.d.typed(v, p, jString, want) {
		return ""
	}
	if required && v.str == "" {
		o.d.fail(p, "empty; want %s", want)
	}
	return v.str
}

// id reads a required non-empty ID.
func (o obj) id(key, what string) string { return o.str(key, true, "a non-empty "+what) }

func (o obj) boolean(key string, required bool, def bool) bool {
	v, p := o.field(key, required, "true or false")
	if !o.d.typed(v, p, jBool, "true or false") {
		return def
	}
	return v.b
}

func (d *decoder) instantOf(v *jnode, p string) time.Time {
	if !d.typed(v, p, jString, wire.WantInstant) {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, v.str)
	if err != nil || !wire.Writable(t) {
		d.fail(p, "%q: want %s within years 0000 to 9999 in UTC", v.str, wire.WantInstant)
		return time.Time{}
	}
	return t.UTC()
}

func (o obj) instant(key string, required bool) time.Time {
	v, p := o.field(key, required, wire.WantInstant)
	return o.d.instantOf(v, p)
}

// given reads an optional instant: present whenever the file gives it,
// whatever its value; absent when it leaves it out.
func (o obj) given(key string) tmip.Instant {
	if !o.has(key) {
		return tmip.Instant{}
	}
	return tmip.At(o.instant(key, false))
}

func (d *decoder) amountOf(v *jnode, p string) decimal.Decimal {
	if v == nil || d.failed() {
		return decimal.Decimal{}
	}
	if v.kind == jNumber {
		d.fail(p, "the JSON number %s: want %s (amounts are strings)", v.str, wire.WantAmount)
		return decimal.Decimal{}
	}
	if !d.typed(v, p, jString, wire.WantAmount) {
		return decimal.Decimal{}
	}
	if !wire.IsDecimal(v.str) {
		d.fail(p, "%q: want %s, at most %d digits either side of the point", v.str, wire.WantAmount, wire.MaxAmountDigits)
		return decimal.Decimal{}
	}
	a, err := decimal.NewFromString(v.str)
	if err != nil {
		d.fail(p, "%q: want %s", v.str, wire.WantAmount)
	}
	return a
}

func (o obj) amount(key string, required bool) (decimal.Decimal, bool) {
	v, p := o.field(key, required, wire.WantAmount)
	return o.d.amountOf(v, p), v != nil && !o.d.failed()
}

// maxCount bounds every count of the format: no term, day count, block or
// quantity of it is larger, and absurd ones would only overflow arithmetic.
const maxCount = 1_000_000

func (d *decoder) integerOf(v *jnode, p string) int {
	const want = "a JSON integer such as 3"
	if !d.typed(v, p, jNumber, want) {
		return 0
	}
	n, err := strconv.Atoi(v.str)
	if err != nil {
		d.fail(p, "%s: want %s", v.str, want)
		return 0
	}
	if n < -maxCount || n > maxCount {
		d.fail(p, "%d: want an integer between %d and %d", n, -maxCount, maxCount)
		return 0
	}
	return n
}

func (o obj) integer(key string, required bool) (int, bool) {
	v, p := o.field(key, required, "a JSON integer")
	return o.d.integerOf(v, p), v != nil && !o.d.failed()
}

// enum decodes a string with u's UnmarshalText, whose error lists the names.
func (o obj) enum(key string, required bool, u encoding.TextUnmarshaler, what string) bool {
	v, p := o.field(key, required, what)
	if !o.d.typed(v, p, jString, what) {
		return false
	}
	if err := u.UnmarshalText([]byte(v.str)); err != nil {
		o.d.fail(p, "%v", err)
		return false
	}
	return true
}

// elem is one element of a list and its path.
type elem struct {
	n    *jnode
	path string
}

func (o obj) list(key string, required bool, want string) []elem {
	v, p := o.field(key, required, "a list of "+want)
	if !o.d.typed(v, p, jArray, "a list of "+want) {
		return nil
	}
	es := make([]elem, len(v.vals))
	for i, x := range v.vals {
		es[i] = elem{x, index(p, i)}
	}
	return es
}

// strings reads a list of non-empty strings.
func (o obj) strings(key string, required bool, want string) []string {
	es := o.list(key, required, want)
	if es == nil {
		return nil
	}
	out := make([]string, 0, len(es))
	for _, e := range es {
		if !o.d.typed(e.n, e.path, jString, want) {
			return nil
		}
		if e.n.str == "" {
			o.d.fail(e.path, "empty; want %s", want)
			return nil
		}
		out = append(out, e.n.str)
	}
	return out
}

// sub reads an object field.
func (o obj) sub(key string, required bool, allowed ...string) obj {
	v, p := o.field(key, required, "an object")
	if v == nil {
		return obj{d: o.d, path: p}
	}
	return o.d.object(v, p, allowed...)
}

// unique refuses an ID already seen in its list, naming where it first was.
func (d *decoder) unique(seen map[string]string, id, path string) {
	if d.failed() {
		return
	}
	if first, ok := seen[id]; ok {
		d.fail(path, "duplicate id %q (first at %s); want IDs unique within their list", id, first)
		return
	}
	seen[id] = path
}
