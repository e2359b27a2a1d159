package license_test

import (
	"math"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/internal/plainuse"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// The first and last Unix seconds whose instants all have Unix nanoseconds
// in an int64: the edges of the range a use compares as integers.
const (
	firstNanoSec int64 = math.MinInt64/1_000_000_000 + 1
	lastNanoSec  int64 = math.MaxInt64/1_000_000_000 - 1
)

// TestUseAnswersAsTimeBeforeAcrossTheNanosecondRange: a use compares
// instants as int64 Unix nanoseconds where they fit, and otherwise by
// seconds and nanoseconds, yet answers as plain time.Time.Before compares
// do (plainuse.Use), for every kind, with the license's changes and the
// instant asked on either side of the int64 range, at its edges, a
// nanosecond apart or centuries; Until is the first change after the
// instant.
func TestUseAnswersAsTimeBeforeAcrossTheNanosecondRange(t *testing.T) {
	terms := license.DefaultTerms()
	p := license.MustNewProgram(license.DefaultCatalog(), terms)
	mx := p.MustNewDevice("mx-1", "MX", "")
	edge := func(sec int64) time.Time { return time.Unix(sec, 0).UTC() }
	near := []time.Time{time.Unix(0, math.MinInt64).UTC(), time.Unix(0, math.MaxInt64).UTC()}
	for sec := firstNanoSec - 3; sec <= firstNanoSec; sec++ {
		near = append(near, edge(sec))
	}
	for sec := lastNanoSec; sec <= lastNanoSec+3; sec++ {
		near = append(near, edge(sec))
	}
	instant := func(t *rapid.T, label string) time.Time {
		return rapid.OneOf(
			rapid.Custom(func(t *rapid.T) time.Time {
				span := rapid.SampledFrom([]int64{2, 2e9, 2 * int64(calendar.Day)}).Draw(t, "span")
				off := rapid.Int64Range(-span, span).Draw(t, "off")
				return rapid.SampledFrom(near).Draw(t, "edge").Add(time.Duration(off))
			}),
			rapid.Custom(func(t *rapid.T) time.Time {
				sec := rapid.Int64Range(-62135596800+86400, 253402300799-7*366*86400).Draw(t, "sec")
				return time.Unix(sec, rapid.Int64Range(0, 999_999_999).Draw(t, "nsec")).UTC()
			}),
		).Draw(t, label)
	}
	zones := []*time.Location{time.UTC, time.FixedZone("east", 14*3600), time.FixedZone("west", -12*3600)}
	rapid.Check(t, func(t *rapid.T) {
		start := instant(t, "start")
		spec := license.Spec{ID: "L", Tier: license.Advanced, Platform: "MX", Device: mx, Features: []string{"bgp"}, Start: start,
			Kind: rapid.SampledFrom([]license.Kind{license.Perpetual, license.Subscription, license.Trial}).Draw(t, "kind")}
		switch spec.Kind {
		case license.Subscription:
			spec.TermYears = rapid.SampledFrom(terms.SubscriptionTermYears).Draw(t, "term")
			spec.Renewal = rapid.Bool().Draw(t, "renewal")
		case license.Trial:
			spec.End = start.Add(time.Duration(rapid.Int64Range(1, int64(90*calendar.Day)).Draw(t, "len")))
		}
		l := p.MustNewLicense(spec)
		changes := []time.Time{l.Start(), l.TermEnd(), l.End()}
		if spec.Kind == license.Trial {
			changes[1] = l.WarningFrom()
		}
		marks := append([]time.Time{instant(t, "far")}, changes...)
		at := rapid.SampledFrom(marks).Draw(t, "mark")
		at = at.Add(time.Duration(rapid.Int64Range(-2, 2).Draw(t, "delta"))).In(rapid.SampledFrom(zones).Draw(t, "zone"))

		pl := plainuse.Of(l)
		ok, first := plainuse.Use(&pl, "mx-1", "bgp", at)
		v := l.Use("mx-1", "bgp", decimal.NullDecimal{}, at)
		if v.Allowed != ok || v.Rules.IDs()[0] != first {
			t.Fatalf("%v license from %v at %v: %v %v, time.Time.Before says %v %v", spec.Kind, start, at, v.Allowed, v.Rules.IDs(), ok, first)
		}
		var until time.Time
		for _, c := range changes {
			if !c.IsZero() && at.Before(c) {
				until = c
				break
			}
		}
		if !v.Until.Equal(until) {
			t.Fatalf("%v license from %v at %v: until %v, want %v", spec.Kind, start, at, v.Until, until)
		}
	})
}
