package policy

import (
	"fmt"
	"iter"
	"time"
)

// Segment is one maximal run [Start, End) of a request's timeline in which
// the decision is the same: the same outcome, rules, obligations and
// values (the reason's wording and Until are not compared, as Until
// promises none of them). Decision is the decision at Start.
//
// A drifting segment is a run of decisions whose dues move with their own
// instant (a late renewal's term ends its years after the instant it is
// asked at): each holds for one nanosecond, and at every instant t of the
// segment the decision is Decision with its dues computed from t, the same
// outcome, rules, values and obligation kinds, rules and subjects.
//
// The zero Segment is an empty run with the zero Decision, a denial.
type Segment struct {
	Start, End time.Time
	Decision   Decision
	Drifting   bool
}

// Timeline returns r's decisions over [from, to) as maximal segments, in
// time order: they tile the period without gap or overlap, and two
// segments side by side differ in their decisions. It is built by chaining
// Until, one Decide per change of decision (never per instant), so a
// caller may stop early by breaking out of the loop; a run of drifting
// decisions is one segment, however long.
//
// A period in which from is not before to has no segments. A request Decide
// cannot ask yields its *RequestError and nothing else; an engine's answer
// whose Until is not after its instant yields an error, after the segments
// before it.
func (e Engine) Timeline(r Request, from, to time.Time) iter.Seq2[Segment, error] {
	return func(yield func(Segment, error) bool) {
		var cur Segment // the run being extended, if have
		have := false
		for t := from; t.Before(to); {
			var d Decision
			drift, err := e.decideSpan(r, t, &d)
			if err == nil && !d.Until.IsZero() && !d.Until.After(t) {
				err = fmt.Errorf("policy: timeline: the decision at %s says it holds until %s, not after it",
					formatInstant(t), formatInstant(d.Until))
			}
			if err != nil {
				if have && !yield(cur, nil) {
					return
				}
				yield(Segment{}, err)
				return
			}
			next := d.Until
			if drift.After(t) {
				next = drift
			}
			if have && (drift.After(t) || !sameDecision(cur.Decision, d)) {
				if !yield(cur, nil) {
					return
				}
				have = false
			}
			if !have {
				cur, have = Segment{Start: t, Decision: d, Drifting: drift.After(t)}, true
			}
			if next.IsZero() || !next.Before(to) {
				cur.End = to
				break
			}
			cur.End, t = next, next
			if cur.Drifting {
				// A drifting run is never extended: its end is the
				// domain's, and what follows it differs.
				if !yield(cur, nil) {
					return
				}
				have = false
			}
		}
		if have {
			yield(cur, nil)
		}
	}
}

// decideSpan is DecideInto, also returning the end of the run of drifting
// decisions d begins, as the domain states it; the zero time when d does
// not drift. Only a late renewal drifts.
func (e Engine) decideSpan(r Request, at time.Time, d *Decision) (driftsUntil time.Time, err error) {
	if w, ok := r.(WithHistory); ok {
		return e.historySpan(w, at, d)
	}
	rr, ok := r.(RenewLicense)
	if !ok || d == nil || e.e == nil {
		return time.Time{}, e.DecideInto(r, at, d)
	}
	if err := e.ask(r, at); err != nil {
		*d = Decision{}
		return time.Time{}, err
	}
	return e.renewSpan(rr, at, d)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
