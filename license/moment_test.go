package license

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestMomentBeforeIsTimeBefore: the hot path's inline comparison answers as
// time.Time.Before on any two instants, in any zone, a nanosecond apart or
// centuries, with or without a monotonic reading.
func TestMomentBeforeIsTimeBefore(t *testing.T) {
	zones := []*time.Location{time.UTC, time.FixedZone("east", 14*3600), time.FixedZone("west", -12*3600)}
	instant := func(t *rapid.T, label string) time.Time {
		sec := rapid.Int64Range(-1<<40, 1<<40).Draw(t, label+"sec")
		nsec := rapid.Int64Range(0, 999_999_999).Draw(t, label+"nsec")
		return time.Unix(sec, nsec).In(rapid.SampledFrom(zones).Draw(t, label+"zone"))
	}
	rapid.Check(t, func(t *rapid.T) {
		a := instant(t, "a")
		b := a.Add(time.Duration(rapid.Int64Range(-2, 2).Draw(t, "delta")))
		if rapid.Bool().Draw(t, "far") {
			b = instant(t, "b")
		}
		if got, want := momentOf(a).before(momentOf(b)), a.Before(b); got != want {
			t.Fatalf("momentOf(%v).before(%v) = %v, want %v", a, b, got, want)
		}
	})
	now := time.Now() // a monotonic reading, which Before may use instead of the wall clock
	later := now.Add(time.Nanosecond)
	if !momentOf(now).before(momentOf(later)) || momentOf(later).before(momentOf(now)) {
		t.Errorf("monotonic instants %v and %v compare wrongly", now, later)
	}
}
