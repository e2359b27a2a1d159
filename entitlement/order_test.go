package entitlement

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func TestNewOrderRefusesBadInput(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*OrderSpec)
		rule   rule.ID
		naming string
	}{
		{"ENT-ORDER: an order without accounts", func(s *OrderSpec) { s.Accounts = nil }, rule.EntOrder, "has no account ID"},
		{"ENT-ORDER: an empty account ID", func(s *OrderSpec) { s.Accounts = []string{""} }, rule.EntOrder, "account ID 0 is empty"},
		{"ENT-ORDER: a repeated account ID", func(s *OrderSpec) { s.Accounts = []string{"A", "A"} }, rule.EntOrder, `account ID "A" is listed twice`},
		{"ENT-ORDER: no order ID", func(s *OrderSpec) { s.ID = "" }, rule.EntOrder, "has no ID"},
		{"ENT-ORDER: a slash in the order ID", func(s *OrderSpec) { s.ID = "SO/1" }, rule.EntOrder, `"SO/1"`},
		{"ENT-ORDER: duplicate line IDs", func(s *OrderSpec) { s.Lines[1].ID = "L1" }, rule.EntOrder, `line ID "L1" is listed twice`},
		{"ENT-ORDER: a line without ID", func(s *OrderSpec) { s.Lines[0].ID = "" }, rule.EntOrder, "line 0 has no ID"},
		{"ENT-ORDER: no lines", func(s *OrderSpec) { s.Lines = nil }, rule.EntOrder, "has no line"},
		{"ENT-AUTO: zero quantity", func(s *OrderSpec) { s.Lines[0].Quantity = 0 }, rule.EntAuto, "quantity 0 is not between 1 and 10000"},
		{"ENT-AUTO: absurd quantity", func(s *OrderSpec) { s.Lines[0].Quantity = 1 << 40 }, rule.EntAuto, "quantity 1099511627776"},
		{"ENT-ORDER: unknown product", func(s *OrderSpec) { s.Lines[0].Product = "Toaster" }, rule.EntOrder, `unknown product "Toaster"`},
		{"ENT-EMAIL: malformed address", func(s *OrderSpec) { s.Emails = []string{"ops at acme"} }, rule.EntEmail, `"ops at acme"`},
		{"ENT-EMAIL: an address with a display name is not bare", func(s *OrderSpec) { s.Emails = []string{"Ops <ops@acme.example>"} }, rule.EntEmail, `"Ops <ops@acme.example>"`},
		{"ENT-EMAIL: an address with spaces around it is not bare", func(s *OrderSpec) { s.Emails = []string{" ops@acme.example"} }, rule.EntEmail, `" ops@acme.example"`},
		{"ENT-EMAIL: no address", func(s *OrderSpec) { s.Emails = nil }, rule.EntEmail, "has no email address"},
		{"ENT-SHIP: a ship date past year 9999", func(s *OrderSpec) { s.Lines[0].ShipDate = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, rule.EntShip, "line L1: ship date 10000-01-01T00:00:00Z"},
		{"LIC-SUB-TERM: a term ending past year 9999", func(s *OrderSpec) { s.Lines[0].ShipDate = time.Date(9999, 6, 1, 0, 0, 0, 0, time.UTC) }, rule.LicSubTerm, "ends after 9999-12-31"},
		{"LIC-SUB-TERM: a term not in the list", func(s *OrderSpec) { s.Lines[0].TermYears = 2 }, rule.LicSubTerm, "term of 2 years"},
		{"LIC-PERP-TERM: a perpetual line with a term", func(s *OrderSpec) { s.Lines[1].TermYears = 1 }, rule.LicPerpTerm, "a perpetual line has no term"},
		{"LIC-KIND: a trial line", func(s *OrderSpec) { s.Lines[0].Kind = license.Trial }, rule.LicKind, "trial keys are not sold"},
		{"LIC-KIND: no kind", func(s *OrderSpec) { s.Lines[0].Kind = 0 }, rule.LicKind, "kind 0"},
		{"LIC-TIER: no tier", func(s *OrderSpec) { s.Lines[0].Tier = 0 }, rule.LicTier, "tier 0"},
		{"LIC-TIER: no feature", func(s *OrderSpec) { s.Lines[1].Features = nil }, rule.LicTier, "line L2 grants no feature"},
		{"LIC-TIER: a feature twice", func(s *OrderSpec) { s.Lines[0].Features = []string{"bgp", "bgp"} }, rule.LicTier, `feature "bgp" is listed twice`},
		{"ENT-AUTO: a slash in a line ID", func(s *OrderSpec) { s.Lines[0].ID = "L/1" }, rule.EntAuto, `"L/1"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := sampleSpec()
			tc.edit(&spec)
			_, err := DefaultProgram().NewOrder(spec)
			var v *rule.Violation
			if !errors.As(err, &v) || !errors.Is(err, tc.rule) {
				t.Fatalf("NewOrder error %v, want a violation citing %v", err, tc.rule)
			}
			if !strings.Contains(err.Error(), tc.naming) {
				t.Fatalf("error %q does not name %q", err, tc.naming)
			}
		})
	}
}

func TestHeritageLineMayListNoFeatures(t *testing.T) {
	// SCENARIOS.md: "a heritage line may list no features ("features": []
	// or no key: it creates no entitlement, ENT-HERITAGE)"; a platform's
	// line still grants at least one (LIC-TIER).
	for _, features := range [][]string{nil, {}} {
		spec := sampleSpec()
		spec.Lines[2].Features = features // L3, the heritage Northstar line
		o, err := DefaultProgram().NewOrder(spec)
		if err != nil {
			t.Fatalf("features %#v: %v", features, err)
		}
		f := o.Fulfil("L3", ship)
		if !f.Allowed || len(f.Entitlements()) != 0 || len(f.Emails()) != 2 || f.Rules.IDs()[0] != rule.EntHeritage {
			t.Fatalf("features %#v: %+v, want allowed with an email to each address and no entitlement", features, f.Verdict)
		}
		if v := o.View(mustContact(t, "C1", "ACME"), "L3", ship); v.Allowed || !errors.Is(v.Err(), rule.EntHeritage) {
			t.Fatalf("features %#v: viewing %+v, want refused citing ENT-HERITAGE", features, v)
		}
	}
}

func mustContact(t *testing.T, id string, accounts ...string) Contact {
	t.Helper()
	c, err := NewContact(id, accounts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewOrderNamesEveryBrokenRule(t *testing.T) {
	spec := sampleSpec()
	spec.Accounts = nil
	spec.Emails = []string{"bad"}
	spec.Lines[0].Quantity = 0
	_, err := DefaultProgram().NewOrder(spec)
	for _, id := range []rule.ID{rule.EntOrder, rule.EntEmail, rule.EntAuto} {
		if !errors.Is(err, id) {
			t.Errorf("error %v does not cite %v", err, id)
		}
	}
}

func TestOrderIsACopy(t *testing.T) {
	spec := sampleSpec()
	o := DefaultProgram().MustNewOrder(spec)
	spec.Accounts[0] = "MALLORY"
	spec.Lines[0].Features[0] = "stolen"
	f := o.Fulfil("L1", ship)
	f.Entitlements()[0].Accounts[0] = "MALLORY"
	f.Emails()[0].Features[0] = "stolen"
	es, ms := f.Entitlements(), f.Emails()
	es[1].Features[0], ms[0].Entitlements[0] = "stolen", "forged"
	if g := o.Fulfil("L1", ship); g.Entitlements()[0].Accounts[0] != "ACME" || g.Entitlements()[1].Features[0] != "bgp" ||
		g.Emails()[0].Features[0] != "bgp" || g.Emails()[0].Entitlements[0] != "SO1/L1/1" {
		t.Fatalf("a later fulfilment changed through an earlier one's records: %+v", g.Entitlements()[0])
	}
	if o.Accounts()[0] != "ACME" || o.Lines()[0].Features[0] != "bgp" {
		t.Fatalf("the order changed through its spec or a fulfilment: %v %v", o.Accounts(), o.Lines()[0].Features)
	}
	if l, ok := o.Line("L1"); !ok || l.Features[0] != "bgp" {
		t.Fatalf("Line(L1) = %v, %v", l, ok)
	}
	if _, ok := o.Line("L9"); ok {
		t.Fatal("Line(L9) found a line the order does not have")
	}
	if got := o.Emails(); len(got) != 2 || got[0] != "lic@partner.example" {
		t.Fatalf("Emails() = %v", got)
	}
}

func TestNewProgramRefusesBadCatalogAndTerms(t *testing.T) {
	lt := license.DefaultTerms()
	lt.InitialGraceDays = -1
	_, graceErr := license.NewProgram(license.DefaultCatalog(), lt)
	for i, c := range []struct {
		catalog Catalog
		terms   Terms
		rule    rule.ID
	}{
		{DefaultCatalog(), Terms{MaxLineQuantity: 0}, rule.EntAuto},
		{Catalog{Heritage: []string{"X", "X"}}, DefaultTerms(), rule.EntHeritage},
		{Catalog{Heritage: []string{""}}, DefaultTerms(), rule.EntHeritage},
	} {
		if _, err := NewProgram(c.catalog, c.terms, license.DefaultProgram()); !errors.Is(err, c.rule) {
			t.Errorf("program %d: err = %v, want one citing %s", i, err, c.rule)
		}
	}
	if !errors.Is(graceErr, rule.EntGrace) {
		t.Errorf("negative grace: err = %v, want one citing ENT-GRACE", graceErr)
	}
	if _, err := NewProgram(DefaultCatalog(), DefaultTerms(), license.Program{}); err == nil {
		t.Error("a program without a licensing program was built")
	}
	var none Program
	if _, err := none.NewOrder(sampleSpec()); err == nil {
		t.Error("the zero program built an order")
	}
}

func TestCatalogAddHeritage(t *testing.T) {
	c := DefaultCatalog()
	d, err := c.AddHeritage("Legacy Box", "Northstar Planner")
	if err != nil {
		t.Fatal(err)
	}
	if !d.IsHeritage("Legacy Box") || c.IsHeritage("Legacy Box") || len(d.Heritage) != len(c.Heritage)+1 {
		t.Fatalf("AddHeritage: %v from %v", d.Heritage, c.Heritage)
	}
	if _, err := c.AddHeritage(""); !errors.Is(err, rule.EntHeritage) {
		t.Fatalf("AddHeritage(\"\") = %v", err)
	}
	// ENT-HERITAGE: a platform named heritage is heritage.
	cat, _ := DefaultCatalog().AddHeritage("MX")
	env := MustNewProgram(cat, DefaultTerms(), license.DefaultProgram())
	f := env.MustNewOrder(sampleSpec()).Fulfil("L1", ship)
	if !f.Allowed || len(f.Entitlements()) != 0 || f.Rules.IDs()[0] != rule.EntHeritage {
		t.Fatalf("MX as heritage: %+v", f.Verdict)
	}
}

func TestNewContact(t *testing.T) {
	if _, err := NewContact("", nil); !errors.Is(err, rule.EntVisible) {
		t.Errorf("empty contact ID: %v", err)
	}
	if _, err := NewContact("C", []string{"A", "A"}); err == nil {
		t.Error("repeated account accepted")
	}
	if _, err := NewContact("C", []string{""}); err == nil {
		t.Error("empty account accepted")
	}
	c, err := NewContact("C", []string{"A"})
	if err != nil || c.ID() != "C" || c.Accounts()[0] != "A" {
		t.Errorf("NewContact = %v, %v", c, err)
	}
}

func TestZeroValuesRefuse(t *testing.T) {
	var o Order
	if f := o.Fulfil("L1", ship); f.Allowed || !errors.Is(f.Err(), rule.EntOrder) {
		t.Errorf("zero order fulfilled: %+v", f)
	}
	if v := o.View(MustNewContact("C", []string{"A"}), "L1", ship); v.Allowed || v.Rules.IDs()[0] != rule.EntVisible {
		t.Errorf("zero order visible: %+v", v)
	}
	var v rule.Verdict
	if v.Allowed || v.Err() == nil {
		t.Error("the zero Verdict allows")
	}
}

// An instant given is present whatever its value: a line shipping at the
// zero instant ships then (ENT-SHIP), and its subscription runs from then
// (ENT-TIMER).
func TestLineMayShipAtTheZeroInstant(t *testing.T) {
	spec := sampleSpec()
	for i := range spec.Lines {
		spec.Lines[i].ShipDate = time.Time{}
	}
	o, err := DefaultProgram().NewOrder(spec)
	if err != nil {
		t.Fatalf("an order shipping at %v refused: %v", time.Time{}, err)
	}
	f := o.Fulfil("L1", time.Time{})
	if !f.Allowed || len(f.Entitlements()) != 2 || !f.Entitlements()[0].Start.Equal(time.Time{}) {
		t.Fatalf("fulfilment at the zero instant = %+v", f)
	}
	// Until is the zero instant here, which a Verdict reads as "never":
	// Verdict.Until's own zero is not this package's to change.
	if f := o.Fulfil("L1", time.Time{}.Add(-1)); f.Allowed || !f.Rules.Contains(rule.EntShip) {
		t.Fatalf("fulfilment before the zero instant = %+v, want refused citing ENT-SHIP", f)
	}
}

// Fulfil from many goroutines at once builds the line's fulfilment once
// and answers each the same; go test -race checks the cache.
func TestFulfilIsSafeForConcurrentUse(t *testing.T) {
	o := sampleOrder(t)
	want := o.Fulfil("L1", ship)
	var wg sync.WaitGroup
	got := make([]Fulfilment, 8)
	fresh := sampleOrder(t)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fresh.Fulfil("L3", ship) // first asks race to build
			got[i] = o.Fulfil("L1", ship)
		}()
	}
	wg.Wait()
	for i, g := range got {
		if !reflect.DeepEqual(g, want) {
			t.Fatalf("goroutine %d: %+v, want %+v", i, g, want)
		}
	}
}
