package main

import (
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// change is one upcoming change of a license's answer: at instant at, the
// answer of a device's feature (or a scenario license's) becomes the one
// described. Names are label values: on one line, quoted where they must
// be.
type change struct {
	at                       time.Time
	source                   string // what the change is of: a capture's device, or a scenario's license
	device, feature, license string
	from, to                 license.State // zero: no license grants the feature
	moved, relicensed        bool          // to another device, to another license
	allowed                  bool
	rules                    rule.List
	reason                   string
}

// changeList is a feature's (or a scenario license's) changes after from,
// in time order: they stay its changes after any later instant, so they
// are worked out once while its facts are the same.
type changeList struct {
	from    time.Time
	changes []change
}

// after is the changes of l after at; ok is false when l cannot say (at
// is before the instant it was worked out from).
func (l *changeList) after(at time.Time) ([]change, bool) {
	if l == nil || at.Before(l.from) {
		return nil, false
	}
	for i, c := range l.changes {
		if c.at.After(at) {
			return l.changes[i:], true
		}
	}
	return nil, true
}

// maxFeatureChanges bounds the changes of one capture's feature: each of
// its licenses changes at most four times (start, warning, end of term,
// end) and each window twice, and a feature has at most
// junos.MaxGrantsPerFeature of them and a usage row.
const maxFeatureChanges = 4*(junos.MaxGrantsPerFeature+1) + 1

// lastInstant is the end of the time the calendar looks into: every
// instant the library reads and writes is in years 0000 to 9999.
var lastInstant = time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)

// changesAfter is the feature's changes after at: its answers chained by
// their Until, as Facts decides them, one answer per change.
func (f *captureFeature) changesAfter(dev *device, at time.Time) []change {
	if cs, ok := f.changes.Load().after(at); ok {
		return cs
	}
	l := &changeList{from: at}
	r := f.one.At(at).Features[0]
	for range maxFeatureChanges {
		u := r.Decision.Until
		if u.IsZero() || u.After(lastInstant) {
			break
		}
		next := f.one.At(u).Features[0]
		l.changes = append(l.changes, change{at: u, source: "capture\x00" + dev.label, device: dev.label, feature: f.label, license: label(next.License),
			from: r.Standing.State, to: next.Standing.State, relicensed: next.License != r.License,
			allowed: next.Decision.Allowed, rules: next.Decision.Rules, reason: next.Decision.Reason})
		r = next
	}
	f.changes.Store(l)
	return l.changes
}

// changesAfter is the license's changes after at: the policy timeline of
// its device's use of its first feature, the device taken as its history
// leaves it between two of its events, one change per segment.
func (l *scenarioLicense) changesAfter(e policy.Engine, at time.Time) []change {
	if cs, ok := l.changes.Load().after(at); ok {
		return cs
	}
	list := &changeList{from: at}
	if len(l.features) > 0 {
		list.changes = l.timeline(e, &l.features[0], at)
	}
	l.changes.Store(list)
	return list.changes
}

func (l *scenarioLicense) timeline(e policy.Engine, f *scenarioFeature, at time.Time) []change {
	var out []change
	var prev *change            // the answer in force
	var prevDec policy.Decision // its decision
	for t := at; t.Before(lastInstant); {
		end := lastInstant
		if l.history.IsValid() {
			if u := l.history.Until(t); !u.IsZero() && u.Before(end) {
				end = u
			}
		}
		first := true
		for seg, err := range e.Timeline(l.useOf(f.name, t), t, end) {
			if err != nil {
				return out
			}
			held := l.as(seg.Start)
			c := change{at: seg.Start, source: "scenario\x00" + label(l.id()), device: label(held.Device()), feature: f.label, license: label(held.ID()),
				to: held.StandingAt(seg.Start).State, allowed: seg.Decision.Outcome == policy.Allow, rules: seg.Decision.Rules, reason: seg.Decision.Reason}
			if prev != nil {
				c.from, c.moved = prev.to, prev.device != c.device
				// Segments of one timeline differ; where the history
				// begins a new one, the answer may go on as it was.
				if !first || c.to != prev.to || c.moved || !sameAnswer(prevDec, seg.Decision) {
					out = append(out, c)
				}
			}
			prev, prevDec, first = &c, seg.Decision, false
		}
		t = end
	}
	return out
}

// sameAnswer reports whether two decisions say the same: outcome, rules
// and obligations (the reason's wording and Until promise nothing).
func sameAnswer(a, b policy.Decision) bool {
	return a.Outcome == b.Outcome && a.Rules == b.Rules && a.Obligations.Equal(b.Obligations)
}
