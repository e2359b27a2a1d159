package policy_test

import (
	"reflect"
	"testing"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/tmip"
)

// TestEveryDomainAnswersInOneVerdict: "one answer shape for the four
// domains": every answer a Request is decided from is a rule.Verdict, alone
// or embedded beside the figures of its kind, so that Decide translates
// them all one way and a caller reads them all one way.
func TestEveryDomainAnswersInOneVerdict(t *testing.T) {
	verdict := reflect.TypeFor[rule.Verdict]()
	for _, typ := range []reflect.Type{
		reflect.TypeFor[license.Standing](), reflect.TypeFor[entitlement.Fulfilment](),
		reflect.TypeFor[credits.CallOffResult](), reflect.TypeFor[credits.PurchaseResult](), reflect.TypeFor[credits.Statement](),
		reflect.TypeFor[tmip.Assessment](), reflect.TypeFor[tmip.Compliance](),
	} {
		f, ok := typ.FieldByName("Verdict")
		if !ok || !f.Anonymous || f.Type != verdict {
			t.Errorf("%v does not embed rule.Verdict", typ)
		}
	}
	for _, m := range []struct {
		typ    reflect.Type
		method string
	}{
		{reflect.TypeFor[license.License](), "Use"}, {reflect.TypeFor[license.License](), "Move"},
		{reflect.TypeFor[license.License](), "Renew"}, {reflect.TypeFor[license.License](), "ChangeTier"},
		{reflect.TypeFor[license.Program](), "TrialAvailable"}, {reflect.TypeFor[entitlement.Order](), "View"},
	} {
		fn, ok := m.typ.MethodByName(m.method)
		if !ok {
			t.Errorf("%v has no method %s", m.typ, m.method)
			continue
		}
		if out := fn.Type.Out(fn.Type.NumOut() - 1); out != verdict {
			t.Errorf("%v.%s answers %v, want rule.Verdict", m.typ, m.method, out)
		}
	}
}

// TestEveryConstructorTakesCatalogThenTerms: "one argument order for every
// NewProgram and NewEngine": the catalog, then the terms (credits has
// terms only; entitlement's licensing program comes last).
func TestEveryConstructorTakesCatalogThenTerms(t *testing.T) {
	for name, fn := range map[string]any{
		"license.NewProgram": license.NewProgram, "entitlement.NewProgram": entitlement.NewProgram,
		"tmip.NewProgram": tmip.NewProgram, "policy.NewEngine": policy.NewEngine,
	} {
		typ := reflect.TypeOf(fn)
		if typ.NumIn() < 2 || typ.In(0).Name() != "Catalog" || typ.In(1).Name() != "Terms" {
			t.Errorf("%s takes %v", name, typ)
		}
	}
}
