package credits

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// The reference evaluator: a plain replay of the history dated at or before
// an instant, lot by lot, with no precomputed state and no binary search. The
// ledger must agree with it everywhere; it is a test asset, not dead code.

type refEvent struct {
	at       time.Time
	purchase *Purchase
	callOff  *CallOffRecord
}

// refEvents orders the history as NewLedger documents: by instant, purchases
// before call-offs at one instant, otherwise as given.
func refEvents(ps []Purchase, cs []CallOffRecord) []refEvent {
	var evs []refEvent
	for i := range ps {
		evs = append(evs, refEvent{at: ps[i].At, purchase: &ps[i]})
	}
	for i := range cs {
		evs = append(evs, refEvent{at: cs[i].At, callOff: &cs[i]})
	}
	slices.SortStableFunc(evs, func(a, b refEvent) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		switch {
		case a.purchase != nil && b.purchase == nil:
			return -1
		case a.purchase == nil && b.purchase != nil:
			return 1
		}
		return 0
	})
	return evs
}

type refLot struct {
	id           string
	at, end      time.Time
	credits, rem decimal.Decimal
}

type refLedger struct {
	validity int
	lots     []*refLot
	used     decimal.Decimal
}

// usable is the credits of lots usable at t: bought, not ended, with credits left.
func (r *refLedger) usable(t time.Time) decimal.Decimal {
	sum := decimal.Zero
	for _, l := range r.lots {
		if !l.at.After(t) && l.end.After(t) {
			sum = sum.Add(l.rem)
		}
	}
	return sum
}

// apply plays one event; a call-off larger than the usable credits is not
// played and apply reports false.
func (r *refLedger) apply(e refEvent) bool {
	if e.purchase != nil {
		p := e.purchase
		r.lots = append(r.lots, &refLot{id: p.ID, at: p.At, end: addMonthsRef(p.At, r.validity), credits: p.Credits, rem: p.Credits})
		return true
	}
	c := e.callOff
	if r.usable(c.At).LessThan(c.Credits) {
		return false
	}
	need := c.Credits
	for _, l := range r.lots { // oldest first: lots are appended in time order
		if need.IsZero() {
			break
		}
		if l.at.After(c.At) || !l.end.After(c.At) || l.rem.IsZero() {
			continue
		}
		take := decimal.Min(need, l.rem)
		l.rem = l.rem.Sub(take)
		need = need.Sub(take)
	}
	r.used = r.used.Add(c.Credits)
	return true
}

// refBalance replays the events dated at or before t and reports the
// figures and lots with credits left at t.
func refBalance(validity int, evs []refEvent, t time.Time) (Figures, []Lot) {
	r := &refLedger{validity: validity}
	for _, e := range evs {
		if e.at.After(t) {
			break
		}
		r.apply(e)
	}
	f := Figures{Purchased: decimal.Zero, Used: r.used, Expired: decimal.Zero, Available: decimal.Zero}
	var lots []Lot
	for _, l := range r.lots {
		f.Purchased = f.Purchased.Add(l.credits)
		if l.end.After(t) {
			f.Available = f.Available.Add(l.rem)
			if !l.rem.IsZero() {
				lots = append(lots, Lot{Purchase: l.id, Purchased: l.at, Ends: l.end, Credits: l.credits, Remaining: l.rem})
			}
		} else {
			f.Expired = f.Expired.Add(l.rem)
		}
	}
	return f, lots
}

// addMonthsRef adds months with time.AddDate and undoes its overflow into
// the next month, an independent spelling of the month-end clamp.
func addMonthsRef(t time.Time, n int) time.Time {
	t = t.UTC()
	r := t.AddDate(0, n, 0)
	for r.Day() != t.Day() && r.Day() < 4 {
		r = r.AddDate(0, 0, -1)
	}
	return r
}
