package license

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestStandingComparesInstantsAsTimeBefore: the hot path compares Unix
// nanoseconds as int64s where they fit and seconds and nanoseconds where
// they do not, and answers as time.Time.Before does on any two instants of
// years 0000 to 9999, in any zone, a nanosecond apart or centuries, with
// or without a monotonic reading.
func TestStandingComparesInstantsAsTimeBefore(t *testing.T) {
	p := DefaultProgram()
	mx := p.MustNewDevice("mx-1", "MX", "")
	zones := []*time.Location{time.UTC, time.FixedZone("east", 14*3600), time.FixedZone("west", -12*3600)}
	instant := func(t *rapid.T, label string) time.Time {
		sec := rapid.Int64Range(-62135596800+86400, 253402300799-86400).Draw(t, label+"sec")
		nsec := rapid.Int64Range(0, 999_999_999).Draw(t, label+"nsec")
		return time.Unix(sec, nsec).In(rapid.SampledFrom(zones).Draw(t, label+"zone"))
	}
	startsBefore := func(start, at time.Time) bool {
		l := p.MustNewLicense(Spec{ID: "L", Kind: Perpetual, Tier: Standard, Platform: "MX", Device: mx, Features: []string{"bgp"}, Start: start})
		return l.StandingAt(at).State == NotStarted
	}
	rapid.Check(t, func(t *rapid.T) {
		a := instant(t, "a")
		b := a.Add(time.Duration(rapid.Int64Range(-2, 2).Draw(t, "delta")))
		if rapid.Bool().Draw(t, "far") {
			b = instant(t, "b")
		}
		if got, want := startsBefore(a, b), b.Before(a); got != want {
			t.Fatalf("a license started at %v stands not started at %v: %v, want %v", a, b, got, want)
		}
	})
	now := time.Now() // a monotonic reading, which Before may use instead of the wall clock
	later := now.Add(time.Nanosecond)
	if !startsBefore(later, now) || startsBefore(now, later) {
		t.Errorf("monotonic instants %v and %v compare wrongly", now, later)
	}
}
