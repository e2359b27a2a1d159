package credits

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// ledgerNumbers are a ledger's amounts and the queries that read them, in
// the arithmetic the ledger chose (see whole).
type ledgerNumbers interface {
	// figures are the figures as of t: the history dated at or before t,
	// and the lots ended by then.
	figures(l *ledger, t time.Time) Figures
	// lots are the lots with credits left at at, oldest first.
	lots(l *ledger, at time.Time) []Lot
	// callOff returns the credits available at at, whether c is more than
	// that, and the first instant after at at which either answer differs
	// (zero if never): the available credits change while c is covered, or
	// they cover c while it is not.
	callOff(l *ledger, c decimal.Decimal, at time.Time) (avail decimal.Decimal, short bool, until time.Time)
}

// amounts are a ledger's amounts in the arithmetic N.
type amounts[N whole[N]] struct {
	conv func(decimal.Decimal) (N, bool)
	zero N

	credits []N // by lot
	cum     []N // cum[j] is the credits of lots[:j]
	// By event: the credits left in the head lot after it, and used by then.
	rem, used []N
	// avail[k] are the credits available from change[k] until the next.
	avail []N
	tree  maxTree[N]
}

// replay checks and replays the history in time order, filling l's
// per-event and per-change arrays and a's. Each step is constant work but
// for advancing the head and expiring lots, each done once per lot, so it
// is linear after the sorts.
func replay[N whole[N]](l *ledger, a *amounts[N], pOrder, cOrder []int,
	purchaseError, callOffError func(int, error) error) error {
	purchases, callOffs, kp := l.purchases, l.callOffs, l.kind
	n := len(pOrder) + len(cOrder)
	a.credits = make([]N, 0, len(pOrder))
	a.cum = append(make([]N, 0, len(pOrder)+1), a.zero)
	a.rem = make([]N, 0, n)
	a.used = make([]N, 0, n)
	l.at = make([]time.Time, 0, n)
	l.head = make([]int, 0, n)
	l.bought = make([]int, 0, n)
	l.change = make([]time.Time, 0, n+len(pOrder))
	a.avail = make([]N, 0, n+len(pOrder))

	// Lots by end, ties in purchase order: the order they expire in.
	byEnd := make([]int, len(l.lots))
	for j := range byEnd {
		byEnd[j] = j
	}
	slices.SortStableFunc(byEnd, func(x, y int) int { return l.lots[x].end.Compare(l.lots[y].end) })
	ended := make([]bool, len(l.lots)) // untouched lots past the head that expired

	head, bought, next := 0, 0, 0
	rem, avail, used := a.zero, a.zero, a.zero
	advance := func() {
		head++
		for head < bought && ended[head] {
			head++
		}
		rem = a.zero
		if head < bought {
			rem = a.credits[head]
		}
	}
	// expire lapses the lots ending by t (CRD-VALIDITY), each counting from
	// its end.
	expire := func(t time.Time) {
		for ; next < len(byEnd) && !l.lots[byEnd[next]].end.After(t); next++ {
			j := byEnd[next]
			switch {
			case j < head: // spent before it ended
				continue
			case j == head:
				avail = avail.sub(rem)
				advance()
			default:
				ended[j] = true
				avail = avail.sub(a.credits[j])
			}
			a.change(l, l.lots[j].end, avail)
		}
	}
	record := func(at time.Time, callOff bool) {
		l.at = append(l.at, at.UTC())
		l.head = append(l.head, head)
		l.bought = append(l.bought, bought)
		a.rem = append(a.rem, rem)
		a.used = append(a.used, used)
		l.lastCallOff = callOff
		a.change(l, at, avail)
	}

	for pi, ci := 0, 0; pi < len(pOrder) || ci < len(cOrder); {
		// Purchases first at one instant: a lot is usable from its purchase.
		if pi < len(pOrder) && (ci == len(cOrder) || !callOffs[cOrder[ci]].At.Before(purchases[pOrder[pi]].At)) {
			p := purchases[pOrder[pi]]
			expire(p.At)
			if v := p.Order.check(l.account.Kind, kp.terms, kp.blocks, p.ID); v != nil {
				return purchaseError(pOrder[pi], named(fmt.Sprintf("account %s purchase %s of %s %s credits", l.account.ID, p.ID, p.Credits, l.account.Kind), v))
			}
			c, _ := a.conv(p.Credits) // whole: a sum of blocks
			a.credits = append(a.credits, c)
			a.cum = append(a.cum, a.cum[bought].add(c))
			bought++
			avail = avail.add(c)
			if head == bought-1 {
				rem = c
			}
			record(p.At, false)
			pi++
			continue
		}
		r := callOffs[cOrder[ci]]
		expire(r.At)
		v := l.checkStatic(r.CallOff)
		c, ok := a.conv(r.Credits)
		if v == nil && (!ok || avail.cmp(c) < 0) {
			v = l.checkValidity(r.CallOff, avail.decimal())
		}
		if v != nil {
			return callOffError(cOrder[ci], named(fmt.Sprintf("account %s callOffs[%d] of %s credits at %s",
				l.account.ID, cOrder[ci], r.Credits, stamp(r.At)), v))
		}
		// Spend the oldest valid lots first (CRD-VALIDITY).
		used = used.add(c)
		avail = avail.sub(c)
		for c.sign() > 0 {
			if c.cmp(rem) < 0 {
				rem = rem.sub(c)
				break
			}
			c = c.sub(rem)
			advance()
		}
		record(r.At, true)
		ci++
	}
	expire(maxInstant)
	a.tree = newMaxTree(a.avail, a.zero)
	return nil
}

// maxInstant is after every lot's end.
var maxInstant = time.Unix(1<<62, 0)

// change records that the credits available are v from t on. Changes come
// in time order; one at the instant of the last replaces it, and one that
// leaves the credits as they were is not a change.
func (a *amounts[N]) change(l *ledger, t time.Time, v N) {
	if k := len(l.change); k > 0 && l.change[k-1].Equal(t) {
		l.change, a.avail = l.change[:k-1], a.avail[:k-1]
	}
	prev := a.zero
	if k := len(l.change); k > 0 {
		prev = a.avail[k-1]
	}
	if prev.cmp(v) != 0 {
		l.change = append(l.change, t)
		a.avail = append(a.avail, v)
	}
}

// state returns the event count, head, lots bought and credits left in the
// head once the history dated at or before t is counted.
func (a *amounts[N]) state(l *ledger, t time.Time) (i, head, bought int, rem N) {
	i = l.counted(t)
	if i == 0 {
		return 0, 0, 0, a.zero
	}
	return i, l.head[i-1], l.bought[i-1], a.rem[i-1]
}

// available is the credits available at t: the head's remainder and the
// untouched lots after it, less the ones ended by t. It is O(log n).
func (a *amounts[N]) available(l *ledger, t time.Time) N {
	_, head, bought, rem := a.state(l, t)
	if head >= bought {
		return a.zero
	}
	v := a.zero
	if l.lots[head].end.After(t) {
		v = rem
	}
	v = v.add(a.cum[bought].sub(a.cum[head+1]))
	l.expiredRange(head+1, bought, t, func(from, to int, ended bool) {
		if ended {
			v = v.sub(a.cum[to].sub(a.cum[from]))
		}
	})
	return v
}

func (a *amounts[N]) figures(l *ledger, t time.Time) Figures {
	i, _, bought, _ := a.state(l, t)
	if i == 0 {
		return Figures{Purchased: decimal.Zero, Used: decimal.Zero, Expired: decimal.Zero, Available: decimal.Zero}
	}
	purchased, used, avail := a.cum[bought], a.used[i-1], a.available(l, t)
	return Figures{
		Purchased: purchased.decimal(),
		Used:      used.decimal(),
		Expired:   purchased.sub(used).sub(avail).decimal(),
		Available: avail.decimal(),
	}
}

func (a *amounts[N]) lots(l *ledger, at time.Time) []Lot {
	_, head, bought, rem := a.state(l, at)
	if head >= bought {
		return nil
	}
	var out []Lot
	add := func(j int, left N) {
		lt := l.lots[j]
		out = append(out, Lot{Purchase: lt.id, Purchased: lt.at, Ends: lt.end, Credits: a.credits[j].decimal(), Remaining: left.decimal()})
	}
	if l.lots[head].end.After(at) {
		add(head, rem)
	}
	l.expiredRange(head+1, bought, at, func(from, to int, ended bool) {
		for j := from; !ended && j < to; j++ {
			add(j, a.credits[j])
		}
	})
	return out
}

func (a *amounts[N]) callOff(l *ledger, c decimal.Decimal, at time.Time) (decimal.Decimal, bool, time.Time) {
	// The change points after at, and the credits available at at.
	k := sortSearchAfter(l.change, at)
	avail := a.zero
	if k > 0 {
		avail = a.avail[k-1]
	}
	cn, ok := a.conv(c)
	short := !ok || avail.cmp(cn) < 0
	var until time.Time
	switch {
	case !short:
		// Covered: the next change moves the balance left.
		if k < len(l.change) {
			until = l.change[k]
		}
	case ok && cn.sign() > 0:
		// Short: the first change that covers c, found among the maxima.
		if j := a.tree.first(k, cn); j >= 0 {
			until = l.change[j]
		}
	}
	return avail.decimal(), short, until
}

// sortSearchAfter returns the index of the first of the sorted instants
// after t.
func sortSearchAfter(ts []time.Time, t time.Time) int {
	lo, hi := 0, len(ts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ts[m].After(t) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}
