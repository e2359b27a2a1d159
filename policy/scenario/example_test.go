package scenario_test

import (
	"fmt"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// A scenario file decodes into an engine under its terms and catalog, and
// checks whose requests the engine decides; evaluate -check compares each
// decision with the check's expect.
func ExampleDecode() {
	const file = `{
	  "name": "grace",
	  "devices": [{"serial": "qfx-7", "platform": "QFX"}],
	  "licenses": [{"id": "evpn-1y", "kind": "subscription", "tier": "premium", "platform": "QFX",
	    "device": "qfx-7", "features": ["evpn-vxlan"], "start": "2024-03-01T00:00:00Z", "termYears": 1}],
	  "checks": [
	    {"at": "2025-03-15T00:00:00Z",
	     "request": {"kind": "useFeature", "license": "evpn-1y", "device": "qfx-7", "feature": "evpn-vxlan"},
	     "expect": {"outcome": "allow", "rules": ["ENT-GRACE"], "until": "2025-03-31T00:00:00Z"}},
	    {"at": "2025-03-31T00:00:00Z",
	     "request": {"kind": "useFeature", "license": "evpn-1y", "device": "qfx-7", "feature": "evpn-vxlan"},
	     "expect": {"outcome": "allow"}}
	  ]}`
	s, err := scenario.Decode("grace.json", strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range s.Checks {
		d, err := s.Engine().Decide(c.Request, c.At)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d: %s %s; mismatches: %q\n", c.Index, c.Describe(), d.Outcome, c.Expect.Mismatches(d))
	}

	// Every error names the file, the line and column, the path and what
	// was expected; all of a file's errors are reported at once.
	typos := strings.NewReplacer(`"device": "qfx-7", "feature"`, `"devise": "qfx-7", "feature"`,
		`{"at": "2025-03-31T00:00:00Z"`, `{"at": "2025-02-30T00:00:00Z"`)
	_, err = scenario.Decode("typo.json", strings.NewReader(typos.Replace(file)))
	fmt.Println(err)
	// Output:
	// 0: may device qfx-7 use feature evpn-vxlan under license evpn-1y? allow; mismatches: []
	// 1: may device qfx-7 use feature evpn-vxlan under license evpn-1y? deny; mismatches: ["outcome: want allow, got deny"]
	// typo.json:8:63: checks[0].request.devise: unknown field; want one of kind, license, device, feature, units
	// typo.json:10:13: checks[1].at: "2025-02-30T00:00:00Z": day 30 does not exist: February 2025 has 28 days
	// typo.json:11:63: checks[1].request.devise: unknown field; want one of kind, license, device, feature, units
}

// An expect can pin absence: notRules lists rules the decision must not
// cite, and "exact": true makes the obligations and values it lists the
// whole of the decision's.
func ExampleExpect_Mismatches() {
	const file = `{
	  "name": "renewal",
	  "devices": [{"serial": "mx-1", "platform": "MX"}],
	  "licenses": [{"id": "L1", "kind": "subscription", "tier": "advanced", "platform": "MX",
	    "device": "mx-1", "features": ["bgp"], "start": "2024-03-01T00:00:00Z", "termYears": 1}],
	  "orders": [{"id": "SO1", "accounts": ["A1"], "emails": ["ops@acme.example", "noc@acme.example"],
	    "lines": [{"id": "H1", "product": "Northstar Controller", "kind": "perpetual", "tier": "standard",
	      "features": ["pce"], "quantity": 1, "shipDate": "2025-02-01T00:00:00Z"}]}],
	  "checks": [
	    {"at": "2025-02-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "L1", "termYears": 1},
	     "expect": {"outcome": "allow", "notRules": ["ENT-GRACE"], "exact": true,
	       "obligations": [{"kind": "entitlement", "rule": "LIC-RENEW", "subject": "L1"}]}},
	    {"at": "2025-03-15T00:00:00Z",
	     "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp"},
	     "expect": {"outcome": "allow", "notRules": ["ENT-GRACE"]}},
	    {"at": "2025-02-01T00:00:00Z", "request": {"kind": "fulfilLine", "order": "SO1", "line": "H1"},
	     "expect": {"outcome": "allow", "exact": true,
	       "obligations": [{"kind": "email", "rule": "ENT-EMAIL", "subject": "ops@acme.example"}]}}
	  ]}`
	s, err := scenario.Decode("renewal.json", strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range s.Checks {
		d, err := s.Decide(c)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d: %q\n", c.Index, c.Expect.Mismatches(d))
	}
	// Output:
	// 0: []
	// 1: ["notRules: want ENT-GRACE absent, got [ENT-GRACE LIC-SUB-TERM]"]
	// 2: ["obligations: want none other (exact), got email (ENT-EMAIL) for \"noc@acme.example\" due 2025-02-01T00:00:00Z"]
}
