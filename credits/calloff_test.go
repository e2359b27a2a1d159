package credits

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// sample is the account of shared/scenarios/services-credits.json: 25
// credits bought on Feb 1 2025, 5 called off on Mar 1.
func sample(t fataler, kind Kind) Ledger {
	t.Helper()
	return mustLedger(t, kind,
		[]Purchase{{ID: "po-1", At: instant(t, "2025-02-01T00:00:00Z"), Order: local("25")}},
		[]CallOffRecord{{At: instant(t, "2025-03-01T00:00:00Z"), CallOff: CallOff{Credits: dec("10"), Engagement: fixed(Assessment)}}})
}

func TestCheckCallOffQuotesTheDatasheet(t *testing.T) {
	at := instant(t, "2025-04-01T00:00:00Z") // 15 credits available
	noScope := fixed(Design)
	noScope.DefinedScope = false
	duration := fixed(Design)
	duration.Pricing = Duration
	unpriced := fixed(Design)
	unpriced.Pricing = 0
	noPO := fixed(Design)
	noPO.PurchaseOrder = false
	noSOW := fixed(Design)
	noSOW.StatementOfWork = false
	other := fixed(Design)
	other.OtherService = true
	cases := []struct {
		name    string // the datasheet's sentence, then the case
		kind    Kind
		credits string
		e       Engagement
		want    []rule.ID // nil: allowed
		balance string
	}{
		{"Minimum call-off (use of credits) is equal to 5 credits (CRD-MIN-CALLOFF): 5", Professional, "5", fixed(Design), nil, "10"},
		{"Minimum call-off (use of credits) is equal to 5 credits: 4", Professional, "4", fixed(Design), []rule.ID{rule.CrdMinCallOff}, ""},
		{"no partial credit spends are permitted: 7.5", Professional, "7.5", fixed(Design), []rule.ID{rule.CrdMinCallOff}, ""},
		{"no partial credit spends are permitted: 4.5 is both", Professional, "4.5", fixed(Design), []rule.ID{rule.CrdMinCallOff}, ""},
		{"no partial credit spends are permitted: 8.0 is whole", Professional, "8.0", fixed(Design), nil, "7"},
		{"no partial credit spends; CRD-VALIDITY is asked only of an otherwise valid call-off: 15.5", Professional, "15.5", fixed(Design), []rule.ID{rule.CrdMinCallOff}, ""},
		{"Minimum call-off: zero", Professional, "0", fixed(Design), []rule.ID{rule.CrdMinCallOff}, ""},
		{"Minimum call-off: negative", Professional, "-5", fixed(Design), []rule.ID{rule.CrdMinCallOff}, ""},
		{"Minimum call-off (use of Flexible Services Credits) is equal to 10 credits (CRD-FLEX-MIN): 9", Flexible, "9", fixed(Migration), []rule.ID{rule.CrdFlexMin}, ""},
		{"Minimum call-off (use of Flexible Services Credits) is equal to 10 credits: 10", Flexible, "10", fixed(Migration), nil, "5"},
		{"with no partial credit spend permitted: 10.5 Flexible", Flexible, "10.5", fixed(Migration), []rule.ID{rule.CrdFlexMin}, ""},
		{"Flexible Services Credits ... for qualified Juniper services (CRD-FLEX): 3 off professional services", Flexible, "3", other, nil, "12"},
		{"Flexible Services Credits for qualified services: whole credits still", Flexible, "2.5", other, []rule.ID{rule.CrdFlex}, ""},
		{"Flexible Services Credits: not more than the balance", Flexible, "16", other, []rule.ID{rule.CrdValidity, rule.CrdFlex}, ""},
		{"Professional Services Credits ignore OtherService", Professional, "4", other, []rule.ID{rule.CrdMinCallOff}, ""},
		{"Credits may not be used for duration-based contracts (CRD-SCOPE)", Professional, "5", duration, []rule.ID{rule.CrdScope}, ""},
		{"with no predefined scope (CRD-SCOPE)", Professional, "5", noScope, []rule.ID{rule.CrdScope}, ""},
		{"firm, fixed-price: a pricing not given is not fixed", Professional, "5", unpriced, []rule.ID{rule.CrdScope}, ""},
		{"the following types of engagements (CRD-TYPES): none given", Professional, "5", Engagement{Pricing: Fixed, DefinedScope: true, PurchaseOrder: true, StatementOfWork: true}, []rule.ID{rule.CrdTypes}, ""},
		{"Assessment Services", Professional, "5", fixed(Assessment), nil, "10"},
		{"Deployment Services", Professional, "5", fixed(Deployment), nil, "10"},
		{"Migration Services", Professional, "5", fixed(Migration), nil, "10"},
		{"requires a purchase order applied against your ... balance (CRD-CALLOFF-PO)", Professional, "5", noPO, []rule.ID{rule.CrdCallOffPO}, ""},
		{"accompanied by a Juniper statement of work (CRD-CALLOFF-PO)", Professional, "5", noSOW, []rule.ID{rule.CrdCallOffPO}, ""},
		{"must be delivered within 12 months of purchase (CRD-VALIDITY): more than the balance", Professional, "20", fixed(Design), []rule.ID{rule.CrdValidity}, ""},
		{"every rule the call-off itself breaks is named", Professional, "20.5", Engagement{}, []rule.ID{rule.CrdMinCallOff, rule.CrdScope, rule.CrdTypes, rule.CrdCallOffPO}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := sample(t, c.kind)
			res, err := asError(l.CheckCallOff(CallOff{Credits: dec(c.credits), Engagement: c.e}, at))
			wantRules(t, err, c.want...)
			if !res.Available.Equal(dec("15")) {
				t.Errorf("available %s, want 15", res.Available)
			}
			if c.want != nil {
				if !res.Balance.IsZero() || !equalRules(res.Rules.IDs(), c.want) {
					t.Errorf("refusal %+v: want no balance and rules %v", res, c.want)
				}
				return
			}
			if !res.Balance.Equal(dec(c.balance)) {
				t.Errorf("balance %s, want %s", res.Balance, c.balance)
			}
			if res.Rules.IDs()[0] != rule.CrdValidity {
				t.Errorf("rules %v, want CRD-VALIDITY first", res.Rules.IDs())
			}
		})
	}
}

func equalRules(a, b []rule.ID) bool { return slices.Equal(a, b) }

func TestCreditsLapseAtTheEndOfTwelveMonths(t *testing.T) {
	// "These credits may be purchased and applied over a period of 12
	// months." Usable in [purchase, purchase + 12 months) (CRD-VALIDITY).
	l := sample(t, Professional) // 15 left of po-1, which ends 2026-02-01
	end := instant(t, "2026-02-01T00:00:00Z")
	five := CallOff{Credits: dec("5"), Engagement: fixed(Design)}
	res, err := asError(l.CheckCallOff(five, end.Add(-time.Nanosecond)))
	if err != nil {
		t.Fatalf("1ns before the end: %v", err)
	}
	if !res.Until.Equal(end) {
		t.Fatalf("until %s, want the lot's end %s", res.Until, end)
	}
	res, err = asError(l.CheckCallOff(five, end))
	wantRules(t, err, rule.CrdValidity)
	if !res.Available.IsZero() || !res.Until.IsZero() {
		t.Fatalf("at the end: %+v, want nothing available, never", res)
	}
	b := mustBalance(t, l, end)
	if !b.Expired.Equal(dec("15")) || !b.Available.IsZero() || len(b.Lots) != 0 {
		t.Fatalf("balance at the end %+v, want 15 expired", b)
	}
	// A lot bought on Feb 29 ends on Feb 28 of the next year.
	leap := mustLedger(t, Professional, []Purchase{{ID: "leap", At: instant(t, "2024-02-29T09:00:00Z"), Order: local("10")}}, nil)
	if got := mustBalance(t, leap, instant(t, "2024-03-01T00:00:00Z")).Lots[0].Ends; !got.Equal(instant(t, "2025-02-28T09:00:00Z")) {
		t.Fatalf("leap lot ends %s", got)
	}
}

func TestHistoryDatedAtTheInstantCounts(t *testing.T) {
	// SCENARIOS.md: "the history dated at or before its at counts: a
	// purchase, a call-off ... dated exactly at has happened at at; one
	// dated after at does not exist yet."
	p := instant(t, "2025-02-01T00:00:00Z")
	l := sample(t, Professional)
	five := CallOff{Credits: dec("5"), Engagement: fixed(Design)}
	res, err := asError(l.CheckCallOff(five, p.Add(-time.Nanosecond)))
	wantRules(t, err, rule.CrdValidity)
	// "a call-off refused for want of credits holds until a recorded
	// purchase dated later, at that purchase's instant"
	if !res.Until.Equal(p) {
		t.Fatalf("until %s, want the purchase's own instant %s", res.Until, p)
	}
	res, err = asError(l.CheckCallOff(five, p))
	if err != nil || !res.Balance.Equal(dec("20")) {
		t.Fatalf("at the purchase's instant: %+v %v, want balance 20", res, err)
	}
	// The recorded call-off of Mar 1 counts at its own instant.
	mar := instant(t, "2025-03-01T00:00:00Z")
	if !res.Until.Equal(mar) {
		t.Fatalf("until %s, want %s", res.Until, mar)
	}
	if res, err := asError(l.CheckCallOff(five, mar)); err != nil || !res.Balance.Equal(dec("10")) {
		t.Fatalf("at the recorded call-off's instant: %+v %v, want balance 10", res, err)
	}
}

func TestCallOffAtItsPurchasesInstantIsAllowed(t *testing.T) {
	// SCENARIOS.md: "Recorded history is validated the same way: an event
	// sees every event dated at or before it (same instant: file order; at
	// one instant, purchases count before call-offs)". RULES.md's table:
	// a refused call-off's until is "the next recorded purchase after at".
	feb := instant(t, "2025-02-01T00:00:00Z")
	apr := instant(t, "2025-04-01T00:00:00Z")
	l := mustLedger(t, Professional,
		[]Purchase{{ID: "po-1", At: feb, Order: local("10")}, {ID: "po-2", At: apr, Order: local("25")}},
		[]CallOffRecord{
			{At: feb, CallOff: CallOff{Credits: dec("5"), Engagement: fixed(Design)}},
			{At: feb, CallOff: CallOff{Credits: dec("5"), Engagement: fixed(Design)}},
		})
	// A check at that instant sees the purchase and both call-offs.
	five := CallOff{Credits: dec("5"), Engagement: fixed(Design)}
	res, err := asError(l.CheckCallOff(five, feb))
	wantRules(t, err, rule.CrdValidity)
	if !res.Available.IsZero() || !res.Until.Equal(apr) {
		t.Fatalf("at %s: %+v, want nothing available until the later purchase's own instant %s", feb, res, apr)
	}
	if res, err := asError(l.CheckCallOff(five, apr)); err != nil || !res.Balance.Equal(dec("20")) {
		t.Fatalf("at the later purchase's instant: %+v %v, want balance 20", res, err)
	}
	// A third at that instant is judged against what the first two left.
	_, err = newLedger(DefaultTerms(), Account{ID: "acct", Kind: Professional}, []Purchase{{ID: "po-1", At: feb, Order: local("10")}},
		[]CallOffRecord{{At: feb, CallOff: five}, {At: feb, CallOff: five}, {At: feb, CallOff: five}})
	wantRules(t, err, rule.CrdValidity)
}

func TestCallOffSpendsTheOldestLotFirst(t *testing.T) {
	// "call-offs spend the oldest valid credits first" (CRD-VALIDITY)
	l := mustLedger(t, Professional, []Purchase{
		{ID: "new", At: instant(t, "2025-03-01T00:00:00Z"), Order: local("10")},
		{ID: "old", At: instant(t, "2025-01-01T00:00:00Z"), Order: local("10")},
	}, []CallOffRecord{{At: instant(t, "2025-04-01T00:00:00Z"), CallOff: CallOff{Credits: dec("12"), Engagement: fixed(Design)}}})
	b := mustBalance(t, l, instant(t, "2025-05-01T00:00:00Z"))
	if len(b.Lots) != 1 || b.Lots[0].Purchase != "new" || !b.Lots[0].Remaining.Equal(dec("8")) {
		t.Fatalf("lots %+v, want 8 left of new only", b.Lots)
	}
	// The old lot had nothing left when it ended: nothing expires with it.
	b = mustBalance(t, l, instant(t, "2026-01-15T00:00:00Z"))
	if !b.Expired.IsZero() || !b.Available.Equal(dec("8")) {
		t.Fatalf("figures %+v, want 8 available, none expired", b.Figures)
	}
	if !b.Until.Equal(instant(t, "2026-03-01T00:00:00Z")) {
		t.Fatalf("until %s, want the new lot's end", b.Until)
	}
}

func TestNewLedgerRefusesInvalidHistory(t *testing.T) {
	feb := instant(t, "2025-02-01T00:00:00Z")
	mar := instant(t, "2025-03-01T00:00:00Z")
	buy := func(id, credits string, at time.Time) Purchase {
		return Purchase{ID: id, At: at, Order: local(credits)}
	}
	use := func(credits string, at time.Time, e Engagement) CallOffRecord {
		return CallOffRecord{At: at, CallOff: CallOff{Credits: dec(credits), Engagement: e}}
	}
	cases := []struct {
		name      string
		account   Account
		purchases []Purchase
		callOffs  []CallOffRecord
		rules     []rule.ID // nil: an error that is no violation
		mention   string
	}{
		{"a purchase under the minimum", Account{"a", Professional}, []Purchase{buy("po-1", "5", feb)}, nil, []rule.ID{rule.CrdMinOrder}, "po-1"},
		{"a discounted purchase", Account{"a", Professional}, []Purchase{{ID: "po-9", At: feb, Order: Order{Credits: dec("10"), Discount: dec("1"), LocalEntity: true}}}, nil, []rule.ID{rule.CrdNoDiscount}, "po-9"},
		{"a call-off before any purchase", Account{"a", Professional}, []Purchase{buy("po-1", "10", mar)}, []CallOffRecord{use("5", feb, fixed(Design))}, []rule.ID{rule.CrdValidity}, "callOffs[0]"},
		{"a call-off of a partial credit", Account{"a", Professional}, []Purchase{buy("po-1", "10", feb)}, []CallOffRecord{use("5.5", mar, fixed(Design))}, []rule.ID{rule.CrdMinCallOff}, "callOffs[0]"},
		{"a duration-based call-off", Account{"a", Professional}, []Purchase{buy("po-1", "10", feb)}, []CallOffRecord{use("5", mar, Engagement{Type: Design, Pricing: Duration, DefinedScope: true, PurchaseOrder: true, StatementOfWork: true})}, []rule.ID{rule.CrdScope}, "callOffs[0]"},
		{"two call-offs at one instant overspend", Account{"a", Professional}, []Purchase{buy("po-1", "10", feb)}, []CallOffRecord{use("5", mar, fixed(Design)), use("6", mar, fixed(Design))}, []rule.ID{rule.CrdValidity}, "callOffs[1]"},
		{"a call-off after the lot ended", Account{"a", Professional}, []Purchase{buy("po-1", "10", feb)}, []CallOffRecord{use("5", calendarEnd(feb), fixed(Design))}, []rule.ID{rule.CrdValidity}, "callOffs[0]"},
		{"a Flexible call-off under 10", Account{"f", Flexible}, []Purchase{buy("po-1", "10", feb)}, []CallOffRecord{use("5", mar, fixed(Design))}, []rule.ID{rule.CrdFlexMin}, "callOffs[0]"},
		{"no account ID", Account{"", Professional}, nil, nil, nil, "no ID"},
		{"no kind", Account{"a", 0}, nil, nil, nil, "credit kind"},
		{"a purchase without ID", Account{"a", Professional}, []Purchase{buy("", "10", feb)}, nil, nil, "purchases[0]"},
		{"two purchases with one ID", Account{"a", Professional}, []Purchase{buy("po-1", "10", feb), buy("po-1", "10", mar)}, nil, nil, "po-1"},
		{"a purchase without instant", Account{"a", Professional}, []Purchase{buy("po-1", "10", time.Time{})}, nil, nil, "po-1"},
		{"a call-off without instant", Account{"a", Professional}, []Purchase{buy("po-1", "10", feb)}, []CallOffRecord{use("5", time.Time{}, fixed(Design))}, nil, "callOffs[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := newLedger(DefaultTerms(), c.account, c.purchases, c.callOffs)
			if err == nil {
				t.Fatal("no error")
			}
			if got := rulesOfAny(err); !equalRules(got, c.rules) {
				t.Fatalf("error %v cites %v, want %v", err, got, c.rules)
			}
			if !strings.Contains(err.Error(), c.mention) {
				t.Fatalf("error %q does not name %q", err, c.mention)
			}
		})
	}
	// The same call-off a nanosecond before the end, or at the purchase's
	// own instant, is valid history.
	if _, err := newLedger(DefaultTerms(), Account{"a", Professional}, []Purchase{buy("po-1", "10", feb)},
		[]CallOffRecord{use("5", feb, fixed(Design)), use("5", calendarEnd(feb).Add(-time.Nanosecond), fixed(Design))}); err != nil {
		t.Fatal(err)
	}
}

func calendarEnd(purchase time.Time) time.Time { return purchase.AddDate(1, 0, 0) }
