package junos

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestModelsPublicCapturesPrintMapToTheirSeries: "Platform from the
// capture itself ... mapped to a platform by catalog data (model to
// series)" (issue 29). The models and chassis descriptions public captures
// print, of every series the catalog lists and of those it does not, map
// to the series' platform or to none: show version's and
// software-information's product-model (PyEZ's facts fixtures, Junos 12.1X46
// to 17.4; ntc-templates' show version, 13.2X51 to 21.4; genieparser's;
// oxidized's), show chassis hardware's chassis and routing engine
// descriptions (ntc-templates', genieparser's, oxidized's), and the names
// Juniper gives newer models.
func TestModelsPublicCapturesPrintMapToTheirSeries(t *testing.T) {
	for _, c := range []struct {
		kind, name, platform string // platform "": none of the catalog
	}{
		// PyEZ tests/unit/facts/rpc-reply: product-model.
		{"model", "mx960", "MX"}, {"model", "mx2020", "MX"}, {"model", "mx480", "MX"}, {"model", "mx240", "MX"}, {"model", "mx80", "MX"},
		{"model", "srx210he2", "SRX"}, {"model", "srx3600", "SRX"}, {"model", "srx5400", "SRX"}, {"model", "srx5800", "SRX"},
		{"model", "ex2200-c-12t-2g", "EX"}, {"model", "ex4200-48t", "EX"}, {"model", "ptx5000", "PTX"},
		{"model", "nfx250_s2_10_t", "NFX"}, {"model", "firefly-perimeter", "vSRX"},
		{"model", "m320", ""}, {"model", "t1600", ""}, {"model", "t100", ""}, {"model", "txp", ""}, {"model", "olive", ""}, {"model", "junos_node_slicing", ""},
		// ntc-templates, genieparser and oxidized: show version's Model.
		{"model", "ex4550-32f", "EX"}, {"model", "qfx5100-48t-6q", "QFX"}, {"model", "srx1500", "SRX"}, {"model", "nfx250_att_s1_10_t", "NFX"},
		{"model", "vmx", "vMX"}, {"model", "ex4300-24p", "EX"}, {"model", "ex4200-24p", "EX"}, {"model", "mx2020", "MX"}, {"model", "srx300", "SRX"},
		// Newer models as Junos names them.
		{"model", "srx345", "SRX"}, {"model", "srx4600", "SRX"}, {"model", "mx10003", "MX"}, {"model", "mx304", "MX"}, {"model", "ex4300-48p", "EX"},
		{"model", "qfx5120-48y-8c", "QFX"}, {"model", "ptx10008", "PTX"}, {"model", "ptx10001-36mr", "PTX"}, {"model", "acx7100-48l", "ACX"},
		{"model", "acx710", "ACX"}, {"model", "nfx250", "NFX"}, {"model", "vsrx", "vSRX"}, {"model", "vsrx3", "vSRX"}, {"model", "VSRX", "vSRX"},
		{"model", "csrx", "cSRX"}, {"model", "crpd", "cRPD"}, {"model", "vqfx-10000", ""}, {"model", "j2320", ""}, {"model", "ocx1100", ""},
		// show chassis hardware: the chassis line's description.
		{"chassis", "MX10-T", "MX"}, {"chassis", "QFX5100-48S-6Q", "QFX"}, {"chassis", "MX104", "MX"}, {"chassis", "JNP204 [MX204]", "MX"},
		{"chassis", "MX480", "MX"}, {"chassis", "MX2020", "MX"}, {"chassis", "VMX", "vMX"}, {"chassis", "SRX300", "SRX"},
		{"chassis", "JNP10003 [MX10003]", "MX"}, {"chassis", "JNP10008 [PTX10008]", "PTX"}, {"chassis", "JNP48Y8C-CHAS", ""}, {"chassis", "Virtual Chassis", ""},
		// show chassis hardware: the first routing engine's description.
		{"routing engine", "RE-QFX5120-48Y-8C", "QFX"}, {"routing engine", "RE-EX4650-48Y-8C", "EX"}, {"routing engine", "RE-SRX300", "SRX"},
		{"routing engine", "RE-S-1600x8", ""}, {"routing engine", "RE-S-1800x4", ""}, {"routing engine", "QFX Routing Engine", ""},
		// More public captures: ntc-templates' MX104 inventory (RE-MX-104),
		// genieparser's vMX (RE-VMX), a blog's EX3400 virtual chassis
		// (RE-EX3400-48T); EX switches name the member's model itself
		// (ksator/junos-automation-with-ansible's EX4200 inventories, text
		// and XML: "EX4200-48T, 8 POE", "EX4200-24T, 8 POE"); vSRX's name
		// no model of a series and a number (public vSRX 15.1X49 sessions:
		// "VSRX-S", "SRX Routing Engine").
		{"routing engine", "RE-MX-104", "MX"}, {"routing engine", "RE-VMX", "vMX"}, {"routing engine", "RE-EX3400-48T", "EX"},
		{"routing engine", "EX4200-48T, 8 POE", "EX"}, {"routing engine", "EX4200-24T, 8 POE", "EX"},
		{"routing engine", "VSRX-S", ""}, {"routing engine", "SRX Routing Engine", ""}, {"routing engine", "JNP10K-RE1", ""},
		// Chassis lines of newer and virtual models: a PTX10002-36QDD's and
		// a PTX10003-160C's (Junos Evolved, in public notes), a PTX10016's
		// (a test's inventory), vSRX's (PyEZ's FIREFLY-PERIMETER, a 15.1X49
		// session's VSRX), an SRX240B's, an EX4200's.
		{"chassis", "PTX10002-36QDD [PTX10002-36QDD]", "PTX"}, {"chassis", "JNP10003-160C [PTX10003-160C]", "PTX"}, {"chassis", "JNP10016 [PTX10016]", "PTX"},
		{"chassis", "FIREFLY-PERIMETER", "vSRX"}, {"chassis", "VSRX", "vSRX"}, {"chassis", "SRX240B", "SRX"}, {"chassis", "EX4200-48T", "EX"},
		// show version's Model of Junos Evolved (ptx10003-80c, ptx10016 on
		// 21.4 and 22.4 -EVO), cRPD ("cRPD", 19.4 to 25.2), show system
		// information's (ex9214), PyEZ's vPTX (ptx5000) and MX GNF (mx960).
		{"model", "ptx10003-80c", "PTX"}, {"model", "ptx10016", "PTX"}, {"model", "cRPD", "cRPD"}, {"model", "ex9214", "EX"},
	} {
		var r Report
		switch c.kind {
		case "model":
			r.Hardware.Models = []Model{{Name: c.name}}
		case "chassis":
			r.Hardware.Chassis = Model{Name: chassisModel(c.name)}
		default:
			r.Hardware.Engine = Model{Name: engineModel(c.name)}
		}
		e, err := r.Identify(Options{})
		if err != nil || e.Platform != c.platform {
			t.Errorf("%s %q: platform %q (%v), want %q", c.kind, c.name, e.Platform, err, c.platform)
		}
	}
}

// TestModelOfNoCatalogPlatformIsRefusedClearly: a capture whose models map
// to no platform of the catalog (an M Series router as PyEZ's fixture
// prints it, a vQFX, a T Series chassis, a chassis line naming no series),
// given no platform, is refused citing LIC-PLATFORM with an
// *UnknownPlatform naming each model once and its line; given one, it is
// read under it. A capture naming no model says so.
func TestModelOfNoCatalogPlatformIsRefusedClearly(t *testing.T) {
	inventory := "Hardware inventory:\nItem             Version  Part number  Serial number     Description\nChassis                                S19099            T1600\n\n"
	for _, c := range []struct {
		name, in, want string
	}{
		{"an M320", "Model: m320\n" + switchLicense, `model "m320" (line 1) maps to no platform of the catalog: give the device's platform`},
		{"a vQFX's two members", "fpc0:\nModel: vqfx-10000\nfpc1:\nModel: vqfx-10000\n\n" + switchLicense, `model "vqfx-10000" (line 2) maps to no platform of the catalog`},
		{"a T1600 by show version and its chassis line, named once", "Model: t1600\n" + inventory + switchLicense, `LIC-PLATFORM: model "t1600" (line 1) maps to no platform`},
		{"a JNP chassis without a routing engine", inventory[:strings.Index(inventory, "S19099")] + "XH0000000700      JNP48Y8C-CHAS\n\n" + switchLicense, `chassis "JNP48Y8C-CHAS" (line 3) maps to no platform`},
		{"no model", switchLicense, "LIC-PLATFORM: the report does not show the device's platform: give it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := mustParse(t, c.in)
			_, err := r.Facts(Options{})
			var up *UnknownPlatform
			if !errors.As(err, &up) || !errors.Is(err, rule.LicPlatform) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an UnknownPlatform citing LIC-PLATFORM: %s", err, c.want)
			}
			f, err := r.Facts(Options{Platform: "MX", PlatformFrom: "-platform"})
			if err != nil || f.Platform != "MX" || f.PlatformBy != "-platform" {
				t.Errorf("given MX: platform %q by %q: %v", f.Platform, f.PlatformBy, err)
			}
		})
	}
}

// switchLicense is what a switch with nothing licensed prints.
const switchLicense = "License usage: none\n\nLicenses installed: none\n"

func mustParse(t *testing.T, in string) Report {
	t.Helper()
	r, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestEXVirtualChassisIsIdentifiedByItsRoutingEngines: show chassis
// hardware of an EX virtual chassis says "Virtual Chassis" on its chassis
// line and names the members' model on their routing engine lines, without
// "RE-", as EX4200s print it ("EX4200-48T, 8 POE" in
// ksator/junos-automation-with-ansible's junos_cli captures, text and XML;
// the chassis line as the EX3400 and EX4650 virtual chassis of public
// captures print it). Read with no platform given, in text and in XML, it
// is an EX by its first routing engine; a description naming no model of
// a series and a number still says nothing.
func TestEXVirtualChassisIsIdentifiedByItsRoutingEngines(t *testing.T) {
	text := `root@ex4200-vc> show chassis hardware
Hardware inventory:
Item             Version  Part number  Serial number     Description
Chassis                                BP0208111225      Virtual Chassis
Routing Engine 0 REV 07   750-021254   BP0208111225      EX4200-48T, 8 POE
Routing Engine 1 REV 22   750-021256   BM0210118007      EX4200-24T, 8 POE
FPC 0            REV 07   750-021254   BP0208111225      EX4200-48T, 8 POE
  CPU                     BUILTIN      BUILTIN           FPC CPU
FPC 1            REV 22   750-021256   BM0210118007      EX4200-24T, 8 POE
Power Supply 0   REV 02   740-020957   AT0508118512      PS 320W AC

{master:0}
root@ex4200-vc> show system license
` + switchLicense
	xml := `<rpc-reply>
<chassis-inventory>
<chassis style="inventory">
<name>Chassis</name>
<serial-number>BP0208111225</serial-number>
<description>Virtual Chassis</description>
<chassis-module>
<name>Routing Engine 0</name>
<version>REV 07</version>
<part-number>750-021254</part-number>
<serial-number>BP0208111225</serial-number>
<description>EX4200-48T, 8 POE</description>
<model-number>EX4200-48T</model-number>
</chassis-module>
</chassis>
</chassis-inventory>
</rpc-reply>
` + licenseXML(t, switchLicense)
	for _, c := range []struct {
		name, in string
		form     Form
		line     int
	}{
		{"text", text, Text, 5},
		{"XML", xml, XML, 12},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := mustParse(t, c.in)
			f, err := r.Facts(Options{})
			if err != nil {
				t.Fatalf("not identified without a platform: %v", err)
			}
			if want := fmt.Sprintf(`routing engine "EX4200-48T" (line %d)`, c.line); r.Form != c.form || f.Platform != "EX" || f.PlatformBy != want {
				t.Errorf("%v: platform %s by %s, want EX by %s", r.Form, f.Platform, f.PlatformBy, want)
			}
		})
	}
	named := regexp.MustCompile(`(?m)^(Routing Engine \d .*)EX4200-\d\dT, 8 POE$`)
	r := mustParse(t, named.ReplaceAllString(text, "${1}Routing Engine"))
	if e, err := r.Identify(Options{}); err != nil || e.Platform != "" {
		t.Errorf("routing engines named \"Routing Engine\": %+v (%v), want nothing said", e, err)
	}
}
