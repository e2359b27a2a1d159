package license_test

import (
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

// genTerms draws terms within Validate.
func genTerms(t *rapid.T) license.Terms {
	years := rapid.SliceOfNDistinct(rapid.IntRange(1, 6), 1, 4, rapid.ID[int]).Draw(t, "years")
	return license.Terms{
		SubscriptionTermYears: years,
		TrialWarningDays:      rapid.SampledFrom([]int{0, 1, 30, 45}).Draw(t, "warn"),
		InitialGraceDays:      rapid.SampledFrom([]int{0, 1, 30}).Draw(t, "grace"),
	}
}

// genStart draws a start biased toward month ends and Feb 29.
func genStart(t *rapid.T, label string) time.Time {
	return rapid.OneOf(
		rapid.SampledFrom([]time.Time{date(2024, 2, 29), date(2023, 1, 31), date(2024, 11, 30), date(2025, 12, 31)}),
		rapid.Custom(func(t *rapid.T) time.Time {
			return time.Unix(rapid.Int64Range(date(2000, 1, 1).Unix(), date(2040, 1, 1).Unix()).Draw(t, "s"), 0).UTC()
		}),
	).Draw(t, label)
}

type fixture struct {
	terms license.Terms
	lic   license.License
}

func genLicense(t *rapid.T) fixture {
	terms := genTerms(t)
	kind := rapid.SampledFrom([]license.Kind{license.Perpetual, license.Subscription, license.Trial}).Draw(t, "kind")
	start := genStart(t, "start")
	spec := license.Spec{ID: "L", Kind: kind, Tier: license.Advanced, Platform: "MX", Device: mustDevice("d1", "MX"),
		Features: []string{"bgp"}, Start: start}
	switch kind {
	case license.Subscription:
		spec.TermYears = rapid.SampledFrom(terms.SubscriptionTermYears).Draw(t, "term")
		spec.Renewal = rapid.Bool().Draw(t, "renewal")
	case license.Trial:
		spec.End = start.Add(time.Duration(rapid.Int64Range(1, int64(90*calendar.Day)).Draw(t, "len")))
	}
	return fixture{terms, license.MustNewProgram(license.DefaultCatalog(), terms).MustNewLicense(spec)}
}

// genInstant draws an instant near the license's boundaries.
func genInstant(t *rapid.T, l license.License, label string) time.Time {
	marks := []time.Time{l.Start(), l.TermEnd(), l.End(), l.WarningFrom()}
	base := rapid.SampledFrom(marks).Draw(t, label+"-mark")
	if base.IsZero() {
		base = l.Start()
	}
	off := rapid.SampledFrom([]time.Duration{0, -1, 1, -calendar.Day, calendar.Day, 400 * calendar.Day, -400 * calendar.Day}).Draw(t, label+"-off")
	return base.Add(off)
}

func sameVerdict(a, b rule.Verdict) bool {
	return a.Allowed == b.Allowed && slices.Equal(a.Rules.IDs(), b.Rules.IDs()) && slices.Equal(a.Obligations.Slice(), b.Obligations.Slice()) && a.Reason == b.Reason
}

// checkUntil asserts the Until promise: the verdict is the same at every
// instant of [at, Until) and differs at Until.
func checkUntil(t *rapid.T, at time.Time, ask func(time.Time) rule.Verdict) {
	v := ask(at)
	if v.Until.IsZero() {
		for _, later := range []time.Duration{1, calendar.Day, 3000 * calendar.Day} {
			if w := ask(at.Add(later)); !sameVerdict(v, w) {
				t.Fatalf("verdict at %v holds for good but differs at %v: %v vs %v", at, at.Add(later), v.Rules.IDs(), w.Rules.IDs())
			}
		}
		return
	}
	if !v.Until.After(at) {
		t.Fatalf("Until %v is not after %v", v.Until, at)
	}
	span := v.Until.Sub(at)
	inside := at.Add(time.Duration(rapid.Int64Range(0, int64(span-1)).Draw(t, "inside")))
	for _, x := range []time.Time{inside, v.Until.Add(-1)} {
		if w := ask(x); !sameVerdict(v, w) {
			t.Fatalf("verdict at %v (%v) differs at %v (%v) before Until %v", at, v.Rules.IDs(), x, w.Rules.IDs(), v.Until)
		}
	}
	if w := ask(v.Until); sameVerdict(v, w) {
		t.Fatalf("verdict at %v (%v %v) is unchanged at Until %v", at, v.Allowed, v.Rules.IDs(), v.Until)
	}
}

func TestPerpetualNeverExpires(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		start := genStart(t, "start")
		l := mustLicense(license.Spec{ID: "P", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX",
			Device: mustDevice("d1", "MX"), Features: []string{"bgp"}, Start: start})
		at := start.Add(time.Duration(rapid.Int64Range(0, 1<<62).Draw(t, "after")))
		if v := l.Use("d1", "bgp", noUnits, at); !v.Allowed || !v.Until.IsZero() {
			t.Fatalf("perpetual license at %v: %v %v", at, v.Allowed, v.Rules.IDs())
		}
	})
}

func TestSubscriptionUsableExactlyOnItsTermAndGrace(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		terms := genTerms(t)
		start := genStart(t, "start")
		years := rapid.SampledFrom(terms.SubscriptionTermYears).Draw(t, "years")
		renewal := rapid.Bool().Draw(t, "renewal")
		l := license.MustNewProgram(license.DefaultCatalog(), terms).MustNewLicense(license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard,
			Platform: "MX", Device: mustDevice("d1", "MX"), Features: []string{"bgp"}, Start: start, TermYears: years, Renewal: renewal})
		end := calendar.AddYears(start, years)
		if !renewal {
			end = calendar.AddDays(end, terms.InitialGraceDays)
		}
		period := calendar.Interval{Start: start, End: end}
		at := genInstant(t, l, "at")
		if got := l.Use("d1", "bgp", noUnits, at).Allowed; got != period.Contains(at) {
			t.Fatalf("usable at %v = %v, want %v for %v", at, got, !got, period)
		}
	})
}

func TestNothingUsableAfterEndWithoutRenewal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genLicense(t)
		if f.lic.Kind() == license.Perpetual {
			return
		}
		after := f.lic.End().Add(time.Duration(rapid.Int64Range(0, int64(10000*calendar.Day)).Draw(t, "after")))
		if v := f.lic.Use("d1", "bgp", noUnits, after); v.Allowed || !v.Until.IsZero() {
			t.Fatalf("usable at %v after end %v: %v", after, f.lic.End(), v.Rules.IDs())
		}
	})
}

func TestMoveKeepsEndAndOneDevice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genLicense(t)
		at := genInstant(t, f.lic, "at")
		reason := rapid.SampledFrom([]license.MoveReason{license.RMA, license.Rebalance}).Draw(t, "reason")
		to := mustDevice("d2", rapid.SampledFrom([]string{"MX", "PTX"}).Draw(t, "platform"))
		moved, v := f.lic.Move(to, reason, at)
		if !v.Allowed {
			if moved.Device() != "d1" {
				t.Fatal("a refused move changed the device")
			}
			return
		}
		if !moved.End().Equal(f.lic.End()) || !moved.TermEnd().Equal(f.lic.TermEnd()) {
			t.Fatalf("move changed the end: %v -> %v", f.lic.End(), moved.End())
		}
		if moved.Device() != "d2" || moved.Class() != f.lic.Class() {
			t.Fatalf("moved to %s class %s", moved.Device(), moved.Class())
		}
		if moved.Use("d1", "bgp", noUnits, at).Allowed {
			t.Fatal("the old device keeps the license after the move")
		}
		if moved.Use("d2", "bgp", noUnits, at).Allowed != f.lic.Use("d1", "bgp", noUnits, at).Allowed {
			t.Fatal("the new device does not get what the old one had")
		}
	})
}

func TestRenewalExtendsNeverShortens(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genLicense(t)
		at := genInstant(t, f.lic, "at")
		years := rapid.SampledFrom(f.terms.SubscriptionTermYears).Draw(t, "years")
		r, v := f.lic.Renew(years, at)
		if f.lic.Kind() != license.Subscription {
			if v.Allowed {
				t.Fatal("a non-subscription was renewed")
			}
			return
		}
		if !v.Allowed || r.End().Before(f.lic.End()) || !r.End().After(at) {
			t.Fatalf("renewal at %v: %v, end %v -> %v", at, v.Rules.IDs(), f.lic.End(), r.End())
		}
		if r.Initial() {
			t.Fatal("ENT-GRACE: a renewal has grace")
		}
		wantStart := f.lic.End()
		if !at.Before(f.lic.End()) {
			wantStart = at
		}
		if !r.Start().Equal(wantStart) || len(v.Obligations.Slice()) != 1 || !v.Obligations.Slice()[0].Due.Equal(r.End()) {
			t.Fatalf("renewal starts %v (want %v), obligations %v", r.Start(), wantStart, v.Obligations.Slice())
		}
	})
}

func TestStandingHoldsUntilItChanges(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genLicense(t)
		at := genInstant(t, f.lic, "at")
		checkUntil(t, at, func(x time.Time) rule.Verdict {
			s := f.lic.StandingAt(x)
			if s.State.Usable() != s.Allowed {
				t.Fatalf("state %v but allowed %v", s.State, s.Allowed)
			}
			return s.Verdict
		})
	})
}

func TestEveryVerdictHoldsUntilItChanges(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genLicense(t)
		at := genInstant(t, f.lic, "at")
		device := rapid.SampledFrom([]string{"d1", "d2"}).Draw(t, "device")
		feature := rapid.SampledFrom([]string{"bgp", "ospf"}).Draw(t, "feature")
		to := mustDevice("d2", rapid.SampledFrom([]string{"MX", "PTX"}).Draw(t, "to"))
		reason := rapid.SampledFrom([]license.MoveReason{license.RMA, license.Rebalance}).Draw(t, "reason")
		years := rapid.SampledFrom(f.terms.SubscriptionTermYears).Draw(t, "years")
		tier := rapid.SampledFrom([]license.Tier{license.Standard, license.Advanced, license.Premium}).Draw(t, "tier")
		asks := []func(time.Time) rule.Verdict{
			func(x time.Time) rule.Verdict { return f.lic.Use(device, feature, noUnits, x) },
			func(x time.Time) rule.Verdict { _, v := f.lic.Move(to, reason, x); return v },
			func(x time.Time) rule.Verdict { _, v := f.lic.Renew(years, x); return v },
			func(x time.Time) rule.Verdict { _, v := f.lic.ChangeTier(tier, x); return v },
		}
		checkUntil(t, at, asks[rapid.IntRange(0, len(asks)-1).Draw(t, "ask")])
	})
}
