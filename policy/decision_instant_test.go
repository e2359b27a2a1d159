package policy_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/internal/wire/wiretest"
	"github.com/licensepolicy/licensepolicy/policy"
	"pgregory.net/rapid"
)

// holdDecisionToReader fails unless a Decision's JSON reads the text s, as
// its until and as an obligation's due, as wire.ParseInstant does, the one
// reader of instants for scenario files, decisions and flags ("never" and
// an empty due aside: they say none).
func holdDecisionToReader(t interface{ Fatalf(string, ...any) }, s string) {
	if s == "never" || s == "" {
		return
	}
	text, _ := json.Marshal(s)
	want, werr := wire.ParseInstant(s)
	for _, src := range []string{
		`{"outcome":"deny","rules":[],"reason":"","until":` + string(text) + `,"obligations":[],"values":{}}`,
		`{"outcome":"deny","rules":[],"reason":"","until":"never","obligations":[{"kind":"alarm","rule":"LIC-KIND","due":` + string(text) + `}],"values":{}}`,
	} {
		var d policy.Decision
		err := json.Unmarshal([]byte(src), &d)
		got := d.Until
		if d.Obligations.Len() > 0 {
			got = d.Obligations.Slice()[0].Due
		}
		if (werr == nil) != (err == nil) || (err == nil && !got.Equal(want)) {
			t.Fatalf("%s: %v, %v; the reader: %v, %v", src, got, err, want, werr)
		}
		if err != nil && !strings.Contains(err.Error(), werr.Error()) {
			t.Fatalf("%s: %v; want the reader's error, %v", src, err, werr)
		}
	}
}

// TestDecisionJSONReadsInstantsAsTheOneReader: every text of the shared
// table is read or refused as until and as due as wire.ParseInstant reads
// it, as a scenario file and the commands' flags read it (issue 26, class
// 8).
func TestDecisionJSONReadsInstantsAsTheOneReader(t *testing.T) {
	for _, c := range wiretest.Instants {
		holdDecisionToReader(t, c.Text)
	}
}

// TestDecisionJSONReadsEveryInstantTextAsTheReader: texts near RFC 3339
// are read or refused by a Decision's JSON exactly as the one reader does.
func TestDecisionJSONReadsEveryInstantTextAsTheReader(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { holdDecisionToReader(t, wiretest.InstantText().Draw(t, "text")) })
}
