package tmip

import (
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The reference evaluator: RULES.md's tmip rows written out plainly, from
// the trade-ins as given, with none of the Book's precomputation. It is a
// test asset, checked against Book by the properties below.

type refAnswer struct {
	allowed     bool
	rules       []rule.ID
	obligations []rule.Obligation
	discount    decimal.Decimal
	status      Status
}

func refAssess(terms Terms, catalog Catalog, tradeIns []TradeIn, i int, at time.Time) refAnswer {
	ti := tradeIns[i]
	// TMIP-AT-ORDER: ordered at or before at, judged as of the order.
	if ti.Ordered.Valid && !ti.Ordered.Time.After(at) {
		at = ti.Ordered.Time
	}
	var broken []rule.ID
	if !slices.Contains(catalog.SKUs, ti.SKU) {
		broken = append(broken, rule.TmipEligible)
	}
	c := ti.Condition
	if !c.Working || (c.Network != Production && c.Network != Lab) || c.Damaged || c.Channel == Gray {
		broken = append(broken, rule.TmipCondition)
	}
	for _, earlier := range tradeIns[:i] {
		if earlier.NewProduct == ti.NewProduct {
			broken = append(broken, rule.TmipOneForOne)
			break
		}
	}
	if ti.OtherPromotion && !terms.Combinable {
		broken = append(broken, rule.TmipCombine)
	}
	if broken == nil && (terms.WindowStart.Valid && at.Before(terms.WindowStart.Time)) || broken == nil && (terms.WindowEnd.Valid && !at.Before(terms.WindowEnd.Time)) {
		broken = append(broken, rule.TmipWindow) // asked only of an otherwise eligible trade-in
	}
	if broken != nil {
		return refAnswer{rules: broken}
	}
	a := refAnswer{allowed: true}
	if ti.Support != nil {
		a.rules = append(a.rules, rule.TmipSupport)
		a.discount = refDiscount(*ti.Support, at)
	}
	a.rules = append(a.rules, rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap)
	if ti.NewEquipmentShipped.Valid {
		a.obligations = append(a.obligations, rule.Obligation{Kind: rule.Deadline, Rule: rule.TmipReturn,
			Due: calendar.AddMonths(ti.NewEquipmentShipped.Time, terms.ReturnMonths), Subject: ti.ID})
	}
	if ti.Partner {
		a.rules = append(a.rules, rule.TmipPassOn)
		a.obligations = append(a.obligations, rule.Obligation{Kind: rule.Advisory, Rule: rule.TmipPassOn, Subject: ti.ID})
	}
	return a
}

func refCompliance(terms Terms, catalog Catalog, tradeIns []TradeIn, i int, at time.Time) refAnswer {
	ti := tradeIns[i]
	var deadline time.Time
	shipped := ti.NewEquipmentShipped.Valid
	if shipped {
		deadline = calendar.AddMonths(ti.NewEquipmentShipped.Time, terms.ReturnMonths)
	}
	known := func(x time.Time) bool { return !x.IsZero() && !x.After(at) }
	inTime := func(x time.Time) bool { return !shipped || x.Before(deadline) }
	d := ti.Destruction
	validCert := d != nil && d.LegalAuthority && d.SignerTitle >= VicePresident && d.SignerTitle <= ChiefExecutiveOfficer
	signer := d != nil && known(d.Signed) && !validCert
	returned := ti.Returned.Valid && !ti.Returned.Time.After(at)
	met := (returned && inTime(ti.Returned.Time)) || (validCert && known(d.Signed) && inTime(d.Signed))
	// A late return or certificate ends the notices (TMIP-BREACH).
	noticesEnded := returned || (validCert && known(d.Signed))
	var a refAnswer
	switch {
	case met:
		a = refAnswer{allowed: true, status: Met, rules: []rule.ID{rule.TmipReturn}}
	case !shipped:
		a = refAnswer{allowed: true, status: Pending, rules: []rule.ID{rule.TmipReturn}}
	case at.Before(deadline):
		a = refAnswer{allowed: true, status: Pending, rules: []rule.ID{rule.TmipReturn},
			obligations: []rule.Obligation{{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: deadline, Subject: ti.ID}}}
	default:
		notice := deadline
		for next := calendar.AddDays(notice, terms.NoticeEveryDays); !next.After(at); next = calendar.AddDays(next, terms.NoticeEveryDays) {
			notice = next
		}
		a = refAnswer{status: Breach, rules: []rule.ID{rule.TmipBreach, rule.TmipReturn},
			obligations: []rule.Obligation{{Kind: rule.Clawback, Rule: rule.TmipBreach, Due: deadline, Subject: ti.ID}}}
		if !noticesEnded {
			a.obligations = slices.Insert(a.obligations, 0, rule.Obligation{Kind: rule.Notice, Rule: rule.TmipBreach, Due: notice, Subject: ti.ID})
		}
		if ti.Ordered.Valid {
			a.discount = refAssess(terms, catalog, tradeIns, i, ti.Ordered.Time).discount
		}
	}
	if signer {
		a.rules = slices.Insert(a.rules, 1, rule.TmipSigner)
		if a.status != Breach {
			a.rules = []rule.ID{rule.TmipReturn, rule.TmipSigner}
		}
	}
	return a
}

func TestAssessAgreesWithTheReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		i := rapid.IntRange(0, len(w.tradeIns)-1).Draw(t, "i")
		at := w.genInstant(t, "at")
		got := mustAssess(t, w.book, w.tradeIns[i].ID, at)
		want := refAssess(w.terms, DefaultCatalog(), w.tradeIns, i, at)
		if got.Allowed != want.allowed || !slices.Equal(got.Rules.IDs(), want.rules) ||
			!obligationsEqual(got.Obligations.Slice(), want.obligations) || !got.Discount.Equal(want.discount) {
			t.Fatalf("at %v: %+v\nreference %+v", at, got, want)
		}
	})
}

func TestComplianceAgreesWithTheReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		i := rapid.IntRange(0, len(w.tradeIns)-1).Draw(t, "i")
		at := w.genInstant(t, "at")
		got := mustComply(t, w.book, w.tradeIns[i].ID, at)
		want := refCompliance(w.terms, DefaultCatalog(), w.tradeIns, i, at)
		if got.Allowed != want.allowed || got.Status != want.status || !slices.Equal(got.Rules.IDs(), want.rules) ||
			!obligationsEqual(got.Obligations.Slice(), want.obligations) || !got.Clawback.Equal(want.discount) {
			t.Fatalf("at %v: %+v\nreference %+v", at, got, want)
		}
	})
}

// TestReferenceAgreesOnTheSeedWorld pins the reference itself on a hand-made
// case, so that it cannot drift with the Book unnoticed.
func TestReferenceAgreesOnTheSeedWorld(t *testing.T) {
	ti := eligible(t, "T", "MX10008")
	ti.Destruction = &Certificate{Signed: instant(t, "2021-08-01T00:00:00Z"), SignerTitle: Manager, LegalAuthority: true}
	got := refCompliance(DefaultTerms(), DefaultCatalog(), []TradeIn{ti}, 0, instant(t, "2021-12-14T00:00:00Z"))
	want := []rule.Obligation{
		{Kind: rule.Notice, Rule: rule.TmipBreach, Due: instant(t, "2021-12-14T00:00:00Z"), Subject: "T"},
		{Kind: rule.Clawback, Rule: rule.TmipBreach, Due: instant(t, "2021-10-15T00:00:00Z"), Subject: "T"},
	}
	if got.status != Breach || !slices.Equal(got.rules, []rule.ID{rule.TmipBreach, rule.TmipSigner, rule.TmipReturn}) ||
		!obligationsEqual(got.obligations, want) || !got.discount.Equal(dec("500")) {
		t.Fatalf("reference %+v", got)
	}
}
