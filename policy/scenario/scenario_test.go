package scenario_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// oneCheck is one check that decodes: the file's checks are required.
const oneCheck = `"checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]`

func fileWith(body string) string {
	if body != "" {
		body += ", "
	}
	return `{"name": "t", ` + body + oneCheck + `}`
}

const world = `"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}],
 "licenses": [{"id": "L1", "kind": "subscription", "tier": "advanced", "platform": "MX", "device": "mx-1",
   "features": ["bgp"], "start": "2025-01-10T00:00:00Z", "termYears": 1}],
 "orders": [{"id": "SO1", "accounts": ["A1"], "emails": ["ops@example.com"],
   "lines": [{"id": "1", "product": "MX", "kind": "subscription", "tier": "premium", "termYears": 1,
     "features": ["bgp"], "quantity": 2, "shipDate": "2025-02-01T00:00:00Z"}]}],
 "contacts": [{"id": "C1", "accounts": ["A1"]}],
 "creditAccounts": [{"id": "psc", "kind": "professional",
   "purchases": [{"id": "po-1", "at": "2025-02-01T00:00:00Z", "credits": "25"}], "callOffs": []}],
 "tradeIns": [{"id": "T1", "sku": "MX960", "serial": "JN1", "newProduct": "MX304",
   "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"}}]`

func withChecks(checks string) string {
	return `{"name": "t", ` + world + `, "checks": [` + checks + `]}`
}

// fileLineColumn is how every error about a place in a file starts.
var fileLineColumn = regexp.MustCompile(`^f\.json:[1-9][0-9]*:[1-9][0-9]*: `)

func decode(t *testing.T, src string) (*scenario.Scenario, error) {
	t.Helper()
	return scenario.Decode("f.json", strings.NewReader(src))
}

// TestBadScenarioFilesNameFilePathAndWhatWasExpected: "Every error names the
// file, the path inside it, and what was expected."
func TestBadScenarioFilesNameFilePathAndWhatWasExpected(t *testing.T) {
	for _, c := range badScenarioFiles {
		t.Run(c.name, func(t *testing.T) {
			s, err := decode(t, c.src)
			var se *scenario.Error
			if !errors.As(err, &se) {
				t.Fatalf("got %v, %v; want a *Error", s, err)
			}
			if se.File != "f.json" || se.Path != c.path || !strings.Contains(se.Msg, c.msg) {
				t.Errorf("got file %q path %q msg %q;\nwant path %q and a message containing %q", se.File, se.Path, se.Msg, c.path, c.msg)
			}
			if !fileLineColumn.MatchString(err.Error()) || se.Line < 1 || se.Column < 1 {
				t.Errorf("Error() = %q, want it to start with f.json:line:column", err)
			}
		})
	}
}

// TestOversizedFileIsRefused: "A file over 8 MiB ... is refused", read no
// further than one byte past the limit.
func TestOversizedFileIsRefused(t *testing.T) {
	src := fileWith(`"source": "` + strings.Repeat("x", scenario.MaxSize) + `"`)
	r := &countingReader{r: strings.NewReader(src)}
	_, err := scenario.Decode("big.json", r)
	var se *scenario.Error
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "8 MiB") {
		t.Fatalf("got %v, want an error saying 8 MiB", err)
	}
	if r.n > scenario.MaxSize+1 {
		t.Errorf("read %d bytes, want at most %d", r.n, scenario.MaxSize+1)
	}
	// Exactly at the limit is read (and fails for another reason here: the
	// padding is not a scenario).
	exact := bytes.Repeat([]byte(" "), scenario.MaxSize-len(fileWith("")))
	_, err = scenario.Decode("exact.json", bytes.NewReader(append([]byte(fileWith("")), exact...)))
	if err != nil {
		t.Errorf("a file of exactly 8 MiB: %v", err)
	}
}

type countingReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestDomainRefusalsStayReachable: a fact a domain constructor refuses is a
// Error whose *rule.Violation errors.As and errors.Is still find.
func TestDomainRefusalsStayReachable(t *testing.T) {
	_, err := decode(t, fileWith(`"creditAccounts": [{"id": "a", "kind": "professional", "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": "37.5"}]}]`))
	var v *rule.Violation
	if !errors.As(err, &v) || !v.Cites(rule.CrdBlocks) {
		t.Fatalf("got %v, want a violation citing CRD-BLOCKS", err)
	}
	if !errors.Is(err, rule.CrdBlocks) {
		t.Errorf("errors.Is(%v, CRD-BLOCKS) is false", err)
	}
}

// TestScenarioDefaults: absent terms keep the published ones, "initial"
// defaults to true, "localEntity" to true, "discount" to "0",
// "professionalServices" to true, a device's class to its platform's.
func TestScenarioDefaults(t *testing.T) {
	s, err := decode(t, withChecks(`
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp"}},
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "purchaseCredits", "creditKind": "professional", "credits": "10"}},
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "callOff", "account": "psc", "credits": "5", "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}},
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "moveLicense", "license": "L1", "to": "ptx-1", "reason": "rebalance"}}`))
	if err != nil {
		t.Fatal(err)
	}
	def := policy.DefaultTerms()
	if s.Terms.License.TrialWarningDays != def.License.TrialWarningDays || !s.Terms.TMIP.WindowEnd.Equal(def.TMIP.WindowEnd) {
		t.Errorf("terms %+v, want the defaults", s.Terms)
	}
	// initial: ENT-GRACE's 30 days after the year.
	use := s.Checks[0].Request.(policy.UseFeature)
	if want := time.Date(2026, 2, 9, 0, 0, 0, 0, time.UTC); !use.License.End().Equal(want) || !use.License.Initial() {
		t.Errorf("license end %v initial %v, want %v and initial", use.License.End(), use.License.Initial(), want)
	}
	p := s.Checks[1].Request.(policy.PurchaseCredits)
	if !p.Order.LocalEntity || !p.Order.Discount.IsZero() {
		t.Errorf("purchase %+v, want local and no discount", p.Order)
	}
	if c := s.Checks[2].Request.(policy.CallOff); c.CallOff.Engagement.OtherService {
		t.Error("professionalServices did not default to true")
	}
	if m := s.Checks[3].Request.(policy.MoveLicense); m.To.Class != "PTX" {
		t.Errorf("device class %q, want the platform's, PTX", m.To.Class)
	}
	for i, want := range []policy.Outcome{policy.Allow, policy.Allow, policy.Allow, policy.Deny} {
		d, err := s.Engine().Decide(s.Checks[i].Request, s.Checks[i].At)
		if err != nil || d.Outcome != want {
			t.Errorf("check %d: %v %v, want %v", i, d, err, want)
		}
	}
}

// TestScenarioTermsAndCatalogOverrides: every key of "terms" lands in its
// package's field; "catalog" adds to the defaults.
func TestScenarioTermsAndCatalogOverrides(t *testing.T) {
	s, err := decode(t, fileWith(`"terms": {"subscriptionTermYears": [2], "trialWarningDays": 7, "initialGraceDays": 10,
	  "creditBlocks": [5], "creditMinOrder": 20, "professionalMinCallOff": 6, "flexibleMinCallOff": 12, "creditValidityMonths": 24,
	  "tmipWindowStart": "2020-01-01T00:00:00Z", "tmipWindowEnd": "2030-01-01T00:00:00Z", "tmipReturnMonths": 2,
	  "tmipNoticeEveryDays": 14, "tmipCombinable": true},
	 "catalog": {"platforms": [{"name": "MX", "family": "hardware", "class": "routers"}, {"name": "XR", "family": "virtual", "trial": true}, {"name": "vXR", "family": "virtual"}],
	  "features": [{"name": "bgp", "trial": false}, {"name": "ospf"}], "heritage": ["Old Box"], "tmipSkus": ["MX80"]}`))
	if err != nil {
		t.Fatal(err)
	}
	tm := s.Terms
	c := tm.Credits
	if len(tm.License.SubscriptionTermYears) != 1 || tm.License.SubscriptionTermYears[0] != 2 ||
		tm.License.TrialWarningDays != 7 || tm.License.InitialGraceDays != 10 ||
		!c.Professional.Blocks[0].Equal(c.Flexible.Blocks[0]) || c.Professional.Blocks[0].IntPart() != 5 ||
		c.Professional.MinOrder.IntPart() != 20 || c.Flexible.MinOrder.IntPart() != 20 ||
		c.Professional.MinCallOff.IntPart() != 6 || c.Flexible.MinCallOff.IntPart() != 12 ||
		c.Professional.ValidityMonths != 24 || c.Flexible.ValidityMonths != 24 ||
		tm.TMIP.WindowStart.Time.Year() != 2020 || tm.TMIP.WindowEnd.Time.Year() != 2030 || tm.TMIP.ReturnMonths != 2 ||
		tm.TMIP.NoticeEveryDays != 14 || !tm.TMIP.Combinable {
		t.Errorf("terms not applied: %+v", tm)
	}
	cat := s.Catalog
	lp := license.MustNewProgram(cat.License, license.DefaultTerms())
	// SCENARIOS.md: "A platform added without trial follows
	// LIC-TRIAL-PRODUCTS by its family: virtual platforms have trials,
	// hardware and software platforms have none."
	// SCENARIOS.md: "An entry naming a default platform replaces it, and
	// every key it leaves out keeps the default's value".
	if p, ok := lp.Platform("MX"); !ok || p.Class != "routers" || p.Trial != license.TrialsOffered || !p.HasTrials() {
		t.Errorf("MX = %+v: want class routers, keeping MX's trials", p)
	}
	if p, ok := lp.Platform("XR"); !ok || !p.HasTrials() || p.Family.String() != "virtual" {
		t.Errorf("XR = %+v", p)
	}
	if p, ok := lp.Platform("vXR"); !ok || p.Trial != license.TrialsByFamily || !p.HasTrials() {
		t.Errorf("vXR = %+v: want trials by its family", p)
	}
	if lp.Feature("bgp").Trial || !lp.Feature("ospf").Trial {
		t.Error("features not applied")
	}
	if !cat.Entitlement.IsHeritage("Old Box") || !cat.TMIP.Contains("MX80") || !cat.TMIP.Contains("MX960-PREMIUM2-AC") {
		t.Error("heritage or SKUs not added to the defaults")
	}
	if s.Engine().Terms().TMIP.ReturnMonths != 2 || !s.Engine().Catalog().TMIP.Contains("MX80") {
		t.Error("the engine does not run under the scenario's terms and catalog")
	}
}

// TestCatalogEntryReplacingADefaultPlatformKeepsWhatItLeavesOut:
// SCENARIOS.md, "An entry naming a default platform replaces it, and every
// key it leaves out keeps the default's value ({"name": "MX", "classes":
// ["MX-edge"]} keeps MX hardware, in class MX, with trials)."
func TestCatalogEntryReplacingADefaultPlatformKeepsWhatItLeavesOut(t *testing.T) {
	s, err := decode(t, `{"name": "t",
	 "catalog": {"platforms": [{"name": "MX", "classes": ["MX-edge"]}, {"name": "SRX", "trial": true}, {"name": "vSRX", "family": "hardware"}]},
	 "devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX", "class": "MX-edge"}],
	 "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"},
	   "expect": {"outcome": "allow", "until": "never"}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	lp := license.MustNewProgram(s.Catalog.License, license.DefaultTerms())
	if p, ok := lp.Platform("MX"); !ok || p.Family != license.Hardware || p.DefaultClass() != "MX" || !p.HasClass("MX-edge") || !p.HasTrials() {
		t.Errorf("MX = %+v: want hardware, in class MX and MX-edge, with trials", p)
	}
	if p, ok := lp.Platform("SRX"); !ok || p.Family != license.Hardware || p.DefaultClass() != "SRX" || !p.HasTrials() {
		t.Errorf("SRX = %+v: want hardware, class SRX, now with trials", p)
	}
	// A key given replaces the default's; "trial" left out keeps vSRX's
	// trials, though it is now hardware.
	if p, ok := lp.Platform("vSRX"); !ok || p.Family != license.Hardware || p.DefaultClass() != "vSRX" || !p.HasTrials() {
		t.Errorf("vSRX = %+v: want hardware, class vSRX, with trials", p)
	}
	c := s.Checks[0]
	d, err := s.Engine().Decide(c.Request, c.At)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c.Expect.Mismatches(d) {
		t.Error(m)
	}
}

// TestHeritageLineMayListNoFeatures: SCENARIOS.md, "a heritage line may
// list no features ("features": [] or no key: it creates no entitlement,
// ENT-HERITAGE)".
func TestHeritageLineMayListNoFeatures(t *testing.T) {
	for _, features := range []string{``, `"features": [], `} {
		s, err := decode(t, `{"name": "t", "catalog": {"heritage": ["Old Box"]},
		 "orders": [{"id": "SO1", "accounts": ["A1"], "emails": ["ops@example.com"],
		   "lines": [{"id": "1", "product": "Old Box", "kind": "perpetual", "tier": "standard", `+features+`"quantity": 1, "shipDate": "2025-01-01T00:00:00Z"}]}],
		 "contacts": [{"id": "C1", "accounts": ["A1"]}],
		 "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "fulfilLine", "order": "SO1", "line": "1"},
		   "expect": {"outcome": "allow", "rules": ["ENT-HERITAGE", "ENT-EMAIL"], "until": "never",
		     "obligations": [{"kind": "email", "rule": "ENT-EMAIL", "subject": "ops@example.com"}]}},
		  {"at": "2025-01-01T00:00:00Z", "request": {"kind": "viewEntitlement", "contact": "C1", "order": "SO1", "line": "1"},
		   "expect": {"outcome": "deny", "rules": ["ENT-HERITAGE"], "until": "never"}}]}`)
		if err != nil {
			t.Fatalf("features %q: %v", features, err)
		}
		for _, c := range s.Checks {
			d, err := s.Engine().Decide(c.Request, c.At)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range c.Expect.Mismatches(d) {
				t.Errorf("features %q: check %d: %s", features, c.Index, m)
			}
			if d.Obligations.Len() != 1 && c.Index == 0 {
				t.Errorf("features %q: obligations %v, want the email alone", features, d.Obligations.Slice())
			}
		}
	}
}

// TestCheckKeepsTheRequestAsWritten: Raw is the request object byte for
// byte, and Describe says it in words.
func TestCheckKeepsTheRequestAsWritten(t *testing.T) {
	req := `{ "kind":"useFeature",  "license": "L1", "device": "mx-1", "feature": "bgp", "units": "10" }`
	s, err := decode(t, withChecks(`{"at": "2025-06-01T00:00:00+02:00", "request": `+req+`, "expect": {"outcome": "allow", "until": "never"}},
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}}`))
	if err != nil {
		t.Fatal(err)
	}
	c := s.Checks[0]
	if string(c.Raw) != req {
		t.Errorf("Raw = %s, want %s", c.Raw, req)
	}
	if want := "may device mx-1 use feature bgp under license L1 for 10 units?"; c.Describe() != want {
		t.Errorf("Describe() = %q, want %q", c.Describe(), want)
	}
	if c.At.Location() != time.UTC || c.At.Hour() != 22 || c.Index != 0 || s.Checks[1].Index != 1 {
		t.Errorf("at %v index %d", c.At, c.Index)
	}
	if c.Expect == nil || c.Expect.Until == nil || !c.Expect.Until.IsZero() || s.Checks[1].Expect != nil {
		t.Errorf("expect %+v: want until never; the second check has none", c.Expect)
	}
}

// TestEditingARawChangesNoOtherAnswer: the Raws are slices of one buffer,
// apart from the strings of the Scenario; overwriting a check's Raw and
// appending to it leaves every other Raw and every decoded string as it
// was.
func TestEditingARawChangesNoOtherAnswer(t *testing.T) {
	src := withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp"}},
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}},
	 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}}`)
	s, err := decode(t, src)
	if err != nil {
		t.Fatal(err)
	}
	raws, describes := make([]string, len(s.Checks)), make([]string, len(s.Checks))
	for i, c := range s.Checks {
		raws[i], describes[i] = string(c.Raw), c.Describe()
	}
	name := s.Name
	for i := range s.Checks {
		raw := s.Checks[i].Raw
		for j := range raw {
			raw[j] = 'X'
		}
		_ = append(raw, "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"...)
		raws[i] = string(raw)
		for k, c := range s.Checks {
			if k != i && string(c.Raw) != raws[k] {
				t.Fatalf("editing check %d's Raw changed check %d's to %s", i, k, c.Raw)
			}
			if c.Describe() != describes[k] {
				t.Fatalf("editing check %d's Raw changed check %d's request to %q", i, k, c.Describe())
			}
		}
		if s.Name != name {
			t.Fatalf("editing check %d's Raw changed the name to %q", i, s.Name)
		}
	}
}

// sampleFiles are the shared sample scenarios, this package's own and the
// tmip package's; the shared ones are skipped when ../shared is absent.
func sampleFiles(t testing.TB) []string {
	var files []string
	for _, pat := range []string{"../../../shared/scenarios/*.json", "testdata/scenarios/*.json", "../../tmip/testdata/*.json"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no scenario files")
	}
	return files
}

// TestSampleScenariosPass is the acceptance of SCENARIOS.md: every check
// with an expect matches the engine's decision, as evaluate -check asks.
func TestSampleScenariosPass(t *testing.T) {
	for _, file := range sampleFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenario.Decode(file, bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range s.Checks {
				d, err := s.Engine().Decide(c.Request, c.At)
				if err != nil {
					t.Errorf("check %d (%s): %v", c.Index, c.Describe(), err)
					continue
				}
				if c.Expect == nil {
					continue
				}
				for _, m := range c.Expect.Mismatches(d) {
					t.Errorf("check %d (%s): %s", c.Index, c.Describe(), m)
				}
			}
		})
	}
}

// TestBadTestdataFilesAreRefused: the fuzz seeds under testdata/bad are
// refused at the path each is about.
func TestBadTestdataFilesAreRefused(t *testing.T) {
	for file, path := range map[string]string{
		"unknown-key.json":    "checks[0].request.devise",
		"number-amount.json":  "creditAccounts[0].purchases[0].credits",
		"broken-history.json": "creditAccounts[0].callOffs[0]",
	} {
		b, err := os.ReadFile(filepath.Join("testdata", "bad", file))
		if err != nil {
			t.Fatal(err)
		}
		_, err = scenario.Decode(file, bytes.NewReader(b))
		var se *scenario.Error
		if !errors.As(err, &se) || se.Path != path || se.File != file {
			t.Errorf("%s: got %v, want an error at %s", file, err, path)
		}
	}
}

// at is the start of a check at an instant, in the tables of bad files.
const at = `"at": "2025-06-01T00:00:00Z", `

// badFile is a file the decoder refuses: at path, with a message holding
// msg.
type badFile struct {
	name, src, path, msg string
}

// badScenarioFiles are files the decoder refuses, each for one reason;
// testdata/bad/table.json publishes them for the schema's test
// (TestBadFileTableIsPublished).
var badScenarioFiles = []badFile{
	{"unknown top-level key", `{"name": "t", "nmae": 1, ` + oneCheck + `}`, "nmae", "unknown field"},
	{"unknown key in a request (the spec's example)", withChecks(`{}, {}, {` + at + `"request": {"kind": "useFeature", "license": "L1", "devise": "mx-1", "feature": "bgp"}}`),
		"checks[0].at", "missing"}, // the first check is checked first
	{"unknown key checks[2].request.devise", withChecks(`{` + at + `"request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}, {` + at + `"request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}, {` + at + `"request": {"kind": "useFeature", "license": "L1", "devise": "mx-1", "feature": "bgp"}}`),
		"checks[2].request.devise", "unknown field"},
	{"unknown key in a license", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z", "colour": "red"}]`),
		"licenses[0].colour", "unknown field"},
	{"unknown key in an engagement", fileWith(`"creditAccounts": [{"id": "a", "kind": "professional", "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": "10"}], "callOffs": [{"at": "2025-02-01T00:00:00Z", "credits": "5", "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true, "cost": "1"}}]}]`),
		"creditAccounts[0].callOffs[0].engagement.cost", "unknown field"},
	{"unknown key in an expected obligation", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "obligations": [{"kind": "notice", "rule": "TMIP-BREACH", "when": "x"}]}}`),
		"checks[0].expect.obligations[0].when", "unknown field"},
	{"unknown terms key", fileWith(`"terms": {"trialWarningDay": 3}`), "terms.trialWarningDay", "unknown field"},
	{"a JSON number for an amount", fileWith(`"creditAccounts": [{"id": "a", "kind": "professional", "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": 25}]}]`),
		"creditAccounts[0].purchases[0].credits", "JSON number 25"},
	{"a JSON number for an expected value", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "values": {"discount": 0}}}`),
		"checks[0].expect.values.discount", "want a decimal string"},
	{"an amount with an exponent", withChecks(`{` + at + `"request": {"kind": "purchaseCredits", "creditKind": "professional", "credits": "1e3"}}`),
		"checks[0].request.credits", "want a decimal string"},
	{"a string for a count", withChecks(`{` + at + `"request": {"kind": "renewLicense", "license": "L1", "termYears": "1"}}`),
		"checks[0].request.termYears", "want a JSON integer"},
	{"a fraction for a count", withChecks(`{` + at + `"request": {"kind": "renewLicense", "license": "L1", "termYears": 1.5}}`),
		"checks[0].request.termYears", "want a JSON integer"},
	{"an unknown license", withChecks(`{` + at + `"request": {"kind": "useFeature", "license": "L9", "device": "mx-1", "feature": "bgp"}}`),
		"checks[0].request.license", `unknown license "L9"`},
	{"an unknown device serial", withChecks(`{` + at + `"request": {"kind": "moveLicense", "license": "L1", "to": "mx-9", "reason": "rma"}}`),
		"checks[0].request.to", `unknown device "mx-9"`},
	{"an unknown device of a license", fileWith(`"licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z"}]`),
		"licenses[0].device", `unknown device "mx-1"; the file defines none`},
	{"an unknown order", withChecks(`{` + at + `"request": {"kind": "fulfilLine", "order": "SO9", "line": "1"}}`),
		"checks[0].request.order", `unknown order "SO9"`},
	{"an unknown line", withChecks(`{` + at + `"request": {"kind": "viewEntitlement", "contact": "C1", "order": "SO1", "line": "7"}}`),
		"checks[0].request.line", `unknown line "7" of order SO1`},
	{"an unknown contact", withChecks(`{` + at + `"request": {"kind": "viewEntitlement", "contact": "C9", "order": "SO1", "line": "1"}}`),
		"checks[0].request.contact", `unknown contact "C9"`},
	{"an unknown credit account", withChecks(`{` + at + `"request": {"kind": "creditStatement", "account": "nope", "quarter": "2025-Q1"}}`),
		"checks[0].request.account", `unknown credit account "nope"`},
	{"an unknown trade-in", withChecks(`{` + at + `"request": {"kind": "tradeInCompliance", "tradeIn": "T9"}}`),
		"checks[0].request.tradeIn", `unknown trade-in "T9"`},
	{"duplicate license IDs", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z"}, {"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z"}]`),
		"licenses[1].id", `duplicate id "L1" (first at licenses[0].id)`},
	{"duplicate device serials", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-1", "platform": "MX"}]`),
		"devices[1].serial", `duplicate id "mx-1"`},
	{"duplicate line IDs", fileWith(`"orders": [{"id": "SO1", "accounts": ["A1"], "emails": ["a@b.c"], "lines": [{"id": "1", "product": "MX", "kind": "perpetual", "tier": "standard", "features": ["bgp"], "quantity": 1, "shipDate": "2025-01-01T00:00:00Z"}, {"id": "1", "product": "MX", "kind": "perpetual", "tier": "standard", "features": ["bgp"], "quantity": 1, "shipDate": "2025-01-01T00:00:00Z"}]}]`),
		"orders[0].lines[1].id", `duplicate id "1"`},
	{"duplicate trade-in IDs", fileWith(`"tradeIns": [{"id": "T1", "sku": "MX960", "serial": "JN1", "newProduct": "MX304", "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"}}, {"id": "T1", "sku": "MX960", "serial": "JN2", "newProduct": "MX204", "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"}}]`),
		"tradeIns[1].id", `duplicate id "T1"`},
	{"a repeated key", `{"name": "t", "name": "u", ` + oneCheck + `}`, "name", "repeated key"},
	{"no name", `{` + oneCheck + `}`, "name", "missing"},
	{"an empty name", `{"name": "", ` + oneCheck + `}`, "name", "empty"},
	{"a name not kebab-case", `{"name": "My Scenario", ` + oneCheck + `}`, "name", "kebab-case"},
	{"no checks", `{"name": "t"}`, "checks", "missing; want a list of checks"},
	{"empty checks", `{"name": "t", "checks": []}`, "checks", "empty; want at least one check"},
	{"checks not a list", `{"name": "t", "checks": {}}`, "checks", "want a list of checks, not an object"},
	{"a check without request", `{"name": "t", "checks": [{"at": "2025-01-01T00:00:00Z"}]}`, "checks[0].request", "missing"},
	{"a request without kind", `{"name": "t", "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"platform": "MX"}}]}`, "checks[0].request.kind", "missing; want one of useFeature"},
	{"an unknown request kind", `{"name": "t", "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "useFeatures"}}]}`, "checks[0].request.kind", `unknown request kind "useFeatures"`},
	{"a bad instant", `{"name": "t", "checks": [{"at": "2025-01-01 00:00", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`,
		"checks[0].at", "want an RFC 3339 instant"},
	{"an instant without zone", fileWith(`"terms": {"tmipWindowEnd": "2021-10-01T00:00:00"}`), "terms.tmipWindowEnd", "want an RFC 3339 instant"},
	{"an instant before year 0 in UTC", `{"name": "t", "checks": [{"at": "0000-01-01T00:00:00+00:01", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`,
		"checks[0].at", "within years 0000 to 9999 in UTC"},
	{"a bad until", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "until": "forever"}}`),
		"checks[0].expect.until", "want an RFC 3339 instant"},
	{"a bad enum name", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "L1", "kind": "forever", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z"}]`),
		"licenses[0].kind", "perpetual"},
	{"a bad signer title", fileWith(`"tradeIns": [{"id": "T1", "sku": "MX960", "serial": "JN1", "newProduct": "MX304", "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"}, "destruction": {"signed": "2021-01-01T00:00:00Z", "signerTitle": "vp", "legalAuthority": true}}]`),
		"tradeIns[0].destruction.signerTitle", "vice-president"},
	{"a bad rule ID", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "rules": ["TMIP-SWAP", "TMIP-NOPE"]}}`),
		"checks[0].expect.rules[1]", `unknown rule ID "TMIP-NOPE"`},
	{"an unknown rule ID in notRules", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "notRules": ["TMIP-PASS-ON", "TMIP-PASSON"]}}`),
		"checks[0].expect.notRules[1]", `unknown rule ID "TMIP-PASSON"`},
	{"notRules not a list", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "notRules": "TMIP-PASS-ON"}}`),
		"checks[0].expect.notRules", "want a list of rule IDs, not a string"},
	{"a rule ID in notRules that is not a string", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "notRules": [7]}}`),
		"checks[0].expect.notRules[0]", "want a rule ID"},
	{"a rule both in rules and notRules", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "rules": ["TMIP-SWAP", "TMIP-WINDOW"], "notRules": ["TMIP-PASS-ON", "TMIP-WINDOW"]}}`),
		"checks[0].expect.notRules[1]", "TMIP-WINDOW is also in rules (checks[0].expect.rules[1])"},
	{"exact not a boolean", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "exact": "yes"}}`),
		"checks[0].expect.exact", "want true or false, not a string"},
	{"exact null", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "exact": null}}`),
		"checks[0].expect.exact", "not null"},
	{"an unknown key in an expect", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "notRule": ["TMIP-PASS-ON"]}}`),
		"checks[0].expect.notRule", "unknown field; want one of outcome, rules, notRules"},
	{"a bad outcome", withChecks(`{` + at + `"request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "maybe"}}`),
		"checks[0].expect.outcome", "deny, allow"},
	{"a bad quarter", withChecks(`{` + at + `"request": {"kind": "creditStatement", "account": "psc", "quarter": "2025-Q5"}}`),
		"checks[0].request.quarter", `want a quarter such as "2025-Q1"`},
	{"a feature that is not a string", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp", 7], "start": "2020-01-01T00:00:00Z"}]`),
		"licenses[0].features[1]", "want a feature name, not a number"},
	{"history that breaks a rule: a call-off under the minimum", fileWith(`"creditAccounts": [{"id": "a", "kind": "professional", "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": "10"}], "callOffs": [{"at": "2025-02-01T00:00:00Z", "credits": "5", "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}, {"at": "2025-02-02T00:00:00Z", "credits": "3", "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}]}]`),
		"creditAccounts[0].callOffs[1]", "CRD-MIN-CALLOFF"},
	{"history that breaks a rule: spending more than was bought", fileWith(`"creditAccounts": [{"id": "a", "kind": "professional", "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": "10"}], "callOffs": [{"at": "2025-03-01T00:00:00Z", "credits": "6", "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}, {"at": "2025-02-01T00:00:00Z", "credits": "5", "engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}}]}]`),
		"creditAccounts[0].callOffs[0]", "CRD-VALIDITY"},
	{"history that breaks a rule: a discounted purchase", fileWith(`"creditAccounts": [{"id": "a", "kind": "professional", "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": "10", "discount": "5"}]}]`),
		"creditAccounts[0].purchases[0]", "CRD-NO-DISCOUNT"},
	{"a license the license package refuses", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z", "termYears": 2}]`),
		"licenses[0]", "LIC-SUB-TERM"},
	// SCENARIOS.md: "an event the rules refuse makes the file an error
	// naming the event's path and the rule".
	{"a history event the rules refuse", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1, "history": [{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rebalance"}, {"at": "2025-07-01T00:00:00Z", "kind": "moveLicense", "to": "ptx-1", "reason": "rebalance"}]}]`),
		"licenses[0].history[1]", "LIC-PORT: license L1: moveLicense to ptx-1 (rebalance) at 2025-07-01T00:00:00Z"},
	{"a history out of time order", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1, "history": [{"at": "2025-06-01T00:00:00Z", "kind": "changeTier", "tier": "premium"}, {"at": "2025-05-01T00:00:00Z", "kind": "renewLicense", "termYears": 1}]}]`),
		"licenses[0].history[1]", "a license's events are listed in time order"},
	{"a history event of an unknown kind", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1, "history": [{"at": "2025-06-01T00:00:00Z", "kind": "upgrade", "tier": "premium"}]}]`), "licenses[0].history[0].kind", `unknown event kind "upgrade"`},
	{"an unknown key in a history event", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1, "history": [{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-2", "reason": "rma", "tier": "premium"}]}]`), "licenses[0].history[0].tier", "unknown field; want one of at, kind, to, reason"},
	{"a history event without its instant", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1, "history": [{"kind": "renewLicense", "termYears": 1}]}]`), "licenses[0].history[0].at", "missing"},
	{"an unknown device in a history event", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1, "history": [{"at": "2025-06-01T00:00:00Z", "kind": "moveLicense", "to": "mx-9", "reason": "rma"}]}]`), "licenses[0].history[0].to", `unknown device "mx-9"`},
	{"a history that is not a list", fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}, {"serial": "mx-2", "platform": "MX"}, {"serial": "ptx-1", "platform": "PTX"}], "licenses": [{"id": "L1", "kind": "subscription", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2025-01-01T00:00:00Z", "termYears": 1, "history": {"at": "2025-06-01T00:00:00Z", "kind": "renewLicense", "termYears": 1}}]`), "licenses[0].history", "want a list of history events"},
	{"terms the domain refuses", fileWith(`"terms": {"subscriptionTermYears": []}`), "terms", "subscriptionTermYears"},
	{"a trade-in tmip refuses", fileWith(`"tradeIns": [{"id": "T1", "sku": "MX960", "serial": "JN1", "newProduct": "MX304", "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"}, "support": {"serial": "JN1", "start": "2021-01-01T00:00:00Z", "end": "2020-01-01T00:00:00Z", "value": "10.00"}}]`),
		"tradeIns[0]", "TMIP-SUPPORT"},
	{"a platform added without family", fileWith(`"catalog": {"platforms": [{"name": "XR", "trial": true}]}`),
		"catalog.platforms[0].family", "missing"},
	{"a platform's order line without features", fileWith(`"orders": [{"id": "SO1", "accounts": ["A1"], "emails": ["a@b.c"], "lines": [{"id": "1", "product": "MX", "kind": "perpetual", "tier": "standard", "quantity": 1, "shipDate": "2025-01-01T00:00:00Z"}]}]`),
		"orders[0].lines[0].features", "missing"},
	{"nesting deeper than the format needs", `{"name": "t", "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": {"a": {"b": {"c": {}}}}}}]}`,
		"checks[0].request.platform.a.b", "nested deeper"},
	{"invalid JSON", `{"name": "t", "checks": [}`, "checks", "invalid JSON"},
	{"not an object", `[1]`, "", "want a JSON object"},
	{"trailing data", `{"name": "t", ` + oneCheck + `} {}`, "", "data after the top-level object"},
	{"invalid UTF-8", "{\"name\": \"t\xff\", " + oneCheck + "}", "", "not valid UTF-8"},
	{"null for a string", `{"name": null, ` + oneCheck + `}`, "name", "not null"},
}

var update = flag.Bool("update", false, "rewrite testdata/bad/table.json")

// publishedBadFile is one entry of testdata/bad/table.json: the file's bytes
// (base64 in JSON, since some are not UTF-8) and the path it is refused at.
type publishedBadFile struct {
	Name string `json:"name"`
	Src  []byte `json:"src"`
	Path string `json:"path"`
}

// TestBadFileTableIsPublished: testdata/bad/table.json holds exactly the
// bad-file tables of this package (badScenarioFiles and badInstants), so
// that the schema's test (schematest) checks the schema refuses them too;
// go test -update rewrites it.
func TestBadFileTableIsPublished(t *testing.T) {
	var table []publishedBadFile
	for _, c := range badScenarioFiles {
		table = append(table, publishedBadFile{c.name, []byte(c.src), c.path})
	}
	for _, c := range badInstants {
		table = append(table, publishedBadFile{"instant " + c.at, []byte(instantFile(c.at)), "checks[0].at"})
	}
	want, err := json.MarshalIndent(table, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	file := filepath.Join("testdata", "bad", "table.json")
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is not the tables of bad files (go test -update to rewrite it): %v", file, err)
	}
}
