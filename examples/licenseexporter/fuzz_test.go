package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
)

// FuzzReadPath: whatever a capture file holds, a read of it through the
// exporter (list, open, parse, facts, series) answers: the file is one
// device or one read error, every series gathers under a pedantic registry
// (consistent with its description, no two alike), and every label value
// is UTF-8 on one line.
func FuzzReadPath(f *testing.F) {
	for _, dir := range []string{"testdata/captures", sharedFixtures, filepath.Join(sharedFixtures, "newer")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil && !strings.HasSuffix(file, ".md") {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		`<license-usage-summary><feature-summary><name>f</name><licensed>1</licensed><end-date junos:seconds="1545696000" seconds="4070908800">2018-12-25</end-date></feature-summary></license-usage-summary>`,
		`{"license-usage-summary":[{"feature-summary":[{"name":[{"data":"\ud800"}],"licensed":[{"data":"1"}]}]}]}`,
		"License usage:\n Licenses\n Feature name\n  =HYPERLINK(\"x\") 1 1 0 permanent\n  f\x1b 1 1 0 permanent\n",
		"Licenses installed:\n  License identifier: E1\n  Features:\n    x - y\n      count-down, Original validity: 60 days\n",
		strings.Repeat("<a>", 70),
	} {
		f.Add([]byte(s))
	}
	at := instant(f, "2025-02-10T00:00:00Z")
	f.Fuzz(func(t *testing.T, in []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "dev.txt"), in, 0o644); err != nil {
			t.Fatal(err)
		}
		c := NewCollector(Config{Paths: []string{dir}, Platform: "vSRX", Captured: at}, fixed(at), nil)
		reg := prometheus.NewPedanticRegistry()
		if err := reg.Register(c); err != nil {
			t.Fatal(err)
		}
		mfs, err := reg.Gather()
		if err != nil {
			t.Fatalf("gathering: %v", err)
		}
		devices, readErrors := 0.0, -1.0
		for _, mf := range mfs {
			for _, m := range mf.GetMetric() {
				for _, l := range m.GetLabel() {
					if v := l.GetValue(); !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
						t.Fatalf("%s{%s=%q}", mf.GetName(), l.GetName(), v)
					}
				}
				switch mf.GetName() {
				case "licensepolicy_device_info":
					devices += m.GetGauge().GetValue()
				case "licensepolicy_capture_read_errors_total":
					readErrors = m.GetCounter().GetValue()
				}
			}
		}
		if devices+readErrors != 1 {
			t.Fatalf("%v devices and %v read errors of one file", devices, readErrors)
		}
	})
}
