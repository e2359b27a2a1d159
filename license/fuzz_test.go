package license_test

import (
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
)

// textEnum is what every enumeration of the package implements.
type textEnum interface {
	MarshalText() ([]byte, error)
	String() string
}

func roundTrip[T textEnum](t *testing.T, s string, parse func([]byte) (T, error)) {
	v, err := parse([]byte(s))
	if err != nil {
		return
	}
	text, err := v.MarshalText()
	if err != nil || string(text) != s {
		t.Fatalf("%q decodes to %v, which encodes to %q, %v", s, v, text, err)
	}
	if back, err := parse(text); err != nil || back.String() != v.String() {
		t.Fatalf("%q does not round-trip: %v, %v", s, back, err)
	}
}

func FuzzEnums(f *testing.F) {
	for _, s := range []string{"perpetual", "subscription", "trial", "standard", "premium", "hardware", "virtual",
		"software", "rma", "rebalance", "active", "in-grace", "expired", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		roundTrip(t, s, func(b []byte) (k license.Kind, err error) { err = k.UnmarshalText(b); return })
		roundTrip(t, s, func(b []byte) (v license.Tier, err error) { err = v.UnmarshalText(b); return })
		roundTrip(t, s, func(b []byte) (v license.Family, err error) { err = v.UnmarshalText(b); return })
		roundTrip(t, s, func(b []byte) (v license.MoveReason, err error) { err = v.UnmarshalText(b); return })
		roundTrip(t, s, func(b []byte) (v license.State, err error) { err = v.UnmarshalText(b); return })
	})
}
