package scenario

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestFirstIDsAreTheTenSmallest: the IDs an unknown reference's error
// lists are the first ten of the sorted IDs, and "..." when there are
// more, however many the file defines.
func TestFirstIDsAreTheTenSmallest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		ids := rapid.SliceOfDistinct(rapid.StringMatching(`[a-c]{0,3}`), rapid.ID).Draw(t, "ids")
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		want := slices.Sorted(slices.Values(ids))
		if len(want) > 10 {
			want = append(want[:10], "...")
		}
		if got := firstIDs(m); !slices.Equal(got, want) {
			t.Fatalf("firstIDs = %q, want %q", got, want)
		}
	})
}

// TestErrorPathsAtTheEndOfALongList: the index an error's path gives is
// the value's own, at the end of a list of thousands too.
func TestErrorPathsAtTheEndOfALongList(t *testing.T) {
	const n = 5000
	check := `{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}, `
	src := `{"name": "t", "checks": [` + strings.Repeat(check, n) + `{}, 7]}`
	_, err := decode("f.json", strings.NewReader(src))
	es, ok := err.(Errors)
	if !ok {
		t.Fatalf("got %v, want Errors", err)
	}
	var paths []string
	for _, e := range es {
		paths = append(paths, e.Path)
	}
	want := []string{fmt.Sprintf("checks[%d].at", n), fmt.Sprintf("checks[%d].request", n), fmt.Sprintf("checks[%d]", n+1)}
	if !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
}
