package amount

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestAppendIsString: reasons and decisions spell amounts as
// decimal.Decimal.String does, for amounts of every sign, scale and size,
// int64 coefficients or not.
func TestAppendIsString(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var d decimal.Decimal
		exp := rapid.Int32Range(-25, 4).Draw(t, "exp")
		if rapid.Bool().Draw(t, "big") {
			digits := []byte{byte('1' + rapid.IntRange(0, 8).Draw(t, "lead"))}
			for _, x := range rapid.SliceOfN(rapid.IntRange(0, 9), 0, 40).Draw(t, "digits") {
				digits = append(digits, byte('0'+x))
			}
			d = decimal.RequireFromString(string(digits)).Shift(exp)
			if rapid.Bool().Draw(t, "negative") {
				d = d.Neg()
			}
		} else {
			d = decimal.New(rapid.Int64().Draw(t, "coefficient"), exp)
		}
		if got, want := string(Append([]byte("x"), d)), "x"+d.String(); got != want {
			t.Fatalf("Append(%#v) = %q, want %q", d, got, want)
		}
	})
}
