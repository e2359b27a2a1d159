package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// collections are the public captures of several commands in one file
// (see the junos package's testdata/collections/README.md).
const collections = "../../license/junos/testdata/collections"

// TestHardwareCapturesAreIdentifiedWithoutPlatform: an SRX300 as oxidized
// stores it (show version, show chassis hardware, show system license,
// configuration) and a vMX session of prompts are identified from what
// they printed, with no -platform, and stand as their licenses say;
// "Licenses installed: none" is reported as such (issue 29).
func TestHardwareCapturesAreIdentifiedWithoutPlatform(t *testing.T) {
	for _, c := range []struct {
		file, at, device string
		rows             []string
	}{
		{"oxidized-srx300-22.4.txt", "2024-12-06T12:00:00Z",
			`oxidized-srx300-22.4: text capture, platform SRX by model "srx300" (line 1), serial AA0000AA0000, at 2024-12-06T12:00:00Z, licenses installed: none`,
			[]string{"remote-access-ipsec-vpn-client  0/2/0           perpetual  usable (active)  never  never"}},
		{"vmx-eval-session.txt", "2017-03-12T11:51:39Z",
			`vmx-eval-session: text capture, platform vMX by customer ID "vMX-JuniperEval" of key "E421992502" (line 38), at 2017-03-12T11:51:39Z, 1 license installed`,
			[]string{"VMX-BANDWIDTH                      50/50/0         trial      usable (active)  2017-04-10T11:51:39Z  2017-05-10T11:51:39Z  E421992502/vmx-bandwidth-50m"}},
	} {
		var out bytes.Buffer
		if err := run([]string{"-at", c.at, filepath.Join(collections, c.file)}, &out, io.Discard); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if !strings.HasPrefix(out.String(), c.device+"\n") {
			t.Errorf("%s: device line\n%s\nwant\n%s", c.file, strings.SplitN(out.String(), "\n", 2)[0], c.device)
		}
		for _, r := range c.rows {
			if !strings.Contains(out.String(), r) {
				t.Errorf("%s: no row %q in\n%s", c.file, r, out.String())
			}
		}
		if strings.Contains(out.String(), "discrepancy") {
			t.Errorf("%s: discrepancies\n%s", c.file, out.String())
		}
	}
}

// TestPlatformFlagNeverRelabelsADevice: "today a single -platform relabels
// a vMX capture as SRX with no note, and -platform MX accepts a
// vSRX-JuniperEval trial as MX" (issue 29): both are refused naming both
// platforms, as is a -platform the inventory contradicts; the inventory's
// platform stands where the capture says none, and -platform is used for
// a device neither names.
func TestPlatformFlagNeverRelabelsADevice(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "inventory.csv")
	writeFile(t, inv, "file,platform,serial\nedge-1.txt,MX,JN11D7A2DAFA\n")
	edge := writeFile(t, filepath.Join(dir, "edge-1.txt"), rows(1))
	other := writeFile(t, filepath.Join(t.TempDir(), "edge-2.txt"), rows(1))
	for _, c := range []struct {
		args []string
		want string // the device line's prefix, or the error
	}{
		{[]string{"-platform", "SRX", "-at", "2021-10-01T00:00:00Z", fixture(t, "vmx-eval.txt")},
			`LIC-PLATFORM: -platform says SRX; the capture says vMX, by customer ID "vMX-JuniperEval" of key "E421992502" (line 29)`},
		{[]string{"-platform", "MX", "-at", "2022-11-01T00:00:00Z", fixture(t, "vsrx-trial.txt")},
			`LIC-PLATFORM: -platform says MX; the capture says vSRX, by customer ID "vSRX-JuniperEval"`},
		{[]string{"-inventory", inv, "-platform", "SRX", edge},
			`the inventory ` + inv + `, line 2, says platform MX; -platform says SRX`},
		{[]string{"-inventory", inv, "-platform", "SRX", "-at", "2017-03-12T11:51:39Z", filepath.Join(collections, "vmx-eval-session.txt")},
			`LIC-PLATFORM: -platform says SRX; the capture says vMX`},
		{[]string{"-inventory", inv, edge}, "edge-1: text capture, platform MX by inventory " + inv + " line 2, serial JN11D7A2DAFA, at 2025-01-01T00:00:00Z"},
		{[]string{"-inventory", inv, "-platform", "EX", other}, "edge-2: text capture, platform EX by -platform, at 2025-01-01T00:00:00Z"},
	} {
		var out bytes.Buffer
		err := run(c.args, &out, io.Discard)
		got := out.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, c.want) {
			t.Errorf("%q:\n got %s\nwant %s", c.args, got, c.want)
		}
	}
}

// TestDirectoriesAreWalked: the shared captures' folder holds newer/; a run
// over the folder reads it (issue 29: "newer/ is skipped without a word"),
// and one told not to walk names it on standard error.
func TestDirectoriesAreWalked(t *testing.T) {
	if _, err := os.Stat(filepath.Join(shared, "newer")); err != nil {
		t.Skip("shared fixtures absent")
	}
	args := []string{"-inventory", "testdata/shared-fixtures-inventory.csv", "-at", "2021-10-01T00:00:00Z"}
	var out, errOut bytes.Buffer
	_ = run(append(args, shared), &out, &errOut)
	if !strings.Contains(out.String(), "csrx-23.2-commercial-multifeature: text capture") || !strings.Contains(errOut.String(), "crpd-trial-sku-redacted.txt") {
		t.Errorf("newer/ not read:\n%s\n%s", out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	_ = run(append(args, "-max-depth", "0", shared), &out, &errOut)
	if strings.Contains(out.String(), "csrx") || !strings.Contains(errOut.String(), "newer: is 1 levels below the directory given, past the 0 a pass walks (-max-depth): not read") {
		t.Errorf("-max-depth 0:\n%s\n%s", out.String(), errOut.String())
	}
}

// TestHelpExitsZeroAndStatesItsBounds: -h is asked for, not a failure
// (issue 29: it exited 1); it states every flag, the form instants take
// and the bounds a run holds to.
func TestHelpExitsZeroAndStatesItsBounds(t *testing.T) {
	var errOut bytes.Buffer
	if err := run([]string{"-h"}, io.Discard, &errOut); err != nil {
		t.Errorf("-h: %v", err)
	}
	for _, want := range []string{"-inventory", "-max-depth", `RFC 3339 instant such as "2025-03-01T00:00:00Z"`, "levels below a directory given", "never overrides"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("-h says nothing of %q:\n%s", want, errOut.String())
		}
	}
}

// TestInstantFlagsSayTheFormTheyWant: "-at 2021-10-01 prints a raw
// time.Parse error" (issue 29): -at and -captured say the form they want.
func TestInstantFlagsSayTheFormTheyWant(t *testing.T) {
	capture := fixture(t, "vsrx-subscription.txt")
	for _, flag := range []string{"-at", "-captured"} {
		err := run([]string{flag, "2021-10-01", capture}, io.Discard, io.Discard)
		if err == nil || !strings.HasPrefix(err.Error(), flag+` "2021-10-01": want an RFC 3339 instant such as `) {
			t.Errorf("%s 2021-10-01: %v", flag, err)
		}
	}
}

// TestReadmeFleetExampleWorksAsWritten: the README's fleet example, run
// from the repository's root on the shared captures, reports eight devices
// and names the redacted cRPD capture, as the README says (issue 29: it
// printed "6 of 6 captures could not be read").
func TestReadmeFleetExampleWorksAsWritten(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skip("shared fixtures absent")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, l := range strings.Split(string(readme), "\n") {
		if cmd, ok := strings.CutPrefix(strings.TrimSpace(l), "go run ./examples/devicereport "); ok && strings.Contains(cmd, "-inventory") {
			args = strings.Fields(cmd)
		}
	}
	if args == nil {
		t.Fatal("the README shows no fleet example with -inventory")
	}
	// The README runs from the repository's root, this test two levels down.
	for i, a := range args {
		if !strings.HasPrefix(a, "-") && strings.Contains(a, "/") {
			args[i] = filepath.Join("../..", a)
		}
	}
	var out, errOut bytes.Buffer
	err = run(args, &out, &errOut)
	if err == nil || err.Error() != "1 of 9 captures could not be read" {
		t.Errorf("exit: %v", err)
	}
	if !strings.Contains(out.String(), "on 8 devices (1 not read)") || !strings.Contains(out.String(), "csrx-23.2-commercial-multifeature: text capture") {
		t.Errorf("report:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "crpd-trial-sku-redacted.txt: junos: line 4:") || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("standard error:\n%s", errOut.String())
	}
}
