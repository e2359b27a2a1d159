package credits

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// maxAmountDigits bounds the size of an amount of credits. Decimal arithmetic
// on a number like 1e100000000 would take seconds; no order or call-off is
// that large, so such input is refused as out of range before any rule runs.
const maxAmountDigits = 40

// checkAmount refuses an amount too large or too finely divided to be a
// number of credits; what names it (built only on failure). It says nothing
// about the rules: a negative, zero or partial amount passes here and is
// refused by the rule it breaks.
func checkAmount(d decimal.Decimal, what func() string) error {
	exp, bits := d.Exponent(), d.Coefficient().BitLen()
	if exp < -maxAmountDigits || exp > maxAmountDigits || bits > maxAmountDigits*10/3 {
		// Not printed: formatting such a number is the cost being avoided.
		return fmt.Errorf("credits: %s is out of range (a %d-bit coefficient with exponent %d; at most %d digits either side of the point)",
			what(), bits, exp, maxAmountDigits)
	}
	return nil
}
