package credits

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Figures are an account's credits at an instant, cumulative from the
// account's first purchase: Purchased = Used + Expired + Available always.
// The zero Figures are those of an account with no history.
type Figures struct {
	// Purchased is every credit bought.
	Purchased decimal.Decimal
	// Used is every credit called off.
	Used decimal.Decimal
	// Expired is every credit left unused at its lot's end (CRD-VALIDITY).
	Expired decimal.Decimal
	// Available is the unexpired credits left to call off.
	Available decimal.Decimal
}

// Add returns the figures plus g, field by field: Opening.Add(Movements) is
// Closing.
func (f Figures) Add(g Figures) Figures { return f.each(g, decimal.Decimal.Add) }

// sub returns the figures minus g, field by field.
func (f Figures) sub(g Figures) Figures { return f.each(g, decimal.Decimal.Sub) }

// each applies op to each field of f and g.
func (f Figures) each(g Figures, op func(a, b decimal.Decimal) decimal.Decimal) Figures {
	return Figures{
		Purchased: op(f.Purchased, g.Purchased),
		Used:      op(f.Used, g.Used),
		Expired:   op(f.Expired, g.Expired),
		Available: op(f.Available, g.Available),
	}
}

// Statement is the quarterly statement of an account (CRD-STATEMENT): the
// [rule.Verdict] every domain answers with, always allowed, citing
// CRD-STATEMENT, with its credits used and available for one quarter of
// the year; its Reason names the account and the quarter. The Verdict's
// Until is the first instant after the one asked at which the statement
// differs (an event counts, or a lot with credits left lapses, within the
// quarter or before it), or the zero time. The zero Statement is no
// answer: it comes only with an error.
type Statement struct {
	rule.Verdict
	// Account is the account's ID.
	Account string
	// Quarter is the quarter reported.
	Quarter Quarter
	// Opening are the figures as of the last instant before the quarter
	// (or as of the instant asked, when that is earlier); they equal the
	// previous quarter's Closing.
	Opening Figures
	// Movements are what happened within the quarter: credits purchased,
	// used and expired in it, and Available the net change.
	Movements Figures
	// Closing are the figures CRD-STATEMENT reports: as of the quarter's
	// last instant, or as of the instant asked when the quarter has not
	// ended by then.
	Closing Figures
}

// Statement returns the statement for quarter q asked at at (CRD-STATEMENT):
// running totals since the account's first purchase as of the quarter's
// last instant, q.End() less a nanosecond, so a lot lapsing at q.End() has
// not lapsed within q and counts as expired from the next quarter's
// statement on. Asked before the quarter is over it reports as of at:
// nothing that has not happened yet. An invalid quarter or the zero
// Ledger is an error. It costs O(log n) in the history and a fixed number
// of allocations.
func (lg Ledger) Statement(q Quarter, at time.Time) (Statement, error) {
	if err := lg.ready(); err != nil {
		return Statement{}, err
	}
	l := lg.l
	if !q.IsValid() {
		return Statement{}, fmt.Errorf("credits: account %s: invalid quarter %d-Q%d", l.account.ID, q.Year, q.Q)
	}
	start, end := q.Start(), q.End()
	// CRD-STATEMENT: calendar quarters, half-open, figures as of the
	// quarter's last instant or, before that, as of at.
	opening := l.nums.figures(l, earliest(at, start.Add(-time.Nanosecond)))
	closing := l.nums.figures(l, earliest(at, end.Add(-time.Nanosecond)))
	st := Statement{
		Verdict:   rule.Verdict{Allowed: true, Rules: rulesStatement, Reason: statementReason(l.account.ID, q, closing)},
		Account:   l.account.ID,
		Quarter:   q,
		Opening:   opening,
		Movements: closing.sub(opening),
		Closing:   closing,
	}
	// Every event moves Purchased or Used, and a change of the credits
	// available that is no event's is a lapse, moving Expired: the first of
	// them after at changes the statement while its figures are as of at.
	next, ok := l.nextEvent(at)
	if c, has := l.nextChange(at); has && (!ok || c.Before(next)) {
		next, ok = c, true
	}
	if ok && next.Before(end) {
		st.Until = next
	}
	return st, nil
}

// rulesStatement is every statement's rules.
var rulesStatement = rule.ListOf(rule.CrdStatement)
