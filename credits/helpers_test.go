package credits

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func instant(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// fixed is a valid engagement of type ty on a professional services
// engagement.
func fixed(ty EngagementType) Engagement {
	return Engagement{Type: ty, Pricing: Fixed, DefinedScope: true, PurchaseOrder: true, StatementOfWork: true}
}

func local(credits string) Order { return Order{Credits: dec(credits), LocalEntity: true} }

// rulesOf returns the rules of a *rule.Violation in err, or nil when err is
// nil; any other error fails the test.
func rulesOf(t testing.TB, err error) []rule.ID {
	t.Helper()
	if err == nil {
		return nil
	}
	var v *rule.Violation
	if !errors.As(err, &v) {
		t.Fatalf("error %v is not a *rule.Violation", err)
	}
	return v.Rules
}

func wantRules(t testing.TB, err error, want ...rule.ID) {
	t.Helper()
	if got := rulesOf(t, err); !slices.Equal(got, want) {
		t.Fatalf("rules = %v (error %v), want %v", got, err, want)
	}
}

func mustLedger(t testing.TB, kind Kind, ps []Purchase, cs []CallOffRecord) *Ledger {
	t.Helper()
	l, err := NewLedger(DefaultTerms(), Account{ID: "acct", Kind: kind}, ps, cs)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
