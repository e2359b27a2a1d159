package policy_test

import (
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

// BenchmarkDecideWithHistory decides a use through a history of a move and
// a late renewal beside the same use of the license as of the instant:
// what building the license as of the instant and looking ahead at the
// history cost.
func BenchmarkDecideWithHistory(b *testing.B) {
	e := engine(b)
	l, _, mx2 := historyFacts(b)
	h, err := license.NewHistory(l, []license.Event{
		license.MoveEvent(day(2025, 6, 1), mx2, license.Rebalance),
		license.RenewEvent(day(2026, 3, 1), 1),
	})
	if err != nil {
		b.Fatal(err)
	}
	at := day(2025, 9, 1)
	asOf := h.At(at)
	for _, c := range []struct {
		name string
		r    policy.Request
	}{
		{"history", policy.WithHistory{History: h, Request: policy.UseFeature{Device: "mx-2", Feature: "bgp"}}},
		{"asOf", policy.UseFeature{License: asOf, Device: "mx-2", Feature: "bgp"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d, err := e.Decide(c.r, at); err != nil || d.Outcome != policy.Allow {
					b.Fatal(d, err)
				}
			}
		})
	}
}
