package policy_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"pgregory.net/rapid"
)

// The Until promise of DESIGN.md, checked for every request kind on random
// terms, catalogs and facts (drawWorld: random license kinds, tiers,
// platforms, classes, devices, starts on Feb 29 and month ends, terms,
// trial ends, renewals, capacities, warning and grace days, orders, credit
// lots, trade-ins) at instants aimed at their boundaries (drawAt: term ends,
// grace ends, warning-window starts, ship dates, lot ends, quarter ends,
// return deadlines, exact or 1ns either side): the decision at at, at a
// random instant of [at, Until) and at Until-1ns are equal in outcome, rules,
// obligations and values, and the decision at Until differs.

// promised compares what Until promises: everything but Reason and Until.
var promised = cmp.Options{
	decimalEqual,
	cmpopts.IgnoreFields(policy.Decision{}, "Reason", "Until"),
	cmpopts.EquateEmpty(),
}

// reasonDrift counts, per kind, the draws where the reason's words changed
// within [at, Until) although the promised parts did not: the engine's
// settle documents that it may, so it is logged, not failed.
var reasonDrift = struct {
	sync.Mutex
	n       map[string]int
	example map[string]string
}{n: map[string]int{}, example: map[string]string{}}

func checkHoldsUntilItsUntil(t *testing.T, kind string) {
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		req := drawRequestOf(t, w, kind)
		at := drawAt(t, w, req)
		if bug := knownBug(w, req, at); bug != "" {
			t.Skip(bug)
		}
		file := scenarioJSON(w, []diffCheck{{at: at, req: req}})
		sc, err := scenario.Decode("until.json", bytes.NewReader(file))
		if err != nil {
			t.Fatalf("random facts refused: %v\n%s", err, file)
		}
		e, r := sc.Engine(), sc.Checks[0].Request
		decide := func(x time.Time) policy.Decision {
			d, err := e.Decide(r, x)
			if err != nil {
				t.Fatalf("%s at %s: %v\n%s", kind, ts(x), err, file)
			}
			return d
		}
		d := decide(at)
		if !d.Until.IsZero() && !d.Until.After(at) {
			t.Fatalf("%s at %s: Until %s is not after at: %s\n%s", kind, ts(at), ts(d.Until), d, file)
		}
		// Instants inside [at, Until): just after at, random, just before Until.
		span := int64(20 * 365 * 24 * time.Hour)
		if !d.Until.IsZero() {
			span = int64(d.Until.Sub(at))
		}
		inside := []time.Time{at.Add(time.Duration(rapid.Int64Range(0, span-1).Draw(t, "inside")))}
		if span > 1 {
			inside = append(inside, at.Add(1))
		}
		if !d.Until.IsZero() {
			inside = append(inside, d.Until.Add(-time.Nanosecond))
		}
		for _, x := range inside {
			got := decide(x)
			if diff := cmp.Diff(d, got, promised); diff != "" {
				t.Fatalf("%s: decision changed inside [at, Until) at %s\nat %s:  %s\nat %s: %s\n%s\n%s",
					kind, ts(x), ts(at), d, ts(x), got, diff, file)
			}
			if !got.Until.Equal(d.Until) {
				t.Fatalf("%s: Until moved inside [at, Until): at %s Until %s, at %s Until %s\n%s",
					kind, ts(at), ts(d.Until), ts(x), ts(got.Until), file)
			}
			if got.Reason != d.Reason {
				reasonDrift.Lock()
				if reasonDrift.n[kind] == 0 {
					reasonDrift.example[kind] = "at " + ts(at) + ": " + d.Reason + " | at " + ts(x) + ": " + got.Reason
				}
				reasonDrift.n[kind]++
				reasonDrift.Unlock()
			}
		}
		if d.Until.IsZero() {
			return
		}
		if got := decide(d.Until); cmp.Equal(d, got, promised) {
			t.Fatalf("%s: decision unchanged at its Until %s\nat %s: %s\nat Until: %s\n%s",
				kind, ts(d.Until), ts(at), d, got, file)
		}
	})
	reasonDrift.Lock()
	if n := reasonDrift.n[kind]; n > 0 {
		t.Logf("%s: reason worded differently within [at, Until) in %d draws, e.g. %s", kind, n, reasonDrift.example[kind])
	}
	reasonDrift.Unlock()
}

// TestPurchaseCreditsInvoiceHoldsUntilItsUntil: "Credits are invoiced 100%
// at the time of purchase" (CRD-INVOICE) and the order is allowed until
// never, so the invoice is due on placing the order, not at the instant
// asked: with a due of its own a decision at 2025-06-01 and one 1ns later
// would differ, breaking the Until promise.
func TestPurchaseCreditsInvoiceHoldsUntilItsUntil(t *testing.T) {
	s, err := scenario.Decode("invoice.json", strings.NewReader(`{"name": "invoice", "checks": [
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "purchaseCredits", "creditKind": "flexible", "credits": "10"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := s.Checks[0]
	d, err := s.Engine().Decide(c.Request, c.At)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []time.Time{c.At.Add(1), c.At.Add(time.Hour), c.At.AddDate(1, 0, 0)} {
		if d.Until.IsZero() || x.Before(d.Until) {
			later, _ := s.Engine().Decide(c.Request, x)
			if diff := cmp.Diff(d, later, promised); diff != "" {
				t.Errorf("at %s: %s\nat %s: %s\n%s", ts(c.At), d, ts(x), later, diff)
			}
		}
	}
}

func TestUseFeatureOnRandomLicensesHoldsUntilItsUntil(t *testing.T) {
	checkHoldsUntilItsUntil(t, "useFeature")
}
func TestMoveLicenseHoldsUntilItsUntil(t *testing.T)  { checkHoldsUntilItsUntil(t, "moveLicense") }
func TestRenewLicenseHoldsUntilItsUntil(t *testing.T) { checkHoldsUntilItsUntil(t, "renewLicense") }
func TestChangeTierHoldsUntilItsUntil(t *testing.T)   { checkHoldsUntilItsUntil(t, "changeTier") }
func TestTrialAvailableHoldsUntilItsUntil(t *testing.T) {
	checkHoldsUntilItsUntil(t, "trialAvailable")
}
func TestFulfilLineHoldsUntilItsUntil(t *testing.T) { checkHoldsUntilItsUntil(t, "fulfilLine") }
func TestViewEntitlementHoldsUntilItsUntil(t *testing.T) {
	checkHoldsUntilItsUntil(t, "viewEntitlement")
}
func TestPurchaseCreditsHoldsUntilItsUntil(t *testing.T) {
	checkHoldsUntilItsUntil(t, "purchaseCredits")
}
func TestCallOffHoldsUntilItsUntil(t *testing.T) { checkHoldsUntilItsUntil(t, "callOff") }
func TestCreditStatementHoldsUntilItsUntil(t *testing.T) {
	checkHoldsUntilItsUntil(t, "creditStatement")
}
func TestTradeInOnRandomBooksHoldsUntilItsUntil(t *testing.T) { checkHoldsUntilItsUntil(t, "tradeIn") }
func TestTradeInComplianceHoldsUntilItsUntil(t *testing.T) {
	checkHoldsUntilItsUntil(t, "tradeInCompliance")
}

// TestUntilCoversValues: SCENARIOS.md, "until is the first instant after
// at at which anything the decision says can change: its outcome, rules,
// obligations (their kinds, dues, subjects) or values; for every instant
// in [at, until) the decision is the same, so a caller may cache it until
// then." In each check only a value changes at until: a statement asked
// within its quarter as a lot lapses, a call-off's balance as a recorded
// call-off counts, a quote's discount at the next midnight.
func TestUntilCoversValues(t *testing.T) {
	file := `{"name": "until-values", "terms": {"tmipWindowStart": "2021-01-01T00:00:00Z"},
 "creditAccounts": [{"id": "psc", "kind": "professional",
   "purchases": [{"id": "po-1", "at": "2025-04-01T00:00:00Z", "credits": "25"}, {"id": "po-2", "at": "2026-03-01T00:00:00Z", "credits": "10"}],
   "callOffs": [{"at": "2025-06-01T00:00:00Z", "credits": "5",
     "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}]}],
 "tradeIns": [{"id": "T1", "sku": "MX480-PREMIUM2-AC", "serial": "S1", "newProduct": "MX304",
   "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"},
   "support": {"serial": "S1", "start": "2021-01-01T00:00:00Z", "end": "2022-01-01T00:00:00Z", "value": "365.00"}}],
 "checks": [
  {"at": "2026-03-15T00:00:00Z", "request": {"kind": "creditStatement", "account": "psc", "quarter": "2026-Q2"},
   "expect": {"outcome": "allow", "until": "2026-04-01T00:00:00Z", "values": {"purchased": "35", "used": "5", "expired": "0", "available": "30"}}},
  {"at": "2025-05-01T00:00:00Z", "request": {"kind": "callOff", "account": "psc", "credits": "5",
    "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}},
   "expect": {"outcome": "allow", "until": "2025-06-01T00:00:00Z", "values": {"balance": "20"}}},
  {"at": "2021-06-01T12:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"},
   "expect": {"outcome": "allow", "until": "2021-06-02T00:00:00Z", "values": {"discount": "214.00"}}}]}`
	decided := decideScenario(t, file)
	sc, err := scenario.Decode("until-values.json", strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range decided {
		later, err := sc.Engine().Decide(sc.Checks[i].Request, d.Until)
		if err != nil {
			t.Fatal(err)
		}
		onlyValues := cmp.Options{decimalEqual, cmpopts.IgnoreFields(policy.Decision{}, "Reason", "Until", "Values"), cmpopts.EquateEmpty()}
		if diff := cmp.Diff(d, later, onlyValues); diff != "" {
			t.Errorf("check %d: more than the values changed at until %s:\n%s", i, ts(d.Until), diff)
		}
		if cmp.Equal(d, later, promised) {
			t.Errorf("check %d: nothing changed at until %s: %s", i, ts(d.Until), later)
		}
	}
}
