package policy

import (
	"strconv"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/shopspring/decimal"
)

// The reasons of the credit decisions are written into one buffer, not
// formatted: fmt, and then the amounts' own String, cost as much as the
// rest of the translation (BENCHMARKS.md, "Decide per request kind"). Each
// says what fmt.Sprintf said.

// purchaseReason is "an order of %s %s credits may be placed; all of them
// are invoiced at once" of the credits and their kind.
func purchaseReason(n decimal.Decimal, kind credits.Kind) string {
	var buf [128]byte
	b := append(buf[:0], "an order of "...)
	b = appendDecimal(b, n)
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
	b := appendDecimal(buf[:0], n)
	b = append(b, " credits may be called off from account "...)
	b = append(b, account...)
	b = append(b, ", the oldest unexpired first, leaving "...)
	b = appendDecimal(b, balance)
	return string(b)
}

// statementReason is "statement of account %s for %s: %s credits
// purchased, %s used, %s expired, %s available" of the account, the
// quarter and its closing figures.
func statementReason(account string, q credits.Quarter, c credits.Figures) string {
	var buf [192]byte
	b := append(buf[:0], "statement of account "...)
	b = append(b, account...)
	b = append(b, " for "...)
	b, _ = q.AppendText(b) // a statement's quarter is valid
	b = append(b, ": "...)
	b = appendDecimal(b, c.Purchased)
	b = append(b, " credits purchased, "...)
	b = appendDecimal(b, c.Used)
	b = append(b, " used, "...)
	b = appendDecimal(b, c.Expired)
	b = append(b, " expired, "...)
	b = appendDecimal(b, c.Available)
	b = append(b, " available"...)
	return string(b)
}

// appendDecimal appends d as d.String() spells it. The amounts of credit
// reasons fit in an int64 coefficient and are written from it without the
// two allocations big.Int's formatting costs; any other amount is d.String().
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	exp := d.Exponent()
	if exp > 0 || exp < -18 || d.NumDigits() > 18 {
		return append(b, d.String()...)
	}
	c := d.CoefficientInt64()
	if c < 0 {
		b = append(b, '-')
		c = -c
	}
	var digits [20]byte
	s := strconv.AppendInt(digits[:0], c, 10)
	point := len(s) + int(exp) // digits before the point
	if point <= 0 {
		b = append(b, '0')
	} else {
		b = append(b, s[:point]...)
	}
	frac := s[max(point, 0):]
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if len(frac) == 0 {
		return b
	}
	b = append(b, '.')
	for range -point {
		b = append(b, '0')
	}
	return append(b, frac...)
}
