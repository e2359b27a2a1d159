package license_test

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/plainuse"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// mixedUse is one input of the mixed hot-path set, with the seeds' answer.
type mixedUse struct {
	name            string
	lic             license.License
	device, feature string
	at              time.Time
	allowed         bool
	first           rule.ID
}

// mixedUses is every kind; in term, in grace, after expiry; wrong device;
// missing feature; a trial in its warning window. Looping over them in turn
// keeps the branch predictor from learning one answer.
func mixedUses() []mixedUse {
	d := mustDevice("mx-1", "MX")
	lic := func(s license.Spec) license.License {
		s.Platform, s.Device, s.Tier = "MX", d, license.Advanced
		l := mustLicense(s)
		return l
	}
	perp := lic(license.Spec{ID: "perp", Kind: license.Perpetual, Features: []string{"bgp", "ospf"}, Start: date(2024, 1, 1)})
	sub := lic(license.Spec{ID: "sub", Kind: license.Subscription, Features: []string{"bgp", "ospf", "isis", "evpn-vxlan"},
		Start: date(2024, 3, 1), TermYears: 1})
	renewal := lic(license.Spec{ID: "renewal", Kind: license.Subscription, Features: []string{"bgp"},
		Start: date(2024, 3, 1), TermYears: 1, Renewal: true})
	trial := lic(license.Spec{ID: "trial", Kind: license.Trial, Features: []string{"bgp", "mpls"},
		Start: date(2025, 1, 1), End: date(2025, 3, 1)})
	return []mixedUse{
		{"perpetual in term", perp, "mx-1", "ospf", date(2031, 1, 1), true, rule.LicPerpTerm},
		{"perpetual on another device", perp, "mx-2", "bgp", date(2025, 6, 1), false, rule.LicPerpBind},
		{"subscription before its start", sub, "mx-1", "bgp", date(2024, 2, 1), false, rule.EntTimer},
		{"subscription in term", sub, "mx-1", "evpn-vxlan", date(2024, 9, 1), true, rule.LicSubTerm},
		{"subscription in initial grace", sub, "mx-1", "isis", date(2025, 3, 15), true, rule.EntGrace},
		{"subscription after expiry", sub, "mx-1", "bgp", date(2025, 4, 1), false, rule.LicSubExpiry},
		{"renewal has no grace", renewal, "mx-1", "bgp", date(2025, 3, 15), false, rule.LicSubExpiry},
		{"subscription on another device", sub, "mx-9", "bgp", date(2024, 9, 1), false, rule.LicPort},
		{"subscription missing feature", sub, "mx-1", "mpls", date(2024, 9, 1), false, rule.LicTier},
		{"trial active", trial, "mx-1", "mpls", date(2025, 1, 10), true, rule.LicKind},
		{"trial in its warning window", trial, "mx-1", "bgp", date(2025, 2, 20), true, rule.LicTrialWarn},
		{"trial after expiry", trial, "mx-1", "bgp", date(2025, 3, 1), false, rule.LicTrialExpiry},
	}
}

// TestUseAnswersTheMixedSetAsPlainUse: Use and the baseline give every
// mixed input the seeds' answer and first rule, and Use allocates nothing
// for any of them.
func TestUseAnswersTheMixedSetAsPlainUse(t *testing.T) {
	for _, c := range mixedUses() {
		v := c.lic.Use(c.device, c.feature, noUnits, c.at)
		if v.Allowed != c.allowed || v.Rules.IDs()[0] != c.first {
			t.Errorf("%s: Use = %v %v, want %v %v", c.name, v.Allowed, v.Rules.IDs(), c.allowed, c.first)
		}
		p := plainuse.Of(c.lic)
		if ok, id := plainuse.Use(&p, c.device, c.feature, c.at); ok != c.allowed || id != c.first {
			t.Errorf("%s: plainUse = %v %v, want %v %v", c.name, ok, id, c.allowed, c.first)
		}
		if n := testing.AllocsPerRun(100, func() { _ = c.lic.Use(c.device, c.feature, noUnits, c.at) }); n != 0 {
			t.Errorf("%s: %v allocs per use", c.name, n)
		}
	}
}

// BenchmarkUseMixed is Use over the mixed set, one input per iteration.
func BenchmarkUseMixed(b *testing.B) {
	cs := mixedUses()
	b.ReportAllocs()
	i, allowed := 0, 0
	for b.Loop() {
		c := &cs[i]
		if c.lic.Use(c.device, c.feature, noUnits, c.at).Allowed {
			allowed++
		}
		if i++; i == len(cs) {
			i = 0
		}
	}
	sinkAllowed = allowed
}

// BenchmarkPlainUseMixed is BenchmarkUseMixed's baseline: plainUse on the
// same inputs in the same order.
func BenchmarkPlainUseMixed(b *testing.B) {
	cs := mixedUses()
	ps := make([]plainuse.License, len(cs))
	for i, c := range cs {
		ps[i] = plainuse.Of(c.lic)
	}
	b.ReportAllocs()
	i, allowed := 0, 0
	for b.Loop() {
		c := &cs[i]
		if ok, _ := plainuse.Use(&ps[i], c.device, c.feature, c.at); ok {
			allowed++
		}
		if i++; i == len(cs) {
			i = 0
		}
	}
	sinkAllowed = allowed
}

var sinkAllowed int
