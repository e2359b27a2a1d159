package junos

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// collection reads the named files of testdata/collections (public
// captures of several commands, see its README) and of testdata, joined as
// a collector stores commands one after another.
func collection(t *testing.T, names ...string) string {
	t.Helper()
	var b strings.Builder
	for _, n := range names {
		p := filepath.Join("testdata", "collections", n)
		if _, err := os.Stat(p); err != nil {
			p = filepath.Join("testdata", n)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// rancid is show chassis hardware, show system license and show version of
// an MX2020 as RANCID's junos module stores them: "#RANCID-CONTENT-TYPE",
// every command's prompt line without its user and every output line
// behind "# ", counts used that churn distilled to "--" or a share (its
// ShowSystemLicense), then the configuration uncommented. The outputs are
// genieparser's MX2020 inventory and the vMX evaluation's permanent rows.
const rancid = `#RANCID-CONTENT-TYPE: junos
#
# mx2020-re0> show chassis hardware detail
# Hardware inventory:
# Item             Version  Part number  Serial number     Description
# Chassis                                JN125D903AFJ      MX2020
# Midplane         REV 64   750-040240   ABAC9716          Lower Backplane
# mx2020-re0> show system license
# License usage:
#                                  Licenses     Licenses    Licenses    Expiry
#   Feature name                       used    installed      needed
#   scale-subscriber                     --           10           0    permanent
#   scale-l2tp                           0%         1000           0    permanent
#   scale-mobile-ip                      0%         1000           0    permanent
# 
# Licenses installed: none
# 
# mx2020-re0> show version detail
# Hostname: mx2020-re0
# Model: mx2020
# Junos: 19.2R1.8
#
## Last commit: 2024-12-06 11:41:05 UTC by root
version 19.2R1.8;
`

// TestCollectionsAreReadAsCollected: the license output is read out of
// files holding several commands as public collections store them
// (oxidized's commented output, RANCID's, a terminal session with prompts
// and echoed commands, genieparser's captures of show version and show
// chassis hardware before the license output), and the device is
// identified from what it printed, "Model: srx300" or the chassis line,
// "mapped to a platform by catalog data (model to series)" (issue 29).
func TestCollectionsAreReadAsCollected(t *testing.T) {
	for _, c := range []struct {
		name     string
		in       string
		platform string
		by       string
		chassis  string
		serial   string
		usage    int
		keys     int // -1: no key section
	}{
		{"oxidized, SRX300 on 22.4, licenses installed: none", collection(t, "oxidized-srx300-22.4.txt"),
			"SRX", `model "srx300" (line 1)`, "SRX300", "AA0000AA0000", 2, 0},
		{"a session of prompts, vMX evaluation", collection(t, "vmx-eval-session.txt"),
			"vMX", `customer ID "vMX-JuniperEval" of key "E421992502" (line 38)`, "", "", 17, 1},
		{"genieparser's EX4200 show version, banner and prompts, then the license output", collection(t, "genie-ex4200-show-version.txt") + "\n" + rowsOnly,
			"EX", `model "ex4200-24p" (line 6)`, "", "", 1, -1},
		{"genieparser's vMX inventory, indented, then the evaluation", collection(t, "genie-vmx-show-chassis-hardware.txt", "vmx-eval.txt"),
			"vMX", `chassis "VMX" (line 4)`, "VMX", "VM5D4C6B3599", 17, 1},
		{"genieparser's MX2020 inventory, then a usage table", collection(t, "genie-mx2020-show-chassis-hardware.txt") + "\n" + rowsOnly,
			"MX", `chassis "MX2020" (line 3)`, "MX2020", "JN125D903AFJ", 1, -1},
		{"genieparser's vMX show version of every routing engine, then the evaluation", collection(t, "genie-vmx-show-version-all-routing-engines.txt", "vmx-eval.txt"),
			"vMX", `model "vmx" (line 6)`, "", "", 17, 1},
		{"RANCID, MX2020, counts used distilled", rancid, "MX", `model "mx2020" (line 20)`, "MX2020", "JN125D903AFJ", 3, 0},
		{"oxidized, the evaluation with its key strings", commented(collection(t, "vmx-eval.txt") + "\n" + keyStrings),
			"vMX", `customer ID "vMX-JuniperEval" of key "E421992502" (line 29)`, "", "", 17, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseText(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Usage) != c.usage || (c.keys < 0) != (r.Keys == nil) || c.keys >= 0 && len(r.Keys) != c.keys {
				t.Errorf("%d usage rows, keys %v", len(r.Usage), r.Keys)
			}
			if r.Hardware.Chassis.Name != c.chassis || r.Hardware.Serial != c.serial {
				t.Errorf("chassis %+v serial %q, want %q %q", r.Hardware.Chassis, r.Hardware.Serial, c.chassis, c.serial)
			}
			e, err := r.Identify(Options{})
			if err != nil || e.Platform != c.platform || e.String() != c.by {
				t.Errorf("identified %q by %s (%v), want %q by %s", e.Platform, e, err, c.platform, c.by)
			}
			f, err := r.Facts(Options{CapturedAt: time.Date(2024, 12, 6, 0, 0, 0, 0, time.UTC)})
			if err != nil || f.Platform != c.platform || f.PlatformBy != c.by || len(f.Discrepancies) != 0 {
				t.Fatalf("facts: platform %q by %s, discrepancies %v: %v", f.Platform, f.PlatformBy, f.Discrepancies, err)
			}
			for _, fr := range f.At(time.Date(2024, 12, 7, 0, 0, 0, 0, time.UTC)).Features {
				if !fr.Decision.Allowed {
					t.Errorf("%s is not usable: %s", fr.Name, fr.Decision.Reason)
				}
			}
		})
	}
}

// rowsOnly is a usage table of one permanent row.
const rowsOnly = header + "  scale-subscriber                      0           10           0    permanent\n"

// keyStrings is show system license keys of the evaluation: its identifier
// and key data in groups (the data here is not the key's).
const keyStrings = "E421992502 aeaqic aiagij cqmbap oeztqd vqa2i2 jdbtgo\n           ljkudt l7pgga ymbnv3 hlwjxe ytn3ek f5i2pa\n           eqd6fk f4b\n"

// commented writes text as oxidized stores a command's output: "# " before
// every line, a blank line "#"; then a configuration line.
func commented(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		b.WriteString(strings.TrimRight("# "+l, " ") + "\n")
	}
	return b.String() + "## Last commit: 2017-03-12 11:51:39 UTC by root\nversion 17.1R1.8;\n"
}

// TestCollectionsKeepTheirRefusals: in a collection the license output is
// held to every rule of a capture alone: a bad row, a header or validity
// cut short by the next command, a value with a control character, a model
// over the longest value, two license outputs in one file.
func TestCollectionsKeepTheirRefusals(t *testing.T) {
	for _, c := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"a bad row", "root> show system license\n" + header + "  x one 1 0 permanent\n", 5, "is not a usage row"},
		{"a header cut short by a prompt", "root> show system license\nLicense usage:\nroot> show version\n", 3, `want the usage table's header, got "root> show version"`},
		{"a validity cut short by a prompt", "Licenses installed:\n  License identifier: E1\n  Features:\n    x - y\nroot> show version\n", 5, "is not the validity"},
		{"a validity cut short by a configuration line", "# Licenses installed:\n#   License identifier: E1\n#   Features:\n#     x - y\nversion 1;\n", 5, `feature "x" has no validity line`},
		{"a model over the longest value", "Model: " + strings.Repeat("m", MaxValue+1) + "\n" + rowsOnly, 1, "the model"},
		{"a host name with an escape", "Hostname: a\x1b[2Jb\n" + rowsOnly, 1, "control character"},
		{"two license outputs", "root> show system license\n" + rowsOnly + "root> show system license\n" + rowsOnly, 7, "one capture a file"},
		{"a session with no license output", "root> show version\nModel: srx300\n", 1, "no \"License usage:\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseText(strings.NewReader(c.in))
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != c.line || !strings.Contains(pe.Msg, c.msg) {
				t.Errorf("got %v, want line %d: %s", err, c.line, c.msg)
			}
		})
	}
}

// TestPlatformNeverRelabelsADevice: "-platform is the last resort and never
// overrides what the capture or the inventory says: a disagreement is an
// error naming both" (issue 29): a vMX evaluation given SRX, a
// vSRX-JuniperEval trial given MX, an SRX300 given EX are refused citing
// LIC-PLATFORM; a platform the capture agrees with, or one for a capture
// that says none, is used.
func TestPlatformNeverRelabelsADevice(t *testing.T) {
	for _, c := range []struct {
		name, in, given, want string
	}{
		{"vMX evaluation given SRX", collection(t, "vmx-eval.txt"), "SRX", `-platform says SRX; the capture says vMX, by customer ID "vMX-JuniperEval" of key "E421992502" (line 29)`},
		{"vSRX trial given MX", collection(t, "vsrx-trial.txt"), "MX", `-platform says MX; the capture says vSRX, by customer ID "vSRX-JuniperEval" of key "E20210617001" (line 17)`},
		{"SRX300 given EX", collection(t, "oxidized-srx300-22.4.txt"), "EX", `-platform says EX; the capture says SRX, by model "srx300" (line 1)`},
		{"vMX evaluation given vMX", collection(t, "vmx-eval.txt"), "vMX", ""},
		{"a capture that says none, given EX", rowsOnly, "EX", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseText(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			f, err := r.Facts(Options{Platform: c.given, PlatformFrom: "-platform", CapturedAt: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
			if c.want == "" {
				if err != nil || f.Platform != c.given {
					t.Errorf("platform %q: %v", f.Platform, err)
				}
				return
			}
			var pc *PlatformConflict
			if !errors.As(err, &pc) || !errors.Is(err, rule.LicPlatform) || err.Error() != "LIC-PLATFORM: "+c.want {
				t.Errorf("got %v, want %s", err, c.want)
			}
		})
	}
}

// TestCaptureSayingTwoPlatformsIsRefused: a capture whose model and
// license keys name two platforms does not say which the device is.
func TestCaptureSayingTwoPlatformsIsRefused(t *testing.T) {
	r, err := ParseText(strings.NewReader(collection(t, "genie-vmx-show-chassis-hardware.txt", "vsrx-trial.txt")))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Identify(Options{})
	if !errors.Is(err, rule.LicPlatform) || !strings.Contains(err.Error(), `the capture says both vMX, by chassis "VMX" (line 4), and vSRX, by customer ID`) {
		t.Errorf("%v", err)
	}
	if _, err := r.Facts(Options{Platform: "vMX"}); !errors.Is(err, rule.LicPlatform) {
		t.Errorf("facts: %v", err)
	}
}

// TestModelsMapSeriesToPlatforms: models as show version and show chassis
// hardware print them, across platforms and releases, map to their
// catalog platform by series; series the catalog has no platform for do
// not.
func TestModelsMapSeriesToPlatforms(t *testing.T) {
	m := DefaultModels()
	for model, want := range map[string]string{
		"srx300": "SRX", "SRX4600": "SRX", "srx240h2": "SRX", "srx5800": "SRX",
		"mx204": "MX", "mx480": "MX", "mx960": "MX", "MX2020": "MX", "mx10003": "MX",
		"vmx": "vMX", "VMX": "vMX", "vsrx": "vSRX", "VSRX": "vSRX", "FIREFLY-PERIMETER": "vSRX", "firefly-perimeter": "vSRX",
		"ex4200-24p": "EX", "ex2200-c-12t-2g": "EX", "EX4300-48T": "EX",
		"qfx5100-48s-6q": "QFX", "QFX5240-64OD": "QFX", "ptx10001-36mr": "PTX", "PTX10002-36QDD": "PTX",
		"acx5448": "ACX", "nfx250_s2_10_t": "NFX", "csrx": "cSRX", "crpd": "cRPD",
		"m10i": "", "t640": "", "j2350": "", "vqfx-10000": "", "": "", "10003": "",
	} {
		got, ok := m.Platform(model)
		if got != want || ok != (want != "") {
			t.Errorf("%q: %q %v, want %q", model, got, ok, want)
		}
	}
	if _, err := NewModels(map[string]string{"mx1": "MX"}); err == nil {
		t.Error("a series with a digit was accepted")
	}
	if p, ok := NoModels().Platform("srx300"); ok {
		t.Errorf("NoModels knows srx300: %s", p)
	}
}

// TestSKUFeaturesAreTheFeaturesTheyGrant: a vMX key's vmx-bandwidth-1g
// grants VMX-BANDWIDTH and vmx-feature-premium VMX-SCALE, so each is the
// usage row's feature, not a row of its own flagged as a discrepancy; a
// key without the usage table names the feature as the usage table would.
func TestSKUFeaturesAreTheFeaturesTheyGrant(t *testing.T) {
	s := DefaultSKUs()
	for name, want := range map[string]string{
		"vmx-bandwidth-1g": "VMX-BANDWIDTH", "VMX-BANDWIDTH-40G": "VMX-BANDWIDTH", "vmx-bandwidth-50m": "VMX-BANDWIDTH",
		"vmx-feature-premium": "VMX-SCALE", "vmx-feature-base": "VMX-SCALE", "vmx-feature-advance": "VMX-SCALE",
		"vmx-bandwidth-": "", "vmx-feature-x": "", "VMX-BANDWIDTH": "", "idp-sig": "",
	} {
		if got, ok := s.Grants(name); got != want || ok != (want != "") {
			t.Errorf("%q grants %q %v, want %q", name, got, ok, want)
		}
	}
	keys := Key{ID: "E1", CustomerID: "vMX-x", Features: []KeyFeature{
		{Name: "vmx-bandwidth-1g", Description: "vmx-bandwidth-1g", Expiry: Expiry{Validity: Permanent}},
		{Name: "vmx-feature-premium", Description: "vmx-feature-premium", Expiry: Expiry{Validity: Permanent}},
	}}
	in := header + "  VMX-BANDWIDTH                      1000         1000           0    permanent\n" +
		"  VMX-SCALE                             3            3           0    permanent\n\n" + keysText(keys)
	for _, c := range []struct {
		in   string
		want []string
	}{{in, []string{"VMX-BANDWIDTH", "VMX-SCALE"}}, {keysText(keys), []string{"VMX-BANDWIDTH", "VMX-SCALE"}}} {
		r, err := ParseText(strings.NewReader(c.in))
		if err != nil {
			t.Fatal(err)
		}
		f, err := r.Facts(Options{})
		if err != nil {
			t.Fatal(err)
		}
		a := f.At(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		if len(a.Features) != len(c.want) || len(a.Discrepancies) != 0 {
			t.Fatalf("%d features, discrepancies %v", len(a.Features), a.Discrepancies)
		}
		for i, fr := range a.Features {
			if fr.Name != c.want[i] || fr.Kind != license.Perpetual || len(fr.Grants) != 1 || fr.Grants[0].Name != keys.Features[i].Name {
				t.Errorf("%s: %v, grants %v", fr.Name, fr.Kind, fr.Grants)
			}
		}
	}
	f, err := ParseText(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	facts, err := f.Facts(Options{SKUs: NoSKUs()})
	if err != nil || len(facts.Features) != 4 || len(facts.Discrepancies) != 2 {
		t.Errorf("without SKUs: %d features, %v, %v", len(facts.Features), facts.Discrepancies, err)
	}
	if _, err := NewSKUs(SKU{Key: "a*b", Grants: "X"}); err == nil {
		t.Error("a * inside a key was accepted")
	}
}

// TestCountUsedDistilledIsUnknown: RANCID's "--" and share, and oxidized's
// "<count>", stand for a count used not given: read as unknown, written
// back as "--"; a count needed or installed is never distilled.
func TestCountUsedDistilledIsUnknown(t *testing.T) {
	for _, used := range []string{"--", "45%", "0%", "<count>"} {
		r, err := ParseText(strings.NewReader(header + "  scale-subscriber  " + used + "  10  0  permanent\n"))
		if err != nil || !r.Usage[0].UsedUnknown || r.Usage[0].Used != 0 || r.Usage[0].Installed != 10 {
			t.Fatalf("%s: %+v, %v", used, r.Usage, err)
		}
		if back, err := ParseText(strings.NewReader(r.Text())); err != nil || !back.Usage[0].UsedUnknown {
			t.Errorf("%s written back: %v\n%s", used, err, r.Text())
		}
	}
	for _, row := range []string{"  x  1  --  0  permanent\n", "  x  1  10  5%  permanent\n", "  x  -1  10  0  permanent\n"} {
		if _, err := ParseText(strings.NewReader(header + row)); err == nil {
			t.Errorf("%q was read", row)
		}
	}
}

// TestStructuredRepliesSayTheirModel: show version and show chassis
// hardware replies beside the license output in one rpc-reply, shaped as
// PyEZ's test replies (an SRX5800 cluster's node0, an MX480's chassis, the
// first vSRX's FIREFLY-PERIMETER), identify the device in XML and JSON.
func TestStructuredRepliesSayTheirModel(t *testing.T) {
	usage := `<license-usage-summary><feature-summary><name>idp-sig</name><licensed>1</licensed><validity-type>permanent</validity-type></feature-summary></license-usage-summary>`
	for _, c := range []struct {
		name, in, platform, by string
	}{
		{"an SRX5800 cluster's show version", `<rpc-reply><multi-routing-engine-results><multi-routing-engine-item><re-name>node0</re-name><software-information><host-name>frogbert</host-name><product-model>srx5800</product-model><product-name>srx5800</product-name><package-information><name>os-kernel</name></package-information><package-information><name>os-libs</name></package-information></software-information></multi-routing-engine-item></multi-routing-engine-results>` + usage + `</rpc-reply>`,
			"SRX", `model "srx5800" (line 1)`},
		{"an MX480's chassis", "<rpc-reply>\n<chassis-inventory>\n<chassis>\n<name>Chassis</name>\n<serial-number>JN1249018AFB</serial-number>\n<description>MX480</description>\n</chassis>\n</chassis-inventory>\n" + usage + "\n</rpc-reply>",
			"MX", `chassis "MX480" (line 6)`},
		{"the first vSRX's chassis", "<rpc-reply><chassis-inventory><chassis><name>Chassis</name><serial-number>aaf5fe5f9b88</serial-number><description>FIREFLY-PERIMETER</description></chassis></chassis-inventory>" + usage + "</rpc-reply>",
			"vSRX", `chassis "FIREFLY-PERIMETER" (line 1)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			for form, in := range map[string]string{"xml": c.in, "json": xmlToJSON(t, []byte(c.in))} {
				r, err := Parse(strings.NewReader(in))
				if err != nil {
					t.Fatalf("%s: %v", form, err)
				}
				e, err := r.Identify(Options{})
				if err != nil || e.Platform != c.platform || form == "xml" && e.String() != c.by {
					t.Errorf("%s: %q by %s (%v), want %q by %s", form, e.Platform, e, err, c.platform, c.by)
				}
			}
		})
	}
}
