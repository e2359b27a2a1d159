package junos

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// keysText renders installed keys as the text form prints them.
func keysText(keys ...Key) string { return Report{Keys: keys}.Text() }

// dated is a key feature valid over [start, end).
func dated(name string, start, end time.Time) KeyFeature {
	return KeyFeature{Name: name, Description: name, Expiry: Expiry{Validity: DateBased, Start: start, End: end}}
}

func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestFeatureFollowsTheBestLicense: "A feature with several licenses
// follows the one usable that lasts longest, else the one that starts
// soonest" (package doc), whatever order the keys are listed in.
func TestFeatureFollowsTheBestLicense(t *testing.T) {
	at := utc(2025, 6, 1)
	short := Key{ID: "SHORT", Features: []KeyFeature{dated("idp-sig", utc(2025, 1, 1), utc(2026, 1, 1))}}
	long := Key{ID: "LONG", Features: []KeyFeature{dated("idp-sig", utc(2025, 1, 1), utc(2030, 1, 1))}}
	expired := Key{ID: "OLD", Features: []KeyFeature{dated("idp-sig", utc(2020, 1, 1), utc(2021, 1, 1))}}
	future := Key{ID: "NEXT", Features: []KeyFeature{dated("idp-sig", utc(2027, 1, 1), utc(2032, 1, 1))}}
	trial := Key{ID: "TRY", OrderType: "trial", Features: []KeyFeature{dated("idp-sig", utc(2025, 5, 1), utc(2025, 7, 1))}}
	for _, c := range []struct {
		name string
		keys []Key
		want string
	}{
		{"the longer of two usable, listed first", []Key{long, short}, "LONG/idp-sig"},
		{"the longer of two usable, listed last", []Key{short, long}, "LONG/idp-sig"},
		{"a usable trial over a longer one not started, listed last", []Key{future, trial}, "TRY/idp-sig"},
		{"a usable trial over a longer one not started, listed first", []Key{trial, future}, "TRY/idp-sig"},
		{"not started rather than expired, expired first", []Key{expired, future}, "NEXT/idp-sig"},
		{"not started rather than expired, expired last", []Key{future, expired}, "NEXT/idp-sig"},
	} {
		r, err := ParseText(strings.NewReader(keysText(c.keys...)))
		if err != nil {
			t.Fatal(err)
		}
		f, err := r.Facts(Options{Platform: "vSRX"})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.At(at).Features[0].License; got != c.want {
			t.Errorf("%s: follows %s, want %s", c.name, got, c.want)
		}
	}
}

// TestUnlicensedUseCitesEachRuleOnce: a refused unlicensed use cites the
// closest rule first, then the rules of the standing it follows, each once
// (LIC-SOD beside a usable perpetual license's LIC-PERP-TERM; an expired
// trial's LIC-TRIAL-EXPIRY only once).
func TestUnlicensedUseCitesEachRuleOnce(t *testing.T) {
	captured := utc(2025, 1, 1)
	r, err := Parse(strings.NewReader(header +
		"  av_key_kaspersky_engine    2    1    1    permanent\n" +
		"  wf_key_surfcontrol_cpa     1    1    1    3 days\n"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Facts(Options{Platform: "vSRX", CapturedAt: captured})
	if err != nil {
		t.Fatal(err)
	}
	a := f.At(captured.AddDate(0, 0, 3))
	for i, want := range []string{"LIC-SOD LIC-PERP-TERM", "LIC-TRIAL-EXPIRY"} {
		if got := ruleNames(a.Features[i].Decision.Rules.IDs()); got != want {
			t.Errorf("%s: rules %q, want %q", a.Features[i].Name, got, want)
		}
		if obs := a.Features[i].Decision.Obligations.Slice(); len(obs) != 1 || obs[0].Kind != rule.Alarm {
			t.Errorf("%s: obligations %v", a.Features[i].Name, obs)
		}
	}
}

// TestCaptureOfExactlyMaxBytesIsRead: MaxBytes is the largest capture read;
// one byte more is refused.
func TestCaptureOfExactlyMaxBytesIsRead(t *testing.T) {
	head := header + "  f  1  1  0  permanent\n"
	in := head + strings.Repeat(" ", MaxBytes-len(head))
	r, err := Parse(strings.NewReader(in))
	if err != nil || len(r.Usage) != 1 {
		t.Fatalf("a capture of MaxBytes: %v", err)
	}
	if _, err := Parse(strings.NewReader(in + " ")); err == nil {
		t.Fatal("a capture of MaxBytes+1 was read")
	}
}

// TestValidityOutOfRangeIsInvalid: only the three validities are valid;
// the values beside them print as Go values and do not marshal.
func TestValidityOutOfRangeIsInvalid(t *testing.T) {
	for _, v := range []Validity{Permanent, DateBased, CountDown, Expired} {
		if !v.IsValid() {
			t.Errorf("%v is invalid", v)
		}
	}
	if Validity(0).IsValid() || Validity(0).String() != "junos.Validity(0)" {
		t.Errorf("the zero validity: valid %v, %q", Validity(0).IsValid(), Validity(0))
	}
	if v := Validity(5); v.IsValid() || v.String() != "junos.Validity(5)" {
		t.Errorf("validity 5: valid %v, %q", v.IsValid(), v)
	}
	if b, err := Validity(5).MarshalText(); err == nil {
		t.Errorf("validity 5 marshals to %q", b)
	}
}

// TestKeyFieldsOfAnyLetters: unknown key fields are tolerated whatever
// letters their label holds, a..z and A..Z included; a label with a digit
// is no field.
func TestKeyFieldsOfAnyLetters(t *testing.T) {
	in := "Licenses installed:\n  License identifier: E1\n  Authorization Zone: zone-a\n  Features:\n    x - y\n      permanent\n"
	r, err := ParseText(strings.NewReader(in))
	if err != nil || len(r.Keys) != 1 || r.Keys[0].Features[0].Name != "x" {
		t.Fatalf("%+v, %v", r, err)
	}
	if _, err := ParseText(strings.NewReader(strings.Replace(in, "Zone", "Zone2", 1))); err == nil {
		t.Error("a label with a digit was read as a field")
	}
}

// TestCountsOfNineDigits: a usage count has at most nine digits.
func TestCountsOfNineDigits(t *testing.T) {
	r, err := ParseText(strings.NewReader(header + "  f  123456789  1  0  permanent\n"))
	if err != nil || r.Usage[0].Used != 123456789 {
		t.Fatalf("nine digits: %+v, %v", r, err)
	}
	if _, err := ParseText(strings.NewReader(header + "  f  1234567890  1  0  permanent\n")); err == nil {
		t.Error("ten digits read as a count")
	}
}

// TestDaysUpToOneHundredThousand: a count-down reads at most 100000 days.
func TestDaysUpToOneHundredThousand(t *testing.T) {
	r, err := ParseText(strings.NewReader(header + "  f  1  1  0  100000 days\n"))
	if err != nil || r.Usage[0].Expiry.Remaining != 100000*day {
		t.Fatalf("100000 days: %+v, %v", r, err)
	}
	if _, err := ParseText(strings.NewReader(header + "  f  1  1  0  100001 days\n")); err == nil {
		t.Error("100001 days read as a count-down")
	}
}

// TestTextSeparatesKeysByOneBlankLine: Text prints the installed keys as
// the device does, one blank line between two keys and none before the
// first.
func TestTextSeparatesKeysByOneBlankLine(t *testing.T) {
	perm := KeyFeature{Name: "x", Description: "X", Expiry: Expiry{Validity: Permanent}}
	got := Report{Keys: []Key{{ID: "E1", Version: "4", Features: []KeyFeature{perm}}, {ID: "E2", OrderType: "trial"}}}.Text()
	want := "Licenses installed:\n" +
		"  License identifier: E1\n  License version: 4\n  Software Serial Number:\n  Customer ID:\n  Features:\n    x - X\n      permanent\n" +
		"\n" +
		"  License identifier: E2\n  License version:\n  Order Type: trial\n  Software Serial Number:\n  Customer ID:\n  Features:\n"
	if got != want {
		t.Errorf("Text() =\n%q\nwant\n%q", got, want)
	}
}

// TestXMLDocumentShape: a license-usage-summary without features is an
// empty usage table; a feature-summary outside one is not read, a second
// root element is a second capture, text after the root is not this output.
func TestXMLDocumentShape(t *testing.T) {
	r, err := ParseXML(strings.NewReader("<license-usage-summary></license-usage-summary>"))
	if err != nil || r.Usage == nil || len(r.Usage) != 0 {
		t.Errorf("empty summary: %+v, %v", r, err)
	}
	for _, c := range []struct{ name, in, msg string }{
		{"a feature outside the summary", "<rpc-reply><feature-summary><name>f</name></feature-summary></rpc-reply>", "no <license-usage-summary>"},
		{"a second root", "<license-usage-summary></license-usage-summary>\n<html></html>", "a second capture (<html>)"},
		{"two captures", "<license-usage-summary></license-usage-summary><license-usage-summary></license-usage-summary>", "one capture a file"},
		{"text after the root", "<license-usage-summary></license-usage-summary>\ntrailing", `text "trailing" outside any element`},
	} {
		_, err := ParseXML(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
}

// TestXMLFeatureHasOneValidity: a feature-summary is permanent or expired,
// or has dates: validity-type beside an end or a remaining time is refused.
// An end beside its remaining time gives the capture's instant.
func TestXMLFeatureHasOneValidity(t *testing.T) {
	perm := "<validity-type>permanent</validity-type>"
	end := `<end-date junos:seconds="1545696000">2018-12-25</end-date>`
	rem := `<remaining-time><remaining-validity-value junos:seconds="86400">1 days</remaining-validity-value></remaining-time>`
	for _, pair := range [][2]string{{perm, end}, {perm, rem}} {
		in := "<license-usage-summary><feature-summary><name>f</name>" + pair[0] + pair[1] + "</feature-summary></license-usage-summary>"
		if _, err := ParseXML(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "is not permanent, expired, or the kind its dates say") {
			t.Errorf("%s: %v", in, err)
		}
	}
	r, err := ParseXML(strings.NewReader("<license-usage-summary><feature-summary><name>f</name>" + end + rem + "</feature-summary></license-usage-summary>"))
	if err != nil || !r.CapturedAt.Equal(time.Date(2018, 12, 24, 0, 0, 0, 0, time.UTC)) || r.Usage[0].Expiry.Validity != DateBased {
		t.Errorf("an end beside its remaining time: %+v, %v", r, err)
	}
}

// TestXMLSecondsBounds: junos:seconds reads instants from 0000-01-01 to
// 9999-12-31T23:59:59Z, the years every output format writes back.
func TestXMLSecondsBounds(t *testing.T) {
	for _, c := range []struct {
		seconds string
		want    time.Time
		ok      bool
	}{
		{"0", time.Unix(0, 0).UTC(), true},
		{"253402300799", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{"-62167219200", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"-62167219201", time.Time{}, false},
		{"253402300800", time.Time{}, false},
	} {
		got, err := instantOf(&node{seconds: c.seconds})
		if (err == nil) != c.ok || !got.Equal(c.want) {
			t.Errorf("seconds %s: %v, %v", c.seconds, got, err)
		}
	}
}

// TestXMLPrintsWholeDays: a count-down prints its seconds and its whole
// days, as devices do ("<remaining-validity-value junos:seconds="2572880">29
// days").
func TestXMLPrintsWholeDays(t *testing.T) {
	out := Report{Usage: []Usage{{Name: "f", Installed: 1, Expiry: Expiry{Validity: CountDown, Remaining: 2572880 * time.Second}}}}.XML()
	if !strings.Contains(out, `<remaining-validity-value junos:seconds="2572880">29 days</remaining-validity-value>`) {
		t.Errorf("XML() =\n%s", out)
	}
}

// TestCaptureCutShortNamesItsLastLine: a capture that ends, without a line
// end, inside the usage table's header or after a feature's name is refused
// naming its last line.
func TestCaptureCutShortNamesItsLastLine(t *testing.T) {
	for _, c := range []struct {
		in   string
		line int
		msg  string
	}{
		{"License usage:", 1, "the usage table has no header"},
		{"Licenses installed:\n  License identifier: E1\n  Features:\n    x - y", 4, `feature "x" has no validity line`},
	} {
		_, err := ParseText(strings.NewReader(c.in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != c.line || pe.Msg != c.msg {
			t.Errorf("%q: %v, want line %d: %s", c.in, err, c.line, c.msg)
		}
	}
}
