package credits

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/shopspring/decimal"
)

// Account names a customer's credit account and the kind of credit it holds.
type Account struct {
	// ID is non-empty.
	ID string
	// Kind is Professional or Flexible.
	Kind Kind
}

// CallOff asks to spend credits on one engagement.
type CallOff struct {
	// Credits to spend: whole credits, at least the minimum call-off.
	Credits decimal.Decimal
	// Engagement is what they pay for.
	Engagement Engagement
}

// CallOffRecord is a call-off that happened: history of a ledger.
type CallOffRecord struct {
	// At is when the credits were called off.
	At time.Time
	CallOff
}

// Ledger is one account's history of purchases and call-offs, checked and
// replayed once by NewLedger. It never changes afterwards: every method is a
// query at an instant, safe for concurrent use, and sees only the history
// dated strictly before that instant.
type Ledger struct {
	account  Account
	terms    KindTerms
	otherMin decimal.Decimal // Flexible minimum off professional services
	blocks   blockTable

	lots []lot             // purchases by instant, ties in the order given
	pre  []decimal.Decimal // pre[j] is the credits of lots[:j]
	// ends are the lots' ends in time order. Usually that is purchase
	// order, but the month-end clamp can end a later purchase first
	// (2024-02-29T00:00 + 12 months = 2025-02-28T00:00, before the end of
	// one bought 2024-02-28T12:00).
	ends []time.Time
	// inOrder[j] is the first k > j at which lots[j:k+1] stop ending in
	// purchase order, or len(lots): a lot k >= inOrder[j] may end before
	// lots[j].
	inOrder []int
	at      []time.Time // event instants in replay order
	post    []state     // post[i] is the state just after event i
}

// lot is one purchase: usable in [at, end).
type lot struct {
	id      string
	at, end time.Time
	credits decimal.Decimal
}

// state is the ledger at an instant. Spending oldest first keeps the lots
// with credits left a run: lots[head] has rem left (rem > 0) and
// lots[head+1:lots] are untouched, except early: the untouched lots past the
// head that expired before it (ends out of purchase order, see Ledger.ends),
// ascending. early is shared between states: never modify it in place.
type state struct {
	lots, head    int
	rem           decimal.Decimal
	early         []int
	avail         decimal.Decimal // rem plus the untouched unexpired lots: kept, not summed per query
	used, expired decimal.Decimal
}

// NewLedger checks an account's recorded history and replays it in time
// order (at one instant, purchases before call-offs, otherwise in the order
// given). Every entry must have been allowed when it happened: a purchase
// that breaks a purchase rule, or a call-off that breaks a call-off rule at
// its instant, is an error naming the entry and every rule it breaks (a
// *rule.Violation). Purchase IDs must be non-empty and unique, and every
// entry must have an instant.
func NewLedger(terms Terms, account Account, purchases []Purchase, callOffs []CallOffRecord) (*Ledger, error) {
	if err := terms.Validate(); err != nil {
		return nil, err
	}
	if account.ID == "" {
		return nil, fmt.Errorf("credits: account has no ID")
	}
	kt, err := terms.of(account.Kind)
	if err != nil {
		return nil, fmt.Errorf("credits: account %s: %w", account.ID, err)
	}
	l := &Ledger{account: account, terms: kt, otherMin: terms.FlexibleOtherMinCallOff, blocks: newBlockTable(kt.Blocks)}

	seen := make(map[string]bool, len(purchases))
	for i, p := range purchases {
		switch {
		case p.ID == "":
			return nil, fmt.Errorf("credits: account %s purchases[%d] has no ID", account.ID, i)
		case seen[p.ID]:
			return nil, fmt.Errorf("credits: account %s has two purchases %s", account.ID, p.ID)
		case p.At.IsZero():
			return nil, fmt.Errorf("credits: account %s purchase %s has no instant", account.ID, p.ID)
		}
		seen[p.ID] = true
		if err := p.checkAmounts(func() string { return fmt.Sprintf("account %s purchase %s", account.ID, p.ID) }); err != nil {
			return nil, err
		}
	}
	for i, c := range callOffs {
		if c.At.IsZero() {
			return nil, fmt.Errorf("credits: account %s callOffs[%d] has no instant", account.ID, i)
		}
		if err := checkAmount(c.Credits, func() string { return fmt.Sprintf("account %s callOffs[%d] credits", account.ID, i) }); err != nil {
			return nil, err
		}
	}

	pOrder := sortedByInstant(len(purchases), func(i int) time.Time { return purchases[i].At })
	cOrder := sortedByInstant(len(callOffs), func(i int) time.Time { return callOffs[i].At })
	l.lots = make([]lot, len(purchases))
	l.pre = make([]decimal.Decimal, len(purchases)+1)
	for j, i := range pOrder {
		p := purchases[i]
		at := p.At.UTC()
		l.lots[j] = lot{id: p.ID, at: at, end: calendar.AddMonths(at, kt.ValidityMonths), credits: p.Credits}
		l.pre[j+1] = l.pre[j].Add(p.Credits)
	}
	l.ends = make([]time.Time, len(l.lots))
	l.inOrder = make([]int, len(l.lots))
	for j := len(l.lots) - 1; j >= 0; j-- {
		l.ends[j] = l.lots[j].end
		switch {
		case j == len(l.lots)-1:
			l.inOrder[j] = len(l.lots)
		case l.lots[j+1].end.Before(l.lots[j].end):
			l.inOrder[j] = j + 1
		default:
			l.inOrder[j] = l.inOrder[j+1]
		}
	}
	slices.SortFunc(l.ends, time.Time.Compare)

	n := len(purchases) + len(callOffs)
	l.at = make([]time.Time, 0, n)
	l.post = make([]state, 0, n)
	var s state
	for pi, ci := 0, 0; pi < len(pOrder) || ci < len(cOrder); {
		// Purchases first at one instant: a lot is usable from its purchase.
		if pi < len(pOrder) && (ci == len(cOrder) || !callOffs[cOrder[ci]].At.Before(purchases[pOrder[pi]].At)) {
			p := purchases[pOrder[pi]]
			s = l.expire(s, p.At)
			if v := p.Order.check(account.Kind, kt, l.blocks, p.ID); v != nil {
				return nil, named(fmt.Sprintf("account %s purchase %s of %s %s credits", account.ID, p.ID, p.Credits, account.Kind), v)
			}
			s = l.buy(s)
			l.record(p.At, s)
			pi++
			continue
		}
		c := callOffs[cOrder[ci]]
		s = l.expire(s, c.At)
		if v := l.checkCallOff(c.CallOff, l.available(s)); v != nil {
			return nil, named(fmt.Sprintf("account %s callOffs[%d] of %s credits at %s",
				account.ID, cOrder[ci], c.Credits, c.At.UTC().Format(time.RFC3339Nano)), v)
		}
		s = l.spend(s, c.Credits)
		l.record(c.At, s)
		ci++
	}
	return l, nil
}

// Account returns the account the ledger is for.
func (l *Ledger) Account() Account { return l.account }

// sortedByInstant returns the indexes 0..n-1 ordered by instant, ties kept
// in the order given.
func sortedByInstant(n int, at func(int) time.Time) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return at(a).Compare(at(b)) })
	return idx
}

func (l *Ledger) record(at time.Time, s state) {
	l.at = append(l.at, at.UTC())
	l.post = append(l.post, s)
}

// buy adds the next lot in purchase order.
func (l *Ledger) buy(s state) state {
	s.lots++
	s.avail = s.avail.Add(l.lots[s.lots-1].credits)
	if s.head == s.lots-1 {
		s.rem = l.lots[s.head].credits
	}
	return s
}

// spend takes amount from the oldest valid lots first (CRD-VALIDITY). The
// caller has checked that amount is available.
func (l *Ledger) spend(s state, amount decimal.Decimal) state {
	s.used = s.used.Add(amount)
	s.avail = s.avail.Sub(amount)
	for amount.Sign() > 0 && s.head < s.lots {
		if amount.LessThan(s.rem) {
			s.rem = s.rem.Sub(amount)
			return s
		}
		amount = amount.Sub(s.rem)
		s = l.advance(s)
	}
	return s
}

// advance moves the head past its lot to the next one in purchase order
// that has not expired.
func (l *Ledger) advance(s state) state {
	s.head++
	for len(s.early) > 0 && s.early[0] == s.head {
		s.early = s.early[1:]
		s.head++
	}
	s.rem = decimal.Decimal{}
	if s.head < s.lots {
		s.rem = l.lots[s.head].credits
	}
	return s
}

// expire removes the lots whose validity has ended at t (end <= t): credits
// unused at a lot's end expire (CRD-VALIDITY).
func (l *Ledger) expire(s state, t time.Time) state {
	if s.head < s.lots && l.inOrder[s.head] >= s.lots {
		// The live lots end in purchase order (and so none expired early):
		// the expired ones are a prefix, found by binary search.
		live := l.lots[s.head:s.lots]
		return l.expireBefore(s, s.head+sort.Search(len(live), func(k int) bool { return live[k].end.After(t) }))
	}
	return l.expireStep(s, t)
}

// expireStep is expire by walking from the oldest lot, for callers that
// move forward in time and expire few lots per step, and for lots that end
// out of purchase order.
func (l *Ledger) expireStep(s state, t time.Time) state {
	for s.head < s.lots && !l.lots[s.head].end.After(t) {
		s.expired = s.expired.Add(s.rem)
		s.avail = s.avail.Sub(s.rem)
		s = l.advance(s)
	}
	if s.head == s.lots {
		return s
	}
	// lots[head:inOrder[head]] end after the head, so after t; a later
	// untouched one may have ended already.
	for k := l.inOrder[s.head]; k < s.lots; k++ {
		i, known := slices.BinarySearch(s.early, k)
		if known || l.lots[k].end.After(t) {
			continue
		}
		s.early = slices.Insert(slices.Clip(s.early), i, k) // a copy: states share early
		s.expired = s.expired.Add(l.lots[k].credits)
		s.avail = s.avail.Sub(l.lots[k].credits)
	}
	return s
}

// expireBefore expires lots[s.head:j]; the lots from j on are untouched.
func (l *Ledger) expireBefore(s state, j int) state {
	if j == s.head {
		return s
	}
	left := l.pre[s.lots].Sub(l.pre[j])
	s.expired = s.expired.Add(s.avail.Sub(left))
	s.avail = left
	s.head = j
	s.rem = decimal.Decimal{}
	if j < s.lots {
		s.rem = l.lots[j].credits
	}
	return s
}

// available is the unexpired credits left in s.
func (l *Ledger) available(s state) decimal.Decimal { return s.avail }

// counted returns how many events are dated strictly before t: only they
// count at t.
func (l *Ledger) counted(t time.Time) int {
	return sort.Search(len(l.at), func(i int) bool { return !l.at[i].Before(t) })
}

// stateAt is the ledger at instant t knowing the history dated before cut
// (cut <= t): the events before cut, then the expiries up to t.
func (l *Ledger) stateAt(cut, t time.Time) state {
	var s state
	if i := l.counted(cut); i > 0 {
		s = l.post[i-1]
	}
	return l.expire(s, t)
}

// nextEvent returns the first instant after at from which an event not yet
// counted at at counts (the event's instant plus 1ns), or false.
func (l *Ledger) nextEvent(at time.Time) (time.Time, bool) {
	i := l.counted(at)
	if i == len(l.at) {
		return time.Time{}, false
	}
	return l.at[i].Add(time.Nanosecond), true
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
