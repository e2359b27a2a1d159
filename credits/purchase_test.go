package credits

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

func TestCheckPurchaseQuotesTheDatasheet(t *testing.T) {
	at := instant(t, "2025-01-05T00:00:00Z")
	cases := []struct {
		name  string // the datasheet's sentence, then the case
		kind  Kind
		order Order
		want  []rule.ID // nil: allowed
	}{
		{"available in blocks of 1, 10, 25, and 50: 37 = 25+10+1+1 (CRD-BLOCKS)", Professional, local("37"), nil},
		{"available in blocks of 1, 10, 25, and 50: 50", Professional, local("50"), nil},
		{"available in blocks of 1, 10, 25, and 50: 1000", Professional, local("1000"), nil},
		{"available in blocks of 1, 10, 25, and 50: 37.5 is no sum of blocks", Professional, local("37.5"), []rule.ID{rule.CrdBlocks}},
		{"available in blocks of 1, 10, 25, and 50: 10.25 is no sum of blocks", Professional, local("10.25"), []rule.ID{rule.CrdBlocks}},
		{"The minimum order is 10 Professional Services Credits: 5 (CRD-MIN-ORDER, and a sum of blocks)", Professional, local("5"), []rule.ID{rule.CrdMinOrder}},
		{"The minimum order is 10 Professional Services Credits: 9", Professional, local("9"), []rule.ID{rule.CrdMinOrder}},
		{"The minimum order is 10 Professional Services Credits: 10", Professional, local("10"), nil},
		{"The minimum order is 10 Professional Services Credits: 10.0 is 10", Professional, local("10.0"), nil},
		{"The minimum order is 10 Professional Services Credits: 9.5 breaks both", Professional, local("9.5"), []rule.ID{rule.CrdMinOrder, rule.CrdBlocks}},
		{"The minimum order is 10 Professional Services Credits: zero", Professional, local("0"), []rule.ID{rule.CrdMinOrder, rule.CrdBlocks}},
		{"The minimum order is 10 Professional Services Credits: negative", Professional, local("-25"), []rule.ID{rule.CrdMinOrder, rule.CrdBlocks}},
		{"Credits are not discountable (CRD-NO-DISCOUNT)", Professional, Order{Credits: dec("25"), Discount: dec("0.10"), LocalEntity: true}, []rule.ID{rule.CrdNoDiscount}},
		{"Credits are not discountable: a negative discount is one", Professional, Order{Credits: dec("25"), Discount: dec("-1"), LocalEntity: true}, []rule.ID{rule.CrdNoDiscount}},
		{"Credits are not discountable: a zero discount is none", Professional, Order{Credits: dec("25"), Discount: dec("0.00"), LocalEntity: true}, nil},
		{"Credits must be ordered via the local entity (CRD-LOCAL)", Professional, Order{Credits: dec("25")}, []rule.ID{rule.CrdLocal}},
		{"every rule broken is named", Professional, Order{Credits: dec("2.5"), Discount: dec("1")}, []rule.ID{rule.CrdMinOrder, rule.CrdBlocks, rule.CrdNoDiscount, rule.CrdLocal}},
		{"Flexible Services Credits can be purchased (CRD-FLEX)", Flexible, local("25"), nil},
		{"Flexible Services Credits: the minimum order too", Flexible, local("5"), []rule.ID{rule.CrdMinOrder, rule.CrdFlex}},
		{"Flexible Services Credits: not discountable either", Flexible, Order{Credits: dec("25"), Discount: dec("5"), LocalEntity: true}, []rule.ID{rule.CrdNoDiscount, rule.CrdFlex}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := checkPurchase(DefaultTerms(), c.kind, c.order, at)
			wantRules(t, err, c.want...)
			if c.want != nil {
				return
			}
			wantAllow := []rule.ID{rule.CrdInvoice}
			if c.kind == Flexible {
				wantAllow = append(wantAllow, rule.CrdFlex)
			}
			if !slices.Equal(res.Rules.IDs(), wantAllow) || !res.Credits.Equal(c.order.Credits) || !res.Until.IsZero() {
				t.Fatalf("result %+v, want rules %v, credits %s, until never", res, wantAllow, c.order.Credits)
			}
		})
	}
}

func TestPurchaseIsInvoicedInFullAtOnce(t *testing.T) {
	// "Credits are invoiced 100% at time of purchase." (CRD-INVOICE) The
	// invoice is due on placing the order, whenever that is: no instant of
	// its own, so the answer is the same asked at any instant.
	at := instant(t, "2025-02-01T10:30:00Z")
	res, err := checkPurchase(DefaultTerms(), Professional, local("37"), at)
	if err != nil {
		t.Fatal(err)
	}
	want := rule.Obligation{Kind: rule.Invoice, Rule: rule.CrdInvoice, Subject: "professional"}
	if len(res.Obligations.Slice()) != 1 || res.Obligations.Slice()[0] != want {
		t.Fatalf("obligations %+v, want %+v", res.Obligations.Slice(), want)
	}
	later, err := checkPurchase(DefaultTerms(), Professional, local("37"), at.Add(time.Nanosecond))
	if err != nil || !reflect.DeepEqual(later, res) {
		t.Fatalf("asked 1ns later: %+v, %v; want %+v", later, err, res)
	}
	if !res.Credits.Equal(dec("37")) {
		t.Fatalf("credits %s, want 37", res.Credits)
	}
}

func TestTermsAreParameters(t *testing.T) {
	// CRD-BLOCKS under other terms: blocks of 10, 25 and 50 only.
	terms := DefaultTerms()
	terms.Professional.Blocks = []decimal.Decimal{dec("10"), dec("25"), dec("50")}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		credits string
		ok      bool
	}{
		{"37", false}, {"35", true}, {"10", true}, {"15", false}, {"20", true}, {"45", true},
		{"55", true}, {"60", true}, {"65", true}, {"1000000000000000000000000005", true}, {"1000000000000000000000000001", false},
	} {
		_, err := checkPurchase(terms, Professional, local(c.credits), at)
		if c.ok {
			wantRules(t, err)
		} else {
			wantRules(t, err, rule.CrdBlocks)
		}
	}
	// The defaults are untouched by a caller's change to a copy.
	if _, err := checkPurchase(DefaultTerms(), Professional, local("37"), at); err != nil {
		t.Fatal(err)
	}
	// Another minimum order.
	terms = DefaultTerms()
	terms.Professional.MinOrder = dec("50")
	_, err := checkPurchase(terms, Professional, local("37"), at)
	wantRules(t, err, rule.CrdMinOrder)
}

func TestCheckPurchaseRefusesBadInput(t *testing.T) {
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	bad := DefaultTerms()
	bad.Professional.Blocks = nil
	huge := decimal.New(1, 100000)
	for name, f := range map[string]func() error{
		"unknown kind": func() error { _, err := checkPurchase(DefaultTerms(), 0, local("10"), at); return err },
		"bad terms":    func() error { _, err := checkPurchase(bad, Professional, local("10"), at); return err },
		"huge credits": func() error {
			_, err := checkPurchase(DefaultTerms(), Professional, Order{Credits: huge, LocalEntity: true}, at)
			return err
		},
		"tiny discount": func() error {
			_, err := checkPurchase(DefaultTerms(), Professional, Order{Credits: dec("10"), Discount: decimal.New(1, -100000), LocalEntity: true}, at)
			return err
		},
	} {
		err := f()
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if rulesOfAny(err) != nil {
			t.Errorf("%s: %v is a rule violation, want bad input", name, err)
		}
		t.Logf("%s: %v", name, err)
	}
}
