package credits

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
)

// Limits that keep terms sensible and the blocks check fast; terms beyond
// them are refused by Validate as nonsense rather than evaluated slowly.
const (
	maxBlocks         = 100       // blocks of one kind: each costs a pass over the table
	maxBlock          = 1_000_000 // credits in one block
	maxSmallestBlock  = 10_000    // the blocks check keeps a table this long
	maxValidityMonths = 1200      // a hundred years
)

// Terms are the published numbers of both credit programs. A caller
// evaluating under another program year builds other Terms; nothing else
// changes. The zero Terms are refused by Validate and NewProgram (no
// blocks, no validity): start from DefaultTerms.
type Terms struct {
	// Professional are the terms of Professional Services Credits.
	Professional KindTerms
	// Flexible are the terms of Flexible Services Credits (CRD-FLEX). The
	// seed gives them only their validity and call-off minimum; the rest
	// defaults to the Professional numbers.
	Flexible KindTerms
	// FlexibleOtherMinCallOff is the minimum Flexible call-off on an
	// engagement that is not a professional services engagement. The seed
	// sets none (CRD-FLEX-MIN speaks only of professional services); the
	// default 1 keeps just "whole credits".
	FlexibleOtherMinCallOff decimal.Decimal
}

// KindTerms are the numbers of one kind of credit. The zero KindTerms are
// refused by Validate: no blocks, no validity.
type KindTerms struct {
	// Blocks are the quantities an order is made of (CRD-BLOCKS): an order is
	// valid when its credits are a sum of blocks, each used any number of
	// times. At most 100 blocks, whole numbers from 1 to 1,000,000; the
	// smallest at most 10,000.
	Blocks []decimal.Decimal
	// MinOrder is the smallest order (CRD-MIN-ORDER), a whole number >= 0.
	MinOrder decimal.Decimal
	// MinCallOff is the smallest call-off (CRD-MIN-CALLOFF for Professional,
	// CRD-FLEX-MIN for Flexible on a professional services engagement), a
	// whole number >= 1.
	MinCallOff decimal.Decimal
	// ValidityMonths is how long a purchase can be called off (CRD-VALIDITY,
	// CRD-FLEX): [purchase, purchase + ValidityMonths months).
	ValidityMonths int
}

// DefaultTerms returns the published terms of the datasheet (seed
// 002_162daf9085a52f87.txt): blocks of 1, 10, 25 and 50, a minimum order of
// 10, call-offs of at least 5 Professional or 10 Flexible credits, 12 months
// of validity.
func DefaultTerms() Terms {
	kind := func(minCallOff int64) KindTerms {
		return KindTerms{
			Blocks:         []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(10), decimal.NewFromInt(25), decimal.NewFromInt(50)},
			MinOrder:       decimal.NewFromInt(10),
			MinCallOff:     decimal.NewFromInt(minCallOff),
			ValidityMonths: 12,
		}
	}
	return Terms{
		Professional:            kind(5),
		Flexible:                kind(10),
		FlexibleOtherMinCallOff: decimal.NewFromInt(1),
	}
}

// Validate refuses terms no program could mean: no blocks or more than 100,
// a block that is not a whole number from 1 to 1,000,000, a smallest block
// over 10,000, a negative or fractional minimum, a validity that is not 1 to
// 1200 months, an amount past 40 digits either side of the point (refused
// before any comparison). The error names the field and the cap it is over.
//
// The caps bound the blocks check (see the package doc): its table is built
// in O(k·m) steps and 8·m bytes for k blocks and a smallest block m, at most
// two passes of 100 × 10,000 steps and 80 KB a kind.
func (t Terms) Validate() error {
	var errs []error
	errs = append(errs, t.Professional.validate("Professional"))
	errs = append(errs, t.Flexible.validate("Flexible"))
	errs = append(errs, wholeAtLeast("FlexibleOtherMinCallOff", t.FlexibleOtherMinCallOff, 1))
	return errors.Join(errs...)
}

// of returns the terms of kind k.
func (t Terms) of(k Kind) (KindTerms, error) {
	switch k {
	case Professional:
		return t.Professional, nil
	case Flexible:
		return t.Flexible, nil
	}
	return KindTerms{}, fmt.Errorf("credits: unknown credit kind %s (want professional or flexible)", k)
}

func (k KindTerms) validate(name string) error {
	var errs []error
	switch {
	case len(k.Blocks) == 0:
		errs = append(errs, fmt.Errorf("credits: terms %s.Blocks is empty", name))
	case len(k.Blocks) > maxBlocks:
		// Refused before looking at each block: the list is what is too long.
		return fmt.Errorf("credits: terms %s.Blocks has %d blocks, over the cap of at most %d", name, len(k.Blocks), maxBlocks)
	}
	smallest := int64(0)
	for i, b := range k.Blocks {
		f := fmt.Sprintf("%s.Blocks[%d]", name, i)
		if err := wholeAtLeast(f, b, 1); err != nil {
			errs = append(errs, err)
			continue
		}
		if b.GreaterThan(decimal.NewFromInt(maxBlock)) {
			errs = append(errs, fmt.Errorf("credits: terms %s = %s is over %d credits", f, b, maxBlock))
			continue
		}
		if v := b.IntPart(); smallest == 0 || v < smallest {
			smallest = v
		}
	}
	if smallest > maxSmallestBlock {
		errs = append(errs, fmt.Errorf("credits: terms %s.Blocks: the smallest block %d is over %d credits", name, smallest, maxSmallestBlock))
	}
	errs = append(errs, wholeAtLeast(name+".MinOrder", k.MinOrder, 0))
	errs = append(errs, wholeAtLeast(name+".MinCallOff", k.MinCallOff, 1))
	if k.ValidityMonths < 1 || k.ValidityMonths > maxValidityMonths {
		errs = append(errs, fmt.Errorf("credits: terms %s.ValidityMonths = %d is not 1 to %d", name, k.ValidityMonths, maxValidityMonths))
	}
	return errors.Join(errs...)
}

// wholeAtLeast refuses d unless it is a whole number >= least, within
// the bound on amounts: comparing or printing one past it costs seconds.
func wholeAtLeast(field string, d decimal.Decimal, least int64) error {
	if err := checkAmount(d, func() string { return "terms " + field }); err != nil {
		return err
	}
	if !d.IsInteger() || d.LessThan(decimal.NewFromInt(least)) {
		return fmt.Errorf("credits: terms %s = %s is not a whole number >= %d", field, d, least)
	}
	return nil
}
