package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixtures are the library's copies of the shared Junos captures.
const fixtures = "../../license/junos/testdata"

func TestOutputIsPinned(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"vsrx-subscription.golden", []string{"-at", "2021-10-01T00:00:00Z", "vsrx-subscription.txt"}},
		{"vsrx-subscription-grace.golden", []string{"-at", "2021-10-20T00:00:00Z", "vsrx-subscription.txt"}},
		{"vsrx-trial.golden", []string{"-at", "2022-11-20T00:00:00Z", "vsrx-trial.txt"}},
		{"vmx-eval.golden", []string{"-at", "2017-03-12T11:51:39Z", "vmx-eval.txt"}},
		{"vsrx-eval-countdown.golden", []string{"-at", "2020-03-15T00:00:00Z", "-captured", "2020-02-01T00:00:00Z", "vsrx-eval-countdown.txt"}},
		{"license-usage-summary-1.golden", []string{"-at", "2018-11-26T00:00:00Z", "license-usage-summary-1.xml"}},
		{"license-usage-summary-2.json.golden", []string{"-json", "-at", "2018-11-26T00:00:00Z", "license-usage-summary-2.xml"}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			args := append([]string(nil), c.args...)
			args[len(args)-1] = filepath.Join(fixtures, args[len(args)-1])
			var out bytes.Buffer
			if err := run(args, &out); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", c.golden)
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("output differs from %s (run with -update if intended):\n%s", golden, out.String())
			}
		})
	}
}

// The acceptance line: Virtual Appliance usable until 2021-10-18 and the
// permanent features usable for good.
func TestSubscriptionCaptureShowsItsEnd(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-at", "2021-10-01T00:00:00Z", filepath.Join(fixtures, "vsrx-subscription.txt")}, &out); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(out.String(), "\n") {
		f := strings.Fields(line)
		switch {
		case strings.HasPrefix(line, "Virtual Appliance"):
			if !strings.Contains(line, "usable (active)") || !strings.Contains(line, "2021-10-18T00:00:00Z") {
				t.Errorf("Virtual Appliance: %q", line)
			}
		case len(f) > 0 && (f[0] == "logical-system" || f[0] == "remote-access-ipsec-vpn-client"):
			if !strings.Contains(line, "usable (active)") || !strings.Contains(line, "for good") {
				t.Errorf("%s: %q", f[0], line)
			}
		}
	}
}

func TestJSONIsValid(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-json", "-at", "2022-11-20T00:00:00Z", filepath.Join(fixtures, "vsrx-trial.txt")}, &out); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Form     string
		Features []struct{ Feature, State string }
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil || v.Form != "text" || len(v.Features) != 4 || v.Features[0].State != "in-warning" {
		t.Errorf("%+v %v", v, err)
	}
}

func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{filepath.Join(fixtures, "vsrx-trial.txt")}, "give one with -at"},
		{[]string{"-at", "yesterday", filepath.Join(fixtures, "vsrx-trial.txt")}, "-at"},
		{[]string{"-at", "2022-11-20T00:00:00Z", "main.go"}, "line 1"},
		{[]string{"-at", "2022-11-20T00:00:00Z"}, "want one capture file"},
		{[]string{"-at", "2022-11-20T00:00:00Z", "-platform", "Nokia", filepath.Join(fixtures, "vsrx-trial.txt")}, "LIC-PLATFORM"},
	} {
		err := run(c.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: got %v, want %q", c.args, err, c.msg)
		}
	}
}
