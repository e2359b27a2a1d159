package policy_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestDecisionJSONRefusesARepeatedKey: encoding/json keeps the last of a
// repeated key, so {"outcome":"deny","outcome":"allow"} decoded as an
// allow; a key given twice, at any depth, is refused.
func TestDecisionJSONRefusesARepeatedKey(t *testing.T) {
	for _, src := range []string{
		`{"outcome":"deny","outcome":"allow","rules":[],"reason":"","until":"never","obligations":[],"values":{}}`,
		`{"outcome":"deny","rules":[],"reason":"","until":"never","obligations":[{"kind":"alarm","rule":"LIC-KIND","kind":"syslog"}],"values":{}}`,
		`{"outcome":"deny","rules":[],"reason":"","until":"never","obligations":[],"values":{"a":"1","a":"2"}}`,
	} {
		var d policy.Decision
		if err := json.Unmarshal([]byte(src), &d); err == nil || !strings.Contains(err.Error(), "given twice") {
			t.Errorf("%s: err = %v, decision %v", src, err, d)
		}
	}
}

// TestDecisionJSONRefusesOffsetsOfADayOrMore: RFC 3339's time-numoffset
// has hours 00 to 23; time.Parse accepts +24:00, which no writer of RFC
// 3339 would.
func TestDecisionJSONRefusesOffsetsOfADayOrMore(t *testing.T) {
	for _, until := range []string{"2025-01-01T00:00:00+24:00", "2025-01-01T00:00:00-24:00", "2025-01-01T00:00:00+99:59"} {
		var d policy.Decision
		src := `{"outcome":"deny","rules":[],"reason":"","until":"` + until + `","obligations":[],"values":{}}`
		if err := json.Unmarshal([]byte(src), &d); err == nil {
			t.Errorf("until %s decoded as %v", until, d.Until)
		}
	}
	var d policy.Decision
	if err := json.Unmarshal([]byte(`{"outcome":"deny","rules":[],"reason":"","until":"2025-01-01T00:00:00+23:59","obligations":[],"values":{}}`), &d); err != nil {
		t.Errorf("+23:59 refused: %v", err)
	}
}

// TestDecisionJSONErrorsQuoteAtMostAClip: an error never echoes a whole
// value of the input, however long.
func TestDecisionJSONErrorsQuoteAtMostAClip(t *testing.T) {
	long := strings.Repeat("9", 1<<20)
	for _, src := range []string{
		`{"outcome":"deny","rules":[],"reason":"","until":"` + long + `","obligations":[],"values":{}}`,
		`{"outcome":"deny","rules":[],"reason":"","until":"never","obligations":[],"values":{"v":"` + long + `x"}}`,
	} {
		var d policy.Decision
		err := json.Unmarshal([]byte(src), &d)
		if err == nil || len(err.Error()) > 400 {
			t.Errorf("error of %d bytes: %.200v", len(err.Error()), err)
		}
	}
}

// TestDecisionJSONNeverWritesAnInstantItCannotReadBack: "nothing prints a
// year the format cannot read back": a year past 9999 is an error, not
// "10000-06-01T00:00:00Z".
func TestDecisionJSONNeverWritesAnInstantItCannotReadBack(t *testing.T) {
	far := time.Date(10000, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range []policy.Decision{
		{Until: far},
		{Obligations: rule.ObligationsOf(rule.Obligation{Kind: rule.Entitlement, Rule: rule.LicRenew, Due: far})},
	} {
		if b, err := json.Marshal(d); err == nil {
			t.Errorf("wrote %s", b)
		}
	}
}
