package junos

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreLines compares reports without the lines they were read from: a
// rendering lays the capture out anew.
var ignoreLines = cmp.Options{cmpopts.IgnoreFields(Usage{}, "Line"), cmpopts.IgnoreFields(KeyFeature{}, "Line"), cmpopts.IgnoreFields(Model{}, "Line")}

// addFixtureSeeds seeds with every capture whose name ends in ext, the
// newer ones where the shared tree holds them.
func addFixtureSeeds(f *testing.F, ext string) {
	for _, name := range append(fixtureNames, newerFixtureNames...) {
		if !strings.HasSuffix(name, ext) {
			continue
		}
		if b, ok := readFixtureIfPresent(f, name); ok {
			f.Add(b)
		}
	}
}

// FuzzParseText: no input panics, and every report that parses renders back
// (Report.Text) to text that parses to an equal report.
func FuzzParseText(f *testing.F) {
	addFixtureSeeds(f, ".txt")
	f.Add([]byte("License usage:\n Licenses\nFeature name\n  a b 1 2 3 4 days\n"))
	// Collections: several commands' output, commented or behind prompts.
	collections, _ := filepath.Glob(filepath.Join("testdata", "collections", "*.txt"))
	for _, p := range collections {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(rancid))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := ParseText(bytes.NewReader(in))
		if err != nil {
			return
		}
		out := r.Text()
		back, err := ParseText(strings.NewReader(out))
		if err != nil {
			t.Fatalf("rendered report does not parse: %v\n%s", err, out)
		}
		if d := cmp.Diff(r, back, ignoreLines); d != "" {
			t.Fatalf("round trip differs (-parsed +reparsed):\n%s\n%s", d, out)
		}
	})
}

// FuzzParseXML: no input panics, and every report that parses renders back
// (Report.XML) to XML that parses to an equal report.
func FuzzParseXML(f *testing.F) {
	addFixtureSeeds(f, ".xml")
	f.Add([]byte(`<rpc-reply><license-summary-information><license-usage-summary><feature-summary><name>x</name><needed>1</needed></feature-summary></license-usage-summary></license-summary-information></rpc-reply>`))
	// show version and show chassis hardware beside the license output,
	// shaped as PyEZ's test replies.
	f.Add([]byte(`<rpc-reply xmlns:junos="http://xml.juniper.net/junos/17.3I0/junos"><multi-routing-engine-results><multi-routing-engine-item><re-name>node0</re-name><software-information><host-name>frogbert</host-name><product-model>srx5800</product-model><package-information><name>os-kernel</name></package-information><package-information><name>os-libs</name></package-information></software-information></multi-routing-engine-item></multi-routing-engine-results><chassis-inventory><chassis junos:style="inventory"><name>Chassis</name><serial-number>JN1249018AFB</serial-number><description>MX480</description></chassis></chassis-inventory><license-usage-summary><feature-summary><name>x</name><licensed>1</licensed></feature-summary></license-usage-summary></rpc-reply>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := ParseXML(bytes.NewReader(in))
		if err != nil {
			return
		}
		out := r.XML()
		back, err := ParseXML(strings.NewReader(out))
		if err != nil {
			t.Fatalf("rendered report does not parse: %v\n%s", err, out)
		}
		if d := cmp.Diff(r, back, ignoreLines); d != "" {
			t.Fatalf("round trip differs (-parsed +reparsed):\n%s\n%s", d, out)
		}
	})
}

// FuzzParseJSON: no input panics, and every report that parses renders back
// (Report.JSON) to JSON that parses to an equal report. Seeded with the XML
// captures converted by Juniper's mapping.
func FuzzParseJSON(f *testing.F) {
	for _, name := range append(fixtureNames, newerFixtureNames...) {
		if b, ok := readFixtureIfPresent(f, name); ok && strings.HasSuffix(name, ".xml") {
			f.Add([]byte(xmlToJSON(f, b)))
		}
	}
	f.Add([]byte(`{"license-information":[{"license":[{"name":[{"data":"E1"}],"feature-block":[{"feature":[{"name":[{"data":"x"}],"validity-type":[{"data":"permanent"}]}]}]}]}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := ParseJSON(bytes.NewReader(in))
		if err != nil {
			return
		}
		out := r.JSON()
		back, err := ParseJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("rendered report does not parse: %v\n%s", err, out)
		}
		back.Form = JSON
		if d := cmp.Diff(r, back, ignoreLines); d != "" {
			t.Fatalf("round trip differs (-parsed +reparsed):\n%s\n%s", d, out)
		}
	})
}

// FuzzValidityText: a validity decodes only from a name Junos prints (or
// from nothing, the zero validity) and encodes back to it.
func FuzzValidityText(f *testing.F) {
	for _, s := range validities.Names() {
		f.Add(s)
	}
	f.Add("")
	f.Add("Permanent")
	f.Fuzz(func(t *testing.T, s string) {
		var v Validity
		if err := v.UnmarshalText([]byte(s)); err != nil {
			return
		}
		text, err := v.MarshalText()
		if err != nil || string(text) != s {
			t.Fatalf("%q decodes to %v, which encodes to %q, %v", s, v, text, err)
		}
	})
}
