package credits

import (
	"bytes"
	"strings"
	"testing"
)

// textCodec is what the enumerations share.
type textCodec interface {
	MarshalText() ([]byte, error)
	String() string
}

func TestEnumerationsUseTheScenarioNames(t *testing.T) {
	for _, c := range []struct {
		v    textCodec
		name string
	}{
		{Professional, "professional"}, {Flexible, "flexible"},
		{Assessment, "assessment"}, {Design, "design"}, {Deployment, "deployment"}, {Migration, "migration"},
		{Fixed, "fixed"}, {Duration, "duration"},
	} {
		b, err := c.v.MarshalText()
		if err != nil || string(b) != c.name || c.v.String() != c.name {
			t.Errorf("%v: MarshalText %q %v, String %q, want %q", c.v, b, err, c.v.String(), c.name)
		}
	}
	// The zero values are invalid and say so.
	for _, v := range []textCodec{Kind(0), EngagementType(0), Pricing(0), Kind(9)} {
		if _, err := v.MarshalText(); err == nil {
			t.Errorf("%v marshals", v)
		}
		if !strings.HasPrefix(v.String(), "credits.") {
			t.Errorf("String of an invalid value is %q", v.String())
		}
	}
	var k Kind
	err := k.UnmarshalText([]byte("Professional"))
	if err == nil || !strings.Contains(err.Error(), "professional, flexible") {
		t.Fatalf("UnmarshalText(Professional) = %v, want an error listing the names", err)
	}
}

// fuzzText checks one enumeration's decoder: it never panics, accepts
// exactly the names MarshalText gives back, and an error lists them.
func fuzzText[T any, P interface {
	*T
	UnmarshalText([]byte) error
	MarshalText() ([]byte, error)
}](f *testing.F, names ...string) {
	for _, n := range names {
		f.Add([]byte(n))
	}
	f.Add([]byte(""))
	f.Add([]byte("PROFESSIONAL"))
	f.Add([]byte("design\x00"))
	f.Fuzz(func(t *testing.T, text []byte) {
		var v T
		err := P(&v).UnmarshalText(text)
		if err != nil {
			if !strings.Contains(err.Error(), strings.Join(names, ", ")) {
				t.Fatalf("error %q does not list %v", err, names)
			}
			return
		}
		back, err := P(&v).MarshalText()
		if err != nil || !bytes.Equal(back, text) {
			t.Fatalf("%q decodes but encodes as %q, %v", text, back, err)
		}
	})
}

func FuzzKindText(f *testing.F) { fuzzText[Kind](f, "professional", "flexible") }

func FuzzEngagementTypeText(f *testing.F) {
	fuzzText[EngagementType](f, "assessment", "design", "deployment", "migration")
}

func FuzzPricingText(f *testing.F) { fuzzText[Pricing](f, "fixed", "duration") }
