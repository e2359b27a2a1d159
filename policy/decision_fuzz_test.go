package policy_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/shopspring/decimal"
)

// FuzzDecisionJSON: decoding a Decision never panics, and whatever decodes
// encodes and decodes back to the same decision (amounts by value, none
// and empty alike), with the same JSON the second time.
func FuzzDecisionJSON(f *testing.F) {
	for _, s := range []string{
		`{"outcome":"allow","rules":["LIC-SUB-TERM","ENT-GRACE"],"reason":"in grace","until":"2025-01-31T00:00:00Z","obligations":[],"values":{}}`,
		`{"outcome":"deny","rules":[],"reason":"","until":"never","obligations":[{"kind":"warning","rule":"LIC-TRIAL-WARN","due":"2025-03-01T00:00:00.000000001Z","subject":"T1"}],"values":{"discount":"1250.00"}}`,
		`{"outcome":"allow","rules":["CRD-INVOICE"],"reason":"x","until":"never","obligations":[{"kind":"invoice","rule":"CRD-INVOICE","subject":"professional"}],"values":{"credits":"37"}}`,
		`{"outcome":"maybe"}`, `{"values":{"a":"1e9"}}`, `{"until":"2025-01-31T00:00:00+02:00"}`, `null`, `{"extra":1}`,
	} {
		f.Add([]byte(s))
	}
	amounts := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
	f.Fuzz(func(t *testing.T, b []byte) {
		var d policy.Decision
		if err := json.Unmarshal(b, &d); err != nil {
			return
		}
		enc, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("%s decodes to %v, which does not encode: %v", b, d, err)
		}
		var back policy.Decision
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Fatalf("%s encodes to %s, which does not decode: %v", b, enc, err)
		}
		if diff := cmp.Diff(d, back, amounts, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("%s does not round-trip through %s:\n%s", b, enc, diff)
		}
		if again, err := json.Marshal(back); err != nil || string(again) != string(enc) {
			t.Fatalf("%s encodes as %s, then as %s (%v)", b, enc, again, err)
		}
	})
}

// FuzzOutcomeText: only "allow" and "deny" decode, and they encode back
// to themselves.
func FuzzOutcomeText(f *testing.F) {
	for _, s := range []string{"allow", "deny", "", "Allow", "permit"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var o policy.Outcome
		err := o.UnmarshalText([]byte(s))
		if (err == nil) != (s == "allow" || s == "deny") {
			t.Fatalf("UnmarshalText(%q) error %v", s, err)
		}
		if err != nil {
			return
		}
		if text, err := o.MarshalText(); err != nil || string(text) != s {
			t.Fatalf("%q decodes to %v, which encodes to %q, %v", s, o, text, err)
		}
	})
}
