package tmip

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func TestAssessQuotesTheFAQ(t *testing.T) {
	at := instant(t, "2021-07-01T00:00:00Z")
	with := func(change func(*TradeIn)) TradeIn {
		ti := eligible(t, "T", "MX10008")
		change(&ti)
		return ti
	}
	cases := []struct {
		name string // the FAQ's sentence, then the case
		ti   TradeIn
		want []rule.ID // nil: allowed
	}{
		{"swap previously purchased equipment for discount credits on new equipment (TMIP-SWAP)", with(func(*TradeIn) {}), nil},
		{"MX Series 5G Universal Routing Platforms with the SKUs identified (TMIP-ELIGIBLE): an MX960", with(func(*TradeIn) {}), nil},
		{"with the SKUs identified (TMIP-ELIGIBLE): a PTX is not", with(func(ti *TradeIn) { ti.SKU = "PTX10008" }), []rule.ID{rule.TmipEligible}},
		{"with the SKUs identified: names are exact", with(func(ti *TradeIn) { ti.SKU = "mx960-premium2-ac" }), []rule.ID{rule.TmipEligible}},
		{"Full bandwidth Flex SKUs are supported as part of TMIP", with(func(ti *TradeIn) { ti.SKU = "MPC7E-MRATE-FLEX" }), nil},
		{"Returned equipment must be in working condition (TMIP-CONDITION)", with(func(ti *TradeIn) { ti.Condition.Working = false }), []rule.ID{rule.TmipCondition}},
		{"from a production or lab network: lab", with(func(ti *TradeIn) { ti.Condition.Network = Lab }), nil},
		{"from a production or lab network: other", with(func(ti *TradeIn) { ti.Condition.Network = OtherNetwork }), []rule.ID{rule.TmipCondition}},
		{"No damaged equipment is eligible", with(func(ti *TradeIn) { ti.Condition.Damaged = true }), []rule.ID{rule.TmipCondition}},
		{"purchased originally through a Juniper authorized channel", with(func(ti *TradeIn) { ti.Condition.Channel = Authorized }), nil},
		{"or directly from Juniper", with(func(ti *TradeIn) { ti.Condition.Channel = Direct }), nil},
		{"No gray market equipment is allowed", with(func(ti *TradeIn) { ti.Condition.Channel = Gray }), []rule.ID{rule.TmipCondition}},
		{"Can this program incentive be combined with any other promotion program? (TMIP-COMBINE: no)", with(func(ti *TradeIn) { ti.OtherPromotion = true }), []rule.ID{rule.TmipCombine}},
		{"every rule broken is named, most specific first", with(func(ti *TradeIn) {
			ti.SKU, ti.Condition.Damaged, ti.OtherPromotion = "EX4300", true, true
		}), []rule.ID{rule.TmipEligible, rule.TmipCondition, rule.TmipCombine}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := mustBook(t, DefaultTerms(), c.ti)
			a := mustAssess(t, b, "T", at)
			wantRules(t, a.Err(), c.want...)
			if c.want == nil {
				if !a.Allowed || !slices.Contains(a.Rules.IDs(), rule.TmipSwap) || !a.Discount.Equal(dec("500")) {
					t.Fatalf("allowed assessment %+v: want TMIP-SWAP and a discount of 500.00", a)
				}
				return
			}
			if a.Allowed || !a.Discount.IsZero() || a.Obligations.Slice() != nil || !slices.Equal(a.Rules.IDs(), c.want) {
				t.Fatalf("refusal %+v: want rules %v, no discount, no obligations", a, c.want)
			}
		})
	}
}

func TestOneReturnForOneProduct(t *testing.T) {
	// "you will not receive additional credit beyond a “1 return for 1
	// product” order" (TMIP-ONE-FOR-ONE): the first in file order counts.
	first := eligible(t, "T1", "MX10008")
	first.Condition.Damaged = true // refused itself, and still the one that counts
	second := eligible(t, "T2", "MX10008")
	other := eligible(t, "T3", "MX304")
	b := mustBook(t, DefaultTerms(), first, second, other)
	at := instant(t, "2021-07-01T00:00:00Z")
	wantRules(t, mustAssess(t, b, "T1", at).Err(), rule.TmipCondition)
	wantRules(t, mustAssess(t, b, "T2", at).Err(), rule.TmipOneForOne)
	wantRules(t, mustAssess(t, b, "T3", at).Err())
	if a := mustAssess(t, b, "T2", at); !strings.Contains(a.Reason, "T1") {
		t.Errorf("reason %q does not name the trade-in that counts", a.Reason)
	}
}

func TestValidationPeriodEndsInThirdQuarter2021(t *testing.T) {
	// "The validation period is scheduled to end in the third calendar
	// quarter of 2021." (TMIP-WINDOW)
	end := instant(t, "2021-10-01T00:00:00Z")
	if got := DefaultTerms().WindowEnd; !got.Equal(At(end)) {
		t.Fatalf("WindowEnd = %v, want %v", got, end)
	}
	b := mustBook(t, DefaultTerms(), quoted(t, "T", "MX10008"))
	before := mustAssess(t, b, "T", end.Add(-time.Nanosecond))
	if !before.Allowed || !before.Until.Equal(end) {
		t.Fatalf("1ns before the end: %+v, want allowed until %v", before, end)
	}
	wantRules(t, mustAssess(t, b, "T", end).Err(), rule.TmipWindow)
	if a := mustAssess(t, b, "T", end); !a.Until.IsZero() {
		t.Fatalf("after the window: until %v, want never", a.Until)
	}

	terms := DefaultTerms()
	terms.WindowStart = At(instant(t, "2021-01-01T00:00:00Z"))
	b = mustBook(t, terms, quoted(t, "T", "MX10008"))
	early := mustAssess(t, b, "T", terms.WindowStart.Time.Add(-time.Nanosecond))
	wantRules(t, early.Err(), rule.TmipWindow)
	if !early.Until.Equal(terms.WindowStart.Time) {
		t.Fatalf("before the window: until %v, want its start", early.Until)
	}
	if !mustAssess(t, b, "T", terms.WindowStart.Time).Allowed {
		t.Fatal("refused at the window's start")
	}
}

// RULES.md's table: a refusal for bad condition is "deny TMIP-CONDITION,
// never": an intrinsic refusal cites its own rules alone, at every instant.
func TestIntrinsicRefusalHoldsForGoodWithoutTheWindow(t *testing.T) {
	ti := eligible(t, "T", "MX10008")
	ti.Condition.Channel = Gray
	terms := DefaultTerms()
	terms.WindowStart = At(instant(t, "2021-01-01T00:00:00Z"))
	b := mustBook(t, terms, ti)
	for _, at := range []string{"2020-07-01T00:00:00Z", "2021-07-01T00:00:00Z", "2025-01-01T00:00:00Z"} {
		a := mustAssess(t, b, "T", instant(t, at))
		wantRules(t, a.Err(), rule.TmipCondition)
		if !a.Until.IsZero() || len(a.Rules.IDs()) != 1 {
			t.Fatalf("at %s: rules %v until %v, want [TMIP-CONDITION] never", at, a.Rules.IDs(), a.Until)
		}
	}
}

func TestDiscountIsTheSupportContractsRemainingValue(t *testing.T) {
	// "If there is any remaining value left on the existing Juniper support
	// contract ... discount credits can be applied" (TMIP-SUPPORT); "At the
	// time new equipment is ordered. The discount is listed in the quote."
	// (TMIP-AT-ORDER). The contract runs 730 days from 2020-07-01.
	b := mustBook(t, DefaultTerms(), quoted(t, "T", "MX10008"))
	for _, c := range []struct {
		at, want string
	}{
		{"2019-01-01T00:00:00Z", "1000.00"}, // before the start: the full value
		{"2020-07-01T00:00:00Z", "1000.00"},
		{"2020-07-01T23:59:59Z", "1000.00"}, // dates, not instants
		{"2020-07-02T00:00:00Z", "998.63"},  // 1000 × 729/730 = 998.630…
		{"2021-07-01T00:00:00Z", "500.00"},
		{"2021-07-01T12:00:00Z", "500.00"},
	} {
		a := mustAssess(t, b, "T", instant(t, c.at))
		if !a.Discount.Equal(dec(c.want)) {
			t.Errorf("at %s: discount %s, want %s", c.at, a.Discount, c.want)
		}
	}
	terms := DefaultTerms()
	terms.WindowEnd = Instant{}
	b = mustBook(t, terms, quoted(t, "T", "MX10008"))
	for _, at := range []string{"2022-06-30T23:59:59Z", "2022-07-01T00:00:00Z", "2030-01-01T00:00:00Z"} {
		a := mustAssess(t, b, "T", instant(t, at))
		if at == "2022-06-30T23:59:59Z" {
			if !a.Discount.Equal(dec("1.37")) || !a.Until.Equal(instant(t, "2022-07-01T00:00:00Z")) {
				t.Errorf("last day: %s until %v, want 1.37 until the end", a.Discount, a.Until)
			}
			continue
		}
		if !a.Allowed || !a.Discount.IsZero() || !a.Until.IsZero() {
			t.Errorf("at %s, from the end: %+v, want allowed, zero, never", at, a)
		}
	}
}

func TestHalfCentsRoundAwayFromZero(t *testing.T) {
	// 0.05 over 4 days: 3 days left is 0.0375 -> 0.04; 2 days 0.025 -> 0.03;
	// 1 day 0.0125 -> 0.01.
	ti := quoted(t, "T", "MX10008")
	ti.Support = &Contract{Serial: "S", Start: instant(t, "2021-01-01T00:00:00Z"), End: instant(t, "2021-01-05T00:00:00Z"), Value: dec("0.05")}
	b := mustBook(t, DefaultTerms(), ti)
	for day, want := range map[int]string{1: "0.05", 2: "0.04", 3: "0.03", 4: "0.01", 5: "0"} {
		at := time.Date(2021, 1, day, 6, 0, 0, 0, time.UTC)
		if got := mustAssess(t, b, "T", at).Discount; !got.Equal(dec(want)) {
			t.Errorf("Jan %d: %s, want %s", day, got, want)
		}
	}
}

func TestAllowedTradeInCarriesItsObligations(t *testing.T) {
	ti := eligible(t, "T", "MX10008")
	ti.Partner = true
	b := mustBook(t, DefaultTerms(), ti)
	a := mustAssess(t, b, "T", instant(t, "2021-07-01T00:00:00Z"))
	deadline := instant(t, "2021-10-15T00:00:00Z")
	want := []rule.Obligation{
		{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: deadline, Subject: "T"},
		{Kind: rule.Advisory, Rule: rule.TmipPassOn, Subject: "T"},
	}
	if !obligationsEqual(a.Obligations.Slice(), want) || !a.Deadline.Equal(deadline) {
		t.Fatalf("obligations %+v deadline %v, want %+v", a.Obligations.Slice(), a.Deadline, want)
	}
	wantAllowed := []rule.ID{rule.TmipSupport, rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap, rule.TmipPassOn}
	if !slices.Equal(a.Rules.IDs(), wantAllowed) || a.Err() != nil {
		t.Fatalf("rules %v, err %v; want %v", a.Rules.IDs(), a.Err(), wantAllowed)
	}
}

func TestAssessUnknownTradeIn(t *testing.T) {
	b := mustBook(t, DefaultTerms(), eligible(t, "T", "MX10008"))
	if _, err := b.Assess("nope", time.Time{}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("unknown id: %v", err)
	}
	if _, err := b.Compliance("nope", time.Time{}); err == nil || errors.Is(err, rule.TmipReturn) {
		t.Fatalf("unknown id: %v", err)
	}
}

func TestPartnerIsAdvisedToPassTheDiscountOn(t *testing.T) {
	// "I am a Juniper partner. Do I have to pass on the discount to the
	// customer? This program is intended to provide end customers with
	// additional investment protection" (TMIP-PASS-ON): an advisory, not a
	// refusal.
	for _, partner := range []bool{false, true} {
		ti := eligible(t, "T", "MX10008")
		ti.Partner = partner
		a := mustAssess(t, mustBook(t, DefaultTerms(), ti), "T", instant(t, "2021-07-01T00:00:00Z"))
		advised := slices.ContainsFunc(a.Obligations.Slice(), func(o rule.Obligation) bool {
			return o.Kind == rule.Advisory && o.Rule == rule.TmipPassOn && o.Subject == "T" && o.Due.IsZero()
		})
		if !a.Allowed || advised != partner || slices.Contains(a.Rules.IDs(), rule.TmipPassOn) != partner ||
			strings.Contains(a.Reason, "end customer") != partner || !a.Discount.Equal(dec("500")) {
			t.Errorf("partner %v: %+v", partner, a)
		}
	}
}

// TestDiscountUntilIsTheNextDropToTheCent walks contracts day by day, on
// the integer path and on the decimal one, and checks that Until is the
// first midnight at which the discount, to the cent, differs.
func TestDiscountUntilIsTheNextDropToTheCent(t *testing.T) {
	start := instant(t, "2021-01-01T00:00:00Z")
	for _, c := range []struct{ value, days string }{
		{"0.03", "10"},                         // drops rarely, at the half cents
		{"1000.00", "730"},                     // drops every day
		{"7.77", "400"},                        // now and then
		{"123456789012345678901234.56", "100"}, // beyond int64 cents: the decimal path
		{"0.00", "30"},                         // never
	} {
		days := int(dec(c.days).IntPart())
		ti := quoted(t, "T", "MX10008")
		ti.Support = &Contract{Serial: "S", Start: start, End: start.AddDate(0, 0, days), Value: dec(c.value)}
		terms := DefaultTerms()
		terms.WindowEnd = Instant{}
		b := mustBook(t, terms, ti)
		for d := -2; d <= days+1; d++ {
			at := start.AddDate(0, 0, d).Add(7 * time.Hour)
			a := mustAssess(t, b, "T", at)
			var want time.Time
			for k := d + 1; k <= days+1; k++ {
				next := start.AddDate(0, 0, k)
				if !refDiscount(*ti.Support, next).Equal(a.Discount) {
					want = next
					break
				}
			}
			if !a.Until.Equal(want) || !a.Discount.Equal(refDiscount(*ti.Support, at)) {
				t.Fatalf("%s over %s days, at %v: %s until %v, want %s until %v",
					c.value, c.days, at, a.Discount, a.Until, refDiscount(*ti.Support, at), want)
			}
		}
	}
}

func TestTradeInIsJudgedAtItsOrder(t *testing.T) {
	// RULES.md TMIP-AT-ORDER: "A trade-in whose new equipment was ordered
	// (ordered) at or before at is judged as of ordered, wholly: window,
	// eligibility and discount are those at the order, and the decision
	// holds for good. Before ordered, or without it, tradeIn quotes an
	// order placed at at." Ordered 2021-07-01, half-way through a 730-day
	// contract worth 1000.00, inside the window ending 2021-10-01.
	ordered := instant(t, "2021-07-01T00:00:00Z")
	b := mustBook(t, DefaultTerms(), eligible(t, "T", "MX10008"))
	for _, c := range []struct {
		name, at, discount string
		until              string // "" never
	}{
		{"quoted a day before the order", "2021-06-30T00:00:00Z", "501.37", "2021-07-01T00:00:00Z"},
		{"quoted 1ns before the order", "2021-06-30T23:59:59.999999999Z", "501.37", "2021-07-01T00:00:00Z"},
		{"at the order", "2021-07-01T00:00:00Z", "500.00", ""},
		{"a month after the order", "2021-08-01T00:00:00Z", "500.00", ""},
		{"after the window closed", "2021-12-01T00:00:00Z", "500.00", ""},
		{"after the contract ended", "2030-01-01T00:00:00Z", "500.00", ""},
	} {
		a := mustAssess(t, b, "T", instant(t, c.at))
		var until time.Time
		if c.until != "" {
			until = instant(t, c.until)
		}
		if !a.Allowed || !a.Discount.Equal(dec(c.discount)) || !a.Until.Equal(until) {
			t.Errorf("%s: allowed %v, discount %s until %v; want allowed, %s until %v", c.name, a.Allowed, a.Discount, a.Until, c.discount, until)
		}
	}
	// Ordered after the window: refused at the order, for good, though a
	// quote before the order was allowed.
	late := eligible(t, "T", "MX10008")
	late.Ordered = At(instant(t, "2021-11-01T00:00:00Z"))
	b = mustBook(t, DefaultTerms(), late)
	if a := mustAssess(t, b, "T", ordered); !a.Allowed || !a.Discount.Equal(dec("500")) || !a.Until.Equal(instant(t, "2021-07-02T00:00:00Z")) {
		t.Errorf("quoted in the window: %+v, want allowed, 500.00 until the next midnight", a)
	}
	for _, at := range []string{"2021-11-01T00:00:00Z", "2025-01-01T00:00:00Z"} {
		a := mustAssess(t, b, "T", instant(t, at))
		wantRules(t, a.Err(), rule.TmipWindow)
		if !a.Until.IsZero() || !a.Discount.IsZero() {
			t.Errorf("at %s, after an order outside the window: %+v, want refused for good", at, a)
		}
	}
	// A quote that holds until the order holds for good.
	flat := eligible(t, "T", "MX10008")
	flat.Support = nil
	b = mustBook(t, DefaultTerms(), flat)
	if a := mustAssess(t, b, "T", instant(t, "2021-06-01T00:00:00Z")); !a.Allowed || !a.Until.IsZero() {
		t.Errorf("quote without a contract before the order: %+v, want allowed for good", a)
	}
}
