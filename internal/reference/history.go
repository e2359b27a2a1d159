package reference

import (
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Event is one event of a license's history, spelled as SCENARIOS.md
// spells it: {at, kind: "moveLicense", to, reason}, {at, kind:
// "changeTier", tier} or {at, kind: "renewLicense", termYears}.
type Event struct {
	At         time.Time
	Kind       string
	To, Reason string // moveLicense
	Tier       string // changeTier
	TermYears  int    // renewLicense
}

// replayHistory replays l's events dated at or before at, in the order
// listed: the terms (the license as issued, then each renewal) and the
// device, platform and tier the events left it on.
func (w *World) replayHistory(l *License, at time.Time) (terms []License, device, platform, tier string) {
	terms = []License{*l}
	device, platform, tier = l.Device, l.Platform, l.Tier
	for _, e := range l.History {
		if e.At.After(at) {
			break
		}
		switch e.Kind {
		case "moveLicense":
			device, platform = e.To, w.platformOf(e.To)
		case "changeTier":
			tier = e.Tier // the features stay (SCENARIOS.md)
		case "renewLicense":
			// LIC-RENEW: a renewal before the end starts at the old end,
			// grace included; a late one at its own instant. A renewal
			// asked while an earlier one is still to come renews that one.
			last := terms[len(terms)-1]
			start := end(w, &last)
			if !e.At.Before(start) {
				start = e.At
			}
			terms = append(terms, License{ID: l.ID, Kind: l.Kind, Features: l.Features, Capacity: l.Capacity,
				Start: start, TermYears: e.TermYears, Initial: false}) // renewals get no grace
		}
	}
	return terms, device, platform, tier
}

func (w *World) platformOf(serial string) string {
	for _, d := range w.Devices {
		if d.Serial == serial {
			return d.Platform
		}
	}
	return ""
}

// asOf is the license as every event at or before at left it (cur): the
// last term begun by at, or the license as issued before any, on its last
// device at its last tier; and the last term recorded by then (latest),
// which a renewal asked at at renews.
func (w *World) asOf(l *License, at time.Time) (cur, latest License) {
	terms, device, platform, tier := w.replayHistory(l, at)
	cur = terms[0]
	for _, t := range terms[1:] {
		if !t.Start.After(at) {
			cur = t
		}
	}
	latest = terms[len(terms)-1]
	for _, x := range []*License{&cur, &latest} {
		x.Device, x.Platform, x.Tier, x.History = device, platform, tier, nil
	}
	return cur, latest
}

// historyCandidates are the instants l's history changes it at: each
// event, and each renewed term's start and end.
func historyCandidates(w *World, l *License) []time.Time {
	var c []time.Time
	for _, e := range l.History {
		c = append(c, e.At)
	}
	terms, _, _, _ := w.replayHistory(l, time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC))
	for i := range terms {
		c = append(c, licenseCandidates(w, &terms[i])...)
	}
	return c
}

// eventRequest is the request an event of l's history asks.
func eventRequest(l *License, e Event) Request {
	return Request{Kind: e.Kind, License: l.ID, To: e.To, Reason: e.Reason, Tier: e.Tier, TermYears: e.TermYears}
}

// eventRule is the rule an event is refused under before it is judged
// (out of time order): its kind's.
func eventRule(l *License, e Event) rule.ID {
	switch {
	case e.Kind == "moveLicense" && l.Kind == "perpetual":
		return rule.LicPerpRMA
	case e.Kind == "moveLicense":
		return rule.LicPort
	case e.Kind == "changeTier":
		return rule.LicSubChange
	}
	return rule.LicRenew
}

// withHistory is w with license id's history replaced by events.
func (w *World) withHistory(id string, events []Event) *World {
	c := *w
	c.Licenses = append([]License(nil), w.Licenses...)
	for i := range c.Licenses {
		if c.Licenses[i].ID == id {
			c.Licenses[i].History = events
		}
	}
	return &c
}

// FirstRefused is the index of the first event of license id's history
// that was not allowed when it happened, against the license as the
// events before it left it, and the rules refusing it; -1 when every
// event was allowed. An event dated before the one listed before it is
// refused under its kind's rule.
func FirstRefused(w *World, id string) (int, []rule.ID, error) {
	l, err := w.license(id)
	if err != nil {
		return 0, nil, err
	}
	for i, e := range l.History {
		if i > 0 && e.At.Before(l.History[i-1].At) {
			return i, []rule.ID{eventRule(l, e)}, nil
		}
		a, err := decide(w.withHistory(id, l.History[:i]), eventRequest(l, e), e.At)
		if err != nil {
			return 0, nil, err
		}
		if !a.Allow {
			return i, a.Rules, nil
		}
	}
	return -1, nil, nil
}

// ValidHistory keeps, in time order, the events of license id's history
// that were allowed when they happened given the ones kept before them:
// what a recorded history may hold.
func ValidHistory(w *World, id string) []Event {
	l, err := w.license(id)
	if err != nil {
		panic(err)
	}
	var kept []Event
	for _, e := range l.History {
		if len(kept) > 0 && e.At.Before(kept[len(kept)-1].At) {
			continue
		}
		a, err := decide(w.withHistory(id, kept), eventRequest(l, e), e.At)
		if err == nil && a.Allow {
			kept = append(kept, e)
		}
	}
	return kept
}

// HistoryInstants are the instants l's history changes it at, for the
// differential test's generator to aim at.
func HistoryInstants(w *World, l License) []time.Time { return historyCandidates(w, &l) }
