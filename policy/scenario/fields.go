package scenario

import (
	"encoding"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

// decoder walks a scenario's tree and collects its errors, each at the
// offset of the node it is about. A node that breaks the format records an
// error and reads as its zero value, so the code reading a file states the
// format instead of checking errors after every field; a fact is built only
// when its own fields had no error (see since).
type decoder struct {
	file string
	t    *tree
	// fulfilled counts the entitlements and emails the fulfilLine checks
	// read so far would list.
	fulfilled int
	errs      []*Error
	// full is set when MaxErrors were recorded: decoding stops.
	full bool
	// known holds, by kind of fact, the IDs an unknown reference's error
	// lists: found once, as every list a reference names is complete
	// before the first reference to it is read.
	known map[string][]string

	// overlay is DecodeUnder's, nil for Decode: then the facts a domain
	// rule refuses are invalid, not errors, and the checks that use one
	// (usedBroken, per check) are left out.
	overlay    *Overlay
	invalid    []*Error
	usedBroken bool
	// overlayErr is the overlay's terms or catalog failing over the file's.
	overlayErr error
	// familyLater is set while DecodeOverlay reads an overlay alone: a
	// platform entry without "family" may replace a platform of the file
	// it is applied over, so only that application can require it.
	familyLater bool
}

// since reports whether errors were recorded after mark, a len(d.errs).
func (d *decoder) since(mark int) bool { return len(d.errs) > mark || d.full }

func (d *decoder) add(e *Error) {
	if d.full {
		return
	}
	if len(d.errs) == MaxErrors {
		d.full = true
		return
	}
	e.File = d.file
	// A domain refusal may say an ID of the file as it is: one line.
	e.Msg = printable(e.Msg)
	d.errs = append(d.errs, e)
}

// fail records an error at path, off being the node's offset.
func (d *decoder) fail(off int32, at loc, format string, args ...any) {
	if d.full {
		return
	}
	d.add(&Error{Path: at.path(d.t), Msg: fmt.Sprintf(format, args...), off: int(off)})
}

// wrap records err, a domain constructor's refusal, at path; a long message
// is clipped, since it may quote a value of the file.
func (d *decoder) wrap(off int32, at loc, err error) {
	if err != nil && !d.full {
		d.add(&Error{Path: at.path(d.t), Msg: clip(err.Error()), Err: err, off: int(off)})
	}
}

// maxQuote is the most characters of a value an error quotes.
const maxQuote = 80

// quote quotes s for an error, at most maxQuote characters of it.
func quote(s string) string {
	if utf8.RuneCountInString(s) <= maxQuote {
		return strconv.Quote(s)
	}
	i := 0
	for n := 0; n < maxQuote; n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return strconv.Quote(s[:i]) + fmt.Sprintf("... (%d bytes)", len(s))
}

// printable is s, or s quoted when it holds a character that does not
// print, so that no name or message of a file can forge a line of output.
func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

// shown is a name of the file as an error says it: as it is, or quoted,
// at most maxQuote characters of it, when it is longer or holds a
// character that does not print.
func shown(s string) string {
	if len(s) > maxQuote {
		return quote(s)
	}
	return printable(s)
}

// clip shortens a domain error's message that quotes a long value.
func clip(msg string) string {
	const keep = 4 * maxQuote
	if len(msg) <= 2*keep {
		return msg
	}
	head, tail := msg[:keep], msg[len(msg)-keep:]
	for !utf8.ValidString(head) {
		head = head[:len(head)-1]
	}
	for !utf8.ValidString(tail) {
		tail = tail[1:]
	}
	return head + fmt.Sprintf(" ...(%d bytes)... ", len(msg)-len(head)-len(tail)) + tail
}

// obj is an object of the file whose keys were checked against the format.
type obj struct {
	d  *decoder
	n  *jnode // nil when absent or refused
	at loc
	// unknown is set when the object has a key the format does not
	// define: that key is most often a missing field misspelt, so the
	// missing field is not reported too.
	unknown bool
}

// object checks that n at path is an object whose keys are all among
// allowed; each unknown key is an error, and the known ones are still read.
func (d *decoder) object(n *jnode, at loc, allowed ...string) obj {
	if n == nil {
		return obj{d: d, at: at}
	}
	if n.kind != jObject {
		d.fail(n.off, at, "want an object, not %s", n.kind)
		return obj{d: d, at: at}
	}
	unknown := false
	for _, c := range d.t.children(n).all() {
		if k := d.t.key(c); !contains(allowed, k) {
			unknown = true
			if !d.full { // a million unknown keys build no message past the cap
				d.fail(c.koff, loc{n: c}, "unknown field; want one of %s", strings.Join(allowed, ", "))
			}
		}
	}
	return obj{d: d, n: n, at: at, unknown: unknown}
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
func (o obj) field(key string, required bool, want string) (*jnode, loc) {
	return o.fieldOf(key, required, "", want)
}

// fieldOf is field, want being prefix+what: built only for an error.
func (o obj) fieldOf(key string, required bool, prefix, what string) (*jnode, loc) {
	if o.n == nil {
		return nil, loc{}
	}
	v := o.d.t.get(o.n, key)
	p := loc{n: v}
	if v == nil {
		p = loc{o.n, key}
	}
	if v == nil && required && !o.unknown {
		// At the object's end, where it is found missing: after the
		// object's unknown keys, which are often the misspelt field.
		o.d.fail(o.n.end-1, p, "missing; want %s%s", prefix, what)
	}
	return v, p
}

// get returns the value of key, or nil.
func (o obj) get(key string) *jnode {
	if o.n == nil {
		return nil
	}
	return o.d.t.get(o.n, key)
}

func (o obj) has(key string) bool { return o.n != nil && o.d.t.get(o.n, key) != nil }

// typed checks that v is of kind k.
func (d *decoder) typed(v *jnode, path loc, k jkind, want string) bool {
	if v == nil {
		return false
	}
	if v.kind != k {
		d.fail(v.off, path, "want %s, not %s", want, v.kind)
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
	if required && o.d.str(v) == "" {
		o.d.fail(v.off, p, "empty; want %s", want)
	}
	return o.d.str(v)
}

// id reads a required non-empty ID.
func (o obj) id(key, what string) string {
	v, p := o.fieldOf(key, true, "a non-empty ", what)
	if v == nil {
		return ""
	}
	if v.kind != jString || o.d.str(v) == "" {
		o.d.typed(v, p, jString, "a non-empty "+what)
		if v.kind == jString {
			o.d.fail(v.off, p, "empty; want a non-empty %s", what)
		}
		return ""
	}
	return o.d.str(v)
}

func (o obj) boolean(key string, required bool, def bool) bool {
	v, p := o.field(key, required, "true or false")
	if !o.d.typed(v, p, jBool, "true or false") {
		return def
	}
	return v.b
}

func (d *decoder) instantOf(v *jnode, p loc) time.Time {
	return d.readInstant(v, p, wire.ParseInstant)
}

// readInstant reads v with parse, one of wire's readers of instants.
func (d *decoder) readInstant(v *jnode, p loc, parse func(string) (time.Time, error)) time.Time {
	if !d.typed(v, p, jString, wire.WantInstant) {
		return time.Time{}
	}
	t, err := parse(d.str(v))
	if err == nil {
		return t
	}
	why := err.Error()
	var ie *wire.InstantError
	if errors.As(err, &ie) {
		why = ie.Why
	}
	d.fail(v.off, p, "%s: %s", quote(d.str(v)), why)
	return time.Time{}
}

// instant reads an instant where the zero time would read as "none" (a
// check's instant, a contract's dates, a certificate's signing): there
// 0001-01-01T00:00:00Z is refused rather than taken for absent.
func (o obj) instant(key string, required bool) time.Time {
	v, p := o.field(key, required, wire.WantInstant)
	return o.d.readInstant(v, p, wire.ParseGivenInstant)
}

// presentInstant reads an instant whose presence the domain says apart
// from its value (a license's start, a ship date): 0001-01-01T00:00:00Z is
// an instant like any other there.
func (o obj) presentInstant(key string, required bool) time.Time {
	v, p := o.field(key, required, wire.WantInstant)
	return o.d.instantOf(v, p)
}

// given reads an optional instant: present whenever the file gives it,
// whatever its value; absent when it leaves it out.
func (o obj) given(key string) tmip.Instant {
	if !o.has(key) {
		return tmip.Instant{}
	}
	return tmip.At(o.presentInstant(key, false))
}

func (d *decoder) amountOf(v *jnode, p loc) decimal.Decimal {
	if v == nil {
		return decimal.Decimal{}
	}
	if v.kind == jNumber {
		d.fail(v.off, p, "the JSON number %s: want %s (amounts are strings)", clipLiteral(d.str(v)), wire.WantAmount)
		return decimal.Decimal{}
	}
	if !d.typed(v, p, jString, wire.WantAmount) {
		return decimal.Decimal{}
	}
	text := d.str(v)
	if !wire.IsDecimal(text) {
		d.fail(v.off, p, "%s: want %s, at most %d digits either side of the point", quote(text), wire.WantAmount, wire.MaxAmountDigits)
		return decimal.Decimal{}
	}
	a, err := decimal.NewFromString(text)
	if err != nil {
		d.fail(v.off, p, "%s: want %s", quote(text), wire.WantAmount)
		return decimal.Decimal{}
	}
	// The library's bound on amounts, which every domain call applies: the
	// decoder refuses at its own path what a domain call would refuse later.
	if !amount.InBounds(a) {
		d.fail(v.off, p, "%s: more than %d significant digits; want an amount of at most %d digits in all",
			quote(text), wire.MaxAmountDigits, wire.MaxAmountDigits)
		return decimal.Decimal{}
	}
	return a
}

// clipLiteral shortens a number's literal for an error.
func clipLiteral(s string) string {
	if len(s) <= maxQuote {
		return s
	}
	return s[:maxQuote] + fmt.Sprintf("... (%d bytes)", len(s))
}

// amount reads an amount; ok is false when it is absent or refused.
func (o obj) amount(key string, required bool) (decimal.Decimal, bool) {
	v, p := o.field(key, required, wire.WantAmount)
	mark := len(o.d.errs)
	a := o.d.amountOf(v, p)
	return a, v != nil && !o.d.since(mark)
}

// maxCount bounds every count of the format: no term, day count, block or
// quantity of it is larger, and absurd ones would only overflow arithmetic.
const maxCount = 1_000_000

func (d *decoder) integerOf(v *jnode, p loc) (int, bool) {
	const want = "a JSON integer such as 3"
	if !d.typed(v, p, jNumber, want) {
		return 0, false
	}
	n, err := strconv.Atoi(d.str(v))
	if err != nil {
		d.fail(v.off, p, "%s: want %s", clipLiteral(d.str(v)), want)
		return 0, false
	}
	if n < -maxCount || n > maxCount {
		d.fail(v.off, p, "%d: want an integer between %d and %d", n, -maxCount, maxCount)
		return 0, false
	}
	return n, true
}

// integer reads a count; ok is false when it is absent or refused.
func (o obj) integer(key string, required bool) (int, bool) {
	v, p := o.field(key, required, "a JSON integer")
	return o.d.integerOf(v, p)
}

// enum decodes a string with u's UnmarshalText, whose error lists the names.
func (o obj) enum(key string, required bool, u encoding.TextUnmarshaler, what string) bool {
	v, p := o.field(key, required, what)
	if !o.d.typed(v, p, jString, what) {
		return false
	}
	if len(o.d.str(v)) > maxQuote {
		o.d.fail(v.off, p, "%s: want %s", quote(o.d.str(v)), what)
		return false
	}
	if err := u.UnmarshalText(o.d.t.text(v)); err != nil {
		o.d.fail(v.off, p, "%v", err)
		return false
	}
	return true
}

// list returns the elements of a list.
func (o obj) list(key string, required bool, want string) kidList {
	v, p := o.fieldOf(key, required, "a list of ", want)
	if v == nil || v.kind == jArray {
		if v == nil {
			return kidList{}
		}
		return o.d.t.children(v)
	}
	o.d.typed(v, p, jArray, "a list of "+want)
	return kidList{}
}

// maxNamesListed bounds the lists of names inside one fact (a license's or
// a line's features, an order's accounts and emails, a contact's
// accounts): the domain constructors check them for repeats pairwise.
const maxNamesListed = 100

// strings reads a list of non-empty strings, unique when unique is set,
// at most limit of them when limit > 0.
func (o obj) strings(key string, required bool, want string, unique bool, limit int) []string {
	v, p := o.fieldOf(key, required, "a list of ", want)
	if v == nil || !o.d.typed(v, p, jArray, "a list of "+want) {
		return nil
	}
	es := o.d.t.children(v)
	if limit > 0 && es.len() > limit {
		o.d.fail(v.off, p, "%d entries; want at most %d", es.len(), limit)
		return nil
	}
	var seen map[string]int
	if unique {
		seen = make(map[string]int, es.len())
	}
	mark := len(o.d.errs)
	out := make([]string, 0, es.len())
	for i, e := range es.all() {
		if !o.d.typed(e, loc{n: e}, jString, want) {
			continue
		}
		name := o.d.str(e)
		if name == "" {
			o.d.fail(e.off, loc{n: e}, "empty; want %s", want)
			continue
		}
		if unique {
			if first, ok := seen[name]; ok {
				o.d.fail(e.off, loc{n: e}, "%s is listed twice (first at %s); want each once", quote(name), loc{n: es.at(first)}.path(o.d.t))
				continue
			}
			seen[name] = i
		}
		out = append(out, name)
	}
	if o.d.since(mark) {
		return nil
	}
	return out
}

// sub reads an object field.
func (o obj) sub(key string, required bool, allowed ...string) obj {
	v, p := o.field(key, required, "an object")
	if v == nil {
		return obj{d: o.d, at: p}
	}
	return o.d.object(v, p, allowed...)
}

// unique refuses an ID already seen in its list, naming where it first was.
func (d *decoder) unique(seen map[string]loc, id string, off int32, at loc) bool {
	if id == "" {
		return true
	}
	if first, ok := seen[id]; ok {
		d.fail(off, at, "duplicate id %s (first at %s); want IDs unique within their list", quote(id), first.path(d.t))
		return false
	}
	seen[id] = at
	return true
}

// str is v's string value or number literal.
func (d *decoder) str(v *jnode) string { return d.t.str(v) }
