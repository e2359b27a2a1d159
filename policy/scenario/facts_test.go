package scenario

import (
	"slices"
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
