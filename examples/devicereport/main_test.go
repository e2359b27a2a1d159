package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/license/junos"
	"pgregory.net/rapid"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixtures are the library's copies of the first shared captures; shared is
// the shared tree, where the newer captures are read (no copy here).
const (
	fixtures = "../../license/junos/testdata"
	shared   = "../../../shared/fixtures/junos"
)

func fixture(t *testing.T, name string) string {
	t.Helper()
	if strings.HasPrefix(name, "newer/") {
		p := filepath.Join(shared, name)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("shared fixture %s absent", p)
		}
		return p
	}
	return filepath.Join(fixtures, name)
}

// TestOutputIsPinned: every capture reported inside its validity and after
// its end. quote is a line of the capture the report relies on; the report
// must cite its line number.
func TestOutputIsPinned(t *testing.T) {
	for _, c := range []struct {
		golden string
		args   []string
		quote  string
	}{
		{"vsrx-subscription.golden", []string{"-at", "2021-10-01T00:00:00Z", "vsrx-subscription.txt"}, "Virtual Appliance                     1            1           0    2021-10-18 00:00:00 UTC"},
		{"vsrx-subscription-ended.golden", []string{"-at", "2021-10-18T00:00:00Z", "vsrx-subscription.txt"}, "date-based, 2018-10-18 00:00:00 UTC - 2021-10-18 00:00:00 UTC"},
		{"vsrx-trial.golden", []string{"-at", "2022-11-20T00:00:00Z", "vsrx-trial.txt"}, "VCPU Scale                            2            2           0    2022-12-12 01:10:42 UTC"},
		{"vsrx-trial-ended.golden", []string{"-at", "2022-12-12T01:10:42Z", "vsrx-trial.txt"}, "date-based, 2022-10-13 01:10:42 UTC - 2022-12-12 01:10:42 UTC"},
		{"vmx-eval.golden", []string{"-at", "2017-03-12T11:51:39Z", "vmx-eval.txt"}, "VMX-BANDWIDTH                        50           50           0    59 days"},
		{"vmx-eval-ended.golden", []string{"-at", "2017-06-01T00:00:00Z", "-captured", "2017-03-12T11:51:39Z", "vmx-eval.txt"}, "count-down, Original validity: 60 days"},
		{"vsrx-eval-countdown.golden", []string{"-at", "2020-03-15T00:00:00Z", "-captured", "2020-02-01T00:00:00Z", "vsrx-eval-countdown.txt"}, "Virtual Appliance                     1            1           0    permanent"},
		{"vsrx-eval-countdown-ended.golden", []string{"-at", "2020-04-01T00:00:00Z", "-captured", "2020-02-01T00:00:00Z", "vsrx-eval-countdown.txt"}, "count-down, Original validity: 60 days"},
		{"license-usage-summary-1.golden", []string{"-at", "2018-11-26T00:00:00Z", "license-usage-summary-1.xml"}, "<feature-summary>"},
		{"license-usage-summary-1-ended.golden", []string{"-at", "2018-12-25T00:00:00Z", "-captured", "2018-11-26T00:00:00Z", "license-usage-summary-1.xml"}, "<feature-summary>"},
		{"license-usage-summary-2.json.golden", []string{"-json", "-at", "2018-11-26T00:00:00Z", "license-usage-summary-2.xml"}, "<feature-summary>"},
		{"license-usage-summary-2-ended.csv.golden", []string{"-csv", "-at", "2018-12-25T00:00:00Z", "-captured", "2018-11-26T00:00:00Z", "license-usage-summary-2.xml"}, "<feature-summary>"},
		{"csrx-23.2.golden", []string{"-at", "2023-01-01T00:00:00Z", "newer/csrx-23.2-commercial-multifeature.txt"}, "av_key_sophos_engine                  0            1           0    2024-04-16 00:00:00 UTC"},
		{"csrx-23.2-ended.golden", []string{"-at", "2024-04-16T00:00:00Z", "newer/csrx-23.2-commercial-multifeature.txt"}, "date-based, 2021-04-16 00:00:00 UTC - 2024-04-16 00:00:00 UTC"},
		{"vsrx-24.4.golden", []string{"-platform", "vSRX", "-at", "2026-01-01T00:00:00Z", "newer/vsrx-24.4-demolab-summary.xml"}, "<feature-summary>"},
		{"vsrx-24.4-ended.golden", []string{"-inventory", "testdata/shared-fixtures-inventory.csv", "-at", "2027-05-22T00:00:00Z", "newer/vsrx-24.4-demolab-summary.xml"}, "<feature-summary>"},
	} {
		t.Run(c.golden, func(t *testing.T) {
			args := append([]string(nil), c.args...)
			args[len(args)-1] = fixture(t, args[len(args)-1])
			capture, err := os.ReadFile(args[len(args)-1])
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := run(args, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(capture), "\n")
			cited := false
			for i, l := range lines {
				if strings.TrimSpace(l) == c.quote && regexp.MustCompile(`(^|[ ,"\[])`+strconv.Itoa(i+1)+`([ ,"\]\n]|$)`).Match(out.Bytes()) {
					cited = true
				}
			}
			if !cited {
				t.Errorf("the report cites no line %q of the capture", c.quote)
			}
			compareGolden(t, c.golden, out.Bytes())
		})
	}
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update if intended):\n%s", golden, got)
	}
}

// TestRedactedDatesAreAGoldenError: the cRPD capture's dates were redacted
// to "2023-MM-DD"; reading it names the file, the line and the text.
func TestRedactedDatesAreAGoldenError(t *testing.T) {
	p := fixture(t, "newer/crpd-trial-sku-redacted.txt")
	err := run([]string{"-at", "2023-06-01T00:00:00Z", p}, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("the redacted capture was read")
	}
	compareGolden(t, "crpd-trial-sku-redacted.error.golden", []byte(strings.ReplaceAll(err.Error(), shared, "SHARED")+"\n"))
}

// TestFleetReportsTheRestWhenOneFails: a directory of captures is one table
// sorted by until with a summary; the unreadable capture is named on
// standard error and the exit status says so. The capture that does not
// say its platform has it from the inventory; the others say theirs.
func TestFleetReportsTheRestWhenOneFails(t *testing.T) {
	dir := filepath.Join(shared, "newer")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared fixtures absent")
	}
	var out, errOut bytes.Buffer
	err := run([]string{"-inventory", "testdata/shared-fixtures-inventory.csv", "-within", "200d", "-at", "2024-01-01T00:00:00Z", dir}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 captures") {
		t.Errorf("exit: %v", err)
	}
	if !strings.Contains(errOut.String(), "crpd-trial-sku-redacted.txt: junos: line 4:") || !strings.Contains(errOut.String(), "2023-MM-DD") {
		t.Errorf("stderr: %s", errOut.String())
	}
	compareGolden(t, "fleet-newer.golden", out.Bytes())
}

func TestJSONIsValid(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-json", "-at", "2022-11-20T00:00:00Z", filepath.Join(fixtures, "vsrx-trial.txt")}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Devices  []struct{ Form string }
		Features []struct {
			Feature, State string
			Keys           []struct{ Key string }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil || v.Devices[0].Form != "text" || len(v.Features) != 4 || v.Features[0].State != "in-warning" {
		t.Errorf("%+v %v", v, err)
	}
	// Both keys that carry VCPU Scale are reported.
	if k := v.Features[1].Keys; v.Features[1].Feature != "VCPU Scale" || len(k) != 2 || k[0].Key != "E20210617001" || k[1].Key != "E20210617002" {
		t.Errorf("VCPU Scale: %+v", v.Features[1])
	}
}

func TestRefusals(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{filepath.Join(fixtures, "vsrx-trial.txt")}, "give one with -at"},
		{[]string{"-at", "yesterday", filepath.Join(fixtures, "vsrx-trial.txt")}, "-at"},
		{[]string{"-within", "soon", filepath.Join(fixtures, "vsrx-trial.txt")}, "-within"},
		{[]string{"-at", "2022-11-20T00:00:00Z", "main.go"}, "main.go: junos: line 1"},
		{[]string{"-at", "2022-11-20T00:00:00Z"}, "want capture files"},
		{[]string{"-device", "d", fixtures}, "-device names one capture"},
		{[]string{"-at", "2022-11-20T00:00:00Z", "-platform", "Nokia", filepath.Join(fixtures, "vsrx-trial.txt")}, "LIC-PLATFORM"},
	} {
		err := run(c.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: got %v, want %q", c.args, err, c.msg)
		}
	}
}

// TestCapturesOwnInstantIsTheDefaultAt: a "Current time:" line of show
// system uptime in the same file is the instant judged at.
func TestCapturesOwnInstantIsTheDefaultAt(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(fixtures, "vsrx-trial.txt"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "lab-srx.txt")
	if err := os.WriteFile(p, append(b, "\nCurrent time: 2022-10-17 12:01:07 UTC\nSystem booted: 2022-10-13 01:06:41 UTC (4d 10:54 ago)\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run([]string{p}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "lab-srx: text capture, platform vSRX by customer ID \"vSRX-JuniperEval\" of key \"E20210617001\" (line 17), at 2022-10-17T12:01:07Z, 2 licenses installed\n") {
		t.Errorf("%s", out.String())
	}
}

// TestLostOutputIsAnError: a report written to a full device is an error,
// not a silent exit 0.
func TestLostOutputIsAnError(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, format := range []string{"-csv", "-json", "-within=30d"} {
		err := run([]string{format, "-at", "2022-11-20T00:00:00Z", filepath.Join(fixtures, "vsrx-trial.txt")}, full, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "writing the report") {
			t.Errorf("%s: %v", format, err)
		}
	}
}

// TestNoInputChangesTheNumberOfRows: whatever a capture names its features
// and keys (newlines, tabs, escapes), the table has one line per feature,
// one per discrepancy, and its fixed lines.
func TestNoInputChangesTheNumberOfRows(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var rep junos.Report
		rep.Keys = []junos.Key{}
		n := rapid.IntRange(1, 4).Draw(t, "features")
		for i := range n {
			name := rapid.String().Draw(t, "name")
			rep.Keys = append(rep.Keys, junos.Key{ID: rapid.String().Draw(t, "id"), CustomerID: "vSRX-x",
				Features: []junos.KeyFeature{{Name: fmt.Sprintf("%d%s", i, name), Expiry: junos.Expiry{Validity: junos.Permanent}}}})
		}
		f, err := rep.Facts(junos.Options{})
		if err != nil {
			t.Skip(err)
		}
		a := f.At(f.Features[0].Licenses[0].Start())
		d := device{Name: rapid.String().Draw(t, "device"), Platform: a.Platform, Discrepancies: a.Discrepancies}
		for _, f := range a.Features {
			d.Rows = append(d.Rows, rowOf(0, f))
		}
		r := reading{devs: []device{d}}
		var out bytes.Buffer
		writeTable(&out, r.devs, r.sorted(), 0)
		want := 1 + 1 + 1 + len(a.Features) + 2 // device line, blank, header, rows, blank and summary
		if len(a.Discrepancies) > 0 {
			want += 1 + len(a.Discrepancies)
		}
		if got := strings.Count(out.String(), "\n"); got != want {
			t.Fatalf("%d lines, want %d:\n%s", got, want, out.String())
		}
	})
}
