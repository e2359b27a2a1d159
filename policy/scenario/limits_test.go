package scenario_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
)

// scenarioErr decodes src and returns its *Error, failing when it
// decodes.
func scenarioErr(t *testing.T, src string) *scenario.Error {
	t.Helper()
	s, err := decode(t, src)
	var se *scenario.Error
	if !errors.As(err, &se) {
		t.Fatalf("got %v, %v; want a *Error", s, err)
	}
	return se
}

// TestErrorSaysFilePathAndMessage: "Every error names the file, the
// path inside it, and what was expected", as "file:line:column: path: msg",
// and "file:line:column: msg" when the error is about the whole value.
func TestErrorSaysFilePathAndMessage(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{`{"name": "t", "nmae": 1, ` + oneCheck + `}`,
			"f.json:1:15: nmae: unknown field; want one of name, source, terms, catalog, devices, licenses, orders, contacts, creditAccounts, tradeIns, checks"},
		{`[1]`, "f.json:1:1: want a JSON object, not a list"},
	} {
		if got := scenarioErr(t, c.src).Error(); got != c.want {
			t.Errorf("Error() = %q\nwant        %q", got, c.want)
		}
	}
}

// TestNameIsAtMost100Characters: "name" is "short kebab-case", at most 100
// characters (doc.go).
func TestNameIsAtMost100Characters(t *testing.T) {
	name := strings.Repeat("a", 100)
	s, err := decode(t, `{"name": "`+name+`", `+oneCheck+`}`)
	if err != nil || s.Name != name {
		t.Fatalf("a name of 100 characters: %v", err)
	}
	se := scenarioErr(t, `{"name": "`+name+`b", `+oneCheck+`}`)
	if se.Path != "name" || !strings.Contains(se.Msg, "kebab-case") {
		t.Errorf("a name of 101 characters: %v", se)
	}
}

// TestCountsRunFromMinusToPlusOneMillion: "Counts are JSON integers ...
// between -1,000,000 and 1,000,000" (doc.go), both ends included.
func TestCountsRunFromMinusToPlusOneMillion(t *testing.T) {
	renew := func(n string) string {
		return withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "L1", "termYears": ` + n + `}}`)
	}
	for _, n := range []int{-1_000_000, 1_000_000} {
		s, err := decode(t, renew(fmt.Sprint(n)))
		if err != nil {
			t.Errorf("termYears %d: %v", n, err)
			continue
		}
		if got := s.Checks[0].Request.(policy.RenewLicense).TermYears; got != n {
			t.Errorf("termYears %d decoded as %d", n, got)
		}
	}
	for _, n := range []string{"-1000001", "1000001"} {
		se := scenarioErr(t, renew(n))
		want := n + ": want an integer between -1000000 and 1000000"
		if se.Path != "checks[0].request.termYears" || se.Msg != want {
			t.Errorf("termYears %s: got %q at %s, want %q", n, se.Msg, se.Path, want)
		}
	}
}

// TestAmountsHaveAtMost40SignificantDigits: amounts are "-?digits(.digits)?"
// of at most 40 significant digits, the point at most 40 places from the
// end (doc.go): what credits would refuse is refused at its own path;
// every digit 0-9 is one.
func TestAmountsHaveAtMost40SignificantDigits(t *testing.T) {
	purchase := func(credits string) string {
		return withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "purchaseCredits", "creditKind": "flexible", "credits": "` + credits + `"}}`)
	}
	forty := strings.Repeat("9", 40)
	for _, a := range []string{"-" + forty, "0." + forty, "1234567890.0987654321", "0",
		strings.Repeat("9", 20) + "." + strings.Repeat("9", 20)} {
		s, err := decode(t, purchase(a))
		if err != nil {
			t.Errorf("%s: %v", a, err)
			continue
		}
		if got := s.Checks[0].Request.(policy.PurchaseCredits).Order.Credits; !got.Equal(decimal.RequireFromString(a)) {
			t.Errorf("%s decoded as %s", a, got)
		}
	}
	for _, a := range []string{forty + "9", "1." + forty + "9", "1/2", "1:0", "+1", ".5", "5.", "1e3", "",
		forty + "." + forty, "1." + forty} {
		se := scenarioErr(t, purchase(a))
		if se.Path != "checks[0].request.credits" || !strings.Contains(se.Msg, "want a") || !strings.Contains(se.Msg, "40") {
			t.Errorf("%q: got %v, want it refused at checks[0].request.credits", a, se)
		}
	}
}

// TestRepeatedKeyIsRefusedInLargeObjectsToo: "A key given twice in one
// object is an error" (doc.go), however many keys come before the repeat,
// and a large object without a repeat is read whole.
func TestRepeatedKeyIsRefusedInLargeObjectsToo(t *testing.T) {
	var keys []string
	for i := range 20 {
		keys = append(keys, fmt.Sprintf(`"k%02d": %d`, i, i))
	}
	big := `{` + strings.Join(keys, ", ")
	for _, c := range []struct{ src, path, msg string }{
		{big + `, "k03": 0, "name": "t", ` + oneCheck + `}`, "k03", "repeated key; want each key once"},
		{big + `, "k19": 0, "name": "t", ` + oneCheck + `}`, "k19", "repeated key; want each key once"},
		{big + `, "name": "t", ` + oneCheck + `}`, "k00", "unknown field"},
	} {
		se := scenarioErr(t, c.src)
		if se.Path != c.path || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("got %q at %q, want %q at %q", se.Msg, se.Path, c.msg, c.path)
		}
	}
}

// TestInvalidJSONSaysWhereAndWhy: a syntax error names its line and
// column (in characters, from 1) and the path of the list or object it is
// in; a file cut short says so, at its end.
func TestInvalidJSONSaysWhereAndWhy(t *testing.T) {
	for _, c := range []struct {
		src, path, msg string
		line, col      int
	}{
		{`{"name": "t", "checks": [`, "checks", "invalid JSON: unexpected end of file", 1, 26},
		{`{"name": "t", "checks": [{"at": "x"`, "checks[0]", "invalid JSON: unexpected end of file", 1, 36},
		{`{"name": "t"`, "", "invalid JSON: unexpected end of file", 1, 13},
		{`{"name": "t",`, "", "invalid JSON: unexpected end of file", 1, 14},
		{``, "", "invalid JSON: unexpected end of file", 1, 1},
		{`{"name": "t", "checks": [}`, "checks", "invalid JSON: invalid character '}' looking for beginning of value", 1, 26},
		{`{"name": "t" "checks": []}`, "", "invalid JSON: invalid character '\"' after object key:value pair", 1, 14},
		{"{\n  \"name\": \"été\",\n  \"checks\": [1 2]}", "checks", "invalid JSON: invalid character '2' after array element", 3, 16},
		{"{\"name\": \"t\",\r\n \"checks\": [tru]}", "checks", "invalid JSON: invalid character 't' looking for beginning of value", 2, 13},
	} {
		se := scenarioErr(t, c.src)
		if se.Path != c.path || se.Msg != c.msg || se.Line != c.line || se.Column != c.col {
			t.Errorf("%q: got %q at %q %d:%d, want %q at %q %d:%d", c.src, se.Msg, se.Path, se.Line, se.Column, c.msg, c.path, c.line, c.col)
		}
	}
}

// TestUnknownReferenceListsAtMostTenIDs: "a reference to an unknown ID is an
// error naming it"; the IDs there are follow, sorted, the first ten only.
func TestUnknownReferenceListsAtMostTenIDs(t *testing.T) {
	file := func(n int) string {
		var accounts []string
		for i := range n {
			accounts = append(accounts, fmt.Sprintf(`{"id": "a%02d", "kind": "professional"}`, n-1-i))
		}
		return `{"name": "t", "creditAccounts": [` + strings.Join(accounts, ", ") + `], "checks": [
		 {"at": "2025-06-01T00:00:00Z", "request": {"kind": "creditStatement", "account": "zz", "quarter": "2025-Q2"}}]}`
	}
	for _, c := range []struct {
		n    int
		want string
	}{
		{1, `unknown credit account "zz"; want one of [a00]`},
		{10, `unknown credit account "zz"; want one of [a00 a01 a02 a03 a04 a05 a06 a07 a08 a09]`},
		{11, `unknown credit account "zz"; want one of [a00 a01 a02 a03 a04 a05 a06 a07 a08 a09 ...]`},
	} {
		se := scenarioErr(t, file(c.n))
		if se.Path != "checks[0].request.account" || se.Msg != c.want {
			t.Errorf("%d accounts: got %q at %q, want %q", c.n, se.Msg, se.Path, c.want)
		}
	}
}

// TestBrokenCallOffHistoryIsNamedByItsPath: "a file whose history breaks a
// rule is an error"; the call-off that breaks it is named by its path in
// the file, wherever it falls in the ledger's replay order (by instant), in
// histories of any length.
func TestBrokenCallOffHistoryIsNamedByItsPath(t *testing.T) {
	const eng = `"engagement": {"type": "design", "pricing": "fixed", "definedScope": true, "purchaseOrder": true, "statementOfWork": true}`
	for n := 1; n <= 9; n++ {
		for bad := range n {
			// File order is the reverse of time order: call-off i is on
			// day n-i of February, so the replay meets them backwards.
			var cs []string
			for i := range n {
				credits := "5"
				if i == bad {
					credits = "3" // under CRD-MIN-CALLOFF's 5
				}
				cs = append(cs, fmt.Sprintf(`{"at": "2025-02-%02dT00:00:00Z", "credits": "%s", %s}`, n-i, credits, eng))
			}
			src := fileWith(`"creditAccounts": [{"id": "a", "kind": "professional",
			 "purchases": [{"id": "p", "at": "2025-01-01T00:00:00Z", "credits": "50"}], "callOffs": [` + strings.Join(cs, ", ") + `]}]`)
			se := scenarioErr(t, src)
			if want := fmt.Sprintf("creditAccounts[0].callOffs[%d]", bad); se.Path != want || !strings.Contains(se.Msg, "CRD-MIN-CALLOFF") {
				t.Errorf("%d call-offs, callOffs[%d] under the minimum: got %q at %s, want it at %s", n, bad, se.Msg, se.Path, want)
			}
		}
	}
}

// TestCatalogSKUTheDomainRefusesIsNamedByItsPath: "Terms and catalog that a
// domain package refuses are an error at "terms" or "catalog"" (doc.go),
// here at the refused SKU in its list, with tmip's error kept.
func TestCatalogSKUTheDomainRefusesIsNamedByItsPath(t *testing.T) {
	se := scenarioErr(t, fileWith(`"catalog": {"tmipSkus": ["MX80", " MX80"]}`))
	if se.Path != "catalog.tmipSkus[1]" || !strings.Contains(se.Msg, `SKU " MX80" has spaces around it`) || se.Err == nil {
		t.Errorf("got %q at %q (underlying %v), want the spaced SKU refused at catalog.tmipSkus[1]", se.Msg, se.Path, se.Err)
	}
}

// TestInstantsSpanYears0000To9999InUTC: instants are RFC 3339, which writes
// years 0000 to 9999; both ends decode, in a scenario file and in a
// Decision, and an instant that is past them in UTC does not.
func TestInstantsSpanYears0000To9999InUTC(t *testing.T) {
	for _, c := range []struct {
		at string
		ok bool
	}{
		{"0000-01-01T00:00:00Z", true},
		{"9999-12-31T23:59:59Z", true},
		{"0000-01-01T00:00:00+00:01", false}, // year -1 in UTC
		{"9999-12-31T23:59:59-00:01", false}, // year 10000 in UTC
	} {
		_, err := decode(t, `{"name": "t", "checks": [{"at": "`+c.at+`", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`)
		if (err == nil) != c.ok {
			t.Errorf("scenario at %s: error %v, want one: %v", c.at, err, !c.ok)
		}
		var d policy.Decision
		err = json.Unmarshal([]byte(`{"outcome": "deny", "until": "`+c.at+`"}`), &d)
		if (err == nil) != c.ok {
			t.Errorf("decision until %s: error %v, want one: %v", c.at, err, !c.ok)
		}
	}
}

// TestErrorIsOneLineWhateverTheFileHolds: a file name, a key or an ID
// holding a newline, an empty key and a key of a thousand characters are
// quoted (the long one clipped) wherever an error says them, so each
// error is one line and no file can forge another (issue 26, class 7).
func TestErrorIsOneLineWhateverTheFileHolds(t *testing.T) {
	long := strings.Repeat("k", 1000)
	license := func(id string) string {
		return `"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "` + id + `", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z", "termYears": 1}]`
	}
	order := `"orders": [{"id": "` + long + `", "accounts": ["a"], "emails": ["e@x"], "lines": [{"id": "` + long + `", "product": "MX", "kind": "perpetual", "tier": "standard", "features": ["bgp"], "quantity": 1, "shipDate": "2025-01-01T00:00:00Z"}]}]`
	for _, c := range []struct {
		name, src, path, msg string
	}{
		{"a\nb.json", `{"name": "t", "a\nb": 1, ` + oneCheck + `}`, `"a\nb"`, "unknown field"},
		{"f.json", `{"name": "t", "": 1, ` + oneCheck + `}`, `""`, "unknown field"},
		{"f.json", `{"name": "t", "a.b": 1, ` + oneCheck + `}`, `"a.b"`, "unknown field"},
		{"f.json", `{"name": "t", "` + long + `": 1, ` + oneCheck + `}`, `"` + long[:80] + `"... (1000 bytes)`, "unknown field"},
		{"f.json", `{"name": "t", "x\u2028y": {"c": tru}}`, `"x\u2028y"`, "invalid JSON"},
		{"f.json", `{"name": "t", "\t": 1, "\t": 2}`, `"\t"`, "repeated key"},
		{"f.json", `{"name": "t", ` + license(`L\n1`) + `, ` + oneCheck + `}`, "licenses[0]", `license L\n1`},
		{"f.json", `{"name": "t", ` + order + `, "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "fulfilLine", "order": "` + long + `", "line": "x"}}]}`,
			"checks[0].request.line", `of order "` + long[:80] + `"... (1000 bytes); want one of ["` + long[:80] + `"... (1000 bytes)]`},
	} {
		_, err := scenario.Decode(c.name, strings.NewReader(c.src))
		var se *scenario.Error
		if !errors.As(err, &se) {
			t.Fatalf("%.60q: got %v, want a *Error", c.src, err)
		}
		if se.Path != c.path || !strings.Contains(se.Msg, c.msg) || strings.ContainsAny(err.Error(), "\n\t\u2028") || len(err.Error()) > 1000 {
			t.Errorf("%.60q: got %q, want one line at %q saying %q", c.src, err, c.path, c.msg)
		}
		if want := strconv.Quote(c.name) + ":"; c.name != "f.json" && !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: want it to start %s", err, want)
		}
	}
}

// TestLicenseIDsOfLoneSurrogatesAreRefused: license IDs "\ud800" and
// "\udfff" both read as U+FFFD by encoding/json, so a check of one would
// resolve to the other; the file is refused at the first, with its path
// and line:column (issue 26, class 7).
func TestLicenseIDsOfLoneSurrogatesAreRefused(t *testing.T) {
	lic := func(id string) string {
		return `{"id": "` + id + `", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": "2020-01-01T00:00:00Z"}`
	}
	src := "{\"name\": \"t\",\n \"devices\": [{\"serial\": \"mx-1\", \"platform\": \"MX\"}],\n \"licenses\": [" + lic(`\ud800`) + ",\n  " + lic(`\udfff`) + `],
 "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "\udfff", "termYears": 1}}]}`
	se := scenarioErr(t, src)
	if se.Path != "licenses[0].id" || se.Line != 3 || se.Column != 23 || !strings.Contains(se.Msg, `\ud800 in a string is half of a UTF-16 surrogate pair`) {
		t.Errorf("got %v, want licenses[0].id refused at 3:23", se)
	}
}
