package tmip

import (
	"errors"
	"reflect"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// fataler is what helpers need of *testing.T, *testing.B and *rapid.T.
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

// good is an eligible condition: working, production network, undamaged,
// bought through an authorized channel.
var good = Condition{Working: true, Network: Production, Channel: Authorized}

// eligible is an eligible trade-in toward product, ordered and shipped in
// 2021, with a two-year contract worth 1000.00 from 2020-07-01.
func eligible(t fataler, id, product string) TradeIn {
	return TradeIn{
		ID: id, SKU: "MX960-PREMIUM2-AC", Serial: "JN-" + id, Condition: good, NewProduct: product,
		Support: &Contract{Serial: "JN-" + id, Start: instant(t, "2020-07-01T00:00:00Z"),
			End: instant(t, "2022-07-01T00:00:00Z"), Value: dec("1000.00")},
		Ordered:             At(instant(t, "2021-07-01T00:00:00Z")),
		NewEquipmentShipped: At(instant(t, "2021-07-15T00:00:00Z")),
	}
}

// quoted is eligible not yet ordered: Assess quotes an order placed at the
// instant asked (TMIP-AT-ORDER).
func quoted(t fataler, id, product string) TradeIn {
	ti := eligible(t, id, product)
	ti.Ordered = Instant{}
	return ti
}

func mustBook(t fataler, terms Terms, tradeIns ...TradeIn) Book {
	t.Helper()
	b, err := MustNewProgram(DefaultCatalog(), terms).NewBook(tradeIns)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustAssess(t fataler, b Book, id string, at time.Time) Assessment {
	t.Helper()
	a, err := b.Assess(id, at)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustComply(t fataler, b Book, id string, at time.Time) Compliance {
	t.Helper()
	c, err := b.Compliance(id, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

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

func obligationsEqual(a, b []rule.Obligation) bool {
	return slices.EqualFunc(a, b, func(x, y rule.Obligation) bool {
		return x.Kind == y.Kind && x.Rule == y.Rule && x.Due.Equal(y.Due) && x.Subject == y.Subject
	})
}

// sameAssessment reports whether two assessments give the same answer: the
// fields Until promises (everything but Until itself).
func sameAssessment(a, b Assessment) bool {
	return a.Allowed == b.Allowed && slices.Equal(a.Rules.IDs(), b.Rules.IDs()) && a.Reason == b.Reason &&
		obligationsEqual(a.Obligations.Slice(), b.Obligations.Slice()) && a.Discount.Equal(b.Discount) && a.Deadline.Equal(b.Deadline)
}

// sameCompliance is sameAssessment for Compliance.
func sameCompliance(a, b Compliance) bool {
	return a.Allowed == b.Allowed && slices.Equal(a.Rules.IDs(), b.Rules.IDs()) && a.Reason == b.Reason &&
		obligationsEqual(a.Obligations.Slice(), b.Obligations.Slice()) && a.Status == b.Status &&
		a.Deadline.Equal(b.Deadline) && a.Clawback.Equal(b.Clawback)
}

// reflectField reports whether v's struct type has a field named name.
func reflectField(v any, name string) (reflect.StructField, bool) {
	return reflect.TypeOf(v).FieldByName(name)
}
