package license

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestFleetIndexSummaryIsTheSameWithAnyNumberOfWorkers: the chunks a
// worker takes change nothing in the counts, whatever the number of
// workers, at instants before, inside and after the fleet's years. The
// public Summarize keeps to one worker below indexParallelMin, so this
// drives the workers directly.
func TestFleetIndexSummaryIsTheSameWithAnyNumberOfWorkers(t *testing.T) {
	x, err := NewFleetIndex(generatedFleet(2*indexChunkSize + 17))
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{
		time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		one := x.summarize(at, 1)
		if one.Total() != x.Len() {
			t.Fatalf("one worker counted %d of %d licenses at %v", one.Total(), x.Len(), at)
		}
		for _, workers := range []int{2, 3, 8} {
			if diff := cmp.Diff(one, x.summarize(at, workers)); diff != "" {
				t.Fatalf("at %v, %d workers (-one +%d):\n%s", at, workers, workers, diff)
			}
		}
	}
}
