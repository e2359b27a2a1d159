package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that keeps its failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCheckFailsOnADifferenceAndPassesOnEquality(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("allow\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	same := &recorder{TB: t}
	Check(same, path, []byte("allow\n"))
	differs := &recorder{TB: t}
	Check(differs, path, []byte("deny\n"))
	if same.failed || !differs.failed {
		t.Errorf("equal output failed: %v; different output failed: %v", same.failed, differs.failed)
	}
}
