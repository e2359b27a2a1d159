package scenario_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
)

// kindTable holds one check of every request kind of SCENARIOS.md, asked of
// the fixture world of scenario_test.go, each at an instant where the kind
// has something to say.
const kindTable = `
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp"}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "moveLicense", "license": "L1", "to": "ptx-1", "reason": "rebalance"}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "L1", "termYears": 1}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "changeTier", "license": "L1", "tier": "premium"}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "fulfilLine", "order": "SO1", "line": "1"}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "viewEntitlement", "contact": "C1", "order": "SO1", "line": "1"}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "purchaseCredits", "creditKind": "flexible", "credits": "10"}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "callOff", "account": "psc", "credits": "5",
   "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}},
 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "creditStatement", "account": "psc", "quarter": "2025-Q2"}},
 {"at": "2021-06-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}},
 {"at": "2021-06-01T00:00:00Z", "request": {"kind": "tradeInCompliance", "tradeIn": "T1"}}`

// sealedKinds parses request.go and returns the types that implement
// Request: those with a request() method. Reading the source, not a list
// kept by hand, is what makes a new kind without a test fail here.
func sealedKinds(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../request.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || fn.Name.Name != "request" {
			continue
		}
		typ := fn.Recv.List[0].Type
		if star, ok := typ.(*ast.StarExpr); ok {
			typ = star.X
		}
		kinds = append(kinds, "policy."+typ.(*ast.Ident).Name)
	}
	slices.Sort(kinds)
	return kinds
}

// TestEveryRequestKindIsDecidedAndTheTableCoversThemAll: DESIGN.md, "a
// switch over them is exhaustive (a test proves each kind is decided)".
// Each kind of the table is decided without error and with the rules behind
// it, and the table's kinds are exactly the types of request.go that
// implement Request.
func TestEveryRequestKindIsDecidedAndTheTableCoversThemAll(t *testing.T) {
	s, err := decode(t, withChecks(kindTable))
	if err != nil {
		t.Fatal(err)
	}
	var decided []string
	for _, c := range s.Checks {
		kind := fmt.Sprintf("%T", c.Request)
		d, err := s.Engine().Decide(c.Request, c.At)
		if err != nil {
			t.Errorf("%s: %v", kind, err)
			continue
		}
		if len(d.Rules.IDs()) == 0 {
			t.Errorf("%s: decided %s without citing a rule", kind, d)
		}
		if d.Reason == "" {
			t.Errorf("%s: decided %s without a reason", kind, d)
		}
		decided = append(decided, kind)
	}
	slices.Sort(decided)
	if want := sealedKinds(t); !slices.Equal(decided, want) {
		t.Errorf("the table decides %v\nrequest.go defines %v", decided, want)
	}
	if len(decided) != 12 {
		t.Errorf("%d kinds, SCENARIOS.md lists 12", len(decided))
	}
}

// TestEveryZeroRequestIsAnErrorNotAPanic: a request missing its facts (a
// nil license, order, ledger or book) is malformed: Decide says so with an
// error, or decides it, and never panics. The zero values are listed by kind
// and checked against request.go like the table above.
func TestEveryZeroRequestIsAnErrorNotAPanic(t *testing.T) {
	zeros := []policy.Request{policy.UseFeature{}, policy.MoveLicense{}, policy.RenewLicense{},
		policy.ChangeTier{}, policy.TrialAvailable{}, policy.FulfilLine{}, policy.ViewEntitlement{},
		policy.PurchaseCredits{}, policy.CallOff{}, policy.CreditStatement{}, policy.TradeIn{},
		policy.TradeInCompliance{}}
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, r := range zeros {
		kind := fmt.Sprintf("%T", r)
		kinds = append(kinds, kind)
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s{}: Decide panics: %v", kind, p)
				}
			}()
			d, err := e.Decide(r, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
			if err == nil && d.Outcome == policy.Allow && !strings.Contains(kind, "TrialAvailable") && !strings.Contains(kind, "Purchase") {
				t.Errorf("%s{}: allowed a request without facts: %s", kind, d)
			}
		}()
	}
	slices.Sort(kinds)
	if want := sealedKinds(t); !slices.Equal(kinds, want) {
		t.Errorf("zero requests %v\nrequest.go defines %v", kinds, want)
	}
}

// TestEveryRequestKindIsDecided: a scenario asking each of the twelve kinds
// of SCENARIOS.md decodes, and the engine decides each without error.
func TestEveryRequestKindIsDecided(t *testing.T) {
	at := `"at": "2025-06-01T00:00:00Z", `
	eng := `"engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}`
	s, err := decode(t, withChecks(`
	 {`+at+`"request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp"}},
	 {`+at+`"request": {"kind": "moveLicense", "license": "L1", "to": "ptx-1", "reason": "rebalance"}},
	 {`+at+`"request": {"kind": "renewLicense", "license": "L1", "termYears": 1}},
	 {`+at+`"request": {"kind": "changeTier", "license": "L1", "tier": "premium"}},
	 {`+at+`"request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}},
	 {`+at+`"request": {"kind": "fulfilLine", "order": "SO1", "line": "1"}},
	 {`+at+`"request": {"kind": "viewEntitlement", "contact": "C1", "order": "SO1", "line": "1"}},
	 {`+at+`"request": {"kind": "purchaseCredits", "creditKind": "flexible", "credits": "10"}},
	 {`+at+`"request": {"kind": "callOff", "account": "psc", "credits": "5", `+eng+`}},
	 {`+at+`"request": {"kind": "creditStatement", "account": "psc", "quarter": "2025-Q2"}},
	 {`+at+`"request": {"kind": "tradeIn", "tradeIn": "T1"}},
	 {`+at+`"request": {"kind": "tradeInCompliance", "tradeIn": "T1"}}`))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, c := range s.Checks {
		if _, err := s.Engine().Decide(c.Request, c.At); err != nil {
			t.Errorf("check %d %T: %v", c.Index, c.Request, err)
		}
		kinds[strings.TrimPrefix(fmt.Sprintf("%T", c.Request), "policy.")] = true
		if c.Describe() == "" || strings.Contains(c.Describe(), "?%") {
			t.Errorf("check %d: Describe() = %q", c.Index, c.Describe())
		}
	}
	if len(kinds) != 12 {
		t.Errorf("%d kinds decided, want 12: %v", len(kinds), kinds)
	}
}
