package license_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// historyFixture is an initial one-year subscription on MX device d1 from
// 2025-01-01: its years end 2026-01-01, its grace 2026-01-31.
func historyFixture() (sub, perp license.License, d1, d2, d3, ptx license.Device) {
	d1, d2, d3, ptx = mustDevice("d1", "MX"), mustDevice("d2", "MX"), mustDevice("d3", "MX"), mustDevice("p1", "PTX")
	sub = mustLicense(license.Spec{ID: "S", Kind: license.Subscription, Tier: license.Standard, Platform: "MX", Device: d1,
		Features: []string{"bgp", "evpn"}, Start: date(2025, 1, 1), TermYears: 1})
	perp = mustLicense(license.Spec{ID: "P", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: d1,
		Features: []string{"bgp"}, Start: date(2025, 1, 1)})
	return
}

func mustHistory(t *testing.T, l license.License, events ...license.Event) license.History {
	t.Helper()
	h, err := license.NewHistory(l, events)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// asOf is what a test pins of the license as of an instant.
type asOf struct {
	at             time.Time
	device         string
	tier           license.Tier
	start, termEnd time.Time
	end            time.Time
	initial        bool
	state          license.State
	latestStart    time.Time // zero: Latest is At
	latestEnd      time.Time
}

// TestHistoryAnswersTheLicenseAsOfAnInstant: SCENARIOS.md, License,
// history: "A check naming the license at `at` asks about the license as
// every event at or before `at` left it: on its last device, at its last
// tier, and, from the instant a renewal's term begins, as that renewal (its
// term, no grace). Between an expired term and a late renewal the license
// is expired. ... A tier change keeps the license's `features`. A renewal
// asked while an earlier renewal's term is still to come starts from that
// renewal's end." RULES.md, LIC-PORT and LIC-SUB-CHANGE: "A move keeps the
// end date"; LIC-RENEW: "A renewal before the end starts at the old end
// (grace included); a late one starts at its own instant. Renewals get no
// grace."
func TestHistoryAnswersTheLicenseAsOfAnInstant(t *testing.T) {
	sub, perp, d1, d2, d3, _ := historyFixture()
	ns := time.Nanosecond
	grace, years := date(2026, 1, 31), date(2026, 1, 1)
	for _, c := range []struct {
		name   string
		l      license.License
		events []license.Event
		want   []asOf
	}{
		{"moved, then renewed late", sub, []license.Event{
			license.MoveEvent(date(2025, 6, 1), d2, license.Rebalance),
			license.RenewEvent(date(2026, 3, 1), 1),
		}, []asOf{
			{at: date(2025, 6, 1).Add(-ns), device: "d1", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Active},
			// The move keeps the end date, grace included.
			{at: date(2025, 6, 1), device: "d2", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Active},
			{at: date(2026, 1, 15), device: "d2", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.InGrace},
			// The gap: expired until the late renewal.
			{at: date(2026, 3, 1).Add(-ns), device: "d2", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Expired},
			// The late renewal starts at its own instant, on the last device, without grace.
			{at: date(2026, 3, 1), device: "d2", start: date(2026, 3, 1), termEnd: date(2027, 3, 1), end: date(2027, 3, 1), state: license.Active},
			{at: date(2027, 3, 1), device: "d2", start: date(2026, 3, 1), termEnd: date(2027, 3, 1), end: date(2027, 3, 1), state: license.Expired},
		}},
		{"renewed on time, then late, with the expired gap between", sub, []license.Event{
			license.RenewEvent(date(2025, 12, 1), 1),
			license.RenewEvent(date(2027, 3, 1), 3),
		}, []asOf{
			{at: date(2025, 12, 1), device: "d1", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Active,
				latestStart: grace, latestEnd: date(2027, 1, 31)},
			// On time: from the old end, grace included.
			{at: grace.Add(-ns), device: "d1", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.InGrace,
				latestStart: grace, latestEnd: date(2027, 1, 31)},
			{at: grace, device: "d1", start: grace, termEnd: date(2027, 1, 31), end: date(2027, 1, 31), state: license.Active},
			// No grace on a renewal: expired at its years' end.
			{at: date(2027, 1, 31), device: "d1", start: grace, termEnd: date(2027, 1, 31), end: date(2027, 1, 31), state: license.Expired},
			{at: date(2027, 3, 1), device: "d1", start: date(2027, 3, 1), termEnd: date(2030, 3, 1), end: date(2030, 3, 1), state: license.Active},
		}},
		{"a renewal while an earlier renewal is still to come", sub, []license.Event{
			license.RenewEvent(date(2025, 12, 1), 1),
			license.RenewEvent(date(2026, 1, 10), 3),
		}, []asOf{
			{at: date(2026, 1, 10), device: "d1", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.InGrace,
				latestStart: date(2027, 1, 31), latestEnd: date(2030, 1, 31)},
			{at: grace, device: "d1", start: grace, termEnd: date(2027, 1, 31), end: date(2027, 1, 31), state: license.Active,
				latestStart: date(2027, 1, 31), latestEnd: date(2030, 1, 31)},
			{at: date(2027, 1, 31), device: "d1", start: date(2027, 1, 31), termEnd: date(2030, 1, 31), end: date(2030, 1, 31), state: license.Active},
		}},
		{"upgraded, then moved while a renewal is to come", sub, []license.Event{
			license.TierEvent(date(2025, 3, 1), license.Premium),
			license.RenewEvent(date(2025, 12, 1), 1),
			license.MoveEvent(date(2026, 1, 10), d2, license.RMA),
		}, []asOf{
			{at: date(2025, 3, 1).Add(-ns), device: "d1", tier: license.Standard, start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Active},
			// The change keeps the end date and the features.
			{at: date(2025, 3, 1), device: "d1", tier: license.Premium, start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Active},
			{at: date(2026, 1, 10), device: "d2", tier: license.Premium, start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.InGrace,
				latestStart: grace, latestEnd: date(2027, 1, 31)},
			// The renewal to come moved with the license and keeps its tier.
			{at: grace, device: "d2", tier: license.Premium, start: grace, termEnd: date(2027, 1, 31), end: date(2027, 1, 31), state: license.Active},
		}},
		{"an RMA of a perpetual license", perp, []license.Event{
			license.MoveEvent(date(2025, 6, 1), d2, license.RMA),
			license.MoveEvent(date(2030, 6, 1), d3, license.RMA),
		}, []asOf{
			{at: date(2025, 5, 1), device: "d1", start: date(2025, 1, 1), state: license.Active},
			{at: date(2025, 6, 1), device: "d2", start: date(2025, 1, 1), state: license.Active},
			{at: date(2031, 1, 1), device: "d3", start: date(2025, 1, 1), state: license.Active},
		}},
		{"renewed late and moved at one instant", sub, []license.Event{
			license.RenewEvent(date(2026, 3, 1), 1),
			license.MoveEvent(date(2026, 3, 1), d2, license.Rebalance),
		}, []asOf{
			{at: date(2026, 3, 1).Add(-ns), device: "d1", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Expired},
			{at: date(2026, 3, 1), device: "d2", start: date(2026, 3, 1), termEnd: date(2027, 3, 1), end: date(2027, 3, 1), state: license.Active},
		}},
		{"two moves at one instant, in the order given", sub, []license.Event{
			license.MoveEvent(date(2025, 6, 1), d2, license.Rebalance),
			license.MoveEvent(date(2025, 6, 1), d3, license.Rebalance),
			license.MoveEvent(date(2025, 7, 1), d1, license.Rebalance),
		}, []asOf{
			{at: date(2025, 6, 1), device: "d3", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Active},
			{at: date(2025, 7, 1), device: "d1", start: date(2025, 1, 1), termEnd: years, end: grace, initial: true, state: license.Active},
		}},
	} {
		h := mustHistory(t, c.l, c.events...)
		for _, w := range c.want {
			l := h.At(w.at)
			tier := w.tier
			if tier == 0 {
				tier = license.Standard
			}
			st := l.StandingAt(w.at).State
			if l.ID() != c.l.ID() || l.Device() != w.device || l.Tier() != tier || !l.Start().Equal(w.start) ||
				!l.TermEnd().Equal(w.termEnd) || !l.End().Equal(w.end) || l.Initial() != w.initial || st != w.state ||
				!slices.Equal(l.Features(), c.l.Features()) || l.Kind() != c.l.Kind() {
				t.Errorf("%s: at %s: got %s on %s, %s, [%s, %s) end %s initial %v %s features %v; want on %s, %s, [%s, %s) end %s initial %v %s",
					c.name, w.at, l.ID(), l.Device(), l.Tier(), l.Start(), l.TermEnd(), l.End(), l.Initial(), st, l.Features(),
					w.device, tier, w.start, w.termEnd, w.end, w.initial, w.state)
			}
			latest := h.Latest(w.at)
			wantStart, wantEnd := w.latestStart, w.latestEnd
			if wantStart.IsZero() {
				wantStart, wantEnd = w.start, w.end
			}
			if !latest.Start().Equal(wantStart) || !latest.End().Equal(wantEnd) || latest.Device() != w.device || latest.Tier() != tier {
				t.Errorf("%s: latest at %s: [%s, %s) on %s %s; want [%s, %s) on %s %s", c.name, w.at,
					latest.Start(), latest.End(), latest.Device(), latest.Tier(), wantStart, wantEnd, w.device, tier)
			}
		}
	}
}

// TestHistoryUntilIsTheNextChange: Until is the next event or the next
// renewal's term beginning, after the instant asked; zero after the last.
func TestHistoryUntilIsTheNextChange(t *testing.T) {
	sub, _, _, d2, _, _ := historyFixture()
	h := mustHistory(t, sub, license.MoveEvent(date(2025, 6, 1), d2, license.Rebalance), license.RenewEvent(date(2025, 12, 1), 1))
	for _, c := range []struct{ at, want time.Time }{
		{date(2025, 1, 1), date(2025, 6, 1)},
		{date(2025, 6, 1).Add(-1), date(2025, 6, 1)},
		{date(2025, 6, 1), date(2025, 12, 1)},
		{date(2025, 12, 1), date(2026, 1, 31)},
		{date(2026, 1, 31), time.Time{}},
	} {
		if got := h.Until(c.at); !got.Equal(c.want) {
			t.Errorf("Until(%s) = %s, want %s", c.at, got, c.want)
		}
	}
	if got := mustHistory(t, sub).Until(date(2025, 1, 1)); !got.IsZero() {
		t.Errorf("a history without events changes at %s", got)
	}
}

// TestHistoryRefusesWhatTheRulesRefuse: SCENARIOS.md: "Each event must be
// allowed at its instant against the license as the events before it left
// it; an event the rules refuse makes the file an error naming the event's
// path and the rule." Each refusal is a *HistoryError naming the index,
// wrapping a violation of the rules Move, ChangeTier and Renew cite.
func TestHistoryRefusesWhatTheRulesRefuse(t *testing.T) {
	sub, perp, _, d2, d3, ptx := historyFixture()
	trial := mustLicense(license.Spec{ID: "T", Kind: license.Trial, Tier: license.Standard, Platform: "MX", Device: mustDevice("d1", "MX"),
		Features: []string{"bgp"}, Start: date(2025, 1, 1), End: date(2025, 2, 1)})
	for _, c := range []struct {
		name   string
		l      license.License
		events []license.Event
		index  int
		rules  []rule.ID
		msg    string
	}{
		// LIC-PORT: "only across like-device classes".
		{"a move to another class", sub, []license.Event{license.MoveEvent(date(2025, 6, 1), ptx, license.Rebalance)}, 0,
			[]rule.ID{rule.LicPort}, "moveLicense to p1 (rebalance) at 2025-06-01T00:00:00Z"},
		// LIC-PERP-RMA: "moves only by RMA".
		{"a perpetual license rebalanced", perp, []license.Event{license.MoveEvent(date(2025, 6, 1), d2, license.Rebalance)}, 0,
			[]rule.ID{rule.LicPerpRMA}, "only by RMA"},
		// LIC-PORT: "Trials do not move."
		{"a trial moved", trial, []license.Event{license.MoveEvent(date(2025, 1, 6), d2, license.Rebalance)}, 0,
			[]rule.ID{rule.LicPort}, "trial"},
		// ENT-TIMER: nothing moves before its start.
		{"a move before the start", sub, []license.Event{license.MoveEvent(date(2024, 12, 1), d2, license.Rebalance)}, 0,
			[]rule.ID{rule.EntTimer}, "has not started"},
		// LIC-SUB-EXPIRY: in the gap before a late renewal nothing moves.
		{"a move in the expired gap", sub, []license.Event{license.MoveEvent(date(2025, 6, 1), d2, license.Rebalance),
			license.MoveEvent(date(2026, 2, 1), d3, license.Rebalance), license.RenewEvent(date(2026, 3, 1), 1)}, 1,
			[]rule.ID{rule.LicPort, rule.LicSubExpiry}, "expired"},
		// LIC-SUB-CHANGE: "Perpetual licenses do not change tier."
		{"a perpetual tier change", perp, []license.Event{license.TierEvent(date(2025, 6, 1), license.Advanced)}, 0,
			[]rule.ID{rule.LicSubChange}, "only a subscription"},
		{"a second change to the tier it has, at the same instant", sub, []license.Event{license.TierEvent(date(2025, 6, 1), license.Advanced),
			license.TierEvent(date(2025, 6, 1), license.Advanced)}, 1, []rule.ID{rule.LicSubChange}, "already has"},
		// LIC-RENEW: "Perpetual and trial licenses are not renewed."
		{"a perpetual renewal", perp, []license.Event{license.RenewEvent(date(2025, 6, 1), 1)}, 0, []rule.ID{rule.LicRenew}, "only subscriptions"},
		// LIC-SUB-TERM: "1, 3 or 5 years".
		{"a renewal for 2 years", sub, []license.Event{license.RenewEvent(date(2025, 6, 1), 2)}, 0, []rule.ID{rule.LicSubTerm}, "2 years"},
		// SCENARIOS.md: "A license's events out of time order are an error naming the event".
		{"events out of time order", sub, []license.Event{license.MoveEvent(date(2025, 6, 1), d2, license.Rebalance),
			license.TierEvent(date(2025, 5, 1), license.Advanced)}, 1, []rule.ID{rule.LicSubChange}, "before history[0] at 2025-06-01T00:00:00Z"},
		{"an event of no kind", sub, []license.Event{{At: date(2025, 6, 1)}}, 0, []rule.ID{rule.LicKind}, "moveLicense, a changeTier or a renewLicense"},
		{"a renewal with a tier", sub, []license.Event{{At: date(2025, 6, 1), Kind: license.Renewed, TermYears: 1, Tier: license.Premium}}, 0,
			[]rule.ID{rule.LicRenew}, "another kind"},
		{"an event after year 9999", sub, []license.Event{license.RenewEvent(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), 1)}, 0,
			[]rule.ID{rule.LicRenew}, "years 0000 to 9999"},
	} {
		_, err := license.NewHistory(c.l, c.events)
		var he *license.HistoryError
		var v *rule.Violation
		if !errors.As(err, &he) || !errors.As(err, &v) {
			t.Errorf("%s: got %v, want a *HistoryError wrapping a *rule.Violation", c.name, err)
			continue
		}
		if he.Index != c.index || he.License != c.l.ID() || he.Event != c.events[c.index] || !slices.Equal(v.Rules.IDs(), c.rules) ||
			!strings.Contains(err.Error(), c.msg) || !errors.Is(err, c.rules[0]) {
			t.Errorf("%s: got index %d rules %v %q; want index %d rules %v and %q", c.name, he.Index, v.Rules.IDs(), err, c.index, c.rules, c.msg)
		}
		if want := "license " + c.l.ID() + " history["; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %q does not begin %q", c.name, err, want)
		}
	}
	if _, err := license.NewHistory(license.License{}, nil); !errors.Is(err, rule.LicKind) {
		t.Errorf("a history of the zero License: %v, want LIC-KIND", err)
	}
}

// TestHistoryIsAValue: the history keeps its own events; the licenses it
// answers are the caller's.
func TestHistoryIsAValue(t *testing.T) {
	sub, _, _, d2, d3, _ := historyFixture()
	events := []license.Event{license.MoveEvent(date(2025, 6, 1), d2, license.Rebalance)}
	h := mustHistory(t, sub, events...)
	hs, err := license.NewHistory(sub, events)
	if err != nil {
		t.Fatal(err)
	}
	events[0].To = d3
	got := hs.Events()
	got[0].TermYears = 5
	if hs.At(date(2025, 7, 1)).Device() != "d2" || hs.Events()[0] != h.Events()[0] || hs.Len() != 1 {
		t.Errorf("editing the events given or returned changed the history: %v", hs.Events())
	}
	if h.License().Device() != "d1" || h.License().Start() != sub.Start() {
		t.Errorf("License() is not the license as issued: %s", h.License().Device())
	}
	var zero license.History
	if zero.IsValid() || zero.At(date(2025, 1, 1)).IsValid() || zero.Latest(date(2025, 1, 1)).IsValid() || !zero.Until(date(2025, 1, 1)).IsZero() {
		t.Errorf("the zero History answers")
	}
}
