package scenario_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// boundaryInstants are the instants at the edges of the format and of the
// calendar that the structured fuzzer picks from, beside fuzzed text.
var boundaryInstants = []string{
	"0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000001Z",
	"9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59-00:01", "9998-12-31T00:00:00Z",
	"2024-02-29T00:00:00Z", "2025-01-01T00:00:00+23:59", "2021-10-01T00:00:00Z", "2025-06-01T00:00:00Z",
}

// structuredFile builds a scenario file from fuzzed parts: every kind of
// fact and one check of every request kind, with IDs, instants, amounts
// and counts taken from the parts, so that the decoder's paths past the
// syntax are reached on most inputs.
func structuredFile(id, feature, at, amount string, pick uint16, count int32, licenseKind uint8) []byte {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	instant := func(k uint16) string {
		if k%uint16(len(boundaryInstants)+1) == uint16(len(boundaryInstants)) {
			return q(at)
		}
		return q(boundaryInstants[k%uint16(len(boundaryInstants))])
	}
	i1, i2, i3 := instant(pick), instant(pick/3+1), instant(pick/7+2)
	kinds := []string{"perpetual", "subscription", "trial"}
	lk := kinds[int(licenseKind)%len(kinds)]
	license := fmt.Sprintf(`{"id": %s, "kind": %q, "tier": "premium", "platform": "MX", "device": %s, "features": [%s], "start": %s`, q(id), lk, q(id), q(feature), i1)
	switch lk {
	case "subscription":
		license += `, "termYears": 1`
	case "trial":
		license += `, "end": ` + i2
	}
	license += `, "capacity": ` + q(amount)
	if licenseKind/3%2 == 1 {
		// A history: an RMA to the second device, a tier change and a
		// renewal, as the license's kind may have them.
		events := fmt.Sprintf(`{"at": %s, "kind": "moveLicense", "to": %s, "reason": "rma"}`, i2, q(id+"-2"))
		if lk == "subscription" {
			events += fmt.Sprintf(`, {"at": %s, "kind": "changeTier", "tier": "advanced"}, {"at": %s, "kind": "renewLicense", "termYears": %d}`, i2, i3, count)
		}
		license += `, "history": [` + events + `]`
	}
	license += `}`
	eng := `{"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}`
	var b strings.Builder
	fmt.Fprintf(&b, `{"name": "fuzz", "terms": {"initialGraceDays": %d, "tmipNoticeEveryDays": %d},
 "devices": [{"serial": %s, "platform": "MX"}, {"serial": %s, "platform": "MX"}],
 "licenses": [%s],
 "orders": [{"id": %s, "accounts": [%s], "emails": ["ops@example.com"], "lines": [{"id": %s, "product": "MX", "kind": "subscription", "tier": "premium", "termYears": 1, "features": [%s], "quantity": %d, "shipDate": %s}]}],
 "contacts": [{"id": %s, "accounts": [%s]}],
 "creditAccounts": [{"id": %s, "kind": "professional", "purchases": [{"id": %s, "at": %s, "credits": %s}], "callOffs": [{"at": %s, "credits": %s, "engagement": %s}]}],
 "tradeIns": [{"id": %s, "sku": "MX960-PREMIUM2-AC", "serial": %s, "newProduct": "MX304", "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"}, "ordered": %s, "returned": %s}],
 "checks": [`,
		count%100000, count%1000+1, q(id), q(id+"-2"), license, q(id), q(id), q(id), q(feature), count, i1,
		q(id), q(id), q(id), q(id), i1, q(amount), i2, q(amount), eng, q(id), q(id), i2, i3)
	checks := []string{
		fmt.Sprintf(`{"kind": "useFeature", "license": %s, "device": %s, "feature": %s, "units": %s}`, q(id), q(id), q(feature), q(amount)),
		fmt.Sprintf(`{"kind": "moveLicense", "license": %s, "to": %s, "reason": "rma"}`, q(id), q(id)),
		fmt.Sprintf(`{"kind": "renewLicense", "license": %s, "termYears": %d}`, q(id), count),
		fmt.Sprintf(`{"kind": "changeTier", "license": %s, "tier": "standard"}`, q(id)),
		fmt.Sprintf(`{"kind": "trialAvailable", "platform": %s, "feature": %s}`, q(id), q(feature)),
		fmt.Sprintf(`{"kind": "fulfilLine", "order": %s, "line": %s}`, q(id), q(id)),
		fmt.Sprintf(`{"kind": "viewEntitlement", "contact": %s, "order": %s, "line": %s}`, q(id), q(id), q(id)),
		fmt.Sprintf(`{"kind": "purchaseCredits", "creditKind": "flexible", "credits": %s, "discount": %s}`, q(amount), q(amount)),
		fmt.Sprintf(`{"kind": "callOff", "account": %s, "credits": %s, "engagement": %s}`, q(id), q(amount), eng),
		fmt.Sprintf(`{"kind": "creditStatement", "account": %s, "quarter": "2025-Q2"}`, q(id)),
		fmt.Sprintf(`{"kind": "tradeIn", "tradeIn": %s}`, q(id)),
		fmt.Sprintf(`{"kind": "tradeInCompliance", "tradeIn": %s}`, q(id)),
	}
	notRule := []string{`"ENT-GRACE"`, `"LIC-RENEW"`, q(feature)}
	for i, c := range checks {
		if i > 0 {
			b.WriteString(",\n  ")
		}
		fmt.Fprintf(&b, `{"at": %s, "request": %s, "expect": {"outcome": "allow", "until": %s, "values": {"x": %s}, "notRules": [%s], "exact": %t}}`,
			instant(pick+uint16(i)), c, i3, q(amount), notRule[(int(pick)+i)%3], (int(pick)+i)%2 == 0)
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// FuzzDecodeStructured: on files built from fuzzed parts (IDs, instants at
// the edges of the format, amounts, counts, license kinds), decoding never
// panics, every error is an *Error naming the file, its path and its
// line:column, and every check of a decoded file decides without error,
// the decoder's promise.
func FuzzDecodeStructured(f *testing.F) {
	f.Add("L1", "bgp", "2025-06-01T00:00:00Z", "10", uint16(9), int32(2), uint8(1))
	f.Add("mx-1", "ospf", "2024-02-30T00:00:00Z", "0.5", uint16(0), int32(0), uint8(0))
	f.Add("a\"b\\c\n", "é", "0001-01-01T00:00:00Z", "-1", uint16(1), int32(-5), uint8(2))
	f.Add("x", "y", "9999-12-31T23:59:59Z", strings.Repeat("9", 40), uint16(3), int32(1_000_000), uint8(1))
	f.Add("x", "y", "2025-01-01T00:00:00+24:00", "1."+strings.Repeat("0", 40), uint16(10), int32(3), uint8(2))
	f.Add("L1", "bgp", "2025-06-01T00:00:00Z", "10", uint16(9), int32(1), uint8(4))
	f.Add("P1", "bgp", "2025-06-01T00:00:00Z", "10", uint16(2), int32(1), uint8(3))
	f.Fuzz(func(t *testing.T, id, feature, at, amount string, pick uint16, count int32, licenseKind uint8) {
		file := structuredFile(id, feature, at, amount, pick, count, licenseKind)
		s, err := scenario.Decode("fuzz.json", bytes.NewReader(file))
		if err != nil {
			var se *scenario.Error
			if !errors.As(err, &se) || se.File != "fuzz.json" || !strings.HasPrefix(err.Error(), "fuzz.json:") {
				t.Fatalf("error %T %v: want a *Error naming the file", err, err)
			}
			var es scenario.Errors
			if errors.As(err, &es) {
				for i, e := range es {
					if e.Line < 1 && i < len(es)-1 {
						t.Fatalf("error %d has no line: %v", i, e)
					}
					if i > 0 && e.Line > 0 && (e.Line < es[i-1].Line || (e.Line == es[i-1].Line && e.Column < es[i-1].Column)) {
						t.Fatalf("errors out of file order: %v then %v", es[i-1], e)
					}
				}
			}
			return
		}
		for _, c := range s.Checks {
			d, err := s.Decide(c)
			if err != nil {
				t.Fatalf("check %d: a decoded check does not decide: %v\n%s", c.Index, err, file)
			}
			_ = c.Expect.Mismatches(d)
		}
	})
}
