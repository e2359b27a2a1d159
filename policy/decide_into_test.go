package policy_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

// stale is what *d holds before DecideInto: every field set, so a field
// DecideInto forgot to overwrite shows.
func stale() policy.Decision {
	return policy.Decision{Outcome: policy.Allow, Rules: rule.ListOf(rule.LicKind), Reason: "stale",
		Obligations: rule.ObligationsOf(rule.Obligation{Kind: rule.Alarm}), Values: []policy.Value{{Name: "stale"}},
		Until: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// fataler is what checkInto needs of *testing.T and *rapid.T.
type fataler interface {
	Fatalf(format string, args ...any)
}

func checkInto(t fataler, e policy.Engine, r policy.Request, at time.Time) {
	want, wantErr := e.Decide(r, at)
	got := stale()
	err := e.DecideInto(r, at, &got)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%#v at %v: DecideInto error %v, Decide error %v", r, at, err, wantErr)
	}
	if wantErr != nil {
		want = policy.Decision{}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%#v at %v: DecideInto differs from Decide (-Decide +DecideInto):\n%s", r, at, diff)
	}
}

// TestDecideIntoDecidesAsDecide: for any feature use (any license of the
// mixed set, device, feature, instant) and for the other kinds, DecideInto
// leaves in *d exactly what Decide returns, whatever *d held, and an error
// exactly when Decide errs.
func TestDecideIntoDecidesAsDecide(t *testing.T) {
	e, ins := engine(t), useInputs(t)
	for _, in := range ins {
		checkInto(t, e, in.req, in.at)
	}
	checkInto(t, e, policy.UseFeature{}, ins[0].at)
	checkInto(t, e, policy.MoveLicense{}, ins[0].at)
	checkInto(t, e, policy.TrialAvailable{Platform: "MX", Feature: "bgp"}, ins[0].at)
	rapid.Check(t, func(t *rapid.T) {
		in := rapid.SampledFrom(ins).Draw(t, "license")
		r := policy.UseFeature{
			License: in.req.License,
			Device:  rapid.SampledFrom([]string{"mx-1", "mx-2"}).Draw(t, "device"),
			Feature: rapid.SampledFrom([]string{"bgp", "ospf", "isis", "mpls", "evpn-vxlan"}).Draw(t, "feature"),
		}
		at := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rapid.Int64Range(0, 9*365*24).Draw(t, "hour")) * time.Hour)
		checkInto(t, e, r, at)
	})
}

// TestDecideIntoAllocatesNothing on every input of the mixed set.
func TestDecideIntoAllocatesNothing(t *testing.T) {
	e := engine(t)
	var d policy.Decision
	for _, in := range useInputs(t) {
		var r policy.Request = in.req
		if n := testing.AllocsPerRun(100, func() { _ = e.DecideInto(r, in.at, &d) }); n != 0 {
			t.Errorf("%s: %v allocs per DecideInto", in.name, n)
		}
	}
}

// BenchmarkDecideIntoUseFeature is BenchmarkDecideUseFeature through
// DecideInto: the same inputs, requests boxed once, one Decision reused.
func BenchmarkDecideIntoUseFeature(b *testing.B) {
	e, ins := engine(b), useInputs(b)
	reqs := make([]policy.Request, len(ins))
	ats := make([]time.Time, len(ins))
	for i, in := range ins {
		reqs[i], ats[i] = in.req, in.at
	}
	b.ReportAllocs()
	i, allowed := 0, 0
	var d policy.Decision
	for b.Loop() {
		_ = e.DecideInto(reqs[i], ats[i], &d)
		if d.Outcome == policy.Allow {
			allowed++
		}
		if i++; i == len(reqs) {
			i = 0
		}
	}
	sinkInt = allowed
}

func ExampleEngine_DecideInto() {
	e, _ := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	qfx, _ := e.NewDevice("qfx-7", "QFX", "")
	l := e.License().MustNewLicense(license.Spec{ID: "evpn-1y", Kind: license.Subscription, Tier: license.Premium,
		Platform: "QFX", Device: qfx, Features: []string{"evpn-vxlan"},
		Start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), TermYears: 1})

	// A service holds its request and one Decision, and asks again and again.
	var r policy.Request = policy.UseFeature{License: l, Device: "qfx-7", Feature: "evpn-vxlan"}
	var d policy.Decision
	for _, day := range []int{1, 15, 31} {
		if err := e.DecideInto(r, time.Date(2025, 3, day, 0, 0, 0, 0, time.UTC), &d); err != nil {
			panic(err)
		}
		fmt.Println(d.Outcome, d.Rules.IDs(), d.Until.Format(time.DateOnly))
	}
	// Output:
	// allow [ENT-GRACE LIC-SUB-TERM] 2025-03-31
	// allow [ENT-GRACE LIC-SUB-TERM] 2025-03-31
	// deny [LIC-SUB-EXPIRY LIC-RENEW] 0001-01-01
}
