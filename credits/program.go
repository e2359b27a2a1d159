package credits

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Program is one credits program: a validated set of Terms that ledgers are
// built under and purchases checked under, so a ledger and the orders beside
// it never mix two sets of terms. It never changes after NewProgram and is
// safe for concurrent use.
//
// A Program is a handle to what NewProgram sealed: copies are the same
// program, == reports whether two handles are (Equal compares terms), and
// nothing a caller does to its copy reaches the program itself. The zero
// Program has no terms: every method refuses with an error saying so
// (Terms returns the zero Terms, Equal compares).
type Program struct{ p *program }

type program struct {
	terms    Terms
	kinds    [2]kindProgram // by Kind-1
	otherMin decimal.Decimal
}

// kindProgram is the terms of one kind with what depends on them alone.
type kindProgram struct {
	terms  KindTerms
	blocks blockTable
}

// errZeroProgram is an errors.New value: every caller gets the same one,
// and none can change it.
var errZeroProgram = errors.New("credits: the zero Program has no terms: build one with NewProgram")

// NewProgram validates t and returns the program under it. It keeps a copy
// of t: a caller changing t afterwards changes nothing. The blocks check of
// both kinds is built here once, in the time Terms.Validate bounds.
func NewProgram(t Terms) (Program, error) {
	if err := t.Validate(); err != nil {
		return Program{}, err
	}
	t = t.clone()
	p := &program{terms: t, otherMin: t.FlexibleOtherMinCallOff}
	for _, k := range []Kind{Professional, Flexible} {
		kt, _ := t.of(k) // k is valid
		p.kinds[k-1] = kindProgram{terms: kt, blocks: newBlockTable(kt.Blocks)}
	}
	return Program{p}, nil
}

// IsValid reports whether p was built by NewProgram.
func (p Program) IsValid() bool { return p.p != nil }

// Terms returns the program's terms, a copy the caller may change freely.
// The zero Program returns the zero Terms.
func (p Program) Terms() Terms {
	if p.p == nil {
		return Terms{}
	}
	return p.p.terms.clone()
}

// Equal reports whether p and q are under the same terms, by value: blocks
// in the same order, and equal numbers. The zero Program equals only
// itself.
func (p Program) Equal(q Program) bool {
	if p.p == nil || q.p == nil {
		return p.p == q.p
	}
	return p == q || p.p.terms.equal(q.p.terms)
}

// ready returns an error saying what is missing when p cannot decide.
func (p Program) ready() error {
	if p.p == nil {
		return errZeroProgram
	}
	return nil
}

// of returns the terms of kind k.
func (p *program) of(k Kind) (*kindProgram, error) {
	if !k.IsValid() {
		return nil, fmt.Errorf("credits: unknown credit kind %s (want professional or flexible)", k)
	}
	return &p.kinds[k-1], nil
}

// CheckPurchase decides whether an order of credits of kind may be placed at
// at under the program's terms. A refusal is a result that is not Allowed,
// citing every rule the order breaks: CRD-MIN-ORDER, CRD-BLOCKS,
// CRD-NO-DISCOUNT, CRD-LOCAL, followed by CRD-FLEX for Flexible Services
// Credits (whose terms applied). The error is only for bad input (the zero
// Program, an unknown kind, an amount beyond the bound on amounts) and
// names it. The answer never changes with time: Until is zero on both
// outcomes.
func (p Program) CheckPurchase(kind Kind, o Order, at time.Time) (PurchaseResult, error) {
	if err := p.ready(); err != nil {
		return PurchaseResult{}, err
	}
	kp, err := p.p.of(kind)
	if err != nil {
		return PurchaseResult{}, err
	}
	if err := o.checkAmounts(func() string { return "order" }); err != nil {
		return PurchaseResult{}, err
	}
	if v := o.check(kind, kp.terms, kp.blocks, "order"); v != nil {
		v = named(fmt.Sprintf("order of %s %s credits", o.Credits, kind), v)
		return PurchaseResult{Verdict: rule.Verdict{Rules: v.Rules, Reason: v.Reason}, Credits: o.Credits}, nil
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
