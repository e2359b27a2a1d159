package policy_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// sameSpelling compares amounts digit for digit: the two deciders must
// hand out the very same values.
var sameSpelling = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) && a.String() == b.String() })

// TestDecideEqualsFullySettled: Decide settles only the kinds and answers
// that ask for it (a trade-in pending without obligations), so on every
// other answer the domain's Until must already be the first instant the
// decision changes. On random worlds, requests of every kind and instants
// aimed at their boundaries, Decide gives exactly the decision (reason and
// until included) that settling every answer gives.
func TestDecideEqualsFullySettled(t *testing.T) {
	for _, kind := range requestKinds {
		t.Run(kind, func(t *testing.T) {
			rapid.Check(t, func(t *rapid.T) {
				w := drawWorld(t)
				req := drawRequestOf(t, w, kind)
				at := drawAt(t, w, req)
				file := scenarioJSON(w, []diffCheck{{at: at, req: req}})
				sc, err := scenario.Decode("settle.json", bytes.NewReader(file))
				if err != nil {
					t.Fatalf("random facts refused: %v\n%s", err, file)
				}
				e, r := sc.Engine(), sc.Checks[0].Request
				got, err := e.Decide(r, at)
				want, wantErr := policy.DecideFullySettled(e, r, at)
				if (err == nil) != (wantErr == nil) {
					t.Fatalf("%s at %s: error %v, fully settled %v\n%s", kind, ts(at), err, wantErr, file)
				}
				if diff := cmp.Diff(want, got, sameSpelling); diff != "" {
					t.Fatalf("%s at %s: Decide differs from settling every answer (-settled +Decide)\n%s\n%s", kind, ts(at), diff, file)
				}
			})
		})
	}
}
