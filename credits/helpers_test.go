package credits

import (
	"errors"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// fataler is what helpers need of *testing.T and *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func instant(t fataler, s string) time.Time {
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
func rulesOf(t fataler, err error) []rule.ID {
	t.Helper()
	if err == nil {
		return nil
	}
	var v *rule.Violation
	if !errors.As(err, &v) {
		t.Fatalf("error %v is not a *rule.Violation", err)
	}
	return v.Rules.IDs()
}

func wantRules(t fataler, err error, want ...rule.ID) {
	t.Helper()
	if got := rulesOf(t, err); !slices.Equal(got, want) {
		t.Fatalf("rules = %v (error %v), want %v", got, err, want)
	}
}

func mustLedger(t fataler, kind Kind, ps []Purchase, cs []CallOffRecord) Ledger {
	t.Helper()
	l, err := newLedger(DefaultTerms(), Account{ID: "acct", Kind: kind}, ps, cs)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// rulesOfAny returns the rules of a *rule.Violation in err, or nil.
func rulesOfAny(err error) []rule.ID {
	var v *rule.Violation
	if errors.As(err, &v) {
		return v.Rules.IDs()
	}
	return nil
}

// newLedger builds the ledger under a program of terms.
func newLedger(terms Terms, account Account, ps []Purchase, cs []CallOffRecord) (Ledger, error) {
	p, err := NewProgram(terms)
	if err != nil {
		return Ledger{}, err
	}
	return p.NewLedger(account, ps, cs)
}

// checkPurchase checks an order under a program of terms.
func checkPurchase(terms Terms, kind Kind, o Order, at time.Time) (PurchaseResult, error) {
	p, err := NewProgram(terms)
	if err != nil {
		return PurchaseResult{}, err
	}
	return asError(p.CheckPurchase(kind, o, at))
}

// mustBalance is l.Balance(at), failing the test on an error.
func mustBalance(t fataler, l Ledger, at time.Time) Balance {
	t.Helper()
	b, err := l.Balance(at)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// asError is an answer in the shape the tests compare refusals in: the
// result, and its refusal (or the bad input) as the error.
func asError[R interface{ Err() error }](r R, err error) (R, error) {
	if err != nil {
		return r, err
	}
	return r, r.Err()
}
