package license

import (
	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Expense is how a license is accounted for (LIC-COST). The zero Expense is
// invalid.
type Expense uint8

// The expenses. Append-only: never reorder or reuse a value.
const (
	_ Expense = iota
	// CapitalExpense: a perpetual license, bought once for the long term.
	CapitalExpense
	// OperatingExpense: a subscription, paid for as it is used.
	OperatingExpense
)

var expenses = enum.New[Expense]("license", "Expense", "expense", rule.LicCost.UnknownName,
	"", "capex", "opex")

// ParseExpense returns the expense named s ("capex", "opex"); an unknown name
// is a *rule.Violation of LIC-COST that lists the names.
func ParseExpense(s string) (Expense, error) { return expenses.Parse(s) }

// IsValid reports whether e is one of the expenses.
func (e Expense) IsValid() bool { return expenses.IsValid(e) }

// String returns "capex" or "opex", or "license.Expense(N)" for a value that
// is neither.
func (e Expense) String() string { return expenses.String(e) }

// AppendText appends the expense's name; an invalid expense is an error.
func (e Expense) AppendText(b []byte) ([]byte, error) { return expenses.AppendText(b, e) }

// MarshalText encodes the expense's name; an invalid expense is an error.
func (e Expense) MarshalText() ([]byte, error) { return e.AppendText(nil) }

// UnmarshalText decodes an expense's name, leaving e as it was on an error.
func (e *Expense) UnmarshalText(b []byte) error { return expenses.Unmarshal(e, b) }

// Cost returns how the license is accounted for (LIC-COST): a perpetual
// license is a capital expense, a subscription an operating one; a trial
// costs nothing and reports the zero Expense.
func (l License) Cost() Expense {
	switch l.get().kind {
	case Perpetual:
		return CapitalExpense
	case Subscription:
		return OperatingExpense
	}
	return 0
}

// IncludesSupport reports whether customer support comes with the license:
// a subscription includes it (LIC-SUB-SUPPORT); for a perpetual license it is
// purchased separately (LIC-PERP-BIND).
func (l License) IncludesSupport() bool { return l.get().kind == Subscription }
