package credits

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/shopspring/decimal"
)

// Account names a customer's credit account and the kind of credit it holds.
// The zero Account is refused by NewLedger: it has no ID and no kind.
type Account struct {
	// ID is non-empty.
	ID string
	// Kind is Professional or Flexible.
	Kind Kind
}

// CallOff asks to spend credits on one engagement. The zero CallOff is
// refused: no credits, and an engagement refused on every count.
type CallOff struct {
	// Credits to spend: whole credits, at least the minimum call-off.
	Credits decimal.Decimal
	// Engagement is what they pay for.
	Engagement Engagement
}

// CallOffRecord is a call-off that happened: history of a ledger. The zero
// CallOffRecord is refused by NewLedger: it has no instant.
type CallOffRecord struct {
	// At is when the credits were called off.
	At time.Time
	CallOff
}

// Ledger is one account's history of purchases and call-offs under a
// Program, checked and replayed once by Program.NewLedger. It never changes
// afterwards: every method is a query at an instant, safe for concurrent
// use, and sees the history dated at or before that instant;
// WithPurchase and WithCallOff return another ledger.
//
// A Ledger is a handle to what NewLedger replayed: copies are the same
// ledger, == reports whether two handles are, and nothing a caller does to
// its copy reaches the ledger itself. The zero Ledger has no program and no
// history: every query refuses with an error saying so, and Account and
// Program return their zero values.
type Ledger struct{ l *ledger }

type ledger struct {
	program *program
	kind    *kindProgram
	account Account
	// The history as given, for WithPurchase and WithCallOff.
	purchases []Purchase
	callOffs  []CallOffRecord

	lots []lot // purchases by instant, ties in the order given
	// Lots end in purchase order except where the month-end clamp ends a
	// later purchase first (2024-02-29T00:00 + 12 months = 2025-02-28T00:00,
	// before the end of one bought 2024-02-28T12:00). maxEnd and minEnd
	// bound where that can happen: lots[:j+1] all end by maxEnd[j], and
	// lots[j:] none before minEnd[j]; in between, runEnd[j] is the first
	// index past the run of lots from j that end in purchase order.
	maxEnd, minEnd []time.Time
	runEnd         []int

	// Per event, in replay order: its instant, and after it the head (the
	// oldest lot with credits left, or bought if none) and the lots bought.
	at     []time.Time
	head   []int
	bought []int
	// lastCallOff says the last event replayed is a call-off.
	lastCallOff bool

	// change are the instants at which the credits available change, each
	// counting from then: a recorded event's instant, or a lot's end.
	change []time.Time
	nums   ledgerNumbers
}

// lot is one purchase: usable in [at, end).
type lot struct {
	id      string
	at, end time.Time
}

// HistoryError is the error of a recorded entry NewLedger, WithPurchase or
// WithCallOff refused: which entry and why. Err is a *rule.Violation when
// the entry broke a rule when it happened, so errors.Is(err, rule.X) and
// errors.As(err, &violation) see through it; otherwise it says what is
// wrong with the entry (no ID, no instant, an absurd amount, out of order).
// The zero HistoryError names no entry.
type HistoryError struct {
	// Account is the account's ID.
	Account string
	// Entry is "purchases" or "callOffs", the list the entry is in.
	Entry string
	// Index is the entry's index in that list as the caller gave it; for
	// WithPurchase and WithCallOff, the length of the ledger's list.
	Index int
	// ID is the purchase's ID; empty for call-offs.
	ID string
	// At is the entry's instant.
	At time.Time
	// Err is why it was refused.
	Err error
}

// Error returns Err's message, which names the entry.
func (e *HistoryError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("credits: account %s %s[%d] refused", e.Account, e.Entry, e.Index)
	}
	return e.Err.Error()
}

// Unwrap returns Err.
func (e *HistoryError) Unwrap() error { return e.Err }

// ErrOutOfOrder is the reason WithPurchase and WithCallOff refuse an entry
// dated before the ledger's last recorded event (or, for a purchase, at the
// instant of a recorded call-off, which replay would put after it): the
// entry would rewrite what the ledger already answered.
var ErrOutOfOrder = errors.New("credits: entry dated before the ledger's last recorded event")

// errZeroLedger is an errors.New value: every caller gets the same one,
// and none can change it.
var errZeroLedger = errors.New("credits: the zero Ledger has no program or history: build one with Program.NewLedger")

// NewLedger checks an account's recorded history and replays it in time
// order (at one instant, purchases before call-offs, otherwise in the order
// given) under the program's terms. Every entry must have been allowed when
// it happened: a purchase that breaks a purchase rule, or a call-off that
// breaks a call-off rule at its instant, is a *HistoryError naming the entry
// and wrapping a *rule.Violation with every rule it breaks. Purchase IDs
// must be non-empty and unique, and every entry must have an instant.
//
// It costs O(n log n) for n entries, with a fixed number of allocations per
// entry. The ledger keeps its own copy of both lists.
func (p Program) NewLedger(account Account, purchases []Purchase, callOffs []CallOffRecord) (Ledger, error) {
	if err := p.ready(); err != nil {
		return Ledger{}, err
	}
	return p.p.newLedger(account, purchases, callOffs)
}

func (p *program) newLedger(account Account, purchases []Purchase, callOffs []CallOffRecord) (Ledger, error) {
	if account.ID == "" {
		return Ledger{}, fmt.Errorf("credits: account has no ID")
	}
	kp, err := p.of(account.Kind)
	if err != nil {
		return Ledger{}, fmt.Errorf("credits: account %s: %w", account.ID, err)
	}
	l := &ledger{program: p, kind: kp, account: account,
		purchases: slices.Clone(purchases), callOffs: slices.Clone(callOffs)}
	if err := l.build(false); err != nil {
		return Ledger{}, err
	}
	return Ledger{l}, nil
}

// IsValid reports whether l was built by Program.NewLedger.
func (l Ledger) IsValid() bool { return l.l != nil }

// Account returns the account the ledger is for; the zero Account for the
// zero Ledger.
func (l Ledger) Account() Account {
	if l.l == nil {
		return Account{}
	}
	return l.l.account
}

// Program returns the program the ledger was built under; the zero Program
// for the zero Ledger.
func (l Ledger) Program() Program {
	if l.l == nil {
		return Program{}
	}
	return Program{l.l.program}
}

// ready returns an error saying what is missing when l cannot answer.
func (l Ledger) ready() error {
	if l.l == nil {
		return errZeroLedger
	}
	return nil
}

// WithPurchase returns the ledger with p recorded as well, refusing p
// exactly when CheckPurchase at p.At refuses it, with the same rules (a
// *rule.Violation inside a *HistoryError), and refusing an ID the ledger
// already has. l is unchanged and answers as before.
//
// p must not be dated before the last recorded event, nor at the instant of
// a recorded call-off: NewLedger would replay it before entries already
// recorded, changing what l answered. That is a *HistoryError wrapping
// ErrOutOfOrder. At the instant of the last recorded purchase it joins it,
// as NewLedger replays ties.
func (lg Ledger) WithPurchase(p Purchase) (Ledger, error) {
	if err := lg.ready(); err != nil {
		return Ledger{}, err
	}
	l := lg.l
	if n := len(l.at); n > 0 && (p.At.Before(l.at[n-1]) || (p.At.Equal(l.at[n-1]) && l.lastCallOff)) {
		return Ledger{}, &HistoryError{Account: l.account.ID, Entry: "purchases", Index: len(l.purchases), ID: p.ID, At: p.At,
			Err: fmt.Errorf("%w: account %s purchase %s at %s is not after %s", ErrOutOfOrder, l.account.ID, p.ID, stamp(p.At), stamp(l.at[n-1]))}
	}
	return l.program.newLedger(l.account, append(slices.Clip(l.purchases), p), l.callOffs)
}

// WithCallOff returns the ledger with r recorded as well, refusing r
// exactly when CheckCallOff at r.At refuses it, with the same rules (a
// *rule.Violation inside a *HistoryError). l is unchanged and answers as
// before.
//
// r must not be dated before the last recorded event (a *HistoryError
// wrapping ErrOutOfOrder). Dated at that instant it is judged as NewLedger
// judges entries at one instant, and as CheckCallOff at that instant judges
// it: against the credits the entries already recorded then left.
func (lg Ledger) WithCallOff(r CallOffRecord) (Ledger, error) {
	if err := lg.ready(); err != nil {
		return Ledger{}, err
	}
	l := lg.l
	if n := len(l.at); n > 0 && r.At.Before(l.at[n-1]) {
		return Ledger{}, &HistoryError{Account: l.account.ID, Entry: "callOffs", Index: len(l.callOffs), At: r.At,
			Err: fmt.Errorf("%w: account %s call-off at %s is before %s", ErrOutOfOrder, l.account.ID, stamp(r.At), stamp(l.at[n-1]))}
	}
	return l.program.newLedger(l.account, l.purchases, append(slices.Clip(l.callOffs), r))
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// build checks the history and replays it, in exact decimals if exact or
// when some amount does not fit an int64.
func (l *ledger) build(exact bool) error {
	purchases, callOffs, id := l.purchases, l.callOffs, l.account.ID
	purchaseError := func(i int, err error) error {
		return &HistoryError{Account: id, Entry: "purchases", Index: i, ID: purchases[i].ID, At: purchases[i].At, Err: err}
	}
	callOffError := func(i int, err error) error {
		return &HistoryError{Account: id, Entry: "callOffs", Index: i, At: callOffs[i].At, Err: err}
	}
	seen := make(map[string]bool, len(purchases))
	for i, p := range purchases {
		switch {
		case p.ID == "":
			return purchaseError(i, fmt.Errorf("credits: account %s purchases[%d] has no ID", id, i))
		case seen[p.ID]:
			return purchaseError(i, fmt.Errorf("credits: account %s has two purchases %s", id, p.ID))
		case p.At.IsZero():
			return purchaseError(i, fmt.Errorf("credits: account %s purchase %s has no instant", id, p.ID))
		}
		seen[p.ID] = true
		if err := p.checkAmounts(func() string { return fmt.Sprintf("account %s purchase %s", id, p.ID) }); err != nil {
			return purchaseError(i, err)
		}
	}
	for i, c := range callOffs {
		if c.At.IsZero() {
			return callOffError(i, fmt.Errorf("credits: account %s callOffs[%d] has no instant", id, i))
		}
		if err := checkAmount(c.Credits, func() string { return fmt.Sprintf("account %s callOffs[%d] credits", id, i) }); err != nil {
			return callOffError(i, err)
		}
	}

	pOrder := sortedByInstant(len(purchases), func(i int) time.Time { return purchases[i].At })
	cOrder := sortedByInstant(len(callOffs), func(i int) time.Time { return callOffs[i].At })
	l.lots = make([]lot, len(purchases))
	for j, i := range pOrder {
		at := purchases[i].At.UTC()
		l.lots[j] = lot{id: purchases[i].ID, at: at, end: calendar.AddMonths(at, l.kind.terms.ValidityMonths)}
	}
	l.indexEnds()

	// Amounts stay int64 when every purchase is whole and their total fits;
	// a history that cannot be valid is replayed exactly to its refusal.
	fits, total := !exact, small(0)
	for _, p := range purchases {
		if !fits {
			break
		}
		s, ok := toSmall(p.Credits)
		if total += s; !ok || s < 0 || total >= smallLimit {
			fits = false
			break
		}
	}
	if fits {
		a := &amounts[small]{conv: toSmall}
		l.nums = a
		return replay(l, a, pOrder, cOrder, purchaseError, callOffError)
	}
	a := &amounts[large]{conv: toLarge, zero: zeroLarge}
	l.nums = a
	return replay(l, a, pOrder, cOrder, purchaseError, callOffError)
}

// indexEnds fills maxEnd, minEnd and runEnd.
func (l *ledger) indexEnds() {
	n := len(l.lots)
	l.maxEnd = make([]time.Time, n)
	l.minEnd = make([]time.Time, n)
	l.runEnd = make([]int, n)
	for j := range n {
		l.maxEnd[j] = l.lots[j].end
		if j > 0 && l.maxEnd[j-1].After(l.maxEnd[j]) {
			l.maxEnd[j] = l.maxEnd[j-1]
		}
	}
	for j := n - 1; j >= 0; j-- {
		l.minEnd[j] = l.lots[j].end
		l.runEnd[j] = n
		if j+1 < n {
			if l.minEnd[j+1].Before(l.minEnd[j]) {
				l.minEnd[j] = l.minEnd[j+1]
			}
			l.runEnd[j] = l.runEnd[j+1]
			if l.lots[j+1].end.Before(l.lots[j].end) {
				l.runEnd[j] = j + 1
			}
		}
	}
}

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

// counted returns how many events are dated at or before t: they are the
// ones that count at t.
func (l *ledger) counted(t time.Time) int {
	return sort.Search(len(l.at), func(i int) bool { return l.at[i].After(t) })
}

// nextEvent returns the instant of the first event dated after at, from
// which it counts, or false.
func (l *ledger) nextEvent(at time.Time) (time.Time, bool) {
	i := l.counted(at)
	if i == len(l.at) {
		return time.Time{}, false
	}
	return l.at[i], true
}

// nextChange returns the first instant after at at which the credits
// available change (an event counting or a lot with credits lapsing), or
// false.
func (l *ledger) nextChange(at time.Time) (time.Time, bool) {
	k := sortSearchAfter(l.change, at)
	if k == len(l.change) {
		return time.Time{}, false
	}
	return l.change[k], true
}

// expiredRange splits lots[a:b] by whether they have ended by t: it calls
// span for each run of consecutive lots that all have (ended true) or all
// have not, in index order. Lots ending in purchase order make one or two
// runs; the month-end clamp adds at most a few, those ending on t's day.
func (l *ledger) expiredRange(a, b int, t time.Time, span func(from, to int, ended bool)) {
	if a >= b {
		return
	}
	// lots[a:p] have all ended by t, lots[q:b] none. Searching [a, b)
	// alone keeps the search among the lots still live, usually few.
	p := a + sort.Search(b-a, func(j int) bool { return l.maxEnd[a+j].After(t) })
	q := p + sort.Search(b-p, func(j int) bool { return l.minEnd[p+j].After(t) })
	if a < p {
		span(a, p, true)
	}
	for s := p; s < q; {
		r := min(l.runEnd[s], q)
		run := l.lots[s:r] // ends in order
		k := s + sort.Search(len(run), func(i int) bool { return run[i].end.After(t) })
		if s < k {
			span(s, k, true)
		}
		if k < r {
			span(k, r, false)
		}
		s = r
	}
	if q < b {
		span(q, b, false)
	}
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
