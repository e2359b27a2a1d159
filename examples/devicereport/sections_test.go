package main

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestSectionsOfNoRowsAreSaidApartFromAbsentOnes: "License usage: none"
// and "Licenses installed: none" are what Junos prints when nothing is
// licensed or used; each is reported as such, never as a capture without
// the section (issue 29: "installed: none" reported as such), in the
// device line and in the JSON.
func TestSectionsOfNoRowsAreSaidApartFromAbsentOnes(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, capture, line string
		usage, keys         *int
	}{
		{"none.txt", "Model: mx480\nLicense usage: none\n\nLicenses installed: none\n", "license usage: none, licenses installed: none", ptr(0), ptr(0)},
		{"keys-only.txt", "Model: mx480\nLicenses installed: none\n", `no "License usage" section, licenses installed: none`, nil, ptr(0)},
		{"usage-only.txt", "Model: mx480\nLicense usage: none\n", `license usage: none, no "Licenses installed" section`, ptr(0), nil},
		{"rows.txt", "Model: mx480\n" + rows(2), `at 2025-01-01T00:00:00Z, no "Licenses installed" section`, ptr(2), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, filepath.Join(dir, c.name), c.capture)
			var out bytes.Buffer
			if err := run([]string{"-at", "2025-01-01T00:00:00Z", p}, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(out.String(), "\n"); !strings.HasSuffix(first, c.line) {
				t.Errorf("device line %q, want it to end %q", first, c.line)
			}
			out.Reset()
			if err := run([]string{"-json", "-at", "2025-01-01T00:00:00Z", p}, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Devices []struct {
					LicenseUsage      *int `json:"licenseUsage"`
					LicensesInstalled *int `json:"licensesInstalled"`
				} `json:"devices"`
			}
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.Devices) != 1 {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if d := doc.Devices[0]; !sameCount(d.LicenseUsage, c.usage) || !sameCount(d.LicensesInstalled, c.keys) {
				t.Errorf("licenseUsage %v licensesInstalled %v, want %v %v", show(d.LicenseUsage), show(d.LicensesInstalled), show(c.usage), show(c.keys))
			}
		})
	}
}

func ptr(n int) *int { return &n }

func sameCount(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func show(n *int) any {
	if n == nil {
		return "absent"
	}
	return *n
}
