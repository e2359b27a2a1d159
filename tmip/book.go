package tmip

import (
	"errors"
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Book holds a file's trade-ins in order, checked once by Program.NewBook.
// It never changes afterwards: Assess and Compliance are queries at an
// instant, safe for concurrent use, and WithReturn and WithCertificate
// return new books.
//
// A Book is a handle to what NewBook checked: copies are the same book, ==
// reports whether two handles are, and nothing a caller does to its copy
// reaches the book itself. The zero Book holds nothing: every question
// about it is an error.
type Book struct{ b *book }

type book struct {
	program *program
	terms   Terms // the program's, read on every answer
	entries []entry
	index   map[string]int
}

// entry is one trade-in with everything about it that does not depend on the
// instant asked, worked out once.
type entry struct {
	t          TradeIn
	sup        support
	hasSupport bool

	// Assess.
	refused     *rule.Violation  // rules broken at any instant, without TMIP-WINDOW; nil when none
	denyReasons [3]string        // by windowState
	allowRules  rule.List        // shared by every allowed assessment
	allowObl    rule.Obligations // shared by every allowed assessment
	allowReason string
	atOrder     Assessment // the answer from the order on (TMIP-AT-ORDER), when ordered

	// Compliance.
	deadline    time.Time // valid when hasDeadline: the new equipment has shipped
	hasDeadline bool
	cure        time.Time // the first return or valid certificate that meets TMIP-RETURN, when hasCure
	hasCure     bool
	late        time.Time // the first return or valid certificate at or after the deadline, when hasLate
	hasLate     bool
	badCert     bool // a certificate is given and is no certificate (TMIP-SIGNER)
	pendingObl  rule.Obligations
	lateObl     rule.Obligations       // in breach once the notices ended: the claw-back alone
	reasons     [statusCount][2]string // by Status and whether TMIP-SIGNER is cited
	lateReasons [2]string              // in breach once the notices ended, by whether TMIP-SIGNER is cited
	clawback    decimal.Decimal
}

// NewBook checks terms, catalog and every trade-in, and returns them as a
// Book. A trade-in that is bad input (no ID or a repeated one, no SKU,
// serial or new product, an invalid network, channel or signer title, a
// support contract without serial, ending on or before its start day, worth
// a negative amount or fractions of a cent, a certificate without signing
// instant) is an error: an *EntryError naming the trade-in's index and ID
// and wrapping a *rule.Violation that names every problem and the rule each
// concerns.
//
// TMIP-ONE-FOR-ONE takes the trade-ins in the order given: only the first
// naming a new product earns credit toward it.
func (p Program) NewBook(tradeIns []TradeIn) (Book, error) {
	if p.p == nil {
		return Book{}, errors.New("tmip: no trade-in program: build one with tmip.NewProgram")
	}
	b, err := p.p.newBook(tradeIns)
	if err != nil {
		return Book{}, err
	}
	return Book{b}, nil
}

func (p *program) newBook(tradeIns []TradeIn) (*book, error) {
	terms, listed := p.terms, p.listed
	b := &book{program: p, terms: terms, entries: make([]entry, len(tradeIns)), index: make(map[string]int, len(tradeIns))}
	first := make(map[string]string, len(tradeIns)) // new product -> the trade-in counting toward it
	for i, t := range tradeIns {
		if t.ID == "" {
			subject := fmt.Sprintf("tradeIns[%d]", i)
			return nil, &EntryError{Index: i, Err: rule.Errorf([]rule.ID{rule.TmipSwap}, subject, "%s has no ID", subject)}
		}
		if _, dup := b.index[t.ID]; dup {
			return nil, &EntryError{Index: i, ID: t.ID, Err: rule.Errorf([]rule.ID{rule.TmipSwap}, t.ID, "two trade-ins are named %s", t.ID)}
		}
		t = t.clone()
		sup, v := t.check()
		if v != nil {
			return nil, &EntryError{Index: i, ID: t.ID, Err: v}
		}
		b.index[t.ID] = i
		e := &b.entries[i]
		e.t, e.sup, e.hasSupport = t, sup, t.Support != nil
		e.deadline, e.hasDeadline = deadlineOf(terms, t.NewEquipmentShipped)
		if e.hasDeadline && !calendar.InRange(e.deadline) {
			return nil, &EntryError{Index: i, ID: t.ID, Err: rule.Errorf([]rule.ID{rule.TmipReturn}, t.ID,
				"trade-in %s: newEquipmentShipped %s plus the terms' %d return months ends after 9999-12-31, the last day an instant may fall on",
				t.ID, t.NewEquipmentShipped, terms.ReturnMonths)}
		}
		earlier, taken := first[t.NewProduct]
		if !taken {
			first[t.NewProduct] = t.ID
		}
		e.prepareAssess(p, listed[t.SKU], earlier)
		e.prepareCompliance()
	}
	// From the order on a trade-in is judged as of the order, for good
	// (TMIP-AT-ORDER), and the claw-back is the discount granted then
	// (TMIP-BREACH), when the order's assessment allowed the trade-in.
	for i := range b.entries {
		e := &b.entries[i]
		if e.t.Ordered.Valid {
			a := b.assess(e, e.t.Ordered.Time)
			a.Until = time.Time{}
			e.atOrder = a
			if a.Allowed {
				e.clawback = a.Discount
			}
		}
		e.prepareReasons()
	}
	return b, nil
}

// EntryError is the error of a trade-in NewBook refuses: its index in the
// list given (from 0), its ID (empty when it has none) and why, usually a
// *rule.Violation, which errors.As and errors.Is reach through Unwrap. The
// zero EntryError names trade-in 0 and no cause.
type EntryError struct {
	Index int
	ID    string
	Err   error
}

func (e *EntryError) Error() string {
	if e.ID == "" {
		return fmt.Sprintf("tmip: tradeIns[%d]: %v", e.Index, e.Err)
	}
	return fmt.Sprintf("tmip: tradeIns[%d] (%s): %v", e.Index, e.ID, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

// tradeIns returns copies of the book's trade-ins, in order.
func (b *book) tradeIns() []TradeIn {
	out := make([]TradeIn, len(b.entries))
	for i := range b.entries {
		out[i] = b.entries[i].t.copy()
	}
	return out
}

// WithReturn returns a book in which trade-in id was returned at at, as
// NewBook would build it; b is unchanged. A return is a fact and no rule
// refuses it, but it is recorded once: a trade-in already returned is an
// error, and so is an unknown id. Whether it meets the deadline is
// Compliance's answer (TMIP-RETURN).
func (bk Book) WithReturn(id string, at time.Time) (Book, error) {
	e, ok := bk.entry(id)
	if !ok {
		return Book{}, bk.unknown(id)
	}
	b := bk.b
	if e.t.Returned.Valid {
		return Book{}, fmt.Errorf("tmip: trade-in %s was already returned at %s", id, e.t.Returned)
	}
	ts := b.tradeIns()
	ts[b.index[id]].Returned = At(at)
	return Program{b.program}.NewBook(ts)
}

// WithCertificate returns a book in which the Certificate of Destruction c
// was delivered for trade-in id, as NewBook would build it; b is unchanged.
// A certificate that is no certificate, signed below vice president or
// without legal authority, is refused citing TMIP-SIGNER, as Compliance
// would not count it. A trade-in that already has a certificate is an
// error, and so is an unknown id.
func (bk Book) WithCertificate(id string, c Certificate) (Book, error) {
	e, ok := bk.entry(id)
	if !ok {
		return Book{}, bk.unknown(id)
	}
	b := bk.b
	if e.t.Destruction != nil {
		return Book{}, fmt.Errorf("tmip: trade-in %s already has a certificate of destruction", id)
	}
	if !c.Valid() {
		return Book{}, rule.Errorf([]rule.ID{rule.TmipSigner}, id,
			"trade-in %s: a certificate signed by a %s %s legal authority is no certificate: a vice president or above with legal sign-off authority signs it",
			id, c.SignerTitle, map[bool]string{true: "with", false: "without"}[c.LegalAuthority])
	}
	ts := b.tradeIns()
	ts[b.index[id]].Destruction = &c
	return Program{b.program}.NewBook(ts)
}

// IsValid reports whether b was built by Program.NewBook.
func (b Book) IsValid() bool { return b.b != nil }

// Program returns the program the book was built under; the zero Program
// for the zero Book.
func (b Book) Program() Program {
	if b.b == nil {
		return Program{}
	}
	return Program{b.b.program}
}

// Len returns how many trade-ins the book holds.
func (b Book) Len() int {
	if b.b == nil {
		return 0
	}
	return len(b.b.entries)
}

// TradeIn returns the trade-in named id as recorded (instants in UTC), or
// false when there is none. The result is a copy: changing it changes
// nothing in the book.
func (b Book) TradeIn(id string) (TradeIn, bool) {
	e, ok := b.entry(id)
	if !ok {
		return TradeIn{}, false
	}
	return e.t.copy(), true
}

func (b Book) entry(id string) (*entry, bool) {
	if b.b == nil {
		return nil, false
	}
	i, ok := b.b.index[id]
	if !ok {
		return nil, false
	}
	return &b.b.entries[i], true
}

func (b Book) unknown(id string) error {
	if b.b == nil {
		return errors.New("tmip: no book: build one with Program.NewBook")
	}
	return fmt.Errorf("tmip: unknown trade-in %q", id)
}

// deadlineOf is the return deadline of a trade-in whose new equipment
// shipped at shipped (TMIP-RETURN): shipment + ReturnMonths months,
// clamped to the month's end; none when it has not shipped.
func deadlineOf(terms Terms, shipped Instant) (time.Time, bool) {
	if !shipped.Valid {
		return time.Time{}, false
	}
	return calendar.AddMonths(shipped.Time, terms.ReturnMonths), true
}
