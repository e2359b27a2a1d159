package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// TestRecordedCreditHistoryIsTakenByDateThenFileOrder: SCENARIOS.md:
// "Recorded history is validated the same way: an event sees every event
// dated at or before it (same instant: file order; at one instant,
// purchases count before call-offs)", and "credit purchases and call-offs
// may be listed in any order: they are taken by date". 15 credits bought
// on 2025-01-01 pay a call-off of 12 at that instant, listed first; a
// second of 5 at the same instant is the one refused.
func TestRecordedCreditHistoryIsTakenByDateThenFileOrder(t *testing.T) {
	const engagement = `"engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}`
	file := func(purchases, callOffs string) string {
		return `{"name": "c", "creditAccounts": [{"id": "a", "kind": "professional",
 "purchases": [` + purchases + `],
 "callOffs": [` + strings.ReplaceAll(callOffs, "ENGAGEMENT", engagement) + `]}],
 "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "creditStatement", "account": "a", "quarter": "2025-Q1"}}]}`
	}
	const bought = `{"id": "p1", "at": "2025-01-01T00:00:00Z", "credits": "15"}`
	for _, c := range []struct {
		name, purchases, callOffs string
		refused                   string // the path refused, or "" when the file is valid
	}{
		{"a call-off at its purchase's instant spends it", bought,
			`{"at": "2025-01-01T00:00:00Z", "credits": "15", ENGAGEMENT}`, ""},
		{"at one instant, the call-offs in file order", bought,
			`{"at": "2025-01-01T00:00:00Z", "credits": "12", ENGAGEMENT}, {"at": "2025-01-01T00:00:00Z", "credits": "5", ENGAGEMENT}`,
			"creditAccounts[0].callOffs[1]"},
		{"call-offs by date, whatever their order in the file", bought,
			`{"at": "2025-03-01T00:00:00Z", "credits": "12", ENGAGEMENT}, {"at": "2025-01-01T00:00:00Z", "credits": "5", ENGAGEMENT}`,
			"creditAccounts[0].callOffs[0]"},
		{"purchases by date, whatever their order in the file",
			`{"id": "p2", "at": "2025-02-01T00:00:00Z", "credits": "10"}, ` + bought,
			`{"at": "2025-01-15T00:00:00Z", "credits": "15", ENGAGEMENT}, {"at": "2025-02-01T00:00:00Z", "credits": "10", ENGAGEMENT}`, ""},
		{"a call-off 1 ns before the purchase it needs", bought,
			`{"at": "2024-12-31T23:59:59.999999999Z", "credits": "5", ENGAGEMENT}`,
			"creditAccounts[0].callOffs[0]"},
		{"a lot lapsed at its end: 12 months later is too late", bought,
			`{"at": "2026-01-01T00:00:00Z", "credits": "5", ENGAGEMENT}`,
			"creditAccounts[0].callOffs[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := decode(t, file(c.purchases, c.callOffs))
			if c.refused == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var se *scenario.Error
			if !errors.As(err, &se) || se.Path != c.refused || !errors.Is(err, rule.CrdValidity) {
				t.Fatalf("got %v, want CRD-VALIDITY at %s", err, c.refused)
			}
		})
	}
}
