package entitlement

import (
	"errors"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// The rows of the seed's "JAL Licensing Process Step" table
// (seed 001_9589870b9aa7db2e.txt), one table case or more per row.

func TestSeedFulfilmentTable(t *testing.T) {
	o := sampleOrder(t)
	end := calendar.AddDays(calendar.AddYears(ship, 1), 30)
	tests := []struct {
		name      string
		line      string
		at        time.Time
		allowed   bool
		rules     []rule.ID
		until     time.Time
		ents      int
		emails    int
		entEnd    time.Time
		obligated int
	}{
		{
			name: `Fulfillment: "You can request fulfillment (ship) dates based on your requirements." ENT-SHIP refuses 1ns before the ship date`,
			line: "L1", at: ship.Add(-time.Nanosecond), rules: rulesOf(rule.EntShip), until: ship,
		},
		{
			name: `Fulfillment: ENT-SHIP refuses a month before, until the ship date`,
			line: "L2", at: ship, rules: rulesOf(rule.EntShip), until: day("2025-04-01"),
		},
		{
			name: `Entitlements: "When the system fulfills (ships) a license, it also automatically creates an Entitlement record" ENT-AUTO, one per unit, at the exact ship instant`,
			line: "L1", at: ship, allowed: true, rules: rulesOf(rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer, rule.EntGrace),
			ents: 2, emails: 2, entEnd: end, obligated: 4,
		},
		{
			name: `Fulfillment Email: "sends a Fulfillment Email to all email addresses that are included on the Sales Order" ENT-EMAIL, repeats once`,
			line: "L1", at: day("2030-01-01"), allowed: true, rules: rulesOf(rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer, rule.EntGrace),
			ents: 2, emails: 2, entEnd: end, obligated: 4,
		},
		{
			name: `Subscription timer: "Initial subscriptions add a 30-day grace period to the subscription term." a renewal does not (ENT-GRACE)`,
			line: "L4", at: ship, allowed: true, rules: rulesOf(rule.EntAuto, rule.EntShip, rule.EntEmail, rule.EntTimer),
			ents: 1, emails: 2, entEnd: calendar.AddYears(ship, 1), obligated: 3,
		},
		{
			name: `Entitlements: a perpetual line's entitlement has no end`,
			line: "L2", at: day("2025-04-01"), allowed: true, rules: rulesOf(rule.EntAuto, rule.EntShip, rule.EntEmail),
			ents: 1, emails: 2, obligated: 3,
		},
		{
			name: `Heritage products: "Certain heritage products do not use the JAL system. Even for those products, the Juniper system provides a Fulfillment Email." ENT-HERITAGE`,
			line: "L3", at: ship, allowed: true, rules: rulesOf(rule.EntHeritage, rule.EntShip, rule.EntEmail),
			ents: 0, emails: 2, obligated: 2,
		},
		{
			name: `Sales Orders: a line the order does not have is refused citing ENT-ORDER`,
			line: "L9", at: ship, rules: rulesOf(rule.EntOrder),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := o.Fulfil(tc.line, tc.at)
			if f.Allowed != tc.allowed || !sameRules(f.Rules.IDs(), tc.rules) || !f.Until.Equal(tc.until) {
				t.Fatalf("got allowed %v rules %v until %v, want %v %v %v", f.Allowed, f.Rules.IDs(), f.Until, tc.allowed, tc.rules, tc.until)
			}
			if len(f.Entitlements()) != tc.ents || len(f.Emails()) != tc.emails || len(f.Obligations.Slice()) != tc.obligated {
				t.Fatalf("got %d entitlements, %d emails, %d obligations; want %d, %d, %d", len(f.Entitlements()), len(f.Emails()), len(f.Obligations.Slice()), tc.ents, tc.emails, tc.obligated)
			}
			if !tc.allowed {
				if err := f.Err(); err == nil || !errors.Is(err, tc.rules[0]) {
					t.Fatalf("Err() = %v, want a violation citing %v", err, tc.rules[0])
				}
				return
			}
			for _, e := range f.Entitlements() {
				// ENT-TIMER: the period starts at the ship instant.
				if !e.Start.Equal(ship) && !e.Start.Equal(day("2025-04-01")) || !e.End.Equal(tc.entEnd) {
					t.Errorf("entitlement %s runs [%v, %v), want end %v", e.ID, e.Start, e.End, tc.entEnd)
				}
			}
		})
	}
}

func TestSeedFulfilmentDetails(t *testing.T) {
	// Fulfillment Email: "The Fulfillment Email contains the following
	// license details" (product, kind, tier, term, features, quantity, ship
	// date, entitlement IDs).
	f := sampleOrder(t).Fulfil("L1", ship)
	wantTo := []string{"lic@partner.example", "ops@acme.example"}
	// The order's four addresses are two mailboxes: case does not count.
	if len(f.Emails()) != 2 {
		t.Fatalf("emails %v, want 2", f.Emails())
	}
	for i, m := range f.Emails() {
		if m.To != wantTo[i] || m.Product != "MX" || m.Kind != license.Subscription || m.Tier != license.Advanced ||
			m.TermYears != 1 || len(m.Features) != 2 || m.Quantity != 2 || !m.ShipDate.Equal(ship) ||
			len(m.Entitlements) != 2 || m.Entitlements[0] != "SO1/L1/1" || m.Entitlements[1] != "SO1/L1/2" || m.Heritage {
			t.Errorf("email %d = %+v", i, m)
		}
	}
	wantObl := []rule.Obligation{
		{Kind: rule.Email, Rule: rule.EntEmail, Due: ship, Subject: "lic@partner.example"},
		{Kind: rule.Email, Rule: rule.EntEmail, Due: ship, Subject: "ops@acme.example"},
		{Kind: rule.Entitlement, Rule: rule.EntAuto, Due: day("2026-03-31"), Subject: "SO1/L1/1"},
		{Kind: rule.Entitlement, Rule: rule.EntAuto, Due: day("2026-03-31"), Subject: "SO1/L1/2"},
	}
	for i, w := range wantObl {
		if g := f.Obligations.Slice()[i]; g.Kind != w.Kind || g.Rule != w.Rule || !g.Due.Equal(w.Due) || g.Subject != w.Subject {
			t.Errorf("obligation %d = %+v, want %+v", i, g, w)
		}
	}
	// Sales Orders: "Sales Orders might include multiple Account IDs for
	// customers and partners." Every entitlement carries them all (ENT-ORDER).
	for _, e := range f.Entitlements() {
		if len(e.Accounts) != 2 || e.Accounts[0] != "ACME" || e.Accounts[1] != "PARTNER-7" {
			t.Errorf("entitlement %s accounts %v", e.ID, e.Accounts)
		}
	}
}

func TestSeedSubscriptionTimer(t *testing.T) {
	// Subscription timer: "Subscription timer begins when a subscription
	// license is fulfilled (shipped). Initial subscriptions add a 30-day
	// grace period to the subscription term." The entitlement's license,
	// installed months later, still runs from the ship instant (ENT-TIMER)
	// and is usable in grace (ENT-GRACE) until a year and 30 days after.
	env := DefaultProgram()
	f := sampleOrder(t).Fulfil("L1", day("2025-06-01"))
	dev, err := env.License().NewDevice("SN-1", "MX", "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := f.Entitlements()[0].License(env.License(), dev)
	if err != nil {
		t.Fatal(err)
	}
	years := calendar.AddYears(ship, 1)
	grace := calendar.AddDays(years, 30)
	tests := []struct {
		name  string
		at    time.Time
		ok    bool
		rule  rule.ID
		until time.Time
	}{
		{"ENT-TIMER: nothing before the ship instant, 1ns before", ship.Add(-time.Nanosecond), false, rule.EntTimer, ship},
		{"LIC-SUB-TERM: at the ship instant the timer has started", ship, true, rule.LicSubTerm, years},
		{"ENT-GRACE: 1ns before the end of the years", years.Add(-time.Nanosecond), true, rule.LicSubTerm, years},
		{"ENT-GRACE: the 30-day grace starts at the end of the years", years, true, rule.EntGrace, grace},
		{"ENT-GRACE: 1ns before the end of grace", grace.Add(-time.Nanosecond), true, rule.EntGrace, grace},
		{"ENT-GRACE: at the end of grace the subscription expired", grace, false, rule.LicSubExpiry, time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := l.Use("SN-1", "bgp", decimal.NullDecimal{}, tc.at)
			if v.Allowed != tc.ok || v.Rules.IDs()[0] != tc.rule || !v.Until.Equal(tc.until) {
				t.Fatalf("Use at %v = %v %v until %v, want %v %v until %v", tc.at, v.Allowed, v.Rules.IDs(), v.Until, tc.ok, tc.rule, tc.until)
			}
		})
	}
	if !l.End().Equal(f.Entitlements()[0].End) || l.ID() != "SO1/L1/1" {
		t.Errorf("license %s ends %v, entitlement ends %v", l.ID(), l.End(), f.Entitlements()[0].End)
	}
	if _, err := f.Entitlements()[0].License(env.License(), license.Device{}); err == nil {
		t.Error("an entitlement became a license without a device")
	}
}

func TestSeedVisibilityTable(t *testing.T) {
	// Entitlements: "Customer Care helps to ensure that your user Contact ID
	// is associated with the correct Account IDs to provide visibility of all
	// your Entitlements." Sales Orders: "account IDs control which licenses
	// are assigned and visible."
	o := sampleOrder(t)
	partner := MustNewContact("C-partner", []string{"OTHER", "PARTNER-7"})
	stranger := MustNewContact("C-stranger", []string{"OTHER"})
	tests := []struct {
		name    string
		c       Contact
		line    string
		at      time.Time
		allowed bool
		rules   []rule.ID
		until   time.Time
	}{
		{"ENT-VISIBLE: a partner's contact sees the shipped line", partner, "L1", ship, true, rulesOf(rule.EntVisible), time.Time{}},
		{"ENT-SHIP: before the ship date, 1ns before, nothing to see yet", partner, "L1", ship.Add(-time.Nanosecond), false, rulesOf(rule.EntShip), ship},
		{"ENT-VISIBLE: a contact of another account sees nothing", stranger, "L1", ship, false, rulesOf(rule.EntVisible), time.Time{}},
		{"ENT-VISIBLE: nor a heritage line", stranger, "L3", ship, false, rulesOf(rule.EntVisible), time.Time{}},
		{"ENT-VISIBLE: nor a line that does not exist", stranger, "L9", ship, false, rulesOf(rule.EntVisible), time.Time{}},
		{`Heritage products: "Certain heritage products do not use the JAL system." ENT-HERITAGE`, partner, "L3", ship, false, rulesOf(rule.EntHeritage), time.Time{}},
		{"ENT-HERITAGE: before its ship date also ENT-SHIP", partner, "L3", ship.Add(-time.Nanosecond), false, rulesOf(rule.EntHeritage, rule.EntShip), ship},
		{"ENT-ORDER: a sharing contact asking for a missing line", partner, "L9", ship, false, rulesOf(rule.EntVisible), time.Time{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := o.View(tc.c, tc.line, tc.at)
			if v.Allowed != tc.allowed || !sameRules(v.Rules.IDs(), tc.rules) || !v.Until.Equal(tc.until) {
				t.Fatalf("got %v %v until %v, want %v %v until %v", v.Allowed, v.Rules.IDs(), v.Until, tc.allowed, tc.rules, tc.until)
			}
		})
	}
	v := o.View(stranger, "L1", ship)
	if got, want := v.Err().Error(), "ENT-VISIBLE: C-stranger: the entitlement is not visible to this contact"; got != want {
		t.Errorf("Err() = %q, want %q", got, want)
	}
}
