package policy_test

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
)

// BenchmarkTimeline builds a timeline of a subscription's feature use over
// a year and over a thousand years beside the Decide calls it chains: its
// cost follows the segments (four either way), not the period.
func BenchmarkTimeline(b *testing.B) {
	e := engine(b)
	r := policy.UseFeature{License: evpn(b), Device: "qfx-7", Feature: "evpn-vxlan"}
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		to   time.Time
	}{{"year", from.AddDate(1, 0, 0)}, {"millennium", from.AddDate(1000, 0, 0)}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			segments := 0
			for b.Loop() {
				segments = 0
				for _, err := range e.Timeline(r, from, c.to) {
					if err != nil {
						b.Fatal(err)
					}
					segments++
				}
			}
			b.ReportMetric(float64(segments), "segments")
		})
		b.Run(c.name+"/decides", func(b *testing.B) {
			// The floor: the same Decide calls, chained by hand.
			b.ReportAllocs()
			for b.Loop() {
				for t := from; t.Before(c.to); {
					d, err := e.Decide(r, t)
					if err != nil {
						b.Fatal(err)
					}
					if d.Until.IsZero() {
						break
					}
					t = d.Until
				}
			}
		})
	}
}
