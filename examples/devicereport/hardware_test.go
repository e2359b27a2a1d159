package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// srxLicense is an SRX's show system license with a trial key of IDP
// signatures, in the shape of the shared vsrx-trial.txt ("Order Type:
// trial", date-based features), as a branch SRX prints one.
const srxLicense = `root@srx> show system license
License usage:
                                 Licenses     Licenses    Licenses    Expiry
  Feature name                       used    installed      needed
  idp-sig                               1            1           0    2022-12-12 01:10:42 UTC
  remote-access-ipsec-vpn-client        0            2           0    permanent

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

// collected writes each public show version or show chassis hardware of
// the collections, followed by a license output, as a file of the
// directory dir, as a collector stores commands one after another.
func collected(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, license := range files {
		b, err := os.ReadFile(filepath.Join(collections, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".txt"), string(b)+"\n"+license)
	}
}

// TestPublicHardwareCapturesStandWithoutPlatform: "A hidden set of public
// hardware captures is identified without -platform, each with the right
// standing" (issue 29). A directory of the collections' public show
// version and show chassis hardware outputs (SRX, MX, EX, QFX, NFX;
// 13.2X51 to 21.4; a cluster, virtual chassis, CRLF), and an EX4200
// virtual chassis's inventory of the form public captures print,, each followed by its series'
// license output, is reported with no -platform: every device's platform
// and what gave it, an SRX's trial key usable by its own dates with the
// catalog's disagreement listed (LIC-TRIAL-PRODUCTS), and a switch's
// "License usage: none" said as such.
func TestPublicHardwareCapturesStandWithoutPlatform(t *testing.T) {
	dir := t.TempDir()
	none := "root> show system license\nLicense usage: none\n\nLicenses installed: none\n"
	mx := "root> show system license\nLicense usage:\n                                 Licenses     Licenses    Licenses    Expiry\n  Feature name                       used    installed      needed\n  scale-subscriber                      0           10           0    permanent\n\nLicenses installed: none\n"
	collected(t, dir, map[string]string{
		"ntc-srx1500-cluster-19.4-show-version.txt": srxLicense,
		"ntc-mx240-13.3-show-version.txt":           mx,
		"ntc-ex4550-vc-13.2X51-show-version.txt":    none,
		"ntc-qfx5100-21.4-show-version.txt":         none,
		"ntc-mx204-show-chassis-hardware.txt":       mx,
		"ntc-qfx5120-show-chassis-hardware.txt":     none,
		"ntc-ex4650-vc-show-chassis-hardware.txt":   none,
		"ntc-mx104-show-chassis-hardware.txt":       mx,
		"ntc-qfx5100-show-chassis-hardware.txt":     none,
		"ntc-nfx250-21.1X3-show-version.txt":        none,
	})
	// An EX4200 virtual chassis's inventory: its chassis line names no
	// model, its routing engines the members' as EX4200s print them.
	writeFile(t, filepath.Join(dir, "ex4200-vc.txt"), "root@ex> show chassis hardware\nHardware inventory:\n"+
		"Item             Version  Part number  Serial number     Description\n"+
		"Chassis                                BP0208111225      Virtual Chassis\n"+
		"Routing Engine 0 REV 07   750-021254   BP0208111225      EX4200-48T, 8 POE\n"+
		"FPC 0            REV 07   750-021254   BP0208111225      EX4200-48T, 8 POE\n\n"+none)
	var out, errOut bytes.Buffer
	if err := run([]string{"-at", "2022-11-01T00:00:00Z", dir}, &out, &errOut); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	for _, want := range []string{
		`ntc-srx1500-cluster-19.4-show-version: text capture, platform SRX by model "srx1500" (line 4), at 2022-11-01T00:00:00Z, 1 license installed`,
		`ntc-mx240-13.3-show-version: text capture, platform MX by model "mx240" (line 4), at 2022-11-01T00:00:00Z, licenses installed: none`,
		`ntc-ex4550-vc-13.2X51-show-version: text capture, platform EX by model "ex4550-32f" (line 4), at 2022-11-01T00:00:00Z, license usage: none, licenses installed: none`,
		`ntc-qfx5100-21.4-show-version: text capture, platform QFX by model "qfx5100-48t-6q" (line 4)`,
		`ntc-mx204-show-chassis-hardware: text capture, platform MX by chassis "MX204" (line 3), serial A0000`,
		`ntc-qfx5120-show-chassis-hardware: text capture, platform QFX by routing engine "QFX5120-48Y-8C" (line 5), serial XH0000000700`,
		`ntc-ex4650-vc-show-chassis-hardware: text capture, platform EX by routing engine "EX4650-48Y-8C" (line 4)`,
		`ntc-mx104-show-chassis-hardware: text capture, platform MX by chassis "MX104" (line 3), serial A0000`,
		`ntc-qfx5100-show-chassis-hardware: text capture, platform QFX by chassis "QFX5100-48S-6Q" (line 3), serial XXXXXXXX0000`,
		`ntc-nfx250-21.1X3-show-version: text capture, platform NFX by model "nfx250_att_s1_10_t" (line 2)`,
		`ex4200-vc: text capture, platform EX by routing engine "EX4200-48T" (line 5), at 2022-11-01T00:00:00Z, license usage: none`,
		"idp-sig                         1/1/0           trial      usable (active)  2022-11-12T01:10:42Z  2022-12-12T01:10:42Z  JUNOS20221013",
		"scale-subscriber                0/10/0          perpetual  usable (active)  never",
		`discrepancy: ntc-srx1500-cluster-19.4-show-version: idp-sig (key JUNOS20221013): the catalog has no trial keys for platform SRX (LIC-TRIAL-PRODUCTS)`,
		"summary: 5 features on 11 devices (0 not read): 0 expired, 0 in warning, 0 ending within 30 days, 0 used without a license, 1 discrepancy",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run([]string{"-json", "-at", "2022-11-01T00:00:00Z", filepath.Join(dir, "ntc-srx1500-cluster-19.4-show-version.txt")}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Discrepancies []struct {
			Feature string   `json:"feature"`
			Rules   []string `json:"rules"`
		} `json:"discrepancies"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || len(doc.Discrepancies) != 1 || doc.Discrepancies[0].Feature != "idp-sig" ||
		strings.Join(doc.Discrepancies[0].Rules, ",") != "LIC-TRIAL-PRODUCTS" {
		t.Errorf("discrepancies %+v (%v), want idp-sig's citing LIC-TRIAL-PRODUCTS", doc.Discrepancies, err)
	}
}

// TestModelOfNoPlatformSaysWhereToGiveOne: a capture whose model maps to
// no platform of the catalog (an M320, as PyEZ's fixture names it) is
// refused naming the model and where a run takes a platform; given one by
// -platform or the inventory, it is read.
func TestModelOfNoPlatformSaysWhereToGiveOne(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, filepath.Join(dir, "m320.txt"), "Hostname: dalian\nModel: m320\nLicense usage: none\n\nLicenses installed: none\n")
	err := run([]string{"-at", "2025-01-01T00:00:00Z", p}, io.Discard, io.Discard)
	want := `m320.txt: LIC-PLATFORM: model "m320" (line 2) maps to no platform of the catalog; give it in an inventory (-inventory) or -platform`
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
	inv := writeFile(t, filepath.Join(dir, "inventory.csv"), "hostname,platform\ndalian,MX\n")
	for _, args := range [][]string{{"-platform", "MX"}, {"-inventory", inv}} {
		var out bytes.Buffer
		if err := run(append(args, "-at", "2025-01-01T00:00:00Z", p), &out, io.Discard); err != nil || !strings.Contains(out.String(), "m320: text capture, platform MX by ") {
			t.Errorf("%v: %v\n%s", args, err, out.String())
		}
	}
}
