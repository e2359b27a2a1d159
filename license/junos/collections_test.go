package junos

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
)

// The license outputs the tests put after a collection's show version or
// show chassis hardware, each in the shape Junos prints for its series:
// an SRX's (testdata/collections/oxidized-srx300-22.4.txt's permanent
// remote-access rows, a trial key of IDP signatures as srxTrial's), an
// MX's usage table (the subscriber scale rows RANCID's and oxidized's
// models distill), and a switch's with nothing licensed (switchLicense).
const (
	srxLicense = `License usage:
                                 Licenses     Licenses    Licenses    Expiry
  Feature name                       used    installed      needed
  idp-sig                               1            1           0    2022-12-12 01:10:42 UTC
  remote-access-ipsec-vpn-client        0            2           0    permanent
  remote-access-juniper-std             0            2           0    permanent

Licenses installed:
  License identifier: JUNOS20221013
  License version: 4
  Order Type: trial
  Software Serial Number: 20221013
  Customer ID:
  Features:
    idp-sig          - IDP Signature
      date-based, 2022-10-13 01:10:42 UTC - 2022-12-12 01:10:42 UTC
`
	mxLicense = `License usage:
                                 Licenses     Licenses    Licenses    Expiry
  Feature name                       used    installed      needed
  scale-subscriber                      0           10           0    permanent
  scale-l2tp                            0         1000           0    permanent
  scale-mobile-ip                       0         1000           0    permanent

Licenses installed: none
`
)

// standing is what a feature should show at an instant.
type standing struct {
	feature string
	kind    license.Kind
	state   license.State
	allowed bool
	ends    time.Time // zero: never
}

// TestPublicHardwareCapturesAreIdentifiedAndStand: "A hidden set of public
// hardware captures is identified without -platform, each with the right
// standing" (issue 29). Each public show version or show chassis hardware
// of testdata/collections (oxidized, ntc-templates, PyEZ; SRX, MX, EX, QFX
// and NFX; Junos 12.1X46 to 22.4; text, XML and JSON; a cluster's nodes and a
// virtual chassis's members; CRLF line ends) is followed by its series'
// license output as a collector stores commands one after another, read
// with no platform given, identified by what it names, and its features
// stand as their keys say.
func TestPublicHardwareCapturesAreIdentifiedAndStand(t *testing.T) {
	at := time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC)
	trialEnd := time.Date(2022, 12, 12, 1, 10, 42, 0, time.UTC)
	srx := []standing{
		{"idp-sig", license.Trial, license.Active, true, trialEnd},
		{"remote-access-ipsec-vpn-client", license.Perpetual, license.Active, true, time.Time{}},
	}
	mx := []standing{{"scale-subscriber", license.Perpetual, license.Active, true, time.Time{}}}
	session := func(files ...string) string {
		return collection(t, files...) + "\nroot> show system license\n"
	}
	for _, c := range []struct {
		name     string
		in       string
		form     Form
		platform string
		by       string // the evidence, its line numbers left out
		features []standing
		discrep  int
	}{
		{"oxidized, SRX300 on 22.4", collection(t, "oxidized-srx300-22.4.txt"), Text, "SRX", `model "srx300"`,
			[]standing{{"remote-access-juniper-std", license.Perpetual, license.Active, true, time.Time{}}}, 0},
		{"ntc-templates, an SRX1500 cluster's two nodes on 19.4", session("ntc-srx1500-cluster-19.4-show-version.txt") + srxLicense, Text, "SRX", `model "srx1500"`, srx, 1},
		{"ntc-templates, an MX240 on 13.3 with CRLF line ends", session("ntc-mx240-13.3-show-version.txt") + mxLicense, Text, "MX", `model "mx240"`, mx, 0},
		{"ntc-templates, an EX4550 virtual chassis on 13.2X51", session("ntc-ex4550-vc-13.2X51-show-version.txt") + switchLicense, Text, "EX", `model "ex4550-32f"`, nil, 0},
		{"ntc-templates, a QFX5100 on 21.4", session("ntc-qfx5100-21.4-show-version.txt") + switchLicense, Text, "QFX", `model "qfx5100-48t-6q"`, nil, 0},
		{"ntc-templates, an MX204's inventory, JNP204 [MX204]", session("ntc-mx204-show-chassis-hardware.txt") + mxLicense, Text, "MX", `chassis "MX204"`, mx, 0},
		{"ntc-templates, a QFX5120's inventory, JNP48Y8C-CHAS", session("ntc-qfx5120-show-chassis-hardware.txt") + switchLicense, Text, "QFX", `routing engine "QFX5120-48Y-8C"`, nil, 0},
		{"ntc-templates, an EX4650 virtual chassis's inventory", session("ntc-ex4650-vc-show-chassis-hardware.txt") + switchLicense, Text, "EX", `routing engine "EX4650-48Y-8C"`, nil, 0},
		{"ntc-templates, an MX104's inventory, RE-MX-104", session("ntc-mx104-show-chassis-hardware.txt") + mxLicense, Text, "MX", `chassis "MX104"`, mx, 0},
		{"ntc-templates, a QFX5100's inventory, then {master:0} without a line end", session("ntc-qfx5100-show-chassis-hardware.txt") + switchLicense, Text, "QFX", `chassis "QFX5100-48S-6Q"`, nil, 0},
		{"ntc-templates, an NFX250 on 21.1X3", session("ntc-nfx250-21.1X3-show-version.txt") + srxLicense, Text, "NFX", `model "nfx250_att_s1_10_t"`, srx, 1},
		{"oxidized's form of an SRX1500 cluster", commented(session("ntc-srx1500-cluster-19.4-show-version.txt") + srxLicense), Text, "SRX", `model "srx1500"`, srx, 1},
		{"PyEZ, an SRX210 on 12.1X46, then the license reply", collection(t, "pyez-srx210he2-12.1X46-software-information.xml") + "\n" + licenseXML(t, srxLicense), XML, "SRX", `model "srx210he2"`, srx, 1},
		{"PyEZ, an EX4200 virtual chassis on 13.3, in a CLI session", "root@ex> show version | display xml\n" + collection(t, "pyez-ex4200-vc-13.3-software-information.xml") +
			"\n{master:0}\nroot@ex> show system license | display xml\n" + licenseXML(t, switchLicense) + "\n{master:0}\n", XML, "EX", `model "ex4200-48t"`, nil, 0},
		{"PyEZ's SRX210 as JSON, then the license reply", softwareJSON(t, "pyez-srx210he2-12.1X46-software-information.xml") + "\n" + Report{Usage: mustParse(t, srxLicense).Usage, Keys: mustParse(t, srxLicense).Keys}.JSON(), JSON, "SRX", `model "srx210he2"`, srx, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if r.Form != c.form {
				t.Errorf("form %v, want %v", r.Form, c.form)
			}
			f, err := r.Facts(Options{CapturedAt: at})
			if err != nil {
				t.Fatalf("not identified without a platform: %v", err)
			}
			if by := regexp.MustCompile(` \(line \d+\)`).ReplaceAllString(f.PlatformBy, ""); f.Platform != c.platform || by != c.by {
				t.Errorf("platform %s by %s, want %s by %s", f.Platform, f.PlatformBy, c.platform, c.by)
			}
			if len(f.Discrepancies) != c.discrep {
				t.Errorf("discrepancies %v, want %d", f.Discrepancies, c.discrep)
			}
			a := f.At(at)
			if c.features == nil && len(a.Features) != 0 {
				t.Errorf("features %+v, want none", a.Features)
			}
			for _, s := range c.features {
				fr := feature(t, a, s.feature)
				if fr.Kind != s.kind || fr.Standing.State != s.state || fr.Decision.Allowed != s.allowed || !fr.Ends.Equal(s.ends) {
					t.Errorf("%s: %v %v allowed %v ends %v, want %v %v allowed %v ends %v", s.feature, fr.Kind, fr.Standing.State, fr.Decision.Allowed, fr.Ends,
						s.kind, s.state, s.allowed, s.ends)
				}
			}
		})
	}
}

// licenseXML is the license output in as the XML form renders it.
func licenseXML(t *testing.T, in string) string { return mustParse(t, in).XML() }

// softwareJSON is the software-information of a collection's XML in
// Juniper's JSON mapping, as show version | display json prints it.
func softwareJSON(t *testing.T, name string) string {
	t.Helper()
	x := collection(t, name)
	start, end := strings.Index(x, "<software-information>"), strings.LastIndex(x, "</software-information>")
	return xmlToJSON(t, []byte(x[start:end+len("</software-information>")]))
}
