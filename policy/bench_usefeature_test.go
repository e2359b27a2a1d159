package policy_test

import (
	"errors"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/plainuse"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// useInput is one feature-use question of the mixed benchmark set, with the
// answer the seeds give it.
type useInput struct {
	name  string
	req   policy.UseFeature
	at    time.Time
	want  policy.Outcome
	first rule.ID
}

// useInputs is the mixed set the hot-path benchmarks loop over: each kind;
// in term, in grace, after expiry; wrong device; missing feature; a trial in
// its warning window. Mixing them keeps the branch predictor honest.
func useInputs(t testing.TB) []useInput {
	lp := engine(t).License()
	mx, err := lp.NewDevice("mx-1", "MX", "")
	if err != nil {
		t.Fatal(err)
	}
	build := func(s license.Spec) license.License {
		s.Platform, s.Device = "MX", mx
		if s.Tier == 0 {
			s.Tier = license.Advanced
		}
		l, err := lp.NewLicense(s)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	perp := build(license.Spec{ID: "perp", Kind: license.Perpetual, Features: []string{"bgp", "ospf"}, Start: day(2024, 1, 1)})
	sub := build(license.Spec{ID: "sub", Kind: license.Subscription, Features: []string{"bgp", "ospf", "isis", "evpn-vxlan"},
		Start: day(2024, 3, 1), TermYears: 1})
	renewal := build(license.Spec{ID: "renewal", Kind: license.Subscription, Features: []string{"bgp"},
		Start: day(2024, 3, 1), TermYears: 1, Renewal: true})
	trial := build(license.Spec{ID: "trial", Kind: license.Trial, Features: []string{"bgp", "mpls"},
		Start: day(2025, 1, 1), End: day(2025, 3, 1)})
	use := func(l license.License, device, feature string) policy.UseFeature {
		return policy.UseFeature{License: l, Device: device, Feature: feature}
	}
	allow, deny := policy.Allow, policy.Deny
	return []useInput{
		{"perpetual in term", use(perp, "mx-1", "ospf"), day(2031, 1, 1), allow, rule.LicPerpTerm},
		{"perpetual on another device", use(perp, "mx-2", "bgp"), day(2025, 6, 1), deny, rule.LicPerpBind},
		{"subscription before its start", use(sub, "mx-1", "bgp"), day(2024, 2, 1), deny, rule.EntTimer},
		{"subscription in term", use(sub, "mx-1", "evpn-vxlan"), day(2024, 9, 1), allow, rule.LicSubTerm},
		{"subscription in initial grace", use(sub, "mx-1", "isis"), day(2025, 3, 15), allow, rule.EntGrace},
		{"subscription after expiry", use(sub, "mx-1", "bgp"), day(2025, 4, 1), deny, rule.LicSubExpiry},
		{"renewal has no grace", use(renewal, "mx-1", "bgp"), day(2025, 3, 15), deny, rule.LicSubExpiry},
		{"subscription on another device", use(sub, "mx-9", "bgp"), day(2024, 9, 1), deny, rule.LicPort},
		{"subscription missing feature", use(sub, "mx-1", "mpls"), day(2024, 9, 1), deny, rule.LicTier},
		{"trial active", use(trial, "mx-1", "mpls"), day(2025, 1, 10), allow, rule.LicKind},
		{"trial in its warning window", use(trial, "mx-1", "bgp"), day(2025, 2, 20), allow, rule.LicTrialWarn},
		{"trial after expiry", use(trial, "mx-1", "bgp"), day(2025, 3, 1), deny, rule.LicTrialExpiry},
	}
}

// TestPlainUseAgreesWithDecide: the baseline answers every benchmark input
// as the engine does (outcome and first rule), so the two benchmarks measure
// the same question.
func TestPlainUseAgreesWithDecide(t *testing.T) {
	e := engine(t)
	for _, in := range useInputs(t) {
		d, err := e.Decide(in.req, in.at)
		if err != nil {
			t.Fatal(err)
		}
		p := plainuse.Of(in.req.License)
		ok, id := plainuse.Use(&p, in.req.Device, in.req.Feature, in.at)
		u := plainuse.UnixOf(in.req.License)
		if uok, uid := plainuse.UseUnix(&u, in.req.Device, in.req.Feature, in.at.UnixNano()); uok != ok || uid != id {
			t.Errorf("%s: UseUnix = %v %v, Use %v %v", in.name, uok, uid, ok, id)
		}
		if d.Outcome != in.want || d.Rules.IDs()[0] != in.first {
			t.Errorf("%s: Decide = %v %v, want %v %v", in.name, d.Outcome, d.Rules.IDs(), in.want, in.first)
		}
		if ok != (in.want == policy.Allow) || id != in.first {
			t.Errorf("%s: plainUse = %v %v, want %v %v", in.name, ok, id, in.want, in.first)
		}
	}
}

// TestDecideUseFeatureMixedAllocatesNothing keeps the benchmark's 0
// allocs/op from regressing unseen, on every input of the mixed set.
func TestDecideUseFeatureMixedAllocatesNothing(t *testing.T) {
	e := engine(t)
	for _, in := range useInputs(t) {
		var r policy.Request = in.req // boxed once, as a service holding requests does
		if n := testing.AllocsPerRun(100, func() { _, _ = e.Decide(r, in.at) }); n != 0 {
			t.Errorf("%s: %v allocs per Decide", in.name, n)
		}
	}
}

// TestDecideBoxingEachRequestAllocatesNothing: a caller that builds its
// request on every call, as most do, pays no allocation either: Decide's
// request does not escape.
func TestDecideBoxingEachRequestAllocatesNothing(t *testing.T) {
	e := engine(t)
	for _, in := range useInputs(t) {
		u := in.req
		fresh := func() {
			_, _ = e.Decide(policy.UseFeature{License: u.License, Device: u.Device, Feature: u.Feature}, in.at)
		}
		if n := testing.AllocsPerRun(100, fresh); n != 0 {
			t.Errorf("%s: %v allocs per Decide of a fresh request", in.name, n)
		}
	}
}

// BenchmarkDecideUseFeature measures the hot path over the mixed set, one
// input per iteration in turn. The requests are boxed into policy.Request
// once, outside the loop, as a service holding its requests would do; a
// fresh UseFeature boxed on every call allocates nothing either
// (TestDecideBoxingEachRequestAllocatesNothing).
func BenchmarkDecideUseFeature(b *testing.B) {
	e, ins := engine(b), useInputs(b)
	reqs := make([]policy.Request, len(ins))
	ats := make([]time.Time, len(ins))
	for i, in := range ins {
		reqs[i], ats[i] = in.req, in.at
	}
	b.ReportAllocs()
	i, allowed := 0, 0
	for b.Loop() {
		d, _ := e.Decide(reqs[i], ats[i])
		if d.Outcome == policy.Allow {
			allowed++
		}
		if i++; i == len(reqs) {
			i = 0
		}
	}
	sinkInt = allowed
}

// BenchmarkPlainUseFeature is the baseline of BenchmarkDecideUseFeature:
// plainUse on the same inputs in the same order.
func BenchmarkPlainUseFeature(b *testing.B) {
	ins := useInputs(b)
	ls := make([]plainuse.License, len(ins))
	for i, in := range ins {
		ls[i] = plainuse.Of(in.req.License)
	}
	b.ReportAllocs()
	i, allowed := 0, 0
	for b.Loop() {
		in := &ins[i]
		if ok, _ := plainuse.Use(&ls[i], in.req.Device, in.req.Feature, in.at); ok {
			allowed++
		}
		if i++; i == len(ins) {
			i = 0
		}
	}
	sinkInt = allowed
}

// BenchmarkPlainUnixUseFeature is the floor of BenchmarkDecideUseFeature:
// plainuse.UseUnix on the same inputs in the same order, its instants
// Unix nanoseconds converted before the loop, each comparison one integer
// compare.
func BenchmarkPlainUnixUseFeature(b *testing.B) {
	ins := useInputs(b)
	ls := make([]plainuse.Unix, len(ins))
	ats := make([]int64, len(ins))
	for i, in := range ins {
		ls[i], ats[i] = plainuse.UnixOf(in.req.License), in.at.UnixNano()
	}
	b.ReportAllocs()
	i, allowed := 0, 0
	for b.Loop() {
		in := &ins[i]
		if ok, _ := plainuse.UseUnix(&ls[i], in.req.Device, in.req.Feature, ats[i]); ok {
			allowed++
		}
		if i++; i == len(ins) {
			i = 0
		}
	}
	sinkInt = allowed
}

// BenchmarkDecisionFloor is what a Decide that is not inlined would cost
// before deciding anything: finding the request's kind in the interface and
// returning a Decision (fifteen words) from a call, field by field, then the
// caller's copy of it. It is why Decide is small enough to inline: this
// alone costs about what the whole of an inlined Decide does.
func BenchmarkDecisionFloor(b *testing.B) {
	ins := useInputs(b)
	reqs := make([]policy.Request, len(ins))
	for i, in := range ins {
		reqs[i] = in.req
	}
	b.ReportAllocs()
	i, allowed := 0, 0
	for b.Loop() {
		if d, _ := decisionFloor(reqs[i], ins[i].at); d.Outcome == policy.Allow {
			allowed++
		}
		if i++; i == len(reqs) {
			i = 0
		}
	}
	sinkInt = allowed
}

var floorRules = rule.ListOf(rule.LicSubTerm)

//go:noinline
func decisionFloor(r policy.Request, at time.Time) (d policy.Decision, err error) {
	u, ok := r.(policy.UseFeature)
	if !ok || !u.License.IsValid() {
		return d, errFloor
	}
	d.Outcome, d.Rules, d.Reason, d.Until = policy.Allow, floorRules, "floor", at
	return d, nil
}

var errFloor = errors.New("not a feature use")

var sinkInt int
