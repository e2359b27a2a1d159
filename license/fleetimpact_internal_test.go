package license

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
)

// TestTermYearsOfEveryCalendarSpanIsItsTerm: a term's years, from any
// start, last within three days of its count of mean years, so the index
// reads a subscription's term back from its instants. The Gregorian
// calendar repeats every 400 years, and the spans longest and shortest for
// their count start around Feb 29 or a year's ends: every such start of
// one cycle, every term the terms allow.
func TestTermYearsOfEveryCalendarSpanIsItsTerm(t *testing.T) {
	for year := 2000; year < 2400; year++ {
		for _, d := range [][2]int{{1, 1}, {2, 28}, {2, 29}, {3, 1}, {12, 31}} {
			s := time.Date(year, time.Month(d[0]), d[1], 12, 0, 0, 0, time.UTC)
			if s.Day() != d[1] {
				continue // no Feb 29 this year
			}
			for y := 1; y <= maxTermYears; y++ {
				dm := calendar.AddYears(s, y).Unix() - s.Unix()
				if got := termYearsOf(dm); got != y {
					t.Fatalf("%d years from %v last %d s, read back as %d years", y, s, dm, got)
				}
				if off := dm - int64(y)*yearSeconds; off > 3*daySeconds || off < -3*daySeconds {
					t.Fatalf("%d years from %v are %d s off their mean", y, s, off)
				}
			}
		}
	}
}

// TestPlainImpactCountsWhatTheImpactCounts holds the benchmarks' plain
// struct-of-arrays loop to the impact it is the floor of: on the
// generated fleet, outside the side table it leaves out, it counts the
// same licenses differing and refused, from the same instants.
func TestPlainImpactCountsWhatTheImpactCounts(t *testing.T) {
	x, err := NewFleetIndex(generatedFleet(200_000))
	if err != nil {
		t.Fatal(err)
	}
	for _, terms := range []Terms{benchImpactTerms, DefaultTerms(), {SubscriptionTermYears: []int{3, 5}, TrialWarningDays: 10, InitialGraceDays: 60}} {
		seq, err := x.Impact(terms)
		if err != nil {
			t.Fatal(err)
		}
		var got impactCounts
		for li := range seq {
			switch {
			case x.flagged(li.Index()):
			case li.Refused() != 0:
				got.refused++
			default:
				got.differ++
				got.fromSum += li.From().Unix()
			}
		}
		if want := plainImpact(x, terms); got != want || len(x.side) == 0 {
			t.Fatalf("under %+v the impact counts %+v outside the %d side licenses, the plain loop %+v", terms, got, len(x.side), want)
		}
	}
}
