package capture

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/license/junos"
)

// TestInventoryFindsDevicesByFileOrHostName: an inventory "with a header:
// capture file or hostname, platform, serial" (issue 29) gives a device by
// its capture's path, its base name, or a host name, in any column order,
// comments and spaces aside.
func TestInventoryFindsDevicesByFileOrHostName(t *testing.T) {
	inv, err := ParseInventory("inv.csv", []byte("# site A\nplatform, file ,hostname,serial\nMX,edge-1.txt,,JN123\nSRX,,fw-1,CV42\nEX,site-b/sw-1.txt,sw-1,\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file  string
		hosts []string
		want  int // the row's line, 0 for none
	}{
		{"captures/edge-1.txt", nil, 3},
		{"other/fw.txt", []string{"FW-1"}, 4},
		{"site-b/sw-1.txt", nil, 5},
		{"./site-b/../site-b/sw-1.txt", nil, 5},
		{"x.txt", []string{"", "sw-1"}, 5},
		{"x.txt", []string{"nobody"}, 0},
	} {
		row, ok := inv.Lookup(c.file, c.hosts...)
		if ok != (c.want > 0) || row.Line != c.want {
			t.Errorf("%s %v: %+v %v, want line %d", c.file, c.hosts, row, ok, c.want)
		}
	}
}

// TestInventoryRefusesWhatItCannotRead: every refusal names the file and
// the line.
func TestInventoryRefusesWhatItCannotRead(t *testing.T) {
	for _, c := range []struct{ in, msg string }{
		{"file,platform,colour\n", `inv.csv: line 1: column colour is not one of file, hostname, platform, serial`},
		{"file,file\n", `line 1: column file is named twice`},
		{"platform,serial\n", `line 1: the header names platform,serial: want file or hostname, and platform or serial`},
		{"file,platform\na.txt,MX\na.txt,SRX\n", `line 3: file a.txt is listed twice (first at line 2)`},
		{"hostname,platform\nR1,MX\nr1,SRX\n", `line 3: host name r1 is listed twice (first at line 2)`},
		{"file,platform\n,MX\n", `line 2: the row names no file or host name`},
		{"file,platform\na.txt,MX,extra\n", `inv.csv: line 2: wrong number of fields`},
		{"file,platform\n\"a\x1bb\",MX\n", `line 2: the file "a\x1bb" holds a control character`},
		{"file,platform\na.txt," + strings.Repeat("M", junos.MaxValue+1) + "\n", `is over 1024 bytes`},
		{"file,platform\na\xff.txt,MX\n", `line 2: the inventory is not UTF-8`},
		{"", `line 1: no header: EOF`},
	} {
		_, err := ParseInventory("inv.csv", []byte(c.in))
		var ce *Error
		if !errors.As(err, &ce) || ce.Path != "inv.csv" || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: %v, want %s", c.in, err, c.msg)
		}
	}
	var b strings.Builder
	b.WriteString("file,platform\n")
	for i := range MaxInventoryRows + 1 {
		b.WriteString("f" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "-" + strconv.Itoa(i) + ",MX\n")
	}
	if _, err := ParseInventory("inv.csv", []byte(b.String())); err == nil || !strings.Contains(err.Error(), "over 100000 devices") {
		t.Errorf("too many rows: %v", err)
	}
}

// TestIdentifyNeverLetsTheFlagOverrideTheInventory: the inventory's row
// gives a device's platform and serial; a -platform that disagrees with it
// is refused naming both, and one for a device the inventory does not list
// is used; a serial the capture's chassis contradicts is refused.
func TestIdentifyNeverLetsTheFlagOverrideTheInventory(t *testing.T) {
	inv, err := ParseInventory("inv.csv", []byte("file,hostname,platform,serial\nedge-1.txt,,MX,JN123\n,fw-1,SRX,\n"))
	if err != nil {
		t.Fatal(err)
	}
	capture := func(file, host, serial string) Capture {
		return Capture{File: filepath.Join("dir", file), Report: junos.Report{Hardware: junos.Hardware{Hostname: host, Serial: serial}}}
	}
	for _, c := range []struct {
		name    string
		c       Capture
		flag    string
		want    Identity
		refusal string
	}{
		{"by file", capture("edge-1.txt", "", ""), "", Identity{Platform: "MX", PlatformFrom: "inventory inv.csv line 2", Serial: "JN123"}, ""},
		{"by host name, the flag agreeing", capture("x.txt", "fw-1", ""), "SRX", Identity{Platform: "SRX", PlatformFrom: "inventory inv.csv line 3"}, ""},
		{"not listed: the flag", capture("y.txt", "", "S1"), "EX", Identity{Platform: "EX", PlatformFrom: "-platform", Serial: "S1"}, ""},
		{"the flag disagreeing", capture("edge-1.txt", "", ""), "SRX", Identity{}, `the inventory inv.csv, line 2, says platform MX; -platform says SRX`},
		{"the chassis disagreeing", capture("edge-1.txt", "", "JN999"), "", Identity{}, `says serial JN123; the capture's chassis says JN999`},
	} {
		got, err := inv.Identify(c.c, "dev", c.flag, "-platform")
		if c.refusal != "" {
			if err == nil || !strings.Contains(err.Error(), c.refusal) {
				t.Errorf("%s: %+v, %v; want %s", c.name, got, err, c.refusal)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s: %+v, %v; want %+v", c.name, got, err, c.want)
		}
	}
}

// FuzzParseInventory: no input panics, and every inventory read finds each
// of its devices by the file or host name it lists, and holds no value a
// refusal would: none over the longest, none with a control character.
func FuzzParseInventory(f *testing.F) {
	f.Add([]byte("file,hostname,platform,serial\nedge-1.txt,edge-1,MX,JN123\n,fw-1,SRX,\n"))
	f.Add([]byte("# comment\nplatform, host\nEX,sw-1\n"))
	f.Add([]byte("file,platform\n\"a,b.txt\",MX\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		inv, err := ParseInventory("inv.csv", in)
		if err != nil {
			return
		}
		for _, row := range inv.rows {
			for _, v := range []string{row.File, row.Hostname, row.Platform, row.Serial} {
				if valueProblem(v) != "" {
					t.Fatalf("line %d holds %q", row.Line, v)
				}
			}
			var got InventoryRow
			var ok bool
			if row.File != "" {
				got, ok = inv.Lookup(row.File)
			} else {
				got, ok = inv.Lookup("", row.Hostname)
			}
			if !ok || got != row {
				t.Fatalf("line %d: found %+v %v", row.Line, got, ok)
			}
		}
	})
}
