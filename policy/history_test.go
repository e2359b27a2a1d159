package policy_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// historyFacts are an initial one-year subscription on MX device mx-1 from
// 2025-01-01 (years end 2026-01-01, grace 2026-01-31) and the devices it
// may move to.
func historyFacts(t testing.TB) (license.License, license.Device, license.Device) {
	e := engine(t)
	mx1, _ := e.NewDevice("mx-1", "MX", "")
	mx2, _ := e.NewDevice("mx-2", "MX", "")
	l, err := e.NewLicense(license.Spec{ID: "L1", Kind: license.Subscription, Tier: license.Standard, Platform: "MX",
		Device: mx1, Features: []string{"bgp"}, Start: day(2025, 1, 1), TermYears: 1})
	if err != nil {
		t.Fatal(err)
	}
	return l, mx1, mx2
}

// TestWithHistoryAsksTheLicenseAsOfAt: SCENARIOS.md: "A check naming the
// license at `at` asks about the license as every event at or before `at`
// left it ... Between an expired term and a late renewal the license is
// expired. ... A renewal asked while an earlier renewal's term is still to
// come starts from that renewal's end"; and of until: "Later recorded
// history counts".
func TestWithHistoryAsksTheLicenseAsOfAt(t *testing.T) {
	e := engine(t)
	l, _, mx2 := historyFacts(t)
	moved, err := license.NewHistory(l, []license.Event{
		license.MoveEvent(day(2025, 6, 1), mx2, license.Rebalance),
		license.RenewEvent(day(2026, 3, 1), 1),
	})
	if err != nil {
		t.Fatal(err)
	}
	chained, err := license.NewHistory(l, []license.Event{
		license.RenewEvent(day(2025, 12, 1), 1),
		license.RenewEvent(day(2026, 1, 10), 3),
	})
	if err != nil {
		t.Fatal(err)
	}
	use := func(dev string) policy.Request { return policy.UseFeature{Device: dev, Feature: "bgp"} }
	never := time.Time{}
	for _, c := range []struct {
		name    string
		h       license.History
		req     policy.Request
		at      time.Time
		outcome policy.Outcome
		rules   []rule.ID
		until   time.Time
		due     time.Time // of the entitlement, for a renewal
	}{
		{"on the old device before the move", moved, use("mx-1"), day(2025, 5, 1), policy.Allow, []rule.ID{rule.LicSubTerm}, day(2025, 6, 1), never},
		{"on the old device at the move", moved, use("mx-1"), day(2025, 6, 1), policy.Deny, []rule.ID{rule.LicPort}, never, never},
		{"on the new device before the move", moved, use("mx-2"), day(2025, 5, 1), policy.Deny, []rule.ID{rule.LicPort}, day(2025, 6, 1), never},
		// LIC-PORT: "A move keeps the end date": years to 2026-01-01, then grace.
		{"on the new device at the move", moved, use("mx-2"), day(2025, 6, 1), policy.Allow, []rule.ID{rule.LicSubTerm}, day(2026, 1, 1), never},
		{"in grace on the new device", moved, use("mx-2"), day(2026, 1, 1), policy.Allow, []rule.ID{rule.EntGrace, rule.LicSubTerm}, day(2026, 1, 31), never},
		// The gap: refused until the recorded late renewal.
		{"in the gap", moved, use("mx-2"), day(2026, 1, 31), policy.Deny, []rule.ID{rule.LicSubExpiry, rule.LicRenew}, day(2026, 3, 1), never},
		{"after the late renewal", moved, use("mx-2"), day(2026, 3, 1), policy.Allow, []rule.ID{rule.LicSubTerm}, day(2027, 3, 1), never},
		{"a move in the gap", moved, policy.MoveLicense{To: mx2, Reason: license.Rebalance}, day(2026, 2, 1), policy.Deny,
			[]rule.ID{rule.LicPort}, never, never},
		// On time: "starts at the old end (grace included)"; the entitlement is due a year later.
		{"a renewal asked on time", moved, policy.RenewLicense{TermYears: 1}, day(2025, 12, 1), policy.Allow, []rule.ID{rule.LicRenew},
			day(2026, 1, 31), day(2027, 1, 31)},
		{"a renewal while two are still to come", chained, policy.RenewLicense{TermYears: 1}, day(2026, 1, 20), policy.Allow,
			[]rule.ID{rule.LicRenew}, day(2030, 1, 31), day(2031, 1, 31)},
		// Between the two renewals' terms nothing changes: one decision
		// from the first renewal's start to the end of the second.
		{"through two renewals on time", chained, use("mx-1"), day(2026, 1, 31), policy.Allow, []rule.ID{rule.LicSubTerm}, day(2030, 1, 31), never},
		{"grace before the renewals", chained, use("mx-1"), day(2026, 1, 1), policy.Allow, []rule.ID{rule.EntGrace, rule.LicSubTerm}, day(2026, 1, 31), never},
		{"a tier change in the renewed term", chained, policy.ChangeTier{Tier: license.Premium}, day(2027, 6, 1), policy.Allow,
			[]rule.ID{rule.LicSubChange}, day(2030, 1, 31), never},
	} {
		d, err := e.Decide(policy.WithHistory{History: c.h, Request: c.req}, c.at)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if d.Outcome != c.outcome || !slices.Equal(d.Rules.IDs(), c.rules) || !d.Until.Equal(c.until) {
			t.Errorf("%s: got %s %v until %s; want %s %v until %s", c.name, d.Outcome, d.Rules.IDs(), d.Until, c.outcome, c.rules, c.until)
		}
		if !c.due.IsZero() {
			o := d.Obligations.Slice()
			if len(o) != 1 || o[0].Kind != rule.Entitlement || !o[0].Due.Equal(c.due) || o[0].Subject != "L1" {
				t.Errorf("%s: obligations %v, want an entitlement of L1 due %s", c.name, o, c.due)
			}
		}
	}
}

// TestWithHistoryRefusesWhatItCannotAsk: no history, a request of another
// kind, none, or one naming a license of its own is a *RequestError naming
// the field, never a decision.
func TestWithHistoryRefusesWhatItCannotAsk(t *testing.T) {
	e := engine(t)
	l, _, _ := historyFacts(t)
	h, err := license.NewHistory(l, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := policy.NewEngine(policy.Catalog{License: license.DefaultCatalog(),
		Entitlement: policy.DefaultCatalog().Entitlement, TMIP: policy.DefaultCatalog().TMIP}, policy.DefaultTerms())
	if err != nil {
		t.Fatal(err)
	}
	terms := policy.DefaultTerms()
	terms.License.InitialGraceDays = 10
	otherTerms, err := policy.NewEngine(policy.DefaultCatalog(), terms)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		e     policy.Engine
		r     policy.Request
		kind  string
		field string
	}{
		{"no history", e, policy.WithHistory{Request: policy.UseFeature{Device: "mx-1", Feature: "bgp"}}, "useFeature", "History"},
		{"the zero history", e, policy.WithHistory{History: license.History{}, Request: policy.RenewLicense{TermYears: 1}}, "renewLicense", "History"},
		{"no request", e, policy.WithHistory{History: h}, "", "Request"},
		{"a request of another kind", e, policy.WithHistory{History: h, Request: policy.TrialAvailable{Platform: "MX", Feature: "bgp"}}, "trialAvailable", "Request"},
		{"a license of its own", e, policy.WithHistory{History: h, Request: policy.ChangeTier{License: l, Tier: license.Premium}}, "changeTier", "License"},
		{"a history under other terms", otherTerms, policy.WithHistory{History: h, Request: policy.MoveLicense{To: license.Device{}, Reason: license.RMA}}, "moveLicense", "License"},
	} {
		d, err := c.e.Decide(c.r, day(2025, 6, 1))
		var re *policy.RequestError
		if !errors.As(err, &re) || re.Kind != c.kind || re.Field != c.field || d.Outcome != policy.Deny || d.Rules.Len() != 0 {
			t.Errorf("%s: %v (%+v), decision %v; want a *RequestError of %s about %s", c.name, err, re, d, c.kind, c.field)
		}
	}
	// The same catalog and terms built apart are the engine's.
	if _, err := other.Decide(policy.WithHistory{History: h, Request: policy.UseFeature{Device: "mx-1", Feature: "bgp"}}, day(2025, 6, 1)); err != nil {
		t.Errorf("an engine of equal terms: %v", err)
	}
}

// TestWithHistoryLogsItsLicense: the request logs as the request it wraps,
// with the history's license and its number of events.
func TestWithHistoryLogsItsLicense(t *testing.T) {
	l, _, mx2 := historyFacts(t)
	h, err := license.NewHistory(l, []license.Event{license.MoveEvent(day(2025, 6, 1), mx2, license.RMA)})
	if err != nil {
		t.Fatal(err)
	}
	got := policy.WithHistory{History: h, Request: policy.UseFeature{Device: "mx-2", Feature: "bgp"}}.LogValue().String()
	if want := "[kind=useFeature license=L1 device=mx-2 feature=bgp events=1]"; got != want {
		t.Errorf("logged %s, want %s", got, want)
	}
	if got := (policy.WithHistory{}).LogValue().String(); !strings.Contains(got, "kind=") {
		t.Errorf("the zero WithHistory logs %s", got)
	}
}

// replayed is the license as a replay of a history left it at one instant:
// the term in force and the renewals still to come.
type replayed struct {
	at      time.Time
	cur     license.License
	pending []license.License
}

// asOf promotes the renewals begun by at.
func (r replayed) asOf(at time.Time) (cur, latest license.License) {
	cur, pending := r.cur, r.pending
	for len(pending) > 0 && !pending[0].Start().After(at) {
		cur, pending = pending[0], pending[1:]
	}
	latest = cur
	if len(pending) > 0 {
		latest = pending[len(pending)-1]
	}
	return cur, latest
}

// TestHistoryAsOfAgreesWithReplayThroughDecide: on random licenses and
// random events, NewHistory refuses exactly the first event Decide refuses
// when each event is asked, in order, of the license the events before it
// left, with the rules of that decision; and for a history it accepts, the
// license as of any instant (At) and the term a renewal renews (Latest)
// are those of replaying the events through the transitions (a renewal
// still to come moved and changed tier with the license at its start).
// Decide asked WithHistory answers as Decide asked about that license,
// except that Until may come earlier, at a later event.
func TestHistoryAsOfAgreesWithReplayThroughDecide(t *testing.T) {
	e := engine(t)
	var devs []license.Device
	for _, d := range [][2]string{{"mx-1", "MX"}, {"mx-2", "MX"}, {"mx-3", "MX"}, {"ptx-1", "PTX"}} {
		dev, err := e.NewDevice(d[0], d[1], "")
		if err != nil {
			t.Fatal(err)
		}
		devs = append(devs, dev)
	}
	rapid.Check(t, func(t *rapid.T) {
		start := day(2024, 2, 29).AddDate(0, 0, rapid.IntRange(-40, 40).Draw(t, "startDays"))
		spec := license.Spec{ID: "L", Kind: rapid.SampledFrom([]license.Kind{license.Subscription, license.Subscription, license.Perpetual, license.Trial}).Draw(t, "kind"),
			Tier: license.Standard, Platform: "MX", Device: devs[0], Features: []string{"bgp"}, Start: start}
		switch spec.Kind {
		case license.Subscription:
			spec.TermYears = rapid.SampledFrom([]int{1, 3}).Draw(t, "termYears")
			spec.Renewal = rapid.IntRange(0, 3).Draw(t, "renewal") == 0
		case license.Trial:
			spec.End = start.AddDate(0, 0, rapid.IntRange(1, 90).Draw(t, "trialDays"))
		}
		l, err := e.NewLicense(spec)
		if err != nil {
			t.Fatal(err)
		}
		// Instants around the start and the ends the events make.
		instant := func(label string) time.Time {
			x := start.AddDate(0, 0, rapid.IntRange(-30, 8*365).Draw(t, label+".days"))
			return x.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, label+".ns")))
		}
		var events []license.Event
		for range rapid.IntRange(0, 6).Draw(t, "events") {
			at := instant("eventAt")
			switch rapid.IntRange(0, 2).Draw(t, "eventKind") {
			case 0:
				events = append(events, license.MoveEvent(at, rapid.SampledFrom(devs).Draw(t, "to"),
					rapid.SampledFrom([]license.MoveReason{license.RMA, license.Rebalance}).Draw(t, "reason")))
			case 1:
				events = append(events, license.TierEvent(at, rapid.SampledFrom([]license.Tier{license.Standard, license.Advanced, license.Premium}).Draw(t, "tier")))
			default:
				events = append(events, license.RenewEvent(at, rapid.SampledFrom([]int{1, 2, 3}).Draw(t, "years")))
			}
		}
		slices.SortStableFunc(events, func(a, b license.Event) int { return a.At.Compare(b.At) })
		// The replay: each event asked of Decide, then made by its transition.
		snaps := []replayed{{cur: l}}
		refused, refusal := -1, policy.Decision{}
		for i, ev := range events {
			cur, latest := snaps[len(snaps)-1].asOf(ev.At)
			pending := slices.Clone(snaps[len(snaps)-1].pending)
			for len(pending) > 0 && !pending[0].Start().After(ev.At) {
				pending = pending[1:]
			}
			var req policy.Request
			switch ev.Kind {
			case license.Moved:
				req = policy.MoveLicense{License: cur, To: ev.To, Reason: ev.Reason}
			case license.TierChanged:
				req = policy.ChangeTier{License: cur, Tier: ev.Tier}
			default:
				req = policy.RenewLicense{License: latest, TermYears: ev.TermYears}
			}
			d, err := e.Decide(req, ev.At)
			if err != nil {
				t.Fatalf("event %d: %v", i, err)
			}
			if d.Outcome != policy.Allow {
				refused, refusal = i, d
				break
			}
			switch ev.Kind {
			case license.Moved:
				cur, _ = cur.Move(ev.To, ev.Reason, ev.At)
				for j := range pending {
					pending[j], _ = pending[j].Move(ev.To, ev.Reason, pending[j].Start())
				}
			case license.TierChanged:
				cur, _ = cur.ChangeTier(ev.Tier, ev.At)
				for j := range pending {
					pending[j], _ = pending[j].ChangeTier(ev.Tier, pending[j].Start())
				}
			default:
				r, _ := latest.Renew(ev.TermYears, ev.At)
				if r.Start().After(ev.At) {
					pending = append(pending, r)
				} else {
					cur = r
				}
			}
			snaps = append(snaps, replayed{at: ev.At, cur: cur, pending: pending})
		}
		h, err := license.NewHistory(l, events)
		if refused >= 0 {
			var he *license.HistoryError
			var v *rule.Violation
			if !errors.As(err, &he) || he.Index != refused || !errors.As(err, &v) || v.Rules != refusal.Rules {
				t.Fatalf("Decide refuses event %d citing %v; NewHistory: %v", refused, refusal.Rules, err)
			}
			if h, err = license.NewHistory(l, events[:refused]); err != nil {
				t.Fatalf("the events before the refused one: %v", err)
			}
			snaps = snaps[:refused+1]
		} else if err != nil {
			t.Fatalf("Decide allows every event; NewHistory: %v", err)
		}
		for range 4 {
			at := instant("at")
			i := len(snaps) - 1
			for i > 0 && snaps[i].at.After(at) {
				i--
			}
			cur, latest := snaps[i].asOf(at)
			if got := h.At(at); !sameLicense(got, cur) {
				t.Fatalf("At(%s) = %s, the replay %s", ts(at), show(got), show(cur))
			}
			if got := h.Latest(at); !sameLicense(got, latest) {
				t.Fatalf("Latest(%s) = %s, the replay %s", ts(at), show(got), show(latest))
			}
			for _, r := range []struct{ with, plain policy.Request }{
				{policy.UseFeature{Device: cur.Device(), Feature: "bgp"}, policy.UseFeature{License: cur, Device: cur.Device(), Feature: "bgp"}},
				{policy.MoveLicense{To: devs[1], Reason: license.RMA}, policy.MoveLicense{License: cur, To: devs[1], Reason: license.RMA}},
				{policy.ChangeTier{Tier: license.Premium}, policy.ChangeTier{License: cur, Tier: license.Premium}},
				{policy.RenewLicense{TermYears: 1}, policy.RenewLicense{License: latest, TermYears: 1}},
			} {
				got, err := e.Decide(policy.WithHistory{History: h, Request: r.with}, at)
				if err != nil {
					t.Fatal(err)
				}
				want, err := e.Decide(r.plain, at)
				if err != nil {
					t.Fatal(err)
				}
				until := want.Until
				if next := h.Until(at); !next.IsZero() && (until.IsZero() || next.Before(until)) {
					until = next
				}
				if got.Outcome != want.Outcome || got.Rules != want.Rules || !got.Obligations.Equal(want.Obligations) ||
					(!got.Until.IsZero() && got.Until.Before(until)) || (got.Until.IsZero() && !until.IsZero() && !want.Until.IsZero()) {
					t.Fatalf("%T at %s: WithHistory %s, the replayed license %s (history changes at %s)", r.plain, ts(at), got, want, ts(h.Until(at)))
				}
			}
		}
	})
}

func sameLicense(a, b license.License) bool {
	return a.ID() == b.ID() && a.Kind() == b.Kind() && a.Tier() == b.Tier() && a.Device() == b.Device() &&
		a.Platform() == b.Platform() && a.Class() == b.Class() && slices.Equal(a.Features(), b.Features()) &&
		a.Start().Equal(b.Start()) && a.TermYears() == b.TermYears() && a.TermEnd().Equal(b.TermEnd()) &&
		a.End().Equal(b.End()) && a.Initial() == b.Initial() && a.WarningFrom().Equal(b.WarningFrom()) && a.Capacity() == b.Capacity()
}

func show(l license.License) string {
	return l.ID() + " on " + l.Device() + " " + l.Tier().String() + " [" + ts(l.Start()) + ", " + ts(l.End()) + ")"
}

// asOfRequest is w's request naming the license as w's history leaves it
// at at: what Decide asks when asked w.
func asOfRequest(w policy.WithHistory, at time.Time) policy.Request {
	cur, latest := w.History.At(at), w.History.Latest(at)
	switch q := w.Request.(type) {
	case policy.UseFeature:
		q.License = cur
		return q
	case policy.MoveLicense:
		q.License = cur
		return q
	case policy.ChangeTier:
		q.License = cur
		return q
	case policy.RenewLicense:
		q.License = latest
		return q
	}
	return w.Request
}

// TestTimelineOfARenewalAskedOfAHistory: a renewal asked in the expired
// gap before a recorded late renewal is one drifting run up to that
// renewal's instant, where it becomes a renewal on time from the recorded
// renewal's end: the history's change ends the drift, as SCENARIOS.md's
// "a timeline shows such a run as one segment" and "Later recorded history
// counts" together ask.
func TestTimelineOfARenewalAskedOfAHistory(t *testing.T) {
	e := engine(t)
	l, _, mx2 := historyFacts(t)
	h, err := license.NewHistory(l, []license.Event{
		license.MoveEvent(day(2025, 6, 1), mx2, license.Rebalance),
		license.RenewEvent(day(2026, 3, 1), 1),
	})
	if err != nil {
		t.Fatal(err)
	}
	var segs []policy.Segment
	for s, err := range e.Timeline(policy.WithHistory{History: h, Request: policy.RenewLicense{TermYears: 1}}, day(2026, 1, 1), day(2030, 1, 1)) {
		if err != nil {
			t.Fatal(err)
		}
		segs = append(segs, s)
	}
	want := []struct {
		start, end time.Time
		drifting   bool
		due        time.Time
	}{
		{day(2026, 1, 1), day(2026, 1, 31), false, day(2027, 1, 31)}, // on time, from the end of grace
		{day(2026, 1, 31), day(2026, 3, 1), true, day(2027, 1, 31)},  // late: due a year after each instant
		{day(2026, 3, 1), day(2027, 3, 1), false, day(2028, 3, 1)},   // on time, from the recorded renewal's end
		{day(2027, 3, 1), day(2030, 1, 1), true, day(2028, 3, 1)},    // late again after it
	}
	if len(segs) != len(want) {
		t.Fatalf("%d segments, want %d: %+v", len(segs), len(want), segs)
	}
	for i, w := range want {
		s := segs[i]
		if o := s.Decision.Obligations.Slice(); !s.Start.Equal(w.start) || !s.End.Equal(w.end) || s.Drifting != w.drifting ||
			len(o) != 1 || !o[0].Due.Equal(w.due) {
			t.Errorf("segment %d: [%s, %s) drifting %v %v; want [%s, %s) drifting %v due %s", i, ts(s.Start), ts(s.End), s.Drifting,
				s.Decision, ts(w.start), ts(w.end), w.drifting, ts(w.due))
		}
	}
}
