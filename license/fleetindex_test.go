package license_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"pgregory.net/rapid"
)

// genIndexLicense draws a license anywhere in years 0000-9900: every kind
// and tier, starts on whole seconds or with nanoseconds, trials from a
// nanosecond to three centuries long (past the index's 136-year offsets),
// and now and then the zero License.
func genIndexLicense(t *rapid.T, terms license.Terms, i int) license.License {
	if rapid.IntRange(0, 20).Draw(t, "odd") == 0 {
		return license.License{}
	}
	kind := rapid.SampledFrom([]license.Kind{license.Perpetual, license.Subscription, license.Trial}).Draw(t, "kind")
	sec := rapid.OneOf(
		rapid.Int64Range(date(0, 1, 1).Unix(), date(9600, 1, 1).Unix()), // ends stay within 9999
		rapid.SampledFrom([]int64{date(2024, 2, 29).Unix(), date(2025, 12, 31).Unix(), date(2026, 1, 1).Unix() - 1}),
	).Draw(t, "start")
	nsec := rapid.OneOf(rapid.Just(int64(0)), rapid.Int64Range(1, 999_999_999)).Draw(t, "nsec")
	start := time.Unix(sec, nsec).UTC()
	p := rapid.SampledFrom(fleetPlatforms).Draw(t, "platform")
	spec := license.Spec{ID: fmt.Sprintf("L%d", i), Kind: kind, Tier: license.Tier(rapid.IntRange(1, 3).Draw(t, "tier")),
		Platform: p, Device: mustDevice("dev-"+p, p), Features: []string{"bgp"}, Start: start}
	switch kind {
	case license.Subscription:
		spec.TermYears = rapid.SampledFrom(terms.SubscriptionTermYears).Draw(t, "term")
		spec.Renewal = rapid.Bool().Draw(t, "renewal")
	case license.Trial:
		spec.End = start.Add(time.Duration(rapid.OneOf(
			rapid.Int64Range(1, int64(time.Second)),
			rapid.Int64Range(1, int64(90*calendar.Day)),
			rapid.Int64Range(int64(130*365*calendar.Day), int64(290*365*calendar.Day)),
		).Draw(t, "length")))
	}
	l, err := license.MustNewProgram(license.DefaultCatalog(), terms).NewLicense(spec)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func genIndexFleet(t *rapid.T) []license.License {
	terms := genTerms(t)
	n := rapid.IntRange(0, 40).Draw(t, "n")
	out := make([]license.License, n)
	for i := range out {
		out[i] = genIndexLicense(t, terms, i)
	}
	return out
}

// boundaries are every instant some license of ls changes at.
func boundaries(ls []license.License) []time.Time {
	var out []time.Time
	for _, l := range ls {
		if l.IsValid() {
			out = append(out, l.Start(), l.TermEnd(), l.End(), l.WarningFrom())
		}
	}
	return out
}

// genIndexInstant draws an instant at, or a nanosecond, second or day
// either side of, a license's boundary, or anywhere in years 0000-9999.
func genIndexInstant(t *rapid.T, ls []license.License, label string) time.Time {
	marks := boundaries(ls)
	if len(marks) == 0 || rapid.IntRange(0, 5).Draw(t, label+"-free") == 0 {
		return time.Unix(rapid.Int64Range(date(0, 1, 1).Unix(), date(9999, 12, 31).Unix()).Draw(t, label+"-sec"),
			rapid.Int64Range(0, 999_999_999).Draw(t, label+"-nsec"))
	}
	base := rapid.SampledFrom(marks).Draw(t, label+"-mark")
	off := rapid.SampledFrom([]time.Duration{0, -1, 1, -time.Second, time.Second, -calendar.Day, calendar.Day}).Draw(t, label+"-off")
	return base.Add(off)
}

// fataler is what the checks need of a *testing.T or *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkStandings asserts the index's standing of every license at at is
// that license's StandingAt: the same state and the same Until instant. An
// invalid license stands invalid at every instant, as it does in Fleet.
func checkStandings(t fataler, x *license.FleetIndex, ls []license.License, at time.Time) {
	t.Helper()
	i := 0
	for s := range x.Standings(at) {
		if s.Index != i {
			t.Fatalf("standing %d has index %d", i, s.Index)
		}
		want := ls[i].StandingAt(at)
		if s.State != want.State || !s.Until.Equal(want.Until) || s.Until.IsZero() != want.Until.IsZero() {
			t.Fatalf("license %d at %v: index says %v until %v, StandingAt %v until %v", i, at, s.State, s.Until, want.State, want.Until)
		}
		i++
	}
	if i != len(ls) {
		t.Fatalf("%d standings for %d licenses", i, len(ls))
	}
}

// wantChanges is every change of ls in [from, to) found by asking
// StandingAt at each boundary and a nanosecond before it, sorted by
// instant, then license.
func wantChanges(ls []license.License, from, to time.Time) []license.FleetChange {
	var out []license.FleetChange
	for i, l := range ls {
		if !l.IsValid() {
			continue
		}
		var seen []time.Time
		marks := []time.Time{l.Start()}
		switch l.Kind() {
		case license.Subscription:
			marks = append(marks, l.TermEnd(), l.End())
		case license.Trial:
			marks = append(marks, l.WarningFrom(), l.End())
		}
		for _, at := range marks {
			if at.Before(from) || !at.Before(to) || slices.ContainsFunc(seen, at.Equal) {
				continue
			}
			seen = append(seen, at)
			before, after := l.StandingAt(at.Add(-1)).State, l.StandingAt(at).State
			if before != after {
				out = append(out, license.FleetChange{Index: i, At: at.UTC(), From: before, To: after})
			}
		}
	}
	slices.SortFunc(out, func(a, b license.FleetChange) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.Index, b.Index))
	})
	return out
}

func checkChanges(t fataler, x *license.FleetIndex, ls []license.License, from, to time.Time) {
	t.Helper()
	got := slices.Collect(x.Changes(from, to))
	want := wantChanges(ls, from, to)
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Fatalf("changes in [%v, %v) (-StandingAt +index):\n%s", from, to, diff)
	}
}

// TestFleetIndexStandsExactlyAsStandingAtForEveryLicenseAndInstant: over
// random fleets (every kind, nanosecond starts, centuries-long trials, nil
// and zero licenses) the index's state and Until of every license at
// instants on, just before and just after the boundaries are StandingAt's;
// its summary is the count of Fleet's standings; its changes in an interval are exactly
// the instants StandingAt changes at, in order.
func TestFleetIndexStandsExactlyAsStandingAtForEveryLicenseAndInstant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ls := genIndexFleet(t)
		x, err := license.NewFleetIndex(slices.Values(ls))
		if err != nil {
			t.Fatal(err)
		}
		if x.Len() != len(ls) {
			t.Fatalf("Len %d for %d licenses", x.Len(), len(ls))
		}
		for k := range 4 {
			at := genIndexInstant(t, ls, fmt.Sprint("at", k))
			checkStandings(t, x, ls, at)
			if diff := gocmp.Diff(countFleet(slices.Values(ls), at), x.Summarize(at, 0)); diff != "" {
				t.Fatalf("summary at %v (-counted from Fleet +index):\n%s", at, diff)
			}
		}
		from := genIndexInstant(t, ls, "from")
		to := genIndexInstant(t, ls, "to")
		checkChanges(t, x, ls, from, to)
		checkChanges(t, x, ls, time.Unix(date(0, 1, 1).Unix()-1, 0), date(10500, 1, 1))
	})
}

// TestFleetIndexAgreesWithStandingAtOnALargeFleet is the differential test
// at scale: 70,000 licenses (two chunks of columns), the standing of each
// at every other year-end of 2020-2030 and at a boundary instant or a
// nanosecond around it, the summary at each, and the changes of each
// quarter of 2025.
func TestFleetIndexAgreesWithStandingAtOnALargeFleet(t *testing.T) {
	fleet := genFleet(70_000, 7)
	ls := fleet
	x, err := license.NewFleetIndex(slices.Values(ls))
	if err != nil {
		t.Fatal(err)
	}
	instants := []time.Time{fleet[3].End(), fleet[3].End().Add(-1), fleet[5].Start().Add(1)}
	for y := 2020; y <= 2030; y += 2 {
		instants = append(instants, date(y, 12, 31))
	}
	for _, at := range instants {
		checkStandings(t, x, ls, at)
		if diff := gocmp.Diff(countFleet(slices.Values(ls), at), x.Summarize(at, 0)); diff != "" {
			t.Fatalf("summary at %v (-counted from Fleet +index):\n%s", at, diff)
		}
	}
	for q := range 4 {
		checkChanges(t, x, ls, date(2025, time.Month(1+3*q), 1), date(2025, time.Month(4+3*q), 1))
	}
}

// TestFleetIndexFitsInThirtyTwoBytesALicense: the index's own account of
// its memory, columns and changes, is at most 32 bytes a license for a fleet
// of whole-second instants.
func TestFleetIndexFitsInThirtyTwoBytesALicense(t *testing.T) {
	fleet := genFleet(20_000, 3)
	x, err := license.NewFleetIndex(slices.Values(fleet))
	if err != nil {
		t.Fatal(err)
	}
	if per := float64(x.Bytes()) / float64(x.Len()); per > 32 {
		t.Fatalf("%.2f bytes a license, want at most 32 (%v)", per, x)
	}
}

// TestFleetIndexZeroValueIsEmpty: the zero FleetIndex has no licenses, no
// standings, no changes and zero counts.
func TestFleetIndexZeroValueIsEmpty(t *testing.T) {
	var x license.FleetIndex
	if x.Len() != 0 || x.Bytes() != 0 {
		t.Fatalf("zero index has %d licenses, %d bytes", x.Len(), x.Bytes())
	}
	for s := range x.Standings(fleetAt) {
		t.Fatalf("zero index yields %v", s)
	}
	for c := range x.Changes(date(0, 1, 1), date(9999, 1, 1)) {
		t.Fatalf("zero index yields change %v", c)
	}
	if s := x.Summarize(fleetAt, 0); s.Total() != 0 || len(s.ByPlatform) != 0 || len(s.ByTier) != 0 {
		t.Fatalf("zero index summary %+v", s)
	}
}

// TestFleetIndexIteratorsStopWhenTheCallerStops: breaking out of Standings
// or Changes stops them at once.
func TestFleetIndexIteratorsStopWhenTheCallerStops(t *testing.T) {
	fleet := genFleet(1000, 5)
	x, err := license.NewFleetIndex(slices.Values(fleet))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range x.Standings(fleetAt) {
		n++
		if n == 3 {
			break
		}
	}
	for range x.Changes(date(2020, 1, 1), date(2040, 1, 1)) {
		n++
		if n == 6 {
			break
		}
	}
	if n != 6 {
		t.Fatalf("iterators ran on after break: %d", n)
	}
}
