package scenario_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// TestEveryErrorOfAFileIsReportedInFileOrder: decoding reports every error
// of a file at once, each with its path and line:column, in file order;
// errors.As finds the first, and a domain refusal behind a later one stays
// reachable with errors.Is.
func TestEveryErrorOfAFileIsReportedInFileOrder(t *testing.T) {
	src := `{"name": "five-mistakes",
 "devices": [{"serial": "mx-1", "platform": "MX", "colour": "red"}],
 "creditAccounts": [{"id": "a", "kind": "professional",
   "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": "37.5"}]}],
 "checks": [
  {"at": "2024-02-30T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}},
  {"at": "2025-01-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L9", "device": "mx-1", "feature": "bgp"}},
  {"at": "2025-01-01T00:00:00Z", "request": {"kind": "purchaseCredits", "creditKind": "professional", "credits": 10}},
  {"at": "2025-01-01T00:00:00+24:00", "request": {"kind": "tradeIn", "tradeIn": "T1"}}
 ]}`
	_, err := decode(t, src)
	var es scenario.Errors
	if !errors.As(err, &es) {
		t.Fatalf("got %T %v, want Errors", err, err)
	}
	want := []struct {
		path string
		line int
		msg  string
	}{
		{"devices[0].colour", 2, "unknown field"},
		{"creditAccounts[0].purchases[0]", 4, "CRD-BLOCKS"},
		{"checks[0].at", 6, "day 30 does not exist: February 2024 has 29 days"},
		{"checks[1].request.license", 7, `unknown license "L9"; the file defines none`},
		{"checks[2].request.credits", 8, "the JSON number 10"},
		{"checks[3].at", 9, "offset +24:00 is out of range"},
		{"checks[3].request.tradeIn", 9, `unknown trade-in "T1"`},
	}
	if len(es) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(es), len(want), err)
	}
	for i, w := range want {
		e := es[i]
		if e.Path != w.path || e.Line != w.line || e.Column < 1 || !strings.Contains(e.Msg, w.msg) || e.File != "f.json" {
			t.Errorf("error %d: %s:%d:%d %s: %s; want %s on line %d saying %q", i, e.File, e.Line, e.Column, e.Path, e.Msg, w.path, w.line, w.msg)
		}
	}
	var first *scenario.Error
	if !errors.As(err, &first) || first != es[0] {
		t.Errorf("errors.As found %v, want the first error", first)
	}
	var v *rule.Violation
	if !errors.Is(err, rule.CrdBlocks) || !errors.As(err, &v) {
		t.Errorf("the purchase's CRD-BLOCKS violation is not reachable through %v", err)
	}
	if lines := strings.Count(err.Error(), "\n") + 1; lines != len(want) {
		t.Errorf("Error() has %d lines, want one per error", lines)
	}
}

// TestErrorsStopAtMaxErrorsAndSaySo: at most MaxErrors errors are
// reported, and a last line says that more were not.
func TestErrorsStopAtMaxErrorsAndSaySo(t *testing.T) {
	var checks []string
	for range scenario.MaxErrors + 50 {
		checks = append(checks, `{"at": "x", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}`)
	}
	_, err := decode(t, `{"name": "t", "checks": [`+strings.Join(checks, ",\n")+`]}`)
	var es scenario.Errors
	if !errors.As(err, &es) || len(es) != scenario.MaxErrors+1 {
		t.Fatalf("got %d errors, want %d and a note", len(es), scenario.MaxErrors)
	}
	if last := es[len(es)-1]; !strings.Contains(last.Msg, "more errors not reported") || es[scenario.MaxErrors-1].Path != fmt.Sprintf("checks[%d].at", scenario.MaxErrors-1) {
		t.Errorf("last errors: %v, %v", es[scenario.MaxErrors-1], last)
	}
}

// TestInstantsSayWhichPartIsWrong: an instant that does not exist names
// the part that is wrong, and offsets run from -23:59 to +23:59.
func TestInstantsSayWhichPartIsWrong(t *testing.T) {
	for _, c := range badInstants {
		se := scenarioErr(t, instantFile(c.at))
		if se.Path != "checks[0].at" || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("%s: got %q at %s, want %q", c.at, se.Msg, se.Path, c.msg)
		}
	}
	for _, at := range []string{"2024-02-29T23:59:59.999999999+23:59", "2025-01-01T00:00:00-23:59", "0000-01-01T00:00:00Z"} {
		if _, err := decode(t, `{"name": "t", "checks": [{"at": "`+at+`", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`); err != nil {
			t.Errorf("%s: %v", at, err)
		}
	}
}

// TestGivenZeroInstantIsPresentNotReadAsAbsent: "'Absent' is not the zero
// instant: an instant the file gives is present, whatever its value". A
// return, a window end, a license's start and a ship date on
// 0001-01-01T00:00:00Z are those instants; only where the zero time would
// read as "none" (a check's instant) is it refused at its path.
func TestGivenZeroInstantIsPresentNotReadAsAbsent(t *testing.T) {
	s, err := decode(t, fileWith(`"terms": {"tmipWindowStart": "0001-01-01T00:00:00Z"},
	 "tradeIns": [{"id": "T1", "sku": "MX960-PREMIUM2-AC", "serial": "JN1", "newProduct": "MX304",
	  "condition": {"working": true, "network": "lab", "damaged": false, "channel": "direct"}, "returned": "0001-01-01T00:00:00Z"}],
	 "devices": [{"serial": "mx-1", "platform": "MX"}],
	 "licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "0001-01-01T00:00:00Z"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if ws := s.Terms.TMIP.WindowStart; !ws.Valid || !ws.Time.IsZero() {
		t.Errorf("window start %+v, want the zero instant, present", ws)
	}
	se := scenarioErr(t, `{"name": "t", "checks": [{"at": "0001-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`)
	if se.Path != "checks[0].at" || !strings.Contains(se.Msg, "zero instant") {
		t.Errorf("got %q at %s, want the zero instant refused at checks[0].at", se.Msg, se.Path)
	}
	if _, err := decode(t, `{"name": "t", "checks": [{"at": "0001-01-01T00:00:00.000000001Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`); err != nil {
		t.Errorf("a nanosecond after the zero instant: %v", err)
	}
}

// TestUnitsArePositive: LIC-SOD grants capacity to scale into; a use of
// zero or fewer units is refused at its path.
func TestUnitsArePositive(t *testing.T) {
	for _, u := range []string{"0", "-1", "-0.5", "0.000"} {
		se := scenarioErr(t, withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "L1", "device": "mx-1", "feature": "bgp", "units": "`+u+`"}}`))
		if se.Path != "checks[0].request.units" || !strings.Contains(se.Msg, rule.LicSOD.String()) {
			t.Errorf("units %s: got %q at %s, want it refused citing LIC-SOD", u, se.Msg, se.Path)
		}
	}
}

// TestErrorsQuoteAtMost80CharactersOfAValue: an error never echoes a whole
// long value (a 1 MB ID or instant), only its first 80 characters and its
// size.
func TestErrorsQuoteAtMost80CharactersOfAValue(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	for _, src := range []string{
		`{"name": "` + long + `", ` + oneCheck + `}`,
		`{"name": "t", "checks": [{"at": "` + long + `", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`,
		withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "useFeature", "license": "` + long + `", "device": "mx-1", "feature": "bgp"}}`),
		withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "` + long + `"}}`),
		withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "changeTier", "license": "L1", "tier": "` + long + `"}}`),
		fileWith(`"devices": [{"serial": "mx-1", "platform": "` + long + `"}]`),
	} {
		_, err := decode(t, src)
		if err == nil || len(err.Error()) > 1000 {
			t.Errorf("error of %d bytes: %.300s", len(fmt.Sprint(err)), err)
		}
	}
}

// TestListsInsideAFactAreBounded: the lists the domain constructors check
// pairwise for repeats hold at most 100 names, the catalog's lists 1,000
// entries and an order's lines 1,000, so that no file under MaxSize costs
// more than n log n; repeats are refused at the repeat's path.
func TestListsInsideAFactAreBounded(t *testing.T) {
	names := func(n int) string {
		s := make([]string, n)
		for i := range s {
			s[i] = fmt.Sprintf(`"f%d"`, i)
		}
		return strings.Join(s, ", ")
	}
	license := func(features string) string {
		return fileWith(`"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": [` + features + `], "start": "2020-01-01T00:00:00Z"}]`)
	}
	if _, err := decode(t, license(names(100))); err != nil {
		t.Errorf("100 features: %v", err)
	}
	for _, c := range []struct{ src, path, msg string }{
		{license(names(101)), "licenses[0].features", "101 entries; want at most 100"},
		{license(`"bgp", "ospf", "bgp"`), "licenses[0].features[2]", `"bgp" is listed twice (first at licenses[0].features[0])`},
		{fileWith(`"contacts": [{"id": "C1", "accounts": [` + names(101) + `]}]`), "contacts[0].accounts", "want at most 100"},
		{fileWith(`"catalog": {"heritage": [` + names(1001) + `]}`), "catalog.heritage", "1001 entries; want at most 1000"},
		{fileWith(`"catalog": {"tmipSkus": [` + names(1001) + `]}`), "catalog.tmipSkus", "want at most 1000"},
	} {
		se := scenarioErr(t, c.src)
		if se.Path != c.path || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("got %q at %s, want %q at %s", se.Msg, se.Path, c.msg, c.path)
		}
	}
	s, err := decode(t, fileWith(`"catalog": {"heritage": [`+names(999)+`, "f1"], "tmipSkus": [`+names(1000)+`]}`))
	if err != nil {
		t.Fatalf("1000 heritage products, one repeated, and 1000 SKUs: %v", err)
	}
	if len(s.Catalog.Entitlement.Heritage) != 1003 || !s.Catalog.TMIP.Contains("f999") {
		t.Errorf("heritage %d, want the 4 defaults and 999 new ones, each once", len(s.Catalog.Entitlement.Heritage))
	}
}

// TestDecideNamesTheCheckAndItsRequest: an error while deciding a check is
// an *Error naming the file, the request's path and place, and the check.
func TestDecideNamesTheCheckAndItsRequest(t *testing.T) {
	s, err := decode(t, withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}}`))
	if err != nil {
		t.Fatal(err)
	}
	c := s.Checks[0]
	if _, err := s.Decide(c); err != nil {
		t.Fatalf("a decoded check: %v", err)
	}
	c.Request = nil
	_, err = s.Decide(c)
	var se *scenario.Error
	if !errors.As(err, &se) || se.File != "f.json" || se.Path != "checks[0].request" || se.Line != c.Line || c.Line < 1 ||
		!strings.Contains(se.Msg, "deciding") {
		t.Errorf("got %v, want an error at f.json:%d:%d: checks[0].request", err, c.Line, c.Column)
	}
	if _, err := new(scenario.Scenario).Decide(c); err == nil {
		t.Error("the zero Scenario decided a check")
	}
}

// badInstants are instants the decoder refuses, and what it says.
var badInstants = []struct{ at, msg string }{
	{"2024-02-30T00:00:00Z", "day 30 does not exist: February 2024 has 29 days"},
	{"2023-02-29T00:00:00Z", "day 29 does not exist: February 2023 has 28 days"},
	{"2025-04-31T00:00:00Z", "day 31 does not exist: April 2025 has 30 days"},
	{"2025-13-01T00:00:00Z", "month 13 does not exist"},
	{"2025-00-01T00:00:00Z", "month 00 does not exist"},
	{"2025-01-01T24:00:00Z", "hour 24 does not exist"},
	{"2025-01-01T00:60:00Z", "minute 60 does not exist"},
	{"2025-01-01T00:00:60Z", "second 60 does not exist"},
	{"2025-01-01T00:00:00+24:00", "offset +24:00 is out of range"},
	{"2025-01-01T00:00:00-00:60", "offset -00:60 is out of range"},
	{"2025-01-01T00:00:00", "want an RFC 3339 instant"},
	{"2025-01-01t00:00:00Z", "want an RFC 3339 instant"},
	{"2025-01-01T00:00:00.Z", "want an RFC 3339 instant"},
}

// instantFile is a file whose one check is at at.
func instantFile(at string) string {
	return `{"name": "t", "checks": [{"at": "` + at + `", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`
}

// TestEveryBrokenPurchaseOfAnAccountIsNamed: each purchase of an account is
// checked alone, so two broken purchases are two errors at their paths.
func TestEveryBrokenPurchaseOfAnAccountIsNamed(t *testing.T) {
	_, err := decode(t, fileWith(`"creditAccounts": [{"id": "a", "kind": "professional", "purchases": [
	 {"id": "p1", "at": "2025-01-01T00:00:00Z", "credits": "37.5"},
	 {"id": "p2", "at": "2025-01-01T00:00:00Z", "credits": "10", "discount": "5"}]}]`))
	var es scenario.Errors
	if !errors.As(err, &es) || len(es) != 2 || es[0].Path != "creditAccounts[0].purchases[0]" || es[1].Path != "creditAccounts[0].purchases[1]" ||
		!errors.Is(es[0], rule.CrdBlocks) || !errors.Is(es[1], rule.CrdNoDiscount) {
		t.Errorf("got %v, want CRD-BLOCKS at purchases[0] and CRD-NO-DISCOUNT at purchases[1]", err)
	}
}

// TestFulfilmentOutputIsBoundedOverTheFile: issue 18's finding 4, 40,000
// fulfilLine checks of a 10,000-unit line wrote over 6 GB with -json; the
// file is refused at the check that crosses MaxFulfilled instead.
func TestFulfilmentOutputIsBoundedOverTheFile(t *testing.T) {
	var checks []string
	for range scenario.MaxFulfilled/10_000 + 2 {
		checks = append(checks, `{"at": "2025-06-01T00:00:00Z", "request": {"kind": "fulfilLine", "order": "SO1", "line": "1"}}`)
	}
	src := `{"name": "t", "orders": [{"id": "SO1", "accounts": ["A1"], "emails": ["ops@example.com"],
	  "lines": [{"id": "1", "product": "MX", "kind": "perpetual", "tier": "standard", "features": ["bgp"], "quantity": 10000, "shipDate": "2025-01-01T00:00:00Z"}]}],
	 "checks": [` + strings.Join(checks, ",") + `]}`
	se := scenarioErr(t, src)
	if !strings.Contains(se.Msg, "MaxFulfilled") || !strings.HasPrefix(se.Path, "checks[") {
		t.Fatalf("got %q at %s, want the cap named at a check", se.Msg, se.Path)
	}
	if _, err := decode(t, strings.Replace(src, `"quantity": 10000`, `"quantity": 10`, 1)); err != nil {
		t.Fatalf("the same checks of a 10-unit line: %v", err)
	}
}
