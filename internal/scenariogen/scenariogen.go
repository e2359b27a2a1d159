// Package scenariogen writes large scenario files for the benchmarks of
// the scenario decoder and of the evaluate command.
package scenariogen

import (
	"bytes"
	"fmt"
)

// File is a scenario file of about size bytes: a world of devices and
// subscription licenses, one of each per ten checks, and checks of three
// kinds (useFeature, renewLicense, purchaseCredits) that refer to them,
// each with an expect its decision meets.
func File(size int) []byte {
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
