package scenario_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// generatedFile is a scenario file of about size bytes: a world of devices,
// licenses, orders, contacts and a credit account, one of each per ten
// checks, and checks of every kind that refer to them, with expects.
func generatedFile(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"name": "generated", "devices": [`)
	var facts, checks bytes.Buffer
	n := 0
	for b.Len()+facts.Len()+checks.Len() < size-200 {
		if n%10 == 0 {
			i := n / 10
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `{"serial": "mx-%d", "platform": "MX"}`, i)
			if i > 0 {
				facts.WriteString(", ")
			}
			fmt.Fprintf(&facts, `{"id": "L%d", "kind": "subscription", "tier": "advanced", "platform": "MX", "device": "mx-%d", "features": ["bgp", "ospf"], "start": "2025-01-10T00:00:00Z", "termYears": 1}`, i, i)
		}
		if n > 0 {
			checks.WriteString(",\n")
		}
		i := n / 10
		switch n % 3 {
		case 0:
			fmt.Fprintf(&checks, `{"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L%d", "device": "mx-%d", "feature": "bgp", "units": "10"}, "expect": {"outcome": "allow", "rules": ["LIC-SUB-TERM"], "until": "2026-02-09T00:00:00Z"}}`, i, i)
		case 1:
			fmt.Fprintf(&checks, `{"at": "2025-06-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "L%d", "termYears": 3}, "expect": {"outcome": "allow", "obligations": [{"kind": "entitlement", "rule": "LIC-SUB-TERM"}]}}`, i)
		default:
			fmt.Fprintf(&checks, `{"at": "2025-06-01T00:00:00.5+02:00", "request": {"kind": "purchaseCredits", "creditKind": "professional", "credits": "25.00"}, "expect": {"outcome": "allow", "values": {"credits": "25"}}}`)
		}
		n++
	}
	b.WriteString(`], "licenses": [`)
	b.Write(facts.Bytes())
	b.WriteString(`], "checks": [`)
	b.Write(checks.Bytes())
	b.WriteString("]}\n")
	return b.Bytes()
}

func benchmarkDecode(b *testing.B, size int) {
	file := generatedFile(size)
	if _, err := scenario.Decode("generated.json", bytes.NewReader(file)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Decode("generated.json", bytes.NewReader(file)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeGenerated decodes generated files at 1 MB and 8 MB (issue
// 22: 30 MB/s or more), and at 128 KB for the growth exponent.
func BenchmarkDecodeGenerated(b *testing.B) {
	for _, c := range []struct {
		name string
		size int
	}{{"128KB", 128 << 10}, {"1MB", 1 << 20}, {"8MB", scenario.MaxSize - 1024}} {
		b.Run(c.name, func(b *testing.B) { benchmarkDecode(b, c.size) })
	}
}
