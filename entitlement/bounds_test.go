package entitlement

import (
	"github.com/licensepolicy/licensepolicy/license"
	"strings"
	"testing"
)

// TestENTAutoQuantityBoundsAreInclusive: a line's quantity is "between 1 and
// MaxLineQuantity" both included, and terms whose maximum is 1 are valid
// (one entitlement per line), so neither edge is refused.
func TestENTAutoQuantityBoundsAreInclusive(t *testing.T) {
	if _, err := NewProgram(DefaultCatalog(), Terms{MaxLineQuantity: 1}, license.DefaultProgram()); err != nil {
		t.Fatalf("terms with a maximum quantity of 1 refused: %v", err)
	}
	for _, max := range []int{1, 3, 10_000} {
		env := MustNewProgram(DefaultCatalog(), Terms{MaxLineQuantity: max}, license.DefaultProgram())
		spec := sampleSpec()
		for i := range spec.Lines {
			spec.Lines[i].Quantity = 1
		}
		spec.Lines[0].Quantity = max
		if _, err := env.NewOrder(spec); err != nil {
			t.Errorf("a line of %d units under a maximum of %d refused: %v", max, max, err)
		}
		spec.Lines[0].Quantity = max + 1
		if _, err := env.NewOrder(spec); err == nil {
			t.Errorf("a line of %d units under a maximum of %d built an order", max+1, max)
		}
	}
}

// TestNewOrderErrorsNameTheOrderAndLine: every error says which order, and
// a line without an ID is called by its 1-based position in what follows,
// so a caller can find the value it must fix.
func TestNewOrderErrorsNameTheOrderAndLine(t *testing.T) {
	spec := sampleSpec()
	spec.Lines[0].ID, spec.Lines[0].Features = "", nil
	_, err := DefaultProgram().NewOrder(spec)
	if err == nil {
		t.Fatal("an order with a line without ID and features was built")
	}
	for _, want := range []string{"order SO1: line 0 has no ID", "order SO1: line #1 grants no feature"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	spec.ID = ""
	if _, err := DefaultProgram().NewOrder(spec); err == nil || !strings.Contains(err.Error(), ": order: has no ID; order: line 0 has no ID") {
		t.Errorf("an order without ID: error %q, want it to say %q", err, "order: has no ID; order: line 0 has no ID")
	}
}
