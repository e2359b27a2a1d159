package policy

import (
	"iter"
	"time"
)

// Question is a request put to an engine: one side of an Impact. The same
// facts built under two engines are two sets of values, so each side names
// its own. The zero Question has no engine: its Timeline is an error.
type Question struct {
	Engine  Engine
	Request Request
}

// Difference is one interval [From, To) in which two engines decide one
// request differently, with both decisions as at From. Decisions differ
// when their outcome, rules, obligations or values differ; their reasons'
// wording and their Until do not count.
//
// The zero Difference is an empty interval with two zero decisions.
type Difference struct {
	From, To time.Time
	Old, New Decision
}

// Impact returns every interval of [from, to) in which old and new decide
// differently, in time order, split wherever either decision changes: the
// pieces of old's and new's timelines laid over each other in which the two
// differ. An instant of [from, to) lies in one of them exactly when the two
// engines' decisions at it differ. It costs what the two timelines cost,
// plus a Decide per side for a piece that does not start a segment.
//
// Within a drifting run (see Segment) a decision's dues move with the
// instant; two drifting decisions of one request that agree at an instant
// move alike and agree throughout, and a drifting decision agrees with a
// steady one at one instant at most: the piece's first, when they agree
// there.
//
// An error of either timeline is yielded, after the differences before it,
// and ends the sequence.
func Impact(old, new Question, from, to time.Time) iter.Seq2[Difference, error] {
	return func(yield func(Difference, error) bool) {
		nextOld, stopOld := iter.Pull2(old.Engine.Timeline(old.Request, from, to))
		defer stopOld()
		nextNew, stopNew := iter.Pull2(new.Engine.Timeline(new.Request, from, to))
		defer stopNew()
		// started says the first segments are pulled: a zero Segment's End
		// is the zero time, which an instant before year 1 is before.
		var so, sn Segment
		started := false
		for at := from; at.Before(to); {
			var err error
			if !started || !at.Before(so.End) {
				if so, err = pull(nextOld); err != nil {
					yield(Difference{}, err)
					return
				}
			}
			if !started || !at.Before(sn.End) {
				started = true
				if sn, err = pull(nextNew); err != nil {
					yield(Difference{}, err)
					return
				}
			}
			end := minTime(so.End, sn.End)
			d := Difference{From: at, To: end}
			if d.Old, err = decisionAt(old, so, at); err == nil {
				d.New, err = decisionAt(new, sn, at)
			}
			if err != nil {
				yield(Difference{}, err)
				return
			}
			differ := !sameDecision(d.Old, d.New)
			if !differ && so.Drifting != sn.Drifting && end.After(at.Add(1)) {
				// Alike at their first instant only: they differ from the
				// next one on, where the drifting side's dues have moved.
				d.From = at.Add(1)
				if d.Old, err = decisionAt(old, so, d.From); err == nil {
					d.New, err = decisionAt(new, sn, d.From)
				}
				if err != nil {
					yield(Difference{}, err)
					return
				}
				differ = true
			}
			if differ && !yield(d, nil) {
				return
			}
			at = end
		}
	}
}

// pull returns a timeline's next segment; a timeline that ends before its
// period does is an error (Timeline never does that).
func pull(next func() (Segment, error, bool)) (Segment, error) {
	s, err, ok := next()
	if !ok {
		return Segment{}, errTimelineShort
	}
	return s, err
}

var errTimelineShort = &RequestError{Reason: "timeline ended before its period"}

// decisionAt returns the decision of q at at, an instant of segment s:
// the segment's own at its start, decided again elsewhere so that it is
// as at at (its reason, its Until, and for a drifting run its dues).
func decisionAt(q Question, s Segment, at time.Time) (Decision, error) {
	if at.Equal(s.Start) {
		return s.Decision, nil
	}
	return q.Engine.Decide(q.Request, at)
}
