package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestFileNameCannotForgeALine: a capture file name holding newlines is
// printed quoted on standard error and in the table, so that it cannot add
// a line of its own. Before, its raw name forged "devicereport: all
// captures read, 0 problems" on standard error.
func TestFileNameCannotForgeALine(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no newline in a file name")
	}
	dir := t.TempDir()
	forged := "x\ndevicereport: all captures read, 0 problems\n"
	writeFile(t, filepath.Join(dir, forged+".txt"), "not a capture\n")
	writeFile(t, filepath.Join(dir, "edge\x1b[2J.txt"), rows(1))
	out, errOut, err := runWithin(t, dir)
	if err == nil {
		t.Fatal("the run read a file that is no capture")
	}
	for _, l := range strings.Split(strings.TrimSuffix(errOut, "\n"), "\n") {
		if !strings.HasPrefix(l, "devicereport: ") || strings.HasPrefix(l, "devicereport: all captures read") {
			t.Errorf("standard error has a line of its own: %q", l)
		}
	}
	if !strings.Contains(errOut, `/x\ndevicereport: all captures read, 0 problems\n.txt"`) {
		t.Errorf("the name is not quoted: %q", errOut)
	}
	if strings.Contains(out, "\x1b") || !strings.Contains(out, `"edge\x1b[2J"  f000000`) {
		t.Errorf("the table prints the device's name raw:\n%q", out)
	}
}

// TestCSVCellsAreNotFormulas: a feature named like a spreadsheet formula
// is written with a single quote before it (OWASP's rule for CSV
// injection), and so is a cell that begins with one; a decision that holds
// for good is written "never" in the CSV and the JSON alike.
func TestCSVCellsAreNotFormulas(t *testing.T) {
	dir := t.TempDir()
	text := usageHeader
	for _, name := range []string{`=HYPERLINK("http://example.com","x")`, "+1", "-1", "@SUM(A1)", "'quoted", "plain"} {
		text += "  " + name + " 1 1 0 permanent\n"
	}
	p := writeFile(t, filepath.Join(dir, "edge.txt"), text+"\nCurrent time: 2025-01-01 00:00:00 UTC\n")
	out, _, err := runWithin(t, "-csv", p)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var features []string
	for _, r := range records[1:] {
		features = append(features, r[1])
		if r[8] != "never" {
			t.Errorf("%s: until %q, want never", r[1], r[8])
		}
	}
	want := []string{`'=HYPERLINK("http://example.com","x")`, "'+1", "'-1", "'@SUM(A1)", "''quoted", "plain"}
	if strings.Join(features, "|") != strings.Join(want, "|") {
		t.Errorf("features %q, want %q", features, want)
	}
	out, _, err = runWithin(t, "-json", p)
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Features []struct{ Feature, Until string }
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	for _, f := range v.Features {
		if f.Until != "never" {
			t.Errorf("JSON %s: until %q, want never", f.Feature, f.Until)
		}
	}
}

// TestForgedSecondsDoNotMakeAnExpiredLicenseUsable: an XML end date
// carrying junos:seconds of 2018 and a bare seconds of 2099 was read as
// usable until 2099; it is refused naming its line, and with the bare
// attribute alone the printed date stands: expired.
func TestForgedSecondsDoNotMakeAnExpiredLicenseUsable(t *testing.T) {
	capture := func(end string) string {
		return "<license-usage-summary>\n<feature-summary><name>idp-sig</name><licensed>1</licensed><used-licensed>1</used-licensed><needed>0</needed>\n" +
			end + "\n</feature-summary></license-usage-summary>\n"
	}
	dir := t.TempDir()
	p := writeFile(t, filepath.Join(dir, "both.xml"), capture(`<end-date junos:seconds="1545696000" seconds="4070908800">2018-12-25</end-date>`))
	_, _, err := runWithin(t, "-at", "2021-01-01T00:00:00Z", p)
	if err == nil || !strings.Contains(err.Error(), "both.xml: junos: line 3: <end-date> gives seconds twice") {
		t.Errorf("both attributes: %v", err)
	}
	p = writeFile(t, filepath.Join(dir, "bare.xml"), capture(`<end-date seconds="4070908800">2018-12-25</end-date>`))
	out, _, err := runWithin(t, "-at", "2021-01-01T00:00:00Z", "-csv", p)
	if err != nil || !strings.Contains(out, "bare,idp-sig,1,1,0,subscription,expired,false,never,") {
		t.Errorf("the bare attribute: %v\n%s", err, out)
	}
}
