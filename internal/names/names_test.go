package names

import (
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestAListReadsBackAsGivenAndEqualListsAreEqualStrings: every list of
// names, long ones and empty ones included, reads back as given, and two
// lists are == exactly when their names are.
func TestAListReadsBackAsGivenAndEqualListsAreEqualStrings(t *testing.T) {
	name := rapid.Custom(func(t *rapid.T) string {
		return strings.Repeat(rapid.SampledFrom([]string{"", "a", "bgp", "\x00", "é"}).Draw(t, "part"), rapid.IntRange(0, 200).Draw(t, "times"))
	})
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SliceOfN(name, 0, 5).Draw(t, "a")
		b := rapid.SliceOfN(name, 0, 5).Draw(t, "b")
		la, lb := Of(a), Of(b)
		if got := Slice(la); !slices.Equal(got, a) && !(len(got) == 0 && len(a) == 0) {
			t.Fatalf("Slice(Of(%q)) = %q", a, got)
		}
		if (la == lb) != slices.Equal(a, b) {
			t.Fatalf("Of(%q) == Of(%q) is %v", a, b, la == lb)
		}
	})
}
