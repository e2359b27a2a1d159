package policy_test

import (
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// evpn is a QFX subscription built under engine(t)'s program.
func evpn(t testing.TB) license.License {
	lp := engine(t).License()
	qfx, err := lp.NewDevice("qfx-7", "QFX", "")
	if err != nil {
		t.Fatal(err)
	}
	l, err := lp.NewLicense(license.Spec{
		ID: "evpn-1y", Kind: license.Subscription, Tier: license.Premium, Platform: "QFX",
		Device: qfx, Features: []string{"evpn-vxlan"},
		Start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), TermYears: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// sharedEngine is the engine of the default terms and catalog, built once
// so that facts built under it in one helper are the engine's in another.
var sharedEngine = sync.OnceValues(func() (policy.Engine, error) {
	return policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
})

func engine(t testing.TB) policy.Engine {
	e, err := sharedEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestUseFeatureTranslatesTheVerdict: in term LIC-SUB-TERM allows; after the
// grace period LIC-SUB-EXPIRY denies.
func TestUseFeatureTranslatesTheVerdict(t *testing.T) {
	e, l := engine(t), evpn(t)
	for _, c := range []struct {
		at    time.Time
		want  policy.Outcome
		first rule.ID
	}{
		{time.Date(2024, 9, 1, 0, 0, 0, 0, time.UTC), policy.Allow, rule.LicSubTerm},
		{time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), policy.Deny, rule.LicSubExpiry},
	} {
		d, err := e.Decide(policy.UseFeature{License: l, Device: "qfx-7", Feature: "evpn-vxlan"}, c.at)
		if err != nil {
			t.Fatal(err)
		}
		if d.Outcome != c.want || len(d.Rules.IDs()) == 0 || d.Rules.IDs()[0] != c.first {
			t.Errorf("at %v: got %v %v, want %v %v", c.at, d.Outcome, d.Rules.IDs(), c.want, c.first)
		}
	}
}

func TestMalformedRequestIsAnError(t *testing.T) {
	e := engine(t)
	for _, r := range []policy.Request{policy.UseFeature{}, policy.MoveLicense{}, policy.RenewLicense{}, policy.ChangeTier{}} {
		if _, err := e.Decide(r, time.Time{}); err == nil {
			t.Errorf("%T without license: no error", r)
		}
	}
}

func TestZeroDecisionDenies(t *testing.T) {
	if (policy.Decision{}).Outcome != policy.Deny {
		t.Fatal("zero decision grants")
	}
}

func TestDecisionJSONRoundTrip(t *testing.T) {
	d := policy.Decision{
		Outcome: policy.Allow, Rules: rule.ListOf(rule.LicSubTerm), Reason: "in term",
		Obligations: rule.ObligationsOf(rule.Obligation{Kind: rule.Alarm, Rule: rule.LicSubTerm, Due: time.Date(2025, 1, 1, 0, 0, 0, 5, time.UTC), Subject: "x"}),
		Values:      []policy.Value{{Name: "a", Amount: decimal.RequireFromString("1.5")}, {Name: "b", Amount: decimal.RequireFromString("2")}},
		Until:       time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var got policy.Decision
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("%s\n%s", b, diff)
	}
	if a, ok := got.Value("b"); !ok || !a.Equal(decimal.RequireFromString("2")) {
		t.Errorf("Value(b) = %v %v", a, ok)
	}
}

func TestDecideUseFeatureAllocatesNothing(t *testing.T) {
	e, l := engine(t), evpn(t)
	// The request is boxed once, as a caller holding a Request would.
	var r policy.Request = policy.UseFeature{License: l, Device: "qfx-7", Feature: "evpn-vxlan"}
	at := time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC)
	if n := testing.AllocsPerRun(100, func() { _, _ = e.Decide(r, at) }); n != 0 {
		t.Errorf("%v allocs per Decide", n)
	}
}
