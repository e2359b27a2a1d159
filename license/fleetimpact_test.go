package license_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genImpactTerms draws terms whose grace and warning span none, a day, a
// month, 164 years (past the index's 136-year offsets) and, for new terms
// only, 410 years and the cap (which push late subscriptions' grace past
// 9999), with one to four of the terms 1-6 years.
func genImpactTerms(t *rapid.T, label string, new bool) license.Terms {
	days := []int{0, 1, 15, 30, 45, 60_000}
	if new {
		days = append(days, 150_000, calendar.MaxDays)
	}
	return license.Terms{
		SubscriptionTermYears: rapid.SliceOfNDistinct(rapid.IntRange(1, 6), 1, 4, rapid.ID[int]).Draw(t, label+"-years"),
		TrialWarningDays:      rapid.SampledFrom(days).Draw(t, label+"-warn"),
		InitialGraceDays:      rapid.SampledFrom(days).Draw(t, label+"-grace"),
	}
}

// rebuild is l built under p from its accessors: the same facts, ID and
// catalog under other terms.
func rebuild(p license.Program, l license.License) (license.License, error) {
	spec := license.Spec{
		ID: l.ID(), Kind: l.Kind(), Tier: l.Tier(), Platform: l.Platform(),
		Device:   license.Device{Serial: l.Device(), Platform: l.Platform(), Class: l.Class()},
		Features: l.Features(), Capacity: l.Capacity(), Start: l.Start(), TermYears: l.TermYears(),
	}
	switch l.Kind() {
	case license.Subscription:
		spec.Renewal = !l.Initial()
	case license.Trial:
		spec.End = l.End()
	}
	return p.NewLicense(spec)
}

// sameShown reports whether two standings show the same, as two
// decisions on them do: state, answer, rules and obligations (their kinds,
// rules, dues and subjects); their reason follows the state, and their
// Until does not count.
func sameShown(a, b license.Standing) bool {
	return a.State == b.State && a.Allowed == b.Allowed && a.Rules == b.Rules && a.Obligations.Equal(b.Obligations) &&
		a.Subject == b.Subject
}

// sameUse reports whether two use verdicts show the same: answer, rules
// and obligations.
func sameUse(a, b rule.Verdict) bool {
	return a.Allowed == b.Allowed && a.Rules == b.Rules && a.Obligations.Equal(b.Obligations) && a.Subject == b.Subject
}

func phaseOf(s license.Standing) license.Phase { return license.Phase{State: s.State, Until: s.Until} }

func samePhase(a, b license.Phase) bool {
	return a.State == b.State && a.Until.Equal(b.Until) && a.Until.IsZero() == b.Until.IsZero()
}

// probes are the instants to compare two licenses at: every boundary of
// either, a nanosecond either side of it, the midpoint between each two,
// and instants before and after all of them.
func probes(ls ...license.License) []time.Time {
	var marks []time.Time
	for _, l := range ls {
		marks = append(marks, l.Start())
		switch l.Kind() {
		case license.Subscription:
			marks = append(marks, l.TermEnd(), l.End())
		case license.Trial:
			marks = append(marks, l.WarningFrom(), l.End())
		}
	}
	slices.SortFunc(marks, time.Time.Compare)
	marks = slices.CompactFunc(marks, time.Time.Equal)
	out := []time.Time{marks[0].Add(-calendar.Day), marks[len(marks)-1].Add(calendar.Day)}
	for i, m := range marks {
		out = append(out, m, m.Add(-1), m.Add(1))
		if i > 0 {
			out = append(out, marks[i-1].Add(m.Sub(marks[i-1])/2))
		}
	}
	return out
}

// checkImpact holds the impact of terms on the index of ls to the licenses
// rebuilt under the new program. The licenses yielded are in order, each
// once; those refused are exactly those NewLicense refuses, citing the
// same rule, worded alike. For every other license, an instant lies in its
// interval [From, To) exactly when StandingAt as built and as rebuilt show
// different things there (state, answer, rules, warnings; not Until), and
// exactly when a use of its own feature on its own device is answered
// differently; throughout the interval each standing is its Old and New
// phase; and the two show the same just before From and at To, so the
// interval is maximal. A license not yielded is taken, and its standings
// agree everywhere.
func checkImpact(t fataler, x *license.FleetIndex, ls []license.License, terms license.Terms) {
	t.Helper()
	seq, err := x.Impact(terms)
	if err != nil {
		t.Fatalf("Impact(%+v): %v", terms, err)
	}
	yielded := map[int]license.IndexedImpact{}
	prev := -1
	for li := range seq {
		if li.Index() <= prev {
			t.Fatalf("license %d yielded after %d", li.Index(), prev)
		}
		prev = li.Index()
		yielded[li.Index()] = li
	}
	p := license.MustNewProgram(license.DefaultCatalog(), terms)
	for i, l := range ls {
		li, ok := yielded[i]
		if !l.IsValid() {
			if ok {
				t.Fatalf("invalid license %d yielded: %v", i, li)
			}
			continue
		}
		nl, err := rebuild(p, l)
		if err != nil {
			var want, got *rule.Violation
			if !ok || !errors.As(err, &want) || want.Rules.Len() != 1 || li.Refused() != want.Rules.At(0) {
				t.Fatalf("license %d: NewLicense under %+v says %v; the impact yields %v (%v)", i, terms, err, ok, li)
			}
			wantReason := strings.Replace(want.Reason, "license "+l.ID()+":", fmt.Sprintf("license at position %d:", i), 1)
			if !errors.As(li.Err(), &got) || got.Rules != want.Rules || got.Subject != fmt.Sprintf("position %d", i) || got.Reason != wantReason {
				t.Fatalf("license %d: refusal %q, want %q", i, li.Err(), wantReason)
			}
			if li.Old() != (license.Phase{}) || li.New() != (license.Phase{}) || !li.From().IsZero() || !li.To().IsZero() {
				t.Fatalf("refused license %d has an interval: %v", i, li)
			}
			continue
		}
		if ok && (li.Refused() != 0 || li.Err() != nil) {
			t.Fatalf("license %d is refused (%v), but NewLicense builds it under %+v", i, li.Err(), terms)
		}
		in := func(time.Time) bool { return false }
		if ok {
			from, to := li.From(), li.To()
			if !from.Before(to) || from.Location() != time.UTC || to.Location() != time.UTC || li.Old().State == li.New().State {
				t.Fatalf("license %d: %v is empty, not in UTC, or the same state under both terms", i, li)
			}
			for _, at := range []time.Time{from.Add(-1), to} {
				if !sameShown(l.StandingAt(at), nl.StandingAt(at)) {
					t.Fatalf("license %d: its standings still differ at %v, outside its interval [%v, %v)", i, at, from, to)
				}
			}
			in = func(at time.Time) bool { return !at.Before(from) && at.Before(to) }
		}
		// A use on the license's own device, of a feature it holds, is
		// answered by its standing; a license without features is
		// refused every use, for good.
		fs := l.Features()
		for _, at := range probes(l, nl) {
			old, new := l.StandingAt(at), nl.StandingAt(at)
			differ := !sameShown(old, new)
			if differ != in(at) {
				t.Fatalf("license %d at %v: StandingAt says %v until %v as indexed, %v until %v under %+v; impact %v",
					i, at, old.State, old.Until, new.State, new.Until, terms, li)
			}
			if len(fs) > 0 {
				ou, nu := l.Use(l.Device(), fs[0], decimal.NullDecimal{}, at), nl.Use(nl.Device(), fs[0], decimal.NullDecimal{}, at)
				if !sameUse(ou, nu) != differ {
					t.Fatalf("license %d at %v: a use of %s is answered %v and %v, its standings differ: %v", i, at, fs[0], ou.Rules, nu.Rules, differ)
				}
			}
			if differ && (!samePhase(li.Old(), phaseOf(old)) || !samePhase(li.New(), phaseOf(new))) {
				t.Fatalf("license %d at %v: impact %v, StandingAt %v and %v", i, at, li, phaseOf(old), phaseOf(new))
			}
		}
	}
}

// TestFleetImpactIsExactlyWhereStandingAtUnderTheTwoProgramsDiffers: over
// random fleets built under random terms (every kind, nanosecond starts,
// centuries-long trials and graces, nil and zero licenses) and random new
// terms, the impact is exactly where each license's StandingAt as built
// and as rebuilt under the new terms differ, at every boundary of either,
// a nanosecond around it and between; and it refuses exactly the licenses
// the new program refuses.
func TestFleetImpactIsExactlyWhereStandingAtUnderTheTwoProgramsDiffers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		old := genImpactTerms(t, "old", false)
		ls := make([]license.License, rapid.IntRange(0, 30).Draw(t, "n"))
		for i := range ls {
			ls[i] = genIndexLicense(t, old, i)
		}
		x, err := license.NewFleetIndex(slices.Values(ls))
		if err != nil {
			t.Fatal(err)
		}
		checkImpact(t, x, ls, genImpactTerms(t, "new", true))
	})
}

// TestFleetImpactAgreesWithStandingAtOnALargeFleet is the differential
// test at scale: 20,000 licenses of the published terms, against grace
// halved, a longer warning window and the five-year term withdrawn.
func TestFleetImpactAgreesWithStandingAtOnALargeFleet(t *testing.T) {
	fleet := genFleet(20_000, 11)
	ls := fleet
	x, err := license.NewFleetIndex(slices.Values(ls))
	if err != nil {
		t.Fatal(err)
	}
	checkImpact(t, x, ls, license.Terms{SubscriptionTermYears: []int{1, 3}, TrialWarningDays: 45, InitialGraceDays: 15})
	checkImpact(t, x, ls, license.DefaultTerms())
}

// TestFleetImpactOfHandWorkedTerms quotes the rules and checks the impact
// on one license of each kind, worked out by hand.
func TestFleetImpactOfHandWorkedTerms(t *testing.T) {
	p := license.MustNewProgram(license.DefaultCatalog(), license.DefaultTerms())
	dev := mustDevice("mx-1", "MX")
	vsrx := mustDevice("vsrx-1", "vSRX")
	base := license.Spec{Tier: license.Standard, Platform: "MX", Device: dev, Features: []string{"bgp"}, Start: date(2025, 1, 1)}
	spec := func(id string, f func(*license.Spec)) license.License {
		s := base
		s.ID = id
		f(&s)
		return p.MustNewLicense(s)
	}
	ls := []license.License{
		spec("initial-1y", func(s *license.Spec) { s.Kind, s.TermYears = license.Subscription, 1 }),
		spec("renewal-3y", func(s *license.Spec) { s.Kind, s.TermYears, s.Renewal = license.Subscription, 3, true }),
		spec("initial-5y", func(s *license.Spec) { s.Kind, s.TermYears = license.Subscription, 5 }),
		spec("perpetual", func(s *license.Spec) { s.Kind = license.Perpetual }),
		spec("trial", func(s *license.Spec) {
			s.Kind, s.Platform, s.Device, s.Features, s.End = license.Trial, "vSRX", vsrx, []string{"idp"}, date(2025, 4, 1)
		}),
		{},
	}
	x, err := license.NewFleetIndex(slices.Values(ls))
	if err != nil {
		t.Fatal(err)
	}
	seq, err := x.Impact(license.Terms{SubscriptionTermYears: []int{1, 3}, TrialWarningDays: 45, InitialGraceDays: 15})
	if err != nil {
		t.Fatal(err)
	}
	// Two decisions differ "when their outcome, rules, obligations or values
	// differ (`reason` and `until` do not count)" (SCENARIOS.md, -impact):
	// a standing whose Until alone moves is no difference.
	want := []string{
		// ENT-GRACE: "initialGraceDays (30) added to the end of the initial
		// term": 2026-01-31 as built, 2026-01-16 at 15 days. In grace
		// under both from 2026-01-01 (only its Until differs), then from
		// 2026-01-16 expired under the new terms: LIC-SUB-EXPIRY.
		"license 0 differs over [2026-01-16T00:00:00Z, 2026-01-31T00:00:00Z):" +
			" in-grace until 2026-01-31T00:00:00Z as indexed, expired for good under the new terms",
		// "Renewals do not": the renewal is untouched. LIC-SUB-TERM:
		// "Subscriptions are term-based: 1, 3 or 5 years", and 5 is
		// withdrawn.
		"license 2 refused: LIC-SUB-TERM: license at position 2: term of 5 years is not one of [1 3]",
		// LIC-TRIAL-WARN: "Window trialWarningDays (30) before the end:
		// alarm, syslog and warning obligations, due at the end": from
		// 2025-03-02 as built, 2025-02-15 at 45 days. Active under both
		// from its start (only its Until differs), warned under the new
		// terms from 2025-02-15, under both from 2025-03-02, due at the
		// same end.
		"license 4 differs over [2025-02-15T00:00:00Z, 2025-03-02T00:00:00Z):" +
			" active until 2025-03-02T00:00:00Z as indexed, in-warning until 2025-04-01T00:00:00Z under the new terms",
	}
	var got []string
	for li := range seq {
		got = append(got, li.String())
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Fatalf("impact (-want +got):\n%s", diff)
	}
	checkImpact(t, x, ls, license.Terms{SubscriptionTermYears: []int{1, 3}, TrialWarningDays: 45, InitialGraceDays: 15})
}

// TestFleetImpactRefusesInvalidTerms: terms Validate refuses are refused
// with its error, naming the rule.
func TestFleetImpactRefusesInvalidTerms(t *testing.T) {
	var x license.FleetIndex
	for _, c := range []struct {
		terms license.Terms
		rule  rule.ID
	}{
		{license.Terms{}, rule.LicSubTerm},
		{license.Terms{SubscriptionTermYears: []int{101}}, rule.LicSubTerm},
		{license.Terms{SubscriptionTermYears: []int{1}, InitialGraceDays: -1}, rule.EntGrace},
		{license.Terms{SubscriptionTermYears: []int{1}, TrialWarningDays: calendar.MaxDays + 1}, rule.LicTrialWarn},
	} {
		seq, err := x.Impact(c.terms)
		if !errors.Is(err, c.rule) || seq != nil {
			t.Errorf("Impact(%+v) = %v; want an error citing %v and no sequence", c.terms, err, c.rule)
		}
	}
}

// TestFleetImpactZeroValueIsEmpty: an empty index's impact and a nil
// index's yield nothing; the zero IndexedImpact is license 0, neither
// refused nor differing, with an empty interval at the zero instant and
// zero phases.
func TestFleetImpactZeroValueIsEmpty(t *testing.T) {
	var empty license.FleetIndex
	for _, x := range []*license.FleetIndex{&empty, nil} {
		seq, err := x.Impact(license.DefaultTerms())
		if err != nil {
			t.Fatal(err)
		}
		for li := range seq {
			t.Fatalf("empty index yields %v", li)
		}
	}
	var zero license.IndexedImpact
	if zero.Index() != 0 || zero.Refused() != 0 || zero.Err() != nil || !zero.From().IsZero() || !zero.To().IsZero() ||
		zero.Old() != (license.Phase{}) || zero.New() != (license.Phase{}) {
		t.Fatalf("zero IndexedImpact: %v", zero)
	}
	if got, want := zero.String(), "license 0: no difference"; got != want {
		t.Fatalf("zero IndexedImpact reads %q, want %q", got, want)
	}
	if got, want := (license.Phase{}).String(), "license.State(0) for good"; got != want {
		t.Fatalf("zero Phase reads %q, want %q", got, want)
	}
}

// TestFleetImpactKeepsNothingOfTheCallersTerms: changing the terms' list
// after Impact changes nothing in its answer.
func TestFleetImpactKeepsNothingOfTheCallersTerms(t *testing.T) {
	fleet := genFleet(2000, 3)
	x, err := license.NewFleetIndex(slices.Values(fleet))
	if err != nil {
		t.Fatal(err)
	}
	terms := license.Terms{SubscriptionTermYears: []int{1, 3}, TrialWarningDays: 30, InitialGraceDays: 30}
	seq, err := x.Impact(terms)
	if err != nil {
		t.Fatal(err)
	}
	refused := func() (n int) {
		for li := range seq {
			if li.Refused() != 0 {
				n++
			}
		}
		return n
	}
	before := refused()
	terms.SubscriptionTermYears[1] = 5
	if after := refused(); before == 0 || after != before {
		t.Fatalf("refused %d licenses, then %d after the caller's list changed", before, after)
	}
}

// TestFleetImpactStopsWhenTheCallerStops: breaking out of the sequence
// stops it at once.
func TestFleetImpactStopsWhenTheCallerStops(t *testing.T) {
	fleet := genFleet(1000, 5)
	x, err := license.NewFleetIndex(slices.Values(fleet))
	if err != nil {
		t.Fatal(err)
	}
	seq, err := x.Impact(license.Terms{SubscriptionTermYears: []int{1}, TrialWarningDays: 10, InitialGraceDays: 10})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range seq {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Fatalf("the sequence ran on after break: %d", n)
	}
}

func ExampleFleetIndex_Impact() {
	p := license.DefaultProgram()
	mx := p.MustNewDevice("mx-1", "MX", "")
	vsrx := p.MustNewDevice("vsrx-1", "vSRX", "")
	ls := []license.License{
		p.MustNewLicense(license.Spec{ID: "bgp-1y", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: mx,
			Features: []string{"bgp"}, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), TermYears: 1}),
		p.MustNewLicense(license.Spec{ID: "bgp-5y", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: mx,
			Features: []string{"bgp"}, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), TermYears: 5}),
		p.MustNewLicense(license.Spec{ID: "idp-trial", Kind: license.Trial, Tier: license.Standard, Platform: "vSRX", Device: vsrx,
			Features: []string{"idp"}, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}),
	}
	x, err := license.NewFleetIndex(func(yield func(license.License) bool) {
		for i := range ls {
			if !yield(ls[i]) {
				return
			}
		}
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Grace halved, warnings 45 days ahead, the five-year term withdrawn.
	impact, err := x.Impact(license.Terms{SubscriptionTermYears: []int{1, 3}, TrialWarningDays: 45, InitialGraceDays: 15})
	if err != nil {
		fmt.Println(err)
		return
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	for li := range impact {
		id := ls[li.Index()].ID()
		if err := li.Err(); err != nil {
			fmt.Println(id, "refused:", err)
			continue
		}
		fmt.Printf("%s from %s to %s: %s, now %s\n", id, day(li.From()), day(li.To()), li.Old().State, li.New().State)
	}
	// Output:
	// bgp-1y from 2026-01-16 to 2026-01-31: in-grace, now expired
	// bgp-5y refused: LIC-SUB-TERM: license at position 1: term of 5 years is not one of [1 3]
	// idp-trial from 2025-02-15 to 2025-03-02: active, now in-warning
}

// TestFleetImpactRefusesAGraceEndingAfterYear9999: ENT-GRACE's end must
// fall within years 0000-9999, so new grace that ends an initial
// subscription on the last second (or nanosecond) of 9999 is taken, and
// one that ends it a second later is refused; a renewal, with no grace, is
// never refused for it.
func TestFleetImpactRefusesAGraceEndingAfterYear9999(t *testing.T) {
	p := license.MustNewProgram(license.DefaultCatalog(), license.Terms{SubscriptionTermYears: []int{1}})
	dev := mustDevice("mx-1", "MX")
	var ls []license.License
	for _, c := range []struct {
		start   time.Time
		renewal bool
	}{
		{time.Date(9998, 12, 1, 23, 59, 59, 0, time.UTC), false},
		{time.Date(9998, 12, 1, 23, 59, 59, 999_999_999, time.UTC), false},
		{time.Date(9998, 12, 2, 0, 0, 0, 0, time.UTC), false},
		{time.Date(9998, 12, 2, 0, 0, 0, 0, time.UTC), true},
	} {
		l := p.MustNewLicense(license.Spec{ID: "L", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: dev,
			Features: []string{"bgp"}, Start: c.start, TermYears: 1, Renewal: c.renewal})
		ls = append(ls, l)
	}
	x, err := license.NewFleetIndex(slices.Values(ls))
	if err != nil {
		t.Fatal(err)
	}
	terms := license.Terms{SubscriptionTermYears: []int{1}, InitialGraceDays: 30}
	seq, err := x.Impact(terms)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for li := range seq {
		if li.Refused() != 0 {
			got = append(got, li.String())
		}
	}
	if want := []string{"license 2 refused: ENT-GRACE: license at position 2: initialGraceDays 30 after a term of 1 years from 9998-12-02T00:00:00Z ends after 9999-12-31, the last day an instant may fall on"}; !slices.Equal(got, want) {
		t.Fatalf("refused %q, want %q", got, want)
	}
	checkImpact(t, x, ls, terms)

	// A grace that already ends on the last second of 9999, unchanged, is
	// neither refused nor a difference.
	last := license.MustNewProgram(license.DefaultCatalog(), terms).MustNewLicense(license.Spec{ID: "L", Kind: license.Subscription,
		Tier: license.Standard, Platform: "MX", Device: dev, Features: []string{"bgp"}, Start: time.Date(9998, 12, 1, 23, 59, 59, 0, time.UTC), TermYears: 1})
	x, err = license.NewFleetIndex(slices.Values([]license.License{last}))
	if err != nil {
		t.Fatal(err)
	}
	if seq, err := x.Impact(terms); err != nil {
		t.Fatal(err)
	} else {
		for li := range seq {
			t.Fatalf("unchanged terms yield %v", li)
		}
	}
}
