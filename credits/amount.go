package credits

import (
	"fmt"

	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/shopspring/decimal"
)

// checkAmount refuses an amount beyond the library's bound on amounts (at
// most 40 digits either side of the point, the bound a license's capacity
// and a use's units share); what names it (built only on failure). It says
// nothing about the rules: a negative, zero or partial amount passes here
// and is refused by the rule it breaks.
func checkAmount(d decimal.Decimal, what func() string) error {
	if !amount.InBounds(d) {
		return fmt.Errorf("credits: %s is %s", what(), amount.OutOfRange(d))
	}
	return nil
}
