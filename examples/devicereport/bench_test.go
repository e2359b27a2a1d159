package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkFleetAudit10000 audits a directory of 10,000 generated captures
// (the four text fixtures, each device's dates shifted) into one table: the
// issue's target is under 10 s an audit on a 2-core machine.
func BenchmarkFleetAudit10000(b *testing.B) {
	dir := b.TempDir()
	var bases []string
	for _, n := range []string{"vsrx-subscription.txt", "vsrx-trial.txt", "vmx-eval.txt", "vsrx-eval-countdown.txt"} {
		c, err := os.ReadFile(filepath.Join(fixtures, n))
		if err != nil {
			b.Fatal(err)
		}
		bases = append(bases, string(c))
	}
	for i := range 10000 {
		c := strings.ReplaceAll(bases[i%len(bases)], "2021-10-18", fmt.Sprintf("20%02d-10-18", 21+i%7))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("dev%05d.txt", i)), []byte(c), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := run([]string{"-at", "2022-11-20T00:00:00Z", dir}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
