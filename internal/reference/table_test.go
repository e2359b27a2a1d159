package reference

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// world is a small world holding one fact of each kind.
func world() *World {
	ten := decimal.NewFromInt(10)
	return &World{
		Terms:   DefaultTerms(),
		Catalog: Catalog{Platforms: DefaultPlatforms(), Features: DefaultFeatures(), Heritage: []string{"Heritage-A"}, TMIPSKUs: []string{"SKU-A"}},
		Devices: []Device{{Serial: "mx-1", Platform: "MX"}, {Serial: "mx-2", Platform: "MX"}, {Serial: "ptx-1", Platform: "PTX"}},
		Licenses: []License{
			{ID: "perp", Kind: "perpetual", Tier: "standard", Platform: "MX", Device: "mx-1", Features: []string{"bgp"}, Start: day(2024, 1, 1), Capacity: &ten},
			// Feb 29 + 1 year = Feb 28, then 30 days of grace.
			{ID: "sub", Kind: "subscription", Tier: "advanced", Platform: "MX", Device: "mx-1", Features: []string{"bgp"}, Start: day(2024, 2, 29), TermYears: 1, Initial: true},
			{ID: "trial", Kind: "trial", Tier: "premium", Platform: "MX", Device: "mx-1", Features: []string{"bgp"}, Start: day(2025, 1, 1), End: day(2025, 3, 1)},
		},
		Orders: []Order{{ID: "SO1", Accounts: []string{"A1"}, Emails: []string{"ops@x.example", "OPS@x.example"}, Lines: []Line{
			{ID: "l1", Product: "MX", Kind: "subscription", Tier: "standard", TermYears: 1, Features: []string{"bgp"}, Quantity: 2, ShipDate: day(2025, 3, 1), Initial: true},
			{ID: "l2", Product: "Heritage-A", Kind: "perpetual", Tier: "standard", Features: []string{"x"}, Quantity: 1, ShipDate: day(2025, 3, 1)},
		}}},
		Contacts: []Contact{{ID: "C1", Accounts: []string{"A1"}}, {ID: "C2", Accounts: []string{"B"}}},
		CreditAccounts: []CreditAccount{{ID: "psc", Kind: "professional",
			Purchases: []Purchase{{ID: "po", At: day(2025, 1, 1), Credits: decimal.NewFromInt(25), LocalEntity: true}},
			CallOffs:  []CallOffRecord{{At: day(2025, 2, 1), Credits: decimal.NewFromInt(5), Engagement: goodEngagement}}}},
		TradeIns: []TradeIn{
			{ID: "T1", SKU: "SKU-A", Serial: "S1", NewProduct: "NP", Working: true, Network: "lab", Channel: "direct",
				Support: &Support{Serial: "S1", Start: day(2021, 1, 1), End: day(2022, 1, 1), Value: decimal.NewFromInt(365)},
				Ordered: day(2021, 4, 1), Shipped: day(2021, 4, 30)},
			{ID: "T2", SKU: "SKU-A", Serial: "S2", NewProduct: "NP", Working: true, Network: "lab", Channel: "direct"},
			{ID: "T3", SKU: "SKU-A", Serial: "S3", NewProduct: "NP3", Working: true, Network: "lab", Channel: "direct",
				Shipped: day(2021, 4, 30), Returned: day(2021, 8, 10)},
		},
	}
}

var goodEngagement = Engagement{Type: "design", Pricing: "fixed", DefinedScope: true, PurchaseOrder: true, StatementOfWork: true, Professional: true}

// TestDecisionTable checks the rows of RULES.md's "What a decision cites".
func TestDecisionTable(t *testing.T) {
	units := decimal.NewFromInt(11)
	tests := []struct {
		name  string
		req   Request
		at    time.Time
		allow bool
		rules []rule.ID
		until time.Time
	}{
		{"LIC-PERP-TERM: perpetual, on its device, feature held", Request{Kind: "useFeature", License: "perp", Device: "mx-1", Feature: "bgp"}, day(2030, 1, 1), true, []rule.ID{rule.LicPerpTerm}, time.Time{}},
		{"LIC-PERP-BIND: perpetual, another device", Request{Kind: "useFeature", License: "perp", Device: "mx-2", Feature: "bgp"}, day(2030, 1, 1), false, []rule.ID{rule.LicPerpBind}, time.Time{}},
		{"LIC-SOD: units over the license's capacity", Request{Kind: "useFeature", License: "perp", Device: "mx-1", Feature: "bgp", Units: &units}, day(2030, 1, 1), false, []rule.ID{rule.LicSOD}, time.Time{}},
		{"LIC-TIER: feature not in the license", Request{Kind: "useFeature", License: "perp", Device: "mx-1", Feature: "evpn"}, day(2030, 1, 1), false, []rule.ID{rule.LicTier}, time.Time{}},
		{"ENT-TIMER: before the license's start", Request{Kind: "useFeature", License: "sub", Device: "mx-1", Feature: "bgp"}, day(2024, 2, 29).Add(-time.Nanosecond), false, []rule.ID{rule.EntTimer}, day(2024, 2, 29)},
		{"LIC-SUB-TERM: Feb 29 + 1 year = Feb 28", Request{Kind: "useFeature", License: "sub", Device: "mx-1", Feature: "bgp"}, day(2024, 2, 29), true, []rule.ID{rule.LicSubTerm}, day(2025, 2, 28)},
		{"ENT-GRACE: initial subscription within grace", Request{Kind: "useFeature", License: "sub", Device: "mx-1", Feature: "bgp"}, day(2025, 2, 28), true, []rule.ID{rule.EntGrace, rule.LicSubTerm}, day(2025, 3, 30)},
		{"LIC-SUB-EXPIRY: subscription past its end", Request{Kind: "useFeature", License: "sub", Device: "mx-1", Feature: "bgp"}, day(2025, 3, 30), false, []rule.ID{rule.LicSubExpiry, rule.LicRenew}, time.Time{}},
		{"LIC-KIND: trial before its warning window", Request{Kind: "useFeature", License: "trial", Device: "mx-1", Feature: "bgp"}, day(2025, 1, 2), true, []rule.ID{rule.LicKind}, day(2025, 1, 30)},
		{"LIC-TRIAL-WARN: trial in its warning window", Request{Kind: "useFeature", License: "trial", Device: "mx-1", Feature: "bgp"}, day(2025, 1, 30), true, []rule.ID{rule.LicTrialWarn}, day(2025, 3, 1)},
		{"LIC-TRIAL-EXPIRY: trial past its end", Request{Kind: "useFeature", License: "trial", Device: "mx-1", Feature: "bgp"}, day(2025, 3, 1), false, []rule.ID{rule.LicTrialExpiry}, time.Time{}},
		{"LIC-PERP-RMA: perpetual, rma, same class", Request{Kind: "moveLicense", License: "perp", To: "mx-2", Reason: "rma"}, day(2025, 1, 1), true, []rule.ID{rule.LicPerpRMA}, time.Time{}},
		{"LIC-PORT: subscription, other class", Request{Kind: "moveLicense", License: "sub", To: "ptx-1", Reason: "rebalance"}, day(2024, 6, 1), false, []rule.ID{rule.LicPort}, time.Time{}},
		{"LIC-RENEW: renewed on time", Request{Kind: "renewLicense", License: "sub", TermYears: 3}, day(2024, 6, 1), true, []rule.ID{rule.LicRenew}, day(2025, 3, 30)},
		{"LIC-SUB-TERM: renewal term not in list", Request{Kind: "renewLicense", License: "sub", TermYears: 2}, day(2024, 6, 1), false, []rule.ID{rule.LicSubTerm}, time.Time{}},
		{"LIC-SUB-CHANGE: perpetual", Request{Kind: "changeTier", License: "perp", Tier: "premium"}, day(2024, 6, 1), false, []rule.ID{rule.LicSubChange}, time.Time{}},
		{"LIC-TRIAL-PRODUCTS and LIC-TRIAL-FEATURES", Request{Kind: "trialAvailable", Platform: "NFX", Feature: "vsys"}, day(2024, 6, 1), false, []rule.ID{rule.LicTrialProducts, rule.LicTrialFeatures}, time.Time{}},
		{"ENT-SHIP: before the ship date", Request{Kind: "fulfilLine", Order: "SO1", Line: "l1"}, day(2025, 2, 1), false, []rule.ID{rule.EntShip}, day(2025, 3, 1)},
		{"ENT-AUTO: on the ship date", Request{Kind: "fulfilLine", Order: "SO1", Line: "l1"}, day(2025, 3, 1), true, []rule.ID{rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer, rule.EntGrace}, time.Time{}},
		{"ENT-VISIBLE: no shared account", Request{Kind: "viewEntitlement", Contact: "C2", Order: "SO1", Line: "l1"}, day(2025, 3, 1), false, []rule.ID{rule.EntVisible}, time.Time{}},
		{"ENT-HERITAGE: heritage product", Request{Kind: "viewEntitlement", Contact: "C1", Order: "SO1", Line: "l2"}, day(2025, 3, 1), false, []rule.ID{rule.EntHeritage}, time.Time{}},
		{"CRD-BLOCKS: 37 = 25+10+1+1 is a sum of blocks", Request{Kind: "purchaseCredits", CreditKind: "professional", Credits: decimal.NewFromInt(37), LocalEntity: true}, day(2025, 1, 1), true, []rule.ID{rule.CrdInvoice}, time.Time{}},
		{"CRD-MIN-ORDER, CRD-NO-DISCOUNT, CRD-LOCAL", Request{Kind: "purchaseCredits", CreditKind: "professional", Credits: decimal.NewFromInt(5), Discount: decimal.NewFromInt(1)}, day(2025, 1, 1), false, []rule.ID{rule.CrdMinOrder, rule.CrdNoDiscount, rule.CrdLocal}, time.Time{}},
		{"CRD-MIN-CALLOFF: no partial credit spends", Request{Kind: "callOff", Account: "psc", Credits: decimal.RequireFromString("7.5"), Engagement: goodEngagement}, day(2025, 3, 1), false, []rule.ID{rule.CrdMinCallOff}, time.Time{}}, // refused for good: RULES.md "never"
		{"CRD-VALIDITY: oldest unexpired credits pay", Request{Kind: "callOff", Account: "psc", Credits: decimal.NewFromInt(20), Engagement: goodEngagement}, day(2025, 3, 1), true, []rule.ID{rule.CrdValidity}, day(2026, 1, 1)},
		// SCENARIOS.md: "a purchase ... dated exactly at has happened at at".
		{"CRD-VALIDITY: at the purchase's own instant", Request{Kind: "callOff", Account: "psc", Credits: decimal.NewFromInt(20), Engagement: goodEngagement}, day(2025, 1, 1), true, []rule.ID{rule.CrdValidity}, day(2025, 2, 1)},
		{"CRD-VALIDITY: refused until the purchase's own instant", Request{Kind: "callOff", Account: "psc", Credits: decimal.NewFromInt(20), Engagement: goodEngagement}, day(2024, 12, 1), false, []rule.ID{rule.CrdValidity}, day(2025, 1, 1)},
		{"CRD-STATEMENT: a quarterly statement", Request{Kind: "creditStatement", Account: "psc", QuarterYear: 2025, Quarter: 1}, day(2025, 4, 2), true, []rule.ID{rule.CrdStatement}, time.Time{}},
		{"TMIP-SUPPORT: eligible, with a contract, quoted before the order", Request{Kind: "tradeIn", TradeIn: "T1"}, day(2021, 3, 31), true, []rule.ID{rule.TmipSupport, rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap}, day(2021, 4, 1)},
		{"TMIP-AT-ORDER: judged at the order, for good", Request{Kind: "tradeIn", TradeIn: "T1"}, day(2021, 10, 1), true, []rule.ID{rule.TmipSupport, rule.TmipReturn, rule.TmipAtOrder, rule.TmipSwap}, time.Time{}},
		{"TMIP-ONE-FOR-ONE: second toward a product", Request{Kind: "tradeIn", TradeIn: "T2"}, day(2021, 4, 1), false, []rule.ID{rule.TmipOneForOne}, time.Time{}}, // refused for good: RULES.md "never"
		{"TMIP-WINDOW: outside the window", Request{Kind: "tradeIn", TradeIn: "T3"}, day(2021, 10, 1), false, []rule.ID{rule.TmipWindow}, time.Time{}},
		{"TMIP-RETURN: nothing yet, before the deadline", Request{Kind: "tradeInCompliance", TradeIn: "T1"}, day(2021, 5, 1), true, []rule.ID{rule.TmipReturn}, day(2021, 7, 30)},
		{"TMIP-BREACH: deadline passed", Request{Kind: "tradeInCompliance", TradeIn: "T1"}, day(2021, 7, 30), false, []rule.ID{rule.TmipBreach, rule.TmipReturn}, day(2021, 8, 29)},
		{"TMIP-BREACH: until the late return that ends the notices", Request{Kind: "tradeInCompliance", TradeIn: "T3"}, day(2021, 8, 1), false, []rule.ID{rule.TmipBreach, rule.TmipReturn}, day(2021, 8, 10)},
		{"TMIP-BREACH: returned after the deadline", Request{Kind: "tradeInCompliance", TradeIn: "T3"}, day(2021, 8, 10), false, []rule.ID{rule.TmipBreach, rule.TmipReturn}, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Evaluate(world(), tc.req, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			if d.Allow != tc.allow || !SameRules(d.Rules, tc.rules) || !d.Until.Equal(tc.until) {
				t.Errorf("got allow=%v %v until %v, want allow=%v %v until %v", d.Allow, d.Rules, d.Until, tc.allow, tc.rules, tc.until)
			}
		})
	}
}

// TestSupportValueRoundsHalfAwayFromZero: "rounded half away from zero to
// cents" (TMIP-SUPPORT): 0.01 × 1/2 days is half a cent, which rounds up.
func TestSupportValueRoundsHalfAwayFromZero(t *testing.T) {
	s := &Support{Start: day(2021, 1, 1), End: day(2021, 1, 3), Value: decimal.RequireFromString("0.01")}
	if got := supportValue(s, day(2021, 1, 2)); !got.Equal(decimal.RequireFromString("0.01")) {
		t.Errorf("got %s, want 0.01", got)
	}
	if got := supportValue(s, day(2020, 1, 1)); !got.Equal(s.Value) {
		t.Errorf("before the start: got %s, want the full value", got)
	}
	if got := supportValue(s, day(2021, 1, 3)); !got.IsZero() {
		t.Errorf("from the end: got %s, want 0", got)
	}
}

// TestAddMonthsClampsToMonthEnd: "Feb 29 + 1 year = Feb 28; Nov 30 + 3
// months = end of February" (DESIGN.md).
func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	for _, tc := range []struct {
		from   time.Time
		months int
		want   time.Time
	}{
		{day(2024, 2, 29), 12, day(2025, 2, 28)},
		{day(2023, 11, 30), 3, day(2024, 2, 29)},
		{day(2024, 11, 30), 3, day(2025, 2, 28)},
		{day(2024, 1, 31), -2, day(2023, 11, 30)},
		{day(2024, 3, 31).Add(time.Nanosecond), 1, day(2024, 4, 30).Add(time.Nanosecond)},
	} {
		if got := AddMonths(tc.from, tc.months); !got.Equal(tc.want) {
			t.Errorf("AddMonths(%v, %d) = %v, want %v", tc.from, tc.months, got, tc.want)
		}
	}
}
