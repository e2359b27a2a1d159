package tmip

import (
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// TestDiscountMatchesTheFormulaAtTheIntegerPathLimit checks TMIP-SUPPORT's
// formula ("value x (days left at order) / (days of the contract) ...
// rounded half away from zero to cents; full value before the start, zero
// from the end") for values around the largest one the integer fast path
// takes, where cents × days × 2 comes within a contract's length of
// overflowing int64.
func TestDiscountMatchesTheFormulaAtTheIntegerPathLimit(t *testing.T) {
	start := instant(t, "2021-01-01T00:00:00Z")
	for _, total := range []int64{2, 3, 730} {
		limit := math.MaxInt64/2/total - 1 // the largest cents on the fast path
		for cents := limit - 1; cents <= limit+2; cents++ {
			c := Contract{Serial: "S", Start: start, End: start.AddDate(0, 0, int(total)), Value: decimal.New(cents, -2)}
			for _, d := range []int64{-1, 0, 1, total / 2, total - 1, total} {
				at := start.AddDate(0, 0, int(d)).Add(5 * time.Hour)
				if got, want := c.RemainingValue(at), refDiscount(c, at); !got.Equal(want) {
					t.Fatalf("%s over %d days, day %d: %s, want %s", c.Value, total, d, got, want)
				}
			}
		}
	}
}

// TestSupportContractBoundsAreInclusive checks the bounds doc.go puts on a
// contract, at them and one past: it may "last at most a century", and its
// value has "at most 40 digits either side of the point". Within them
// NewBook accepts it; past them it refuses it as bad input (TMIP-SUPPORT).
func TestSupportContractBoundsAreInclusive(t *testing.T) {
	pow10 := func(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }
	start := instant(t, "2021-01-01T00:00:00Z")
	cases := []struct {
		name    string
		days    int
		value   decimal.Decimal
		mention string // "" accepted
	}{
		{"a century of days", maxContractDays, dec("1000.00"), ""},
		{"a day more than a century", maxContractDays + 1, dec("1000.00"), "runs 36526 days, over 36525"},
		{"a cent written with 40 decimal places", 730, decimal.NewFromBigInt(pow10(38), -amount.MaxDigits), ""},
		{"a cent written with 41 decimal places", 730, decimal.NewFromBigInt(pow10(39), -amount.MaxDigits-1), "out of range"},
		{"1 followed by 40 zeros as exponent", 730, decimal.New(1, amount.MaxDigits), ""},
		{"1 followed by 41 zeros as exponent", 730, decimal.New(1, amount.MaxDigits+1), "out of range"},
		{"40 nines", 730, decimal.NewFromBigInt(new(big.Int).Sub(pow10(40), big.NewInt(1)), 0), ""},
		{"1 followed by 41 zeros as digits", 730, decimal.NewFromBigInt(pow10(41), 0), "out of range"},
	}
	for _, c := range cases {
		ti := eligible(t, "T", "MX10008")
		ti.Support = &Contract{Serial: "S", Start: start, End: start.AddDate(0, 0, c.days), Value: c.value}
		_, err := MustNewProgram(DefaultCatalog(), DefaultTerms()).NewBook([]TradeIn{ti})
		if c.mention == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		wantRules(t, err, rule.TmipSupport)
		if !strings.Contains(err.Error(), c.mention) {
			t.Errorf("%s: %v, want an error mentioning %q", c.name, err, c.mention)
		}
	}
}
