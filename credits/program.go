package credits

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Program is one credits program: a validated set of Terms that ledgers are
// built under and purchases checked under, so a ledger and the orders beside
// it never mix two sets of terms. It never changes after NewProgram and is
// safe for concurrent use.
//
// The zero Program and a nil *Program have no terms: every method refuses
// with an error saying so (Terms returns the zero Terms, Equal compares).
type Program struct {
	terms      Terms
	kinds      [2]kindProgram // by Kind-1
	otherMin   decimal.Decimal
	configured bool
}

// kindProgram is the terms of one kind with what depends on them alone.
type kindProgram struct {
	terms  KindTerms
	blocks blockTable
}

var (
	errNilProgram  = errors.New("credits: no program (a nil *Program): build one with NewProgram")
	errZeroProgram = errors.New("credits: the zero Program has no terms: build one with NewProgram")
)

// NewProgram validates t and returns the program under it. It keeps a copy
// of t: a caller changing t afterwards changes nothing. The blocks check of
// both kinds is built here once, in the time Terms.Validate bounds.
func NewProgram(t Terms) (*Program, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	t = t.clone()
	p := &Program{terms: t, otherMin: t.FlexibleOtherMinCallOff, configured: true}
	for _, k := range []Kind{Professional, Flexible} {
		kt, _ := t.of(k) // k is valid
		p.kinds[k-1] = kindProgram{terms: kt, blocks: newBlockTable(kt.Blocks)}
	}
	return p, nil
}

// Terms returns the program's terms, a copy the caller may change freely.
// A nil or zero Program returns the zero Terms.
func (p *Program) Terms() Terms {
	if p == nil {
		return Terms{}
	}
	return p.terms.clone()
}

// Equal reports whether p and q are under the same terms, by value: blocks
// in the same order, and equal numbers. Two nil programs are equal; a nil
// and a zero Program are both "no terms" and equal too.
func (p *Program) Equal(q *Program) bool {
	if p.ready() != nil || q.ready() != nil {
		return (p.ready() != nil) == (q.ready() != nil)
	}
	return p == q || p.terms.equal(q.terms)
}

// ready returns an error saying what is missing when p cannot decide.
func (p *Program) ready() error {
	switch {
	case p == nil:
		return errNilProgram
	case !p.configured:
		return errZeroProgram
	}
	return nil
}

// of returns the terms of kind k.
func (p *Program) of(k Kind) (*kindProgram, error) {
	if !k.IsValid() {
		return nil, fmt.Errorf("credits: unknown credit kind %s (want professional or flexible)", k)
	}
	return &p.kinds[k-1], nil
}

// CheckPurchase decides whether an order of credits of kind may be placed at
// at under the program's terms. A refusal is a *rule.Violation naming every
// rule the order breaks: CRD-MIN-ORDER, CRD-BLOCKS, CRD-NO-DISCOUNT,
// CRD-LOCAL, followed by CRD-FLEX for Flexible Services Credits (whose terms
// applied). Any other error is bad input (no program, an unknown kind, an
// absurd amount) and names it. The answer never changes with time: Until is
// zero on both outcomes.
func (p *Program) CheckPurchase(kind Kind, o Order, at time.Time) (PurchaseResult, error) {
	if err := p.ready(); err != nil {
		return PurchaseResult{}, err
	}
	kp, err := p.of(kind)
	if err != nil {
		return PurchaseResult{}, err
	}
	if err := o.checkAmounts(func() string { return "order" }); err != nil {
		return PurchaseResult{}, err
	}
	if v := o.check(kind, kp.terms, kp.blocks, "order"); v != nil {
		return PurchaseResult{}, named(fmt.Sprintf("order of %s %s credits", o.Credits, kind), v)
	}
	return allowPurchase(kind, o), nil
}

// clone copies t so that no slice is shared.
func (t Terms) clone() Terms {
	t.Professional.Blocks = slices.Clone(t.Professional.Blocks)
	t.Flexible.Blocks = slices.Clone(t.Flexible.Blocks)
	return t
}

func (t Terms) equal(u Terms) bool {
	return t.Professional.equal(u.Professional) && t.Flexible.equal(u.Flexible) &&
		t.FlexibleOtherMinCallOff.Equal(u.FlexibleOtherMinCallOff)
}

func (k KindTerms) equal(m KindTerms) bool {
	return slices.EqualFunc(k.Blocks, m.Blocks, decimal.Decimal.Equal) &&
		k.MinOrder.Equal(m.MinOrder) && k.MinCallOff.Equal(m.MinCallOff) && k.ValidityMonths == m.ValidityMonths
}
