package license_test

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
)

// benchHistory is a one-year subscription renewed on time n times, moved
// between two devices and changing tier between renewals: 3n events.
func benchHistory(b *testing.B, n int) (license.License, []license.Event) {
	sub, _, d1, d2, _, _ := historyFixture()
	var events []license.Event
	at := date(2025, 3, 1)
	tiers := []license.Tier{license.Advanced, license.Standard}
	for i := range n {
		to := d2
		if i%2 == 1 {
			to = d1
		}
		events = append(events, license.MoveEvent(at, to, license.Rebalance), license.TierEvent(at.AddDate(0, 1, 0), tiers[i%2]),
			license.RenewEvent(at.AddDate(0, 2, 0), 1))
		at = at.AddDate(1, 0, 0)
	}
	if _, err := license.NewHistory(sub, events); err != nil {
		b.Fatal(err)
	}
	return sub, events
}

// BenchmarkNewHistory checks a history of 300 events: O(n) transitions.
func BenchmarkNewHistory(b *testing.B) {
	sub, events := benchHistory(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := license.NewHistory(sub, events); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHistoryAt asks a history of 300 events for the license as of an
// instant: a binary search and at most three transitions.
func BenchmarkHistoryAt(b *testing.B) {
	sub, events := benchHistory(b, 100)
	h, _ := license.NewHistory(sub, events)
	ats := make([]time.Time, 64)
	for i := range ats {
		ats[i] = date(2025, 1, 1).AddDate(0, 0, i*571)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if !h.At(ats[i%len(ats)]).IsValid() {
			b.Fatal("no license")
		}
		i++
	}
}
