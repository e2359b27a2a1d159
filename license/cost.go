package license

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

var expenseNames = []string{"", "capex", "opex"}

// String returns "capex" or "opex".
func (e Expense) String() string { return nameOf(expenseNames, "license.Expense", int(e)) }

// Cost returns how the license is accounted for (LIC-COST): a perpetual
// license is a capital expense, a subscription an operating one; a trial
// costs nothing and reports the zero Expense.
func (l License) Cost() Expense {
	switch l.kind {
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
func (l License) IncludesSupport() bool { return l.kind == Subscription }
