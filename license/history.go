package license

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// History is a license and what happened to it after it was issued: its
// moves, tier changes and renewals, in time order, each allowed when it
// happened. It answers what the license is at any instant: [History.At] is
// the license as every event at or before that instant left it,
// [History.Latest] the term a renewal asked then would renew.
//
// A History is immutable and safe for concurrent use; [NewHistory] keeps
// its own copy of the events. The zero History has no license: At and
// Latest return the zero [License], which every question refuses citing LIC-KIND.
type History struct {
	base   License
	events []Event
	// terms are the renewals recorded, by their start and years; terms[0]
	// stands for the license as issued.
	terms []term
	// segs are the license's states in time order: segs[0] holds before
	// every event, segs[i] from segs[i].from on, for i > 0, until the next.
	segs []segment
}

// term is one renewed term: when it starts and how many years it runs.
type term struct {
	start time.Time
	years int
}

// segment is the license's state from an instant on: the term in force
// and the latest term recorded (both indexes into History.terms), the
// device it is on, the reason of its last move and its tier.
type segment struct {
	from         time.Time
	term, latest int
	device       Device
	reason       MoveReason
	tier         Tier
}

// HistoryError is the error of an event NewHistory refuses: the license,
// the event's index in the list given, the event, and why (a
// *rule.Violation naming every rule the event breaks, reachable with
// errors.As and errors.Is). The zero HistoryError names no event.
type HistoryError struct {
	License string
	Index   int
	Event   Event
	Err     error
}

// Error returns "license L1 history[2]: " and Err's message.
func (e *HistoryError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("license %s history[%d] refused", e.License, e.Index)
	}
	return fmt.Sprintf("license %s history[%d]: %v", e.License, e.Index, e.Err)
}

// Unwrap returns Err.
func (e *HistoryError) Unwrap() error { return e.Err }

// NewHistory checks what happened to l, events in time order (events at
// one instant in the order given), and returns l's history. Each event must
// be allowed at its instant against the license as the events before it
// left it, by the rules [License.Move], [License.ChangeTier] and
// [License.Renew] apply (LIC-PORT,
// LIC-PERP-RMA, LIC-SUB-CHANGE, LIC-RENEW, LIC-SUB-TERM, ENT-TIMER,
// LIC-SUB-EXPIRY): a move or a tier change asks the license in force then,
// a renewal asks the latest term recorded then, so a renewal asked while
// an earlier renewal's term is still to come starts from that renewal's
// end. An event refused, out of time order, of no kind, holding a field of
// another kind or dated outside years 0000 to 9999 is a [*HistoryError]
// naming its index. A zero l is refused citing LIC-KIND.
//
// It costs O(n) for n events, and At, Latest and Until O(log n).
func NewHistory(l License, events []Event) (History, error) {
	if !l.IsValid() {
		return History{}, rule.Errorf([]rule.ID{rule.LicKind}, "", "a history needs a license built by Program.NewLicense")
	}
	h := History{base: l, events: slices.Clone(events), terms: []term{{start: l.Start(), years: l.TermYears()}}}
	s := segment{device: Device{Serial: l.Device(), Platform: l.Platform(), Class: l.Class()}, tier: l.Tier()}
	h.segs = []segment{s}
	id := l.ID()
	for i, e := range h.events {
		fail := func(rules rule.List, format string, args ...any) (History, error) {
			return History{}, &HistoryError{License: id, Index: i, Event: e,
				Err: rule.Refusal(rules, id, fmt.Sprintf("license %s: %s at %s: ", id, e.describe(), stamp(e.At))+fmt.Sprintf(format, args...))}
		}
		switch {
		case !e.Kind.IsValid():
			return fail(rule.ListOf(rule.LicKind), "an event is a moveLicense, a changeTier or a renewLicense")
		case e.stray():
			return fail(e.rules(l.Kind()), "the event holds a field of another kind of event")
		case !calendar.InRange(e.At):
			return fail(e.rules(l.Kind()), "the instant is not in years 0000 to 9999")
		case i > 0 && e.At.Before(h.events[i-1].At):
			return fail(e.rules(l.Kind()), "before history[%d] at %s: a license's events are listed in time order", i-1, stamp(h.events[i-1].At))
		}
		h.promote(e.At)
		s = h.segs[len(h.segs)-1]
		cur, ok := h.build(&s, s.term)
		if !ok {
			return fail(rule.ListOf(rule.LicKind), "the license before it cannot be rebuilt")
		}
		var v rule.Verdict
		switch e.Kind {
		case Moved:
			_, v = cur.Move(e.To, e.Reason, e.At)
			s.device, s.reason = e.To, e.Reason
		case TierChanged:
			_, v = cur.ChangeTier(e.Tier, e.At)
			s.tier = e.Tier
		case Renewed:
			from := cur
			if s.latest != s.term {
				if from, ok = h.build(&s, s.latest); !ok {
					return fail(rule.ListOf(rule.LicKind), "the renewal before it cannot be rebuilt")
				}
			}
			var r License
			r, v = from.Renew(e.TermYears, e.At)
			if v.Allowed {
				h.terms = append(h.terms, term{start: r.Start(), years: e.TermYears})
				// A late renewal starts at its own instant (LIC-RENEW): the
				// next promote makes it the term in force from there.
				s.latest = len(h.terms) - 1
			}
		}
		if !v.Allowed {
			return fail(v.Rules, "%s", v.Reason)
		}
		s.from = e.At
		h.push(s)
	}
	h.promote(calendar.Last)
	return h, nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// promote records the renewals recorded so far whose terms begin at or
// before t: from its start a renewal is the term in force.
func (h *History) promote(t time.Time) {
	s := h.segs[len(h.segs)-1]
	for s.term < s.latest && !h.terms[s.term+1].start.After(t) {
		s.term++
		s.from = h.terms[s.term].start
		h.push(s)
	}
}

// push appends s, replacing the last state when it begins at the same
// instant: the later state of one instant is the one that holds.
func (h *History) push(s segment) {
	if n := len(h.segs); n > 1 && h.segs[n-1].from.Equal(s.from) {
		h.segs[n-1] = s
		return
	}
	h.segs = append(h.segs, s)
}

// build rebuilds the license of term k in state s through the transitions
// alone, so the history keeps no copy of a license's inside: the renewal
// from the license as issued (it starts at or after the issued license's
// end, so Renew at its start begins it there), then the move and the tier
// change, each at the term's start, where the term is usable and they are
// allowed exactly when the events that made s were. ok is false only if a
// transition refuses, which a history NewHistory accepted never makes it do.
func (h *History) build(s *segment, k int) (License, bool) {
	l := h.base
	var v rule.Verdict
	if k > 0 {
		t := h.terms[k]
		if l, v = l.Renew(t.years, t.start); !v.Allowed || !l.Start().Equal(t.start) {
			return License{}, false
		}
	}
	if s.device.Serial != l.Device() {
		if l, v = l.Move(s.device, s.reason, l.Start()); !v.Allowed {
			return License{}, false
		}
	}
	if s.tier != l.Tier() {
		if l, v = l.ChangeTier(s.tier, l.Start()); !v.Allowed {
			return License{}, false
		}
	}
	return l, true
}

// IsValid reports whether h was built by NewHistory.
func (h History) IsValid() bool { return h.base.IsValid() }

// License returns the license as issued, before any event.
func (h History) License() License { return h.base }

// Events returns a copy of the events, in the order given.
func (h History) Events() []Event { return slices.Clone(h.events) }

// Len returns the number of events.
func (h History) Len() int { return len(h.events) }

// state returns the state at instant at: the last one beginning at or
// before it, found by binary search.
func (h *History) state(at time.Time) *segment {
	if len(h.segs) == 0 {
		return nil
	}
	rest := h.segs[1:]
	i := sort.Search(len(rest), func(i int) bool { return rest[i].from.After(at) })
	return &h.segs[i]
}

// At returns the license as every event at or before at left it: on its
// last device (LIC-PORT, LIC-PERP-RMA), at its last tier with the features
// it was issued with (LIC-SUB-CHANGE), and, from the instant a renewal's
// term begins, as that renewal: its term, no grace (LIC-RENEW). Between an
// expired term and a late renewal it is the expired term. Moves, tier
// changes and renewals keep the end dates the rules say they keep. Each
// call builds the license afresh: the caller owns it.
func (h History) At(at time.Time) License {
	s := h.state(at)
	if s == nil {
		return License{}
	}
	l, _ := h.build(s, s.term)
	return l
}

// Latest returns the latest term recorded at or before at: At(at), or the
// last renewal recorded by then whose term is still to come, on the
// license's last device at its last tier. A renewal asked at at renews it
// (LIC-RENEW), so it starts from that renewal's end.
func (h History) Latest(at time.Time) License {
	s := h.state(at)
	if s == nil {
		return License{}
	}
	l, _ := h.build(s, s.latest)
	return l
}

// Until returns the first instant after at at which At or Latest changes:
// the next event, or the next renewal's term beginning; zero when nothing
// changes after at.
func (h History) Until(at time.Time) time.Time {
	if len(h.segs) < 2 {
		return time.Time{}
	}
	rest := h.segs[1:]
	i := sort.Search(len(rest), func(i int) bool { return rest[i].from.After(at) })
	if i == len(rest) {
		return time.Time{}
	}
	return rest[i].from
}
