// Command devicereport reads Junos show system license captures (CLI text,
// | display xml or | display json, detected) and prints every feature of
// every device at an instant: one table sorted by until, a person's summary,
// or -json / -csv for machines.
//
//	go run ./examples/devicereport -at 2021-10-01T00:00:00Z capture.txt
//	go run ./examples/devicereport -within 30d -inventory devices.csv captures/
//
// Arguments are capture files or directories of them, walked -max-depth
// levels deep (one capture per device; the device is named by its file, or
// by -device for one file; a second capture of one device name is
// refused). A capture file may hold other commands' output too, as
// collections store it (oxidized, RANCID, a terminal session): the license
// output is read out of it (see the junos package). -at defaults to the
// instant a capture carries itself (a "Current time:" line of show system
// uptime in the same file, or an XML end date beside its remaining time); a
// capture with neither needs -at. -at and -captured take RFC 3339 instants
// ("2021-10-01T00:00:00Z"). -captured is when the captures were taken
// (default: their own instant, else -at); count-down features end that long
// after it. -within counts the usable features whose usability ends
// within that span of their instant (30d, 720h): an expiry, the end of a
// grace, the end of a trial, not the next change (a trial's warning window
// opening comes sooner). Each feature's end is printed beside its until:
// "never" for one usable for good, nothing for one not usable. A capture
// that cannot be read is reported on standard error with its file, line
// and text; the others are still reported and the exit status is 1. A
// failed write to standard output is an error too. A decision that holds
// for good has the until "never". -h prints the flags and bounds and exits
// 0.
//
// # Platforms
//
// A device's platform is what its capture says: show version's model or
// show chassis hardware's chassis (or routing engine) in the same file,
// mapped to a platform by its series, else a key's customer ID or a
// feature named for its platform; a model of a series the catalog does
// not list (an M320, a vQFX) is refused naming it. For a capture that says
// none, -inventory is a CSV file with a
// header naming its columns: file (the capture's file name or path) or
// hostname (show version's, or the device's name), platform and serial.
// -platform is the last resort, for the devices neither names: it never
// overrides the capture or the inventory, and a disagreement is refused,
// naming both, as is an inventory the capture contradicts. Each device's
// line says what gave its platform, its serial number (the chassis's, else
// the inventory's), and its installed keys: "licenses installed: none" is
// not a capture without that section, nor "license usage: none" one
// without a usage table. A trial key the catalog gives the platform none
// of (an SRX's, LIC-TRIAL-PRODUCTS) stands by its own dates and is listed
// as a discrepancy citing the rule.
//
// # Bounds
//
// Only regular files are read: every file is opened without blocking and
// checked on its descriptor, so a named pipe, a socket or a device, given
// or in a directory, is refused at once, naming it. A run takes in at most
// -max-files files (a directory holding more: its first by name; paths
// wanting more together share them fairly), -max-bytes
// capture bytes and -max-features features together, each capture at most
// 4 MiB and 10,000 rows (see the junos package); past a bound the file is
// refused naming the bound and the rest is read. Subdirectories are walked
// in name order among their directory's files, at most -max-depth levels
// below a directory given and as many directories as -max-files; one past
// either bound is named on standard error, not read; hidden directories
// and links to directories are left out. An inventory is at most 4 MiB and
// 100,000 devices. Time is linear in the
// bytes read; memory is a few times the largest capture plus a few hundred
// bytes a feature; the output is linear in the features (the table's
// columns are aligned up to 64 characters, wider cells push their row
// right).
//
// # Names
//
// A name (a device, a feature, a key) holding a control character, bytes
// that are not UTF-8, or beginning with a double quote is printed quoted,
// in Go syntax, in the table, on standard error, and in the JSON and CSV;
// so is a file name. In -csv, a cell beginning with =, +, -, @, a tab, a
// carriage return or a single quote has a single quote put before it, so
// that a spreadsheet shows it as text rather than run it as a formula
// (OWASP's rule for CSV injection); drop the first ' of a cell beginning
// with one to read it back.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/license/junos"
)

// memoryLimit is the soft limit on the heap, where GOMEMLIMIT does not set
// one: past it the collector runs more often rather than let garbage
// double a heap the bounds keep well under it.
const memoryLimit = 512 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "devicereport:", capture.Line(err.Error()))
		os.Exit(1)
	}
}

// options are the flags.
type options struct {
	at, captured     time.Time
	platform, device string
	inventory        capture.Inventory
	within           time.Duration
}

// defaultDepth is how deep a run walks below a directory given: captures
// sorted by site, then by rack or date, fit well within it.
const defaultDepth = 8

// instantExample is the form every flag taking an instant wants, as the
// scenario decoder's reader of instants says it.
const instantExample = `"2025-03-01T00:00:00Z"`

// parseInstantFlag reads an instant flag as the scenario decoder reads an
// instant, so a flag and a file never disagree on what an instant is.
func parseInstantFlag(s string) (time.Time, error) { return wire.ParseGivenInstant(s) }

func run(args []string, out, errOut io.Writer) error {
	fl := flag.NewFlagSet("devicereport", flag.ContinueOnError)
	fl.SetOutput(errOut)
	at := fl.String("at", "", "the instant to judge at, an RFC 3339 instant such as "+instantExample+" (default: each capture's own instant)")
	captured := fl.String("captured", "", "when the captures were taken, an RFC 3339 instant such as "+instantExample+" (default: their own instant, else -at)")
	platform := fl.String("platform", "", "the platform of the devices neither their capture nor the inventory names, e.g. vSRX; never overrides either")
	inventory := fl.String("inventory", "", "a CSV file of devices with a header: file or hostname, platform, serial")
	dev := fl.String("device", "", "the device's name, for one capture (default: its file name)")
	within := fl.String("within", "30d", "count usable features whose usability ends within this span of their instant: 30d, 720h")
	asJSON := fl.Bool("json", false, "print JSON")
	asCSV := fl.Bool("csv", false, "print CSV")
	var lim capture.Limits
	fl.IntVar(&lim.Files, "max-files", capture.DefaultFiles, "the most files a run takes in (a directory holding more: its first by name)")
	fl.Int64Var(&lim.Bytes, "max-bytes", capture.DefaultBytes, fmt.Sprintf("the most capture bytes a run reads, together (each capture at most %d)", junos.MaxBytes))
	fl.IntVar(&lim.Features, "max-features", capture.DefaultFeatures, fmt.Sprintf("the most features (usage rows and key features) the captures of a run list, together (each capture at most %d)", junos.MaxEntries))
	depth := fl.Int("max-depth", defaultDepth, "the most levels of subdirectories walked below a directory given (0: none)")
	fl.Usage = func() {
		fmt.Fprintln(errOut, "usage: devicereport [flags] FILE|DIR...")
		fmt.Fprint(errOut, capture.Bounds, capture.WalkBounds)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			// Asked for: the usage is the answer, not a failure.
			return nil
		}
		return err
	}
	if lim.Files < 1 || lim.Bytes < 1 || lim.Features < 1 || *depth < 0 {
		return errors.New("-max-files, -max-bytes and -max-features: want at least 1; -max-depth: at least 0")
	}
	var o options
	var err error
	if *at != "" {
		if o.at, err = parseInstantFlag(*at); err != nil {
			return fmt.Errorf("-at %w", err)
		}
	}
	if *captured != "" {
		if o.captured, err = parseInstantFlag(*captured); err != nil {
			return fmt.Errorf("-captured %w", err)
		}
	}
	if o.within, err = parseSpan(*within); err != nil {
		return fmt.Errorf("-within: %w", err)
	}
	o.platform, o.device = *platform, *dev
	var reader capture.Reader
	if *inventory != "" {
		if o.inventory, err = reader.ReadInventory(*inventory); err != nil {
			return fmt.Errorf("-inventory: %w", err)
		}
	}
	entries := reader.Walk(fl.Args(), lim.Files, *depth)
	if len(entries) == 0 {
		return errors.New("want capture files or directories")
	}
	if o.device != "" && len(entries) > 1 {
		return errors.New("-device names one capture; a fleet's devices are named by their files")
	}
	r := reading{reader: &reader, budget: capture.NewBudget(lim), opts: o, byName: map[string]string{}}
	failed := 0
	for _, e := range entries {
		d := r.assess(e)
		if d.Err != nil {
			failed++
			if len(entries) == 1 {
				return d.Err
			}
			fmt.Fprintf(errOut, "devicereport: %s\n", capture.Line(d.Err.Error()))
		}
		r.devs = append(r.devs, d)
	}
	w := &errWriter{w: out}
	rs := r.sorted()
	switch {
	case *asJSON:
		writeJSON(w, r.devs, rs, o.within)
	case *asCSV:
		writeCSV(w, r.devs, rs)
	default:
		writeTable(w, r.devs, rs, o.within)
	}
	if w.err != nil {
		return fmt.Errorf("writing the report: %w", w.err)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d captures could not be read", failed, len(entries))
	}
	return nil
}

// parseSpan reads "30d" as 30 days, else a Go duration.
func parseSpan(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		d, err := strconv.Atoi(n)
		if err != nil || d < 0 || d > 100000 {
			return 0, fmt.Errorf("%q is not a number of days (0-100000)", s)
		}
		return time.Duration(d) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a span (30d, 720h)", s)
	}
	return d, nil
}
