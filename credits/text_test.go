package credits

import (
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/enum/enumtest"
)

// The names are SCENARIOS.md's: "kind": "professional" | "flexible",
// "type": "assessment" | "design" | "deployment" | "migration",
// "pricing": "fixed" | "duration".
var (
	kindNames           = []string{"professional", "flexible"}
	engagementTypeNames = []string{"assessment", "design", "deployment", "migration"}
	pricingNames        = []string{"fixed", "duration"}
)

func TestEnumerationsUseTheScenarioNames(t *testing.T) {
	enumtest.Check[Kind](t, "credits.Kind", ParseKind, append([]string{""}, kindNames...)...)
	enumtest.Check[EngagementType](t, "credits.EngagementType", ParseEngagementType, append([]string{""}, engagementTypeNames...)...)
	enumtest.Check[Pricing](t, "credits.Pricing", ParsePricing, append([]string{""}, pricingNames...)...)
}

func TestQuarterTextRoundTripsAndTheZeroQuarterIsInvalid(t *testing.T) {
	// "quarter": "2025-Q1" (SCENARIOS.md, creditStatement).
	for _, c := range []struct {
		text string
		want Quarter
	}{
		{"2025-Q1", Quarter{2025, 1}}, {"2025-Q4", Quarter{2025, 4}}, {"0001-Q2", Quarter{1, 2}}, {"9999-Q3", Quarter{9999, 3}},
	} {
		var q Quarter
		if err := q.UnmarshalText([]byte(c.text)); err != nil || q != c.want || !q.IsValid() {
			t.Errorf("%q decodes to %+v, %v; want %+v", c.text, q, err, c.want)
		}
		if b, err := q.MarshalText(); err != nil || string(b) != c.text || q.String() != c.text {
			t.Errorf("%+v encodes as %q, %v", q, b, err)
		}
	}
	for _, q := range []Quarter{{}, {2025, 0}, {2025, 5}, {0, 1}, {10000, 1}} {
		if _, err := q.MarshalText(); err == nil || q.IsValid() {
			t.Errorf("%+v is valid or marshals", q)
		}
	}
	q := Quarter{2025, 1}
	for _, bad := range []string{"", "2025Q1", "2025-Q5", "2025-Q0", "02025-Q1", "-2025-Q1", "+2025-Q1", "10000-Q1", "2025-q1", strings.Repeat("9", 200) + "-Q1"} {
		err := q.UnmarshalText([]byte(bad))
		if err == nil || q != (Quarter{2025, 1}) || !strings.Contains(err.Error(), "2025-Q1") || len(err.Error()) > 200 {
			t.Errorf("%q: %v, left %+v", bad, err, q)
		}
	}
	if s, e := (Quarter{2025, 1}).Start(), (Quarter{2025, 1}).End(); !s.Equal(instant(t, "2025-01-01T00:00:00Z")) || !e.Equal(instant(t, "2025-04-01T00:00:00Z")) {
		t.Errorf("2025-Q1 is [%s, %s)", s, e)
	}
	if n := (Quarter{2025, 4}).Next(); n != (Quarter{2026, 1}) {
		t.Errorf("after 2025-Q4 comes %s", n)
	}
	if q := QuarterOf(instant(t, "2025-06-30T23:59:59.999999999-01:00")); q != (Quarter{2025, 3}) {
		t.Errorf("QuarterOf the last instant of June, an hour west of UTC = %s, want 2025-Q3", q)
	}
}

func FuzzKindText(f *testing.F) {
	enumtest.Fuzz[Kind](f, kindNames...)
}

func FuzzEngagementTypeText(f *testing.F) {
	enumtest.Fuzz[EngagementType](f, engagementTypeNames...)
}

func FuzzPricingText(f *testing.F) { enumtest.Fuzz[Pricing](f, pricingNames...) }

// FuzzQuarterText: a quarter decodes only from the text it encodes to, and a
// refusal leaves the quarter as it was.
func FuzzQuarterText(f *testing.F) {
	for _, s := range []string{"2025-Q1", "9999-Q4", "0000-Q1", "02025-Q1", "2025-Q5", "-001-Q1", "+2025-Q1", "2025-Q", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		q := Quarter{2025, 1}
		if err := q.UnmarshalText(text); err != nil {
			if q != (Quarter{2025, 1}) {
				t.Fatalf("a refused %q changed the quarter to %+v", text, q)
			}
			return
		}
		if b, err := q.MarshalText(); err != nil || string(b) != string(text) {
			t.Fatalf("%q decodes to %+v, which encodes as %q, %v", text, q, b, err)
		}
	})
}
