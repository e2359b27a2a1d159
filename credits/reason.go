package credits

import (
	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/shopspring/decimal"
)

// The reasons of allowed answers are written into one buffer, not
// formatted: fmt, and then the amounts' own String, cost as much as
// deciding them. Each says what fmt.Sprintf said.

// purchaseReason is "an order of %s %s credits may be placed; all of them
// are invoiced at once" of the credits and their kind.
func purchaseReason(n decimal.Decimal, kind Kind) string {
	var buf [128]byte
	b := append(buf[:0], "an order of "...)
	b = amount.Append(b, n)
	b = append(b, ' ')
	b = append(b, kind.String()...)
	b = append(b, " credits may be placed; all of them are invoiced at once"...)
	return string(b)
}

// callOffReason is "%s credits may be called off from account %s, the
// oldest unexpired first, leaving %s" of the credits, the account and the
// balance.
func callOffReason(n decimal.Decimal, account string, balance decimal.Decimal) string {
	var buf [160]byte
	b := amount.Append(buf[:0], n)
	b = append(b, " credits may be called off from account "...)
	b = append(b, account...)
	b = append(b, ", the oldest unexpired first, leaving "...)
	b = amount.Append(b, balance)
	return string(b)
}

// statementReason is "statement of account %s for %s: %s credits
// purchased, %s used, %s expired, %s available" of the account, the
// quarter and its closing figures.
func statementReason(account string, q Quarter, c Figures) string {
	var buf [192]byte
	b := append(buf[:0], "statement of account "...)
	b = append(b, account...)
	b = append(b, " for "...)
	b, _ = q.AppendText(b) // a statement's quarter is valid
	b = append(b, ": "...)
	b = amount.Append(b, c.Purchased)
	b = append(b, " credits purchased, "...)
	b = amount.Append(b, c.Used)
	b = append(b, " used, "...)
	b = amount.Append(b, c.Expired)
	b = append(b, " expired, "...)
	b = amount.Append(b, c.Available)
	b = append(b, " available"...)
	return string(b)
}
