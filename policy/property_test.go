package policy_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"pgregory.net/rapid"
)

// TestUseFeatureHoldsUntilItsUntil: the decision at any instant of [at, Until)
// equals the one at at, and differs at Until.
func TestUseFeatureHoldsUntilItsUntil(t *testing.T) {
	e, l := engine(t), evpn(t)
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		at := base.Add(time.Duration(rapid.Int64Range(0, int64(4*365*24*time.Hour)).Draw(t, "offset")))
		r := policy.UseFeature{License: l, Device: rapid.SampledFrom([]string{"qfx-7", "qfx-8"}).Draw(t, "device"),
			Feature: rapid.SampledFrom([]string{"evpn-vxlan", "bgp"}).Draw(t, "feature")}
		d, _ := e.Decide(r, at)
		if d.Until.IsZero() {
			return
		}
		before, _ := e.Decide(r, d.Until.Add(-time.Nanosecond))
		before.Until = d.Until
		if diff := cmp.Diff(d, before); diff != "" {
			t.Fatalf("changed before Until %v:\n%s", d.Until, diff)
		}
		after, _ := e.Decide(r, d.Until)
		after.Until = d.Until
		if cmp.Equal(d, after) {
			t.Fatalf("unchanged at Until %v", d.Until)
		}
	})
}
