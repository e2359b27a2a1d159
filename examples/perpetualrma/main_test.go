package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/golden"
)

func TestOutputIsPinned(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "output.golden"), out.Bytes())
}
