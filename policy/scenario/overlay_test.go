package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// overlaid is a file whose facts new terms can break: a three-year
// subscription, a device of a class its platform lists, a credit account
// with a call-off eight months after its purchase, and a trial.
const overlaid = `{"name": "overlaid",
  "terms": {"trialWarningDays": 10, "initialGraceDays": 30},
  "catalog": {"platforms": [{"name": "Edge", "family": "hardware", "classes": ["edge-pool"]}]},
  "devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "e-1", "platform": "Edge", "class": "edge-pool"},
    {"serial": "vmx-1", "platform": "vMX"}],
  "licenses": [
    {"id": "sub-3y", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1",
     "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 3},
    {"id": "trial", "kind": "trial", "tier": "standard", "platform": "vMX", "device": "vmx-1",
     "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "end": "2025-03-01T00:00:00Z"},
    {"id": "edge", "kind": "perpetual", "tier": "standard", "platform": "Edge", "device": "e-1",
     "features": ["bgp"], "start": "2025-01-01T00:00:00Z"}],
  "creditAccounts": [{"id": "psc", "kind": "professional",
    "purchases": [{"id": "p1", "at": "2025-01-01T00:00:00Z", "credits": "10"}],
    "callOffs": [{"at": "2025-09-01T00:00:00Z", "credits": "5", "engagement": {"type": "design", "pricing": "fixed",
      "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}]}],
  "checks": [
    {"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "sub-3y", "device": "mx-1", "feature": "bgp"}},
    {"at": "2025-02-01T00:00:00Z", "request": {"kind": "useFeature", "license": "trial", "device": "vmx-1", "feature": "bgp"}},
    {"at": "2025-06-01T00:00:00Z", "request": {"kind": "creditStatement", "account": "psc", "quarter": "2025-Q3"}},
    {"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "edge", "device": "e-1", "feature": "bgp"}},
    {"at": "2025-06-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "Edge", "feature": "bgp"}}]}`

func decodeUnder(t *testing.T, overlay string) (*scenario.Scenario, []*scenario.Error) {
	t.Helper()
	o, err := scenario.DecodeOverlay("new.json", strings.NewReader(overlay))
	if err != nil {
		t.Fatal(err)
	}
	s, invalid, err := scenario.DecodeUnder("file.json", strings.NewReader(overlaid), o)
	if err != nil {
		t.Fatal(err)
	}
	return s, invalid
}

func indexes(s *scenario.Scenario) []int {
	var out []int
	for _, c := range s.Checks {
		out = append(out, c.Index)
	}
	return out
}

// TestOverlayReplacesTermsKeysAndCatalogEntriesOverTheFiles: SCENARIOS.md,
// "applied over each file's own as a file's are over the defaults (terms
// keys replace; catalog entries replace by name, others are added)".
func TestOverlayReplacesTermsKeysAndCatalogEntriesOverTheFiles(t *testing.T) {
	s, invalid := decodeUnder(t, `{"terms": {"initialGraceDays": 15},
	  "catalog": {"platforms": [{"name": "Lab", "family": "virtual"}], "features": [{"name": "isis", "trial": false}]}}`)
	if len(invalid) != 0 {
		t.Fatalf("invalid facts %v", invalid)
	}
	lt := s.Terms.License
	if lt.InitialGraceDays != 15 || lt.TrialWarningDays != 10 || len(lt.SubscriptionTermYears) != 3 {
		t.Fatalf("terms %+v: want grace 15 from the overlay, warning 10 from the file, term years from the defaults", lt)
	}
	names := map[string]bool{}
	for _, p := range s.Catalog.License.Platforms {
		names[p.Name] = true
	}
	if !names["Lab"] || !names["Edge"] || !names["MX"] {
		t.Fatalf("platforms %v: want the overlay's Lab beside the file's Edge and the default MX", names)
	}
	if got := indexes(s); len(got) != 5 {
		t.Fatalf("checks %v, want all five", got)
	}
	// The catalog's lists are the scenario's own: the overlay did not write
	// into the defaults another decode starts from.
	plain, err := scenario.Decode("file.json", strings.NewReader(overlaid))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plain.Catalog.License.Platforms {
		if p.Name == "Lab" {
			t.Fatal("the overlay's platform leaked into a plain decode")
		}
	}
	if plain.Terms.License.InitialGraceDays != 30 {
		t.Fatal("the overlay's grace leaked into a plain decode")
	}
}

// TestOverlayReportsTheFactsItMakesInvalidAndKeepsTheOtherChecks:
// SCENARIOS.md, "A fact the new terms make invalid (a license term no
// longer in the list, a recorded call-off the new validity breaks) is
// reported, not fatal ... and that file's checks that do not use it are
// still compared".
func TestOverlayReportsTheFactsItMakesInvalidAndKeepsTheOtherChecks(t *testing.T) {
	for _, c := range []struct {
		name, overlay string
		path          string
		rule          rule.ID
		checks        []int
	}{
		{"a term no longer in the list", `{"terms": {"subscriptionTermYears": [1, 5]}}`,
			"licenses[0]", rule.LicSubTerm, []int{1, 2, 3, 4}},
		{"a call-off past the new validity", `{"terms": {"creditValidityMonths": 6}}`,
			"creditAccounts[0].callOffs[0]", rule.CrdValidity, []int{0, 1, 3, 4}},
		{"a device's class its platform no longer lists", `{"catalog": {"platforms": [{"name": "Edge", "family": "hardware", "classes": []}]}}`,
			"devices[1]", rule.LicPort, []int{0, 1, 2, 4}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, invalid := decodeUnder(t, c.overlay)
			if len(invalid) != 1 || invalid[0].Path != c.path || invalid[0].File != "file.json" || invalid[0].Line == 0 ||
				!errors.Is(invalid[0], c.rule) {
				t.Fatalf("invalid facts %v, want one at %s citing %s", invalid, c.path, c.rule)
			}
			if got := indexes(s); !equalInts(got, c.checks) {
				t.Fatalf("checks %v, want %v", got, c.checks)
			}
			for _, ch := range s.Checks {
				if _, err := s.Decide(ch); err != nil {
					t.Fatalf("check %d kept but undecidable: %v", ch.Index, err)
				}
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestOverlayTermsThatDoNotHoldOverAFileAreAnErrorNamingBoth(t *testing.T) {
	o, err := scenario.DecodeOverlay("new.json", strings.NewReader(`{"terms": {"tmipWindowStart": "2022-01-01T00:00:00Z"}}`))
	if err != nil {
		t.Fatalf("a window start alone is checked over each file, not over the defaults: %v", err)
	}
	_, _, err = scenario.DecodeUnder("file.json", strings.NewReader(overlaid), o)
	if err == nil || !strings.HasPrefix(err.Error(), "new.json: terms: over the terms of \"file.json\": ") {
		t.Fatalf("error %v", err)
	}
}

func TestOverlayIsReadAsStrictlyAsAScenarioFile(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"terms": {"initialGraceDays": "15"}}`, `new.json:1:32: terms.initialGraceDays: want a JSON integer`},
		{`{"terms": {}, "checks": []}`, `new.json:1:15: checks: unknown field; want one of terms, catalog`},
		{`{"terms": {"graceDays": 15}}`, `new.json:1:12: terms.graceDays: unknown field`},
		{`{"catalog": {"platforms": [{"name": "X", "family": "quantum"}]}}`, `new.json:1:52: catalog.platforms[0].family: LIC-PLATFORM: `},
		{`[]`, `new.json:1:1: want a JSON object with "terms" and "catalog", not a list`},
		{`{"terms": `, `new.json:1:`},
		{"\xff", `new.json:1:1: not valid UTF-8`},
	} {
		_, err := scenario.DecodeOverlay("new.json", strings.NewReader(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s...", c.in, err, c.want)
		}
	}
}

func TestZeroOverlayChangesNothing(t *testing.T) {
	for _, o := range []*scenario.Overlay{nil, {}} {
		s, invalid, err := scenario.DecodeUnder("file.json", strings.NewReader(overlaid), o)
		if err != nil || len(invalid) != 0 || len(s.Checks) != 5 || s.Terms.License.InitialGraceDays != 30 {
			t.Fatalf("%v: %v %v", o, invalid, err)
		}
	}
}

// FuzzDecodeOverlay: reading an overlay never panics, errors are *Error
// naming the file, and an overlay read is applied over a file without
// panicking, giving a scenario, invalid facts or an error.
func FuzzDecodeOverlay(f *testing.F) {
	f.Add([]byte(`{"terms": {"initialGraceDays": 15, "trialWarningDays": 7, "creditValidityMonths": 6}}`))
	f.Add([]byte(`{"terms": {"subscriptionTermYears": [1, 5]}, "catalog": {"platforms": [{"name": "Edge", "family": "hardware"}], "tmipSkus": ["A"], "heritage": ["H"]}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := scenario.DecodeOverlay("new.json", strings.NewReader(string(b)))
		if err != nil {
			var se *scenario.Error
			if !errors.As(err, &se) || se.File != "new.json" {
				t.Fatalf("error %T %v: want a *Error naming the file", err, err)
			}
			return
		}
		s, invalid, err := scenario.DecodeUnder("file.json", strings.NewReader(overlaid), o)
		if err == nil && s == nil {
			t.Fatal("no scenario and no error")
		}
		for _, e := range invalid {
			if e.File != "file.json" || e.Path == "" {
				t.Fatalf("invalid fact %v names no path of the file", e)
			}
		}
	})
}

// TestOverlayPlatformEntryKeepsWhatItLeavesOut: SCENARIOS.md applies new
// terms "over each file's own as a file's are over the defaults", and a
// file's entry naming a default platform "replaces it, and every key it
// leaves out keeps the default's value": so an overlay's entry naming the
// file's Edge keeps the classes the file gave it.
func TestOverlayPlatformEntryKeepsWhatItLeavesOut(t *testing.T) {
	s, invalid := decodeUnder(t, `{"catalog": {"platforms": [{"name": "Edge", "family": "hardware", "trial": true}]}}`)
	if len(invalid) != 0 || len(indexes(s)) != 5 {
		t.Fatalf("invalid facts %v, checks %v: want none invalid and every check kept", invalid, indexes(s))
	}
	for _, p := range s.Catalog.License.Platforms {
		if p.Name == "Edge" && (!p.HasClass("edge-pool") || !p.HasTrials()) {
			t.Fatalf("Edge = %+v: want its class edge-pool kept and trials added", p)
		}
	}
}

// TestOverlayEntryNamingAFilesPlatformNeedsNoFamily: the family is one of
// the keys an entry replacing the file's Edge leaves out and keeps, so
// only an entry adding a platform the file lacks must give it, and the
// error then names the overlay and the file it was applied over.
func TestOverlayEntryNamingAFilesPlatformNeedsNoFamily(t *testing.T) {
	s, invalid := decodeUnder(t, `{"catalog": {"platforms": [{"name": "Edge", "trial": true}]}}`)
	if len(invalid) != 0 || len(indexes(s)) != 5 {
		t.Fatalf("invalid facts %v, checks %v: want none invalid and every check kept", invalid, indexes(s))
	}
	for _, p := range s.Catalog.License.Platforms {
		if p.Name == "Edge" && (p.Family != license.Hardware || !p.HasClass("edge-pool") || !p.HasTrials()) {
			t.Fatalf("Edge = %+v: want hardware, its class edge-pool kept and trials added", p)
		}
	}

	o, err := scenario.DecodeOverlay("new.json", strings.NewReader(`{"catalog": {"platforms": [{"name": "Core", "trial": true}]}}`))
	if err != nil {
		t.Fatalf("DecodeOverlay: %v: want the family of Core asked of each file, not of the overlay alone", err)
	}
	_, _, err = scenario.DecodeUnder("file.json", strings.NewReader(overlaid), o)
	var se *scenario.Error
	if !errors.As(err, &se) || se.File != "new.json" || se.Path != "catalog.platforms[0].family" || !strings.Contains(se.Msg, `"file.json"`) {
		t.Fatalf("DecodeUnder = %v: want new.json's catalog.platforms[0].family missing over file.json's catalog", err)
	}
}
