package junos

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
)

// "Licensed / Feature / Feature name ... Expiry" (cSRX 23.2): the three-row
// header reads; the six features of key E20210416001 end where it says.
func TestCSRXThreeRowHeader(t *testing.T) {
	r, err := Parse(bytes.NewReader(readNewerFixture(t, "newer/csrx-23.2-commercial-multifeature.txt")))
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Facts(Options{})
	if err != nil || f.Platform != "cSRX" || len(f.Features) != 6 || len(f.Discrepancies) != 0 {
		t.Fatalf("%+v, %v", f, err)
	}
	for _, fr := range f.At(at("2024-04-16T00:00:00Z")).Features {
		if fr.Kind != license.Subscription || fr.Standing.State != license.Expired || fr.Decision.Allowed {
			t.Errorf("%s at its end: %v %v %v", fr.Name, fr.Kind, fr.Standing.State, fr.Decision.Allowed)
		}
	}
}

// "License SKU: (NCKT)S-CRPD-A-HR_TRIAL" is kept, and the redacted
// "2023-MM-DD 00:00:00 UTC" is refused at its line, quoting it.
func TestCRPDRedactedDates(t *testing.T) {
	in := readNewerFixture(t, "newer/crpd-trial-sku-redacted.txt")
	_, err := Parse(bytes.NewReader(in))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 4 || !strings.Contains(pe.Msg, `"2023-MM-DD 00:00:00 UTC"`) {
		t.Fatalf("%v", err)
	}
	fixed := strings.ReplaceAll(string(in), "2023-MM-DD", "2023-01-01")
	fixed = strings.Replace(fixed, "2023-01-01 00:00:00 UTC \n", "2023-03-01 00:00:00 UTC \n", 1)
	fixed = strings.Replace(fixed, "0    2023-01-01", "0    2023-03-01", 1)
	r, err := Parse(strings.NewReader(fixed))
	if err != nil || r.Keys[0].SKU != "(NCKT)S-CRPD-A-HR_TRIAL" || r.Keys[0].Count != "1" || r.Keys[0].OrderType != "trial" {
		t.Fatalf("%+v, %v", r, err)
	}
}

// The 24.4 reply: <license-usage-summary> inside
// <license-summary-information>, <end-date junos:seconds="1810944000">2027-05-22.
func TestVSRX244Wrapper(t *testing.T) {
	r, err := Parse(bytes.NewReader(readNewerFixture(t, "newer/vsrx-24.4-demolab-summary.xml")))
	if err != nil || len(r.Usage) != 3 || !r.Usage[0].Expiry.End.Equal(time.Date(2027, 5, 22, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("%+v, %v", r, err)
	}
}

// Aliases: "IDP-SIG" in the usage table and "idp-sig" in a key are one
// feature shown as the device printed it first; "Sophos AV" beside
// "av_key_sophos_engine" in one table is reported, not merged.
func TestAliasesMakeOneRow(t *testing.T) {
	in := "License usage:\n Licenses Licenses Licenses Expiry\n Feature name used installed needed\n" +
		"IDP-SIG 0 1 0 permanent\nSophos AV 0 1 0 permanent\nav_key_sophos_engine 0 1 0 permanent\n\n" +
		"Licenses installed:\nLicense identifier: E1\nCustomer ID: vSRX-x\nFeatures:\nidp-sig - IDP\npermanent\n"
	r, err := ParseText(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Facts(Options{})
	if err != nil || len(f.Features) != 2 || f.Features[0].Name != "IDP-SIG" || len(f.Features[0].Grants) != 1 || len(f.Discrepancies) != 1 {
		t.Fatalf("%+v, %v", f, err)
	}
	if f, _ := r.Facts(Options{Aliases: NoAliases()}); len(f.Features) != 3 {
		t.Errorf("without aliases: %d features", len(f.Features))
	}
	if _, err := NewAliases([]string{"a", "b"}, []string{"B", "c"}); err == nil {
		t.Error("a name in two groups was accepted")
	}
}

// Duplicates and second captures are refused, never merged: a feature
// twice in the usage table (without case), twice in a key, a key twice.
func TestDuplicatesAreRefused(t *testing.T) {
	head := "License usage:\n Licenses\n Feature name\n"
	for _, c := range []struct{ in, msg string }{
		{head + "f 0 1 0 permanent\nF 0 1 0 expired\n", "listed twice in the usage table (first at line 4)"},
		{"Licenses installed:\nLicense identifier: E1\nFeatures:\nx - x\npermanent\nX - x\npermanent\n", `feature "X" is listed twice in license "E1"`},
		{"Licenses installed:\nLicense identifier: E1\nFeatures:\n\nLicense identifier: E1\nFeatures:\n", "listed twice"},
		{head + "f 0 1 0 permanent\n\nLicense usage:\n", "one capture a file"},
		{"<license-usage-summary><feature-summary><name>f</name></feature-summary><feature-summary><name>F</name></feature-summary></license-usage-summary>", "listed twice"},
	} {
		if _, err := Parse(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: %v, want %q", c.in, err, c.msg)
		}
	}
}

// Count-down ends past 9999-12-31 are refused with the line: every output
// must read its instants back.
func TestCountDownPastYear9999IsRefused(t *testing.T) {
	r, err := ParseText(strings.NewReader("License usage:\n Licenses\n Feature name\nVirtual Appliance 1 1 0 100000 days\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Facts(Options{CapturedAt: time.Date(9900, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err == nil || !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "0000-9999") {
		t.Errorf("%v", err)
	}
}

// "Licenses installed: none" is an empty key list; the installed and keys
// replies read as keys.
func TestInstalledNoneAndKeyReplies(t *testing.T) {
	r, err := ParseText(strings.NewReader("Licenses installed: none\n"))
	if err != nil || r.Keys == nil || len(r.Keys) != 0 {
		t.Errorf("none: %+v, %v", r, err)
	}
	r, err = ParseXML(strings.NewReader(`<rpc-reply><license-key-information><license-key><key-data>E1 aeaqic aiagay</key-data></license-key></license-key-information></rpc-reply>`))
	if err != nil || len(r.Keys) != 1 || r.Keys[0].ID != "E1" {
		t.Errorf("keys: %+v, %v", r, err)
	}
}
