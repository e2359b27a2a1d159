package tmip

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Book holds a file's trade-ins in order, checked once by NewBook. It never
// changes afterwards: Assess and Compliance are queries at an instant, safe
// for concurrent use.
type Book struct {
	terms   Terms
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

	// Compliance.
	deadline   time.Time // zero when the new equipment has not shipped
	cure       time.Time // the first return or valid certificate that meets TMIP-RETURN; zero when none
	badCert    bool      // a certificate is given and is no certificate (TMIP-SIGNER)
	pendingObl rule.Obligations
	reasons    [statusCount][2]string // by Status and whether TMIP-SIGNER is cited
	clawback   decimal.Decimal
}

// NewBook checks terms, catalog and every trade-in, and returns them as a
// Book. A trade-in that is bad input (no ID or a repeated one, no SKU,
// serial or new product, an invalid network, channel or signer title, a
// support contract without serial, ending on or before its start day, worth
// a negative amount or fractions of a cent, a certificate without signing
// instant) is an error: a *rule.Violation naming the trade-in, every problem
// and the rule each concerns. Invalid terms or catalog are an error from
// their Validate.
//
// TMIP-ONE-FOR-ONE takes the trade-ins in the order given: only the first
// naming a new product earns credit toward it.
func NewBook(terms Terms, catalog Catalog, tradeIns []TradeIn) (*Book, error) {
	if err := terms.Validate(); err != nil {
		return nil, err
	}
	if err := catalog.Validate(); err != nil {
		return nil, err
	}
	listed := make(map[string]bool, len(catalog.SKUs))
	for _, s := range catalog.SKUs {
		listed[s] = true
	}
	b := &Book{terms: terms, entries: make([]entry, len(tradeIns)), index: make(map[string]int, len(tradeIns))}
	first := make(map[string]string, len(tradeIns)) // new product -> the trade-in counting toward it
	for i, t := range tradeIns {
		if t.ID == "" {
			subject := fmt.Sprintf("tradeIns[%d]", i)
			return nil, rule.Errorf([]rule.ID{rule.TmipSwap}, subject, "%s has no ID", subject)
		}
		if _, dup := b.index[t.ID]; dup {
			return nil, rule.Errorf([]rule.ID{rule.TmipSwap}, t.ID, "two trade-ins are named %s", t.ID)
		}
		t = t.clone()
		sup, v := t.check()
		if v != nil {
			return nil, v
		}
		b.index[t.ID] = i
		e := &b.entries[i]
		e.t, e.sup, e.hasSupport = t, sup, t.Support != nil
		e.deadline = deadlineOf(terms, t.NewEquipmentShipped)
		earlier, taken := first[t.NewProduct]
		if !taken {
			first[t.NewProduct] = t.ID
		}
		e.prepareAssess(terms, listed[t.SKU], earlier)
		e.prepareCompliance()
	}
	// The claw-back is the discount granted at order (TMIP-BREACH): the
	// assessment at the order instant, when it allowed the trade-in.
	for i := range b.entries {
		e := &b.entries[i]
		if !e.t.Ordered.IsZero() {
			if a := b.assess(e, e.t.Ordered); a.Allowed {
				e.clawback = a.Discount
			}
		}
		e.prepareReasons()
	}
	return b, nil
}

// Terms returns the terms the book evaluates under.
func (b *Book) Terms() Terms { return b.terms }

// Len returns how many trade-ins the book holds.
func (b *Book) Len() int { return len(b.entries) }

// TradeIn returns the trade-in named id as recorded (instants in UTC), or
// false when there is none. The result is a copy: changing it changes
// nothing in the book.
func (b *Book) TradeIn(id string) (TradeIn, bool) {
	e, ok := b.entry(id)
	if !ok {
		return TradeIn{}, false
	}
	return e.t.copy(), true
}

func (b *Book) entry(id string) (*entry, bool) {
	i, ok := b.index[id]
	if !ok {
		return nil, false
	}
	return &b.entries[i], true
}

func (b *Book) unknown(id string) error {
	return fmt.Errorf("tmip: unknown trade-in %q", id)
}

// deadlineOf is the return deadline of a trade-in whose new equipment
// shipped at shipped (TMIP-RETURN): shipment + ReturnMonths calendar months,
// clamped to the month's end. Zero when it has not shipped.
func deadlineOf(terms Terms, shipped time.Time) time.Time {
	if shipped.IsZero() {
		return time.Time{}
	}
	return calendar.AddMonths(shipped, terms.ReturnMonths)
}
