package capture

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/licensepolicy/licensepolicy/license/junos"
)

// The bounds of an inventory: a file of at most MaxInventoryBytes and
// MaxInventoryRows devices, each value at most junos.MaxValue bytes.
const (
	MaxInventoryBytes = 4 << 20
	MaxInventoryRows  = 100000
)

// InventoryRow is one device of an inventory: the capture file or host name
// it is found by, its platform and serial number. The zero InventoryRow
// names no device.
type InventoryRow struct {
	// Line is the row's line in the inventory (1-based).
	Line                             int
	File, Hostname, Platform, Serial string
}

// Inventory is an operator's list of devices, read from a CSV file with a
// header naming its columns: file (or capture), hostname (or host),
// platform and serial, in any order; file or hostname, and platform or
// serial, at least. It gives the platform and serial of the devices whose
// captures do not say them. The zero Inventory lists no device.
type Inventory struct {
	// File is the inventory's path, named in its refusals.
	File   string
	rows   []InventoryRow
	byFile map[string]int // a file as given, cleaned -> row
	byBase map[string]int // a file's base name -> row, when one row has it
	byHost map[string]int // a lower-case host name -> row
}

// ReadInventory reads the inventory file p, opened and checked as a
// capture is (a regular file, without blocking), of at most
// MaxInventoryBytes.
func (r *Reader) ReadInventory(p string) (Inventory, error) {
	b, err := r.ReadFile(p, MaxInventoryBytes)
	if err != nil {
		return Inventory{}, err
	}
	return ParseInventory(p, b)
}

// inventoryColumns are the header's names, and the column each reads.
var inventoryColumns = map[string]string{
	"file": "file", "capture": "file", "hostname": "hostname", "host": "hostname", "platform": "platform", "serial": "serial",
}

// ParseInventory reads an inventory named file from b. It refuses, naming
// the file and line: a header naming a column it does not know or twice,
// or no file or hostname column, or neither platform nor serial; a row
// without a file or host name; a file or host name listed twice; a value
// over junos.MaxValue bytes, not UTF-8, or holding a control character;
// past MaxInventoryRows rows. Lines beginning with "#" are comments. Cost:
// time and memory linear in b.
func ParseInventory(file string, b []byte) (Inventory, error) {
	fail := func(line int, format string, args ...any) (Inventory, error) {
		return Inventory{}, inventoryError(file, line, format, args...)
	}
	if len(b) > MaxInventoryBytes {
		return fail(1, "the inventory is over %d bytes, the most read", MaxInventoryBytes)
	}
	if !utf8.Valid(b) {
		return fail(1+bytes.Count(b[:firstInvalid(b)], []byte{'\n'}), "the inventory is not UTF-8")
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comment, cr.TrimLeadingSpace, cr.ReuseRecord = '#', true, true
	cols, line, err := inventoryHeader(file, cr)
	if err != nil {
		return Inventory{}, err
	}
	inv := Inventory{File: file, byFile: map[string]int{}, byBase: map[string]int{}, byHost: map[string]int{}}
	bases := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fail(pe.Line, "%s", csvWhy(pe.Err))
			}
			return fail(line, "%s", csvWhy(err))
		}
		line, _ = cr.FieldPos(0)
		if len(inv.rows) == MaxInventoryRows {
			return fail(line, "over %d devices, the most an inventory lists", MaxInventoryRows)
		}
		row, err := inventoryRow(file, line, cols, rec)
		if err != nil {
			return Inventory{}, err
		}
		if err := inv.add(row, bases); err != nil {
			return Inventory{}, err
		}
	}
	// A base name two rows give finds neither: which is meant cannot be
	// told.
	for b, n := range bases {
		if n > 1 {
			delete(inv.byBase, b)
		}
	}
	return inv, nil
}

func inventoryError(file string, line int, format string, args ...any) error {
	return &Error{Path: file, Err: fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))}
}

// inventoryHeader reads the header: the column each field is, and its line.
func inventoryHeader(file string, cr *csv.Reader) (cols []string, line int, err error) {
	header, err := cr.Read()
	if err != nil {
		return nil, 1, inventoryError(file, 1, "no header: %s", csvWhy(err))
	}
	line, _ = cr.FieldPos(0)
	cols = make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		c, ok := inventoryColumns[strings.ToLower(strings.TrimSpace(h))]
		switch {
		case !ok:
			return nil, line, inventoryError(file, line, "column %s is not one of file, hostname, platform, serial", Quote(h))
		case seen[c]:
			return nil, line, inventoryError(file, line, "column %s is named twice", Quote(h))
		}
		seen[c], cols[i] = true, c
	}
	if !seen["file"] && !seen["hostname"] || !seen["platform"] && !seen["serial"] {
		return nil, line, inventoryError(file, line, "the header names %s: want file or hostname, and platform or serial", Quote(strings.Join(header, ",")))
	}
	return cols, line, nil
}

// inventoryRow reads one record, whose fields are the columns cols.
func inventoryRow(file string, line int, cols, rec []string) (InventoryRow, error) {
	row := InventoryRow{Line: line}
	for i, v := range rec {
		v = strings.TrimSpace(v)
		if p := valueProblem(v); p != "" {
			return row, inventoryError(file, line, "the %s %s %s", cols[i], Quote(v), p)
		}
		switch v = strings.Clone(v); cols[i] {
		case "file":
			row.File = v
		case "hostname":
			row.Hostname = v
		case "platform":
			row.Platform = v
		case "serial":
			row.Serial = v
		}
	}
	if row.File == "" && row.Hostname == "" {
		return row, inventoryError(file, line, "the row names no file or host name")
	}
	return row, nil
}

// add lists row, refusing a file or host name listed before; bases counts
// the rows of each file's base name.
func (inv *Inventory) add(row InventoryRow, bases map[string]int) error {
	n := len(inv.rows)
	if row.File != "" {
		k := filepath.Clean(row.File)
		if first, dup := inv.byFile[k]; dup {
			return inventoryError(inv.File, row.Line, "file %s is listed twice (first at line %d)", Quote(row.File), inv.rows[first].Line)
		}
		inv.byFile[k] = n
		bases[filepath.Base(k)]++
		inv.byBase[filepath.Base(k)] = n
	}
	if row.Hostname != "" {
		k := strings.ToLower(row.Hostname)
		if first, dup := inv.byHost[k]; dup {
			return inventoryError(inv.File, row.Line, "host name %s is listed twice (first at line %d)", Quote(row.Hostname), inv.rows[first].Line)
		}
		inv.byHost[k] = n
	}
	inv.rows = append(inv.rows, row)
	return nil
}

func csvWhy(err error) string { return Line(err.Error()) }

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// valueProblem says why v cannot be an inventory's value, "" when it can.
func valueProblem(v string) string {
	if len(v) > junos.MaxValue {
		return fmt.Sprintf("is over %d bytes, the longest value read", junos.MaxValue)
	}
	if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 }) {
		return "holds a control character"
	}
	return ""
}

// Len is how many devices the inventory lists.
func (inv Inventory) Len() int { return len(inv.rows) }

// Lookup returns the row of the device whose capture is file (as given,
// else by its base name when one row has it) or whose host name is one of
// hosts (without case), in that order; false when none.
func (inv Inventory) Lookup(file string, hosts ...string) (InventoryRow, bool) {
	if len(inv.rows) == 0 {
		return InventoryRow{}, false
	}
	if file != "" {
		if i, ok := inv.byFile[filepath.Clean(file)]; ok {
			return inv.rows[i], true
		}
		if i, ok := inv.byBase[filepath.Base(file)]; ok {
			return inv.rows[i], true
		}
	}
	for _, h := range hosts {
		if i, ok := inv.byHost[strings.ToLower(h)]; ok && h != "" {
			return inv.rows[i], true
		}
	}
	return InventoryRow{}, false
}

// Identity is what a pass gives a capture's device beside what the capture
// says: the platform and serial number for junos.Options, and who gives
// the platform. The zero Identity gives none.
type Identity struct {
	Platform, PlatformFrom string
	Serial                 string
}

// Identify returns what the inventory and a platform given for every
// device (flag names it: "-platform") say of the device of capture c,
// named name: its inventory row's (found by c's file, else by the host
// name show version printed, else by name), else the platform given, the
// last resort. An inventory row and a platform given that disagree are
// refused naming both: the flag never overrides the inventory. The serial
// is the chassis's the capture prints, else the row's; the two differing
// are refused naming both. Whether the capture's own word on its platform
// stands over the Identity's is junos.Report.Facts's to weigh: it does.
func (inv Inventory) Identify(c Capture, name, platform, flag string) (Identity, error) {
	id := Identity{Platform: platform, PlatformFrom: flag, Serial: c.Report.Hardware.Serial}
	row, ok := inv.Lookup(c.File, c.Report.Hardware.Hostname, name)
	if !ok {
		return id, nil
	}
	at := fmt.Sprintf("the inventory %s, line %d,", Quote(inv.File), row.Line)
	if row.Platform != "" {
		if platform != "" && platform != row.Platform {
			return Identity{}, fmt.Errorf("%s says platform %s; %s says %s: the inventory stands, leave out %s or mend the inventory", at, Quote(row.Platform), flag, Quote(platform), flag)
		}
		id.Platform, id.PlatformFrom = row.Platform, fmt.Sprintf("inventory %s line %d", Quote(inv.File), row.Line)
	}
	if row.Serial != "" {
		if id.Serial != "" && id.Serial != row.Serial {
			return Identity{}, fmt.Errorf("%s says serial %s; the capture's chassis says %s (line %d)", at, Quote(row.Serial), Quote(id.Serial), c.Report.Hardware.Chassis.Line)
		}
		id.Serial = row.Serial
	}
	return id, nil
}
