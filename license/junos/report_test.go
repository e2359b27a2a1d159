package junos

import (
	"testing"
)

// TestValidityOutOfRangeIsInvalid: only the three validities are valid;
// the values beside them print as Go values and do not marshal.
func TestValidityOutOfRangeIsInvalid(t *testing.T) {
	for _, v := range []Validity{Permanent, DateBased, CountDown, Expired} {
		if !v.IsValid() {
			t.Errorf("%v is invalid", v)
		}
	}
	if Validity(0).IsValid() || Validity(0).String() != "junos.Validity(0)" {
		t.Errorf("the zero validity: valid %v, %q", Validity(0).IsValid(), Validity(0))
	}
	if v := Validity(5); v.IsValid() || v.String() != "junos.Validity(5)" {
		t.Errorf("validity 5: valid %v, %q", v.IsValid(), v)
	}
	if b, err := Validity(5).MarshalText(); err == nil {
		t.Errorf("validity 5 marshals to %q", b)
	}
}
