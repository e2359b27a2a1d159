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
// the year; its Reason names the account and the quarter. The
// Verdict's Until is the first instant after the one asked at which the
// statement differs (a purchase or call-off dated before the quarter's end
// and not yet counted), or the zero time. The zero Statement is no answer:
// it comes only with an error.
type Statement struct {
	rule.Verdict
	// Account is the account's ID.
	Account string
	// Quarter is the quarter reported.
	Quarter Quarter
	// Opening are the figures as of the quarter's first instant; they equal
	// the previous quarter's Closing.
	Opening Figures
	// Movements are what happened within the quarter: credits purchased,
	// used and expired in it, and Available the net change.
	Movements Figures
	// Closing are the figures as of the quarter's end (its first instant
	// after), the ones CRD-STATEMENT reports.
	Closing Figures
}

// Statement returns the statement for quarter q as known at at: the history
// dated before at, as of q's end. Asked before the quarter is over it is a
// projection; credits that lapse by the quarter's end count as expired.
// An invalid quarter, a nil or a zero Ledger is an error. It costs
// O(log n) in the history and a fixed number of allocations.
func (lg Ledger) Statement(q Quarter, at time.Time) (Statement, error) {
	if err := lg.ready(); err != nil {
		return Statement{}, err
	}
	l := lg.l
	if !q.IsValid() {
		return Statement{}, fmt.Errorf("credits: account %s: invalid quarter %d-Q%d", l.account.ID, q.Year, q.Q)
	}
	start, end := q.Start(), q.End()
	// CRD-STATEMENT: calendar quarters, figures as of the quarter's end.
	opening := l.nums.figures(l, earliest(at, start), start)
	closing := l.nums.figures(l, earliest(at, end), end)
	st := Statement{
		Verdict:   rule.Verdict{Allowed: true, Rules: rulesStatement, Reason: statementReason(l.account.ID, q, closing)},
		Account:   l.account.ID,
		Quarter:   q,
		Opening:   opening,
		Movements: closing.sub(opening),
		Closing:   closing,
	}
	// Every event moves Purchased or Used, so the first not yet counted that
	// falls before the quarter's end changes the statement.
	if t, ok := l.nextEvent(at); ok && t.Before(end.Add(time.Nanosecond)) {
		st.Until = t
	}
	return st, nil
}

// rulesStatement is every statement's rules.
var rulesStatement = rule.ListOf(rule.CrdStatement)
