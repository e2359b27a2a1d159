package license_test

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
)

type useCase struct {
	name            string
	lic             license.License
	device, feature string
	at              time.Time
	allowed         bool
}

func useCases() []useCase {
	d := mustDevice("d1", "MX")
	sub := mustLicense(license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: d,
		Features: []string{"bgp", "ospf", "isis"}, Start: date(2025, 1, 1), TermYears: 1})
	trial := mustLicense(license.Spec{ID: "T", Kind: license.Trial, Tier: license.Standard, Platform: "MX", Device: d,
		Features: []string{"bgp"}, Start: date(2025, 1, 1), End: date(2025, 3, 1)})
	return []useCase{
		{"allowed", sub, "d1", "isis", date(2025, 6, 1), true},
		{"denied/expired", sub, "d1", "bgp", date(2027, 1, 1), false},
		{"denied/wrong-device", sub, "d2", "bgp", date(2025, 6, 1), false},
		{"warning", trial, "d1", "bgp", date(2025, 2, 20), true},
	}
}

func BenchmarkUse(b *testing.B) {
	for _, c := range useCases() {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.lic.Use(c.device, c.feature, noUnits, c.at).Allowed != c.allowed {
					b.Fatal("wrong answer")
				}
			}
		})
	}
}

// TestUseAllocatesNothing keeps BenchmarkUse's 0 allocs/op from regressing
// unseen: allowed, denied and warning answers alike.
func TestUseAllocatesNothing(t *testing.T) {
	for _, c := range useCases() {
		if n := testing.AllocsPerRun(100, func() { _ = c.lic.Use(c.device, c.feature, noUnits, c.at) }); n != 0 {
			t.Errorf("%s: %v allocs per use", c.name, n)
		}
	}
}
