package junos

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

const header = "License usage:\n                                 Licenses     Licenses    Licenses    Expiry\n  Feature name                       used    installed      needed\n"

func TestParserToleratesWhatDevicesPrint(t *testing.T) {
	for _, c := range []struct {
		name, in string
		check    func(Report) bool
	}{
		{"names longer than their column push the row right",
			header + "  vmx-subscriber-address-assignment        0         1           0    60 days\n",
			func(r Report) bool {
				return r.Usage[0].Name == "vmx-subscriber-address-assignment" && r.Usage[0].Installed == 1 && r.Usage[0].Expiry.Remaining == 60*day
			}},
		{"trailing spaces and CRLF", strings.ReplaceAll(header, "\n", " \r\n") + "  VCPU Scale  2  2  0  permanent  \r\n",
			func(r Report) bool { return r.Usage[0].Name == "VCPU Scale" && r.Usage[0].Used == 2 }},
		{"a name ending in a number", header + "  scale 10    0   10   0    permanent\n",
			func(r Report) bool { return r.Usage[0].Name == "scale 10" && r.Usage[0].Installed == 10 }},
		{"a row without expiry", header + "  wf_key_surfcontrol_cpa 1 0 1\n",
			func(r Report) bool { return r.Usage[0].Needed == 1 && r.Usage[0].Expiry.Validity == 0 }},
		{"blank identifiers and unknown key fields",
			"Licenses installed:\nLicense identifier:\nLicense state: valid\nCustomer ID:\nFeatures:\n  x - y\n    permanent\n",
			func(r Report) bool { return r.Keys[0].ID == "" && r.Keys[0].Features[0].Name == "x" && r.Usage == nil }},
		{"an XML document inside rpc-reply with unknown elements",
			`<rpc-reply xmlns:junos="j"><license-summary-information><license-usage-summary><x-new>1</x-new><feature-summary><name>f</name><licensed>2</licensed><extra/><validity-type>permanent</validity-type></feature-summary></license-usage-summary></license-summary-information></rpc-reply>`,
			func(r Report) bool {
				return r.Form == XML && r.Usage[0].Installed == 2 && r.Usage[0].Expiry.Validity == Permanent
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(r) {
				t.Errorf("parsed %+v", r)
			}
		})
	}
}

func TestParserRefusesWhatIsNotThisOutput(t *testing.T) {
	for _, c := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"prose", "hello world\n", 1, `"hello world" is not show system license output`},
		{"a row without counts", header + "  Virtual Appliance  one 1 0 permanent\n", 4, "is not a usage row"},
		{"a date not in UTC", header + "  x  1 1 0  2021-10-18 00:00:00 PDT\n", 4, "is not a usage row"},
		{"a feature without validity", "Licenses installed:\n  License identifier: E1\n  Features:\n    x - y\n\n", 5, `feature "x" has no validity line`},
		{"an unreadable validity", "Licenses installed:\n  License identifier: E1\n  Features:\n    x - y\n      forever\n", 5, "is not the validity"},
		{"a missing header", "License usage:\n  x 1 1 0 permanent\n", 2, "header"},
		{"empty", "", 1, "no \"License usage:\""},
		{"another XML document", "<html><body/></html>", 1, "element <html> is not license output"},
		{"a bad count element", "<license-usage-summary>\n<feature-summary><name>f</name>\n<licensed>many</licensed></feature-summary></license-usage-summary>", 3, `<licensed> of feature "f": "many" is not a count`},
		{"a feature without name", "<license-usage-summary><feature-summary/></license-usage-summary>", 1, "has no <name>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a ParseError", err)
			}
			if pe.Line != c.line || !strings.Contains(pe.Msg, c.msg) {
				t.Errorf("got line %d %q, want line %d containing %q", pe.Line, pe.Msg, c.line, c.msg)
			}
		})
	}
}

func TestParserRefusesOversizedCaptures(t *testing.T) {
	_, err := Parse(strings.NewReader(strings.Repeat(" ", MaxBytes+1)))
	if err == nil || !strings.Contains(err.Error(), "over") {
		t.Fatalf("got %v", err)
	}
}

// A feature the device uses without a license ("needed" above zero) is
// refused with an alarm citing the closest rule: LIC-TIER with no license,
// LIC-SOD beside a usable one, LIC-TRIAL-EXPIRY after a trial's end.
func TestUnlicensedUseRaisesAnAlarm(t *testing.T) {
	in := header +
		"  wf_key_surfcontrol_cpa     1    0    1    29 days\n" +
		"  av_key_kaspersky_engine    2    1    1    permanent\n" +
		"  dynamic-vpn                1    0    1\n"
	r, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	captured := time.Date(2012, 10, 16, 23, 59, 30, 0, time.UTC)
	f, err := r.Facts(Options{Platform: "vSRX", CapturedAt: captured})
	if err != nil {
		t.Fatal(err)
	}
	a := f.At(captured)
	for i, name := range []string{"LIC-TIER", "LIC-SOD", "LIC-TIER"} {
		d := a.Features[i].Decision
		wantRule := d.Rules.IDs()[0]
		if d.Allowed || wantRule.String() != name || !a.Features[i].Unlicensed {
			t.Errorf("%s: %+v, want refused citing %v", a.Features[i].Name, d, wantRule)
		}
		obs := d.Obligations.Slice()
		if len(obs) == 0 || obs[len(obs)-1] != (rule.Obligation{Kind: rule.Alarm, Rule: wantRule, Subject: a.Features[i].Name}) {
			t.Errorf("%s: obligations %v", a.Features[i].Name, obs)
		}
	}
	// A trial that has run out, still needed: LIC-TRIAL-EXPIRY.
	r2, _ := Parse(strings.NewReader(header + "  f  1  1  1  3 days\n"))
	f2, err := r2.Facts(Options{Platform: "vSRX", CapturedAt: captured})
	if err != nil {
		t.Fatal(err)
	}
	d := f2.At(captured.AddDate(0, 0, 3)).Features[0].Decision
	if d.Allowed || d.Rules.IDs()[0].String() != "LIC-TRIAL-EXPIRY" || d.Obligations.Slice()[0].Kind != rule.Alarm {
		t.Errorf("expired trial in use: %+v", d)
	}
}

func TestFactsRefuseWhatTheyCannotKnow(t *testing.T) {
	r, _ := Parse(strings.NewReader(header + "  something  0  1  0  permanent\n"))
	if _, err := r.Facts(Options{}); !errors.Is(err, rule.LicPlatform) || !strings.Contains(err.Error(), "LIC-PLATFORM") {
		t.Errorf("no platform: got %v, want LIC-PLATFORM", err)
	}
	r, _ = Parse(strings.NewReader(header + "  Virtual Appliance  1  1  0  60 days\n"))
	if _, err := r.Facts(Options{}); !errors.Is(err, rule.LicKind) || !strings.Contains(err.Error(), "LIC-KIND") {
		t.Errorf("count-down without capture instant: got %v, want LIC-KIND", err)
	}
}

// A date-based key that is not a trial and not whole years is a Window:
// LIC-SUB-TERM within, ENT-TIMER before, LIC-SUB-EXPIRY and LIC-RENEW after,
// with no grace.
func TestOddSpanIsReadFromItsDates(t *testing.T) {
	in := "Licenses installed:\n  License identifier: E9\n  Features:\n    idp-sig - IDP\n      date-based, 2020-01-01 00:00:00 UTC - 2020-07-01 00:00:00 UTC\n"
	r, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Facts(Options{Platform: "SRX"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Features[0].Windows) != 1 {
		t.Fatalf("want a window, got %+v", f.Features[0])
	}
	for _, c := range []struct {
		at    time.Time
		state license.State
		rules string
	}{
		{time.Date(2019, 12, 31, 23, 59, 59, 999999999, time.UTC), license.NotStarted, "ENT-TIMER"},
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), license.Active, "LIC-SUB-TERM"},
		{time.Date(2020, 7, 1, 0, 0, 0, 0, time.UTC).Add(-1), license.Active, "LIC-SUB-TERM"},
		{time.Date(2020, 7, 1, 0, 0, 0, 0, time.UTC), license.Expired, "LIC-SUB-EXPIRY LIC-RENEW"},
	} {
		fr := f.At(c.at).Features[0]
		if fr.Standing.State != c.state || ruleNames(fr.Decision.Rules.IDs()) != c.rules {
			t.Errorf("at %v: %v %v, want %v %v", c.at, fr.Standing.State, fr.Decision.Rules.IDs(), c.state, c.rules)
		}
	}
}

func TestValidityNames(t *testing.T) {
	for _, v := range []Validity{Permanent, DateBased, CountDown} {
		b, _ := v.MarshalText()
		var back Validity
		if err := back.UnmarshalText(b); err != nil || back != v {
			t.Errorf("%v: %v %v", v, back, err)
		}
	}
	if _, err := ParseValidity("forever"); err == nil || !strings.Contains(err.Error(), "permanent, date-based, count-down") {
		t.Errorf("got %v", err)
	}
}
