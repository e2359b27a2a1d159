// Package scenariogen writes large scenario files for the benchmarks of
// the scenario decoder and of the evaluate command.
package scenariogen

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// File is a scenario file of about size bytes: a world of devices and
// subscription licenses, one of each per ten checks, and checks of three
// kinds (useFeature, renewLicense, purchaseCredits) that refer to them,
// each with an expect its decision meets. Each check is on a line of its
// own; the devices and the licenses are on one line each.
func File(size int) []byte {
	return write(func(n, written int) bool { return written < size-200 })
}

// Checks is File with exactly n checks, n >= 1.
func Checks(n int) []byte {
	return write(func(i, _ int) bool { return i < n })
}

// OneLine is a generated file minified onto one line: no newline and no
// space outside strings, the layout whose columns run to millions of
// characters.
func OneLine(file []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, file); err != nil {
		panic(err) // the generators write valid JSON
	}
	return b.Bytes()
}

// Pretty is a generated file indented one tab a level, one value a line.
func Pretty(file []byte) []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, file, "", "\t"); err != nil {
		panic(err) // the generators write valid JSON
	}
	return b.Bytes()
}

// write writes checks while more(checks so far, bytes so far) says so.
func write(more func(n, written int) bool) []byte {
	var b bytes.Buffer
	b.WriteString(`{"name": "generated", "devices": [`)
	var facts, checks bytes.Buffer
	n := 0
	for more(n, b.Len()+facts.Len()+checks.Len()) {
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
