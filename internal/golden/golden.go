// Package golden pins a program's output in a file under testdata/, like
// go-cmp's testdata/diffs: a test compares the output with the file, and
// `go test -update` rewrites the file (read the diff before committing it).
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Check fails t when got differs from the contents of the file at path, or
// rewrites the file with got when the test runs with -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update if intended):\n%s", path, got)
	}
}
