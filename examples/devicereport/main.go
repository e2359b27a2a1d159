// Command devicereport reads Junos show system license captures (CLI text,
// | display xml or | display json, detected) and prints every feature of
// every device at an instant: one table sorted by until, a person's summary,
// or -json / -csv for machines.
//
//	go run ./examples/devicereport -at 2021-10-01T00:00:00Z capture.txt
//	go run ./examples/devicereport -within 30d captures/
//
// Arguments are capture files or directories of them (one capture per
// device; the device is named by its file, or by -device for one file).
// -at defaults to the instant a capture carries itself (a "Current time:"
// line of show system uptime in the same file, or an XML end date beside its
// remaining time); a capture with neither needs -at. -captured is when the
// captures were taken (default: their own instant, else -at); count-down
// features end that long after it. -within counts the features ending within
// that span of their instant (30d, 720h). A capture that cannot be read is
// reported on standard error with its file, line and text; the others are
// still reported and the exit status is 1. A failed write to standard
// output is an error too.
package main

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "devicereport:", err)
		os.Exit(1)
	}
}

// options are the flags.
type options struct {
	at, captured     time.Time
	platform, device string
	within           time.Duration
}

// device is one capture's assessment, or why it has none.
type device struct {
	Name, File string
	Form       junos.Form
	At         time.Time
	A          junos.Assessment
	Err        error
}

func run(args []string, out, errOut io.Writer) error {
	fl := flag.NewFlagSet("devicereport", flag.ContinueOnError)
	fl.SetOutput(errOut)
	at := fl.String("at", "", "the instant to judge at, RFC 3339 (default: the capture's own instant)")
	captured := fl.String("captured", "", "when the captures were taken, RFC 3339 (default: their own instant, else -at)")
	platform := fl.String("platform", "", "the devices' platform, e.g. vSRX (default: inferred)")
	dev := fl.String("device", "", "the device's name, for one capture (default: its file name)")
	within := fl.String("within", "30d", "count features ending within this span: 30d, 720h")
	asJSON := fl.Bool("json", false, "print JSON")
	asCSV := fl.Bool("csv", false, "print CSV")
	if err := fl.Parse(args); err != nil {
		return err
	}
	var o options
	var err error
	if *at != "" {
		if o.at, err = wire.ParseGivenInstant(*at); err != nil {
			return fmt.Errorf("-at %w", err)
		}
	}
	if *captured != "" {
		if o.captured, err = time.Parse(time.RFC3339, *captured); err != nil {
			return fmt.Errorf("-captured: %w", err)
		}
	}
	if o.within, err = parseSpan(*within); err != nil {
		return fmt.Errorf("-within: %w", err)
	}
	o.platform, o.device = *platform, *dev
	files, err := captureFiles(fl.Args())
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("want capture files or directories")
	}
	if o.device != "" && len(files) > 1 {
		return errors.New("-device names one capture; a fleet's devices are named by their files")
	}
	devs := make([]device, 0, len(files))
	failed := 0
	for _, f := range files {
		d := assess(f, o)
		if d.Err != nil {
			failed++
			if len(files) == 1 {
				return d.Err
			}
			fmt.Fprintf(errOut, "devicereport: %v\n", d.Err)
		}
		devs = append(devs, d)
	}
	w := &errWriter{w: out}
	switch {
	case *asJSON:
		writeJSON(w, devs, o.within)
	case *asCSV:
		writeCSV(w, devs)
	default:
		writeTable(w, devs, o.within)
	}
	if w.err != nil {
		return fmt.Errorf("writing the report: %w", w.err)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d captures could not be read", failed, len(files))
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

// captureFiles expands directories into their regular files, in name
// order, leaving out hidden files and Markdown notes.
func captureFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		es, err := os.ReadDir(a)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") && filepath.Ext(e.Name()) != ".md" {
				files = append(files, filepath.Join(a, e.Name()))
			}
		}
	}
	return files, nil
}

func assess(file string, o options) device {
	name := o.device
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	d := device{Name: name, File: file}
	fail := func(err error) device {
		d.Err = fmt.Errorf("%s: %w", file, err)
		return d
	}
	f, err := os.Open(file)
	if err != nil {
		return fail(err)
	}
	rep, err := junos.Parse(f)
	f.Close()
	if err != nil {
		return fail(err)
	}
	d.Form = rep.Form
	d.At = o.at
	if d.At.IsZero() {
		d.At = rep.CapturedAt
	}
	if d.At.IsZero() {
		return fail(errors.New("the capture has no instant of its own: give one with -at (RFC 3339)"))
	}
	capt := o.captured
	if capt.IsZero() && rep.CapturedAt.IsZero() {
		capt = d.At
	}
	facts, err := rep.Facts(junos.Options{Platform: o.platform, Device: name, CapturedAt: capt.UTC()})
	if err != nil {
		return fail(err)
	}
	d.A = facts.At(d.At.UTC())
	return d
}

// row is a feature of a device as printed.
type row struct {
	Device      string        `json:"device"`
	Feature     string        `json:"feature"`
	Used        *int          `json:"used,omitempty"`
	Installed   *int          `json:"installed,omitempty"`
	Needed      *int          `json:"needed,omitempty"`
	Kind        string        `json:"kind,omitempty"`
	License     string        `json:"license,omitempty"`
	State       string        `json:"state"`
	Usable      bool          `json:"usable"`
	Allowed     bool          `json:"allowed"`
	Until       string        `json:"until,omitempty"`
	Keys        []grant       `json:"keys,omitempty"`
	Lines       []int         `json:"lines,omitempty"`
	Rules       []string      `json:"rules"`
	Obligations []obligation  `json:"obligations,omitempty"`
	Warnings    []string      `json:"warnings,omitempty"`
	until       time.Time     // for sorting
	at          time.Time     // the device's instant
	standing    license.State // for the summary
}

// grant and obligation print instants as RFC 3339 strings: a string cannot
// fail to encode, and the readers hold instants to years 0000-9999.
type grant struct {
	Key       string `json:"key"`
	SKU       string `json:"sku,omitempty"`
	Count     string `json:"count,omitempty"`
	OrderType string `json:"orderType,omitempty"`
	Validity  string `json:"validity"`
	Start     string `json:"start,omitempty"`
	End       string `json:"end,omitempty"`
	Line      int    `json:"line,omitempty"`
}

type obligation struct {
	Kind    string `json:"kind"`
	Rule    string `json:"rule"`
	Due     string `json:"due,omitempty"`
	Subject string `json:"subject"`
}

func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func rows(devs []device) []row {
	var rs []row
	for _, d := range devs {
		if d.Err != nil {
			continue
		}
		for _, f := range d.A.Features {
			r := row{Device: d.Name, Feature: f.Name, License: f.License, State: "unlicensed", Usable: f.Standing.State.Usable(),
				Allowed: f.Decision.Allowed, Warnings: f.Warnings, Lines: f.Lines, until: f.Decision.Until, at: d.At, standing: f.Standing.State}
			if f.InUsage {
				r.Used, r.Installed, r.Needed = &f.Used, &f.Installed, &f.Needed
			}
			if f.Kind.IsValid() {
				r.Kind = f.Kind.String()
				r.State = f.Standing.State.String()
			}
			r.Until = instant(f.Decision.Until)
			for id := range f.Decision.Rules.All() {
				r.Rules = append(r.Rules, id.String())
			}
			for ob := range f.Decision.Obligations.All() {
				r.Obligations = append(r.Obligations, obligation{Kind: ob.Kind.String(), Rule: ob.Rule.String(), Due: instant(ob.Due), Subject: ob.Subject})
			}
			for _, g := range f.Grants {
				r.Keys = append(r.Keys, grant{Key: g.Key, SKU: g.SKU, Count: g.Count, OrderType: g.OrderType, Validity: g.Expiry.Validity.String(),
					Start: instant(g.Expiry.Start), End: instant(g.Expiry.End), Line: g.Line})
			}
			rs = append(rs, r)
		}
	}
	// Sorted by until: what has already ended first, what holds for good last.
	rank := func(r row) int {
		switch {
		case !r.until.IsZero():
			return 1
		case r.Allowed:
			return 2
		}
		return 0
	}
	slices.SortStableFunc(rs, func(a, b row) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), a.until.Compare(b.until))
	})
	return rs
}

// summary counts what an operator acts on.
type summary struct {
	Devices       int `json:"devices"`
	Failed        int `json:"failed"`
	Features      int `json:"features"`
	Expired       int `json:"expired"`
	InWarning     int `json:"inWarning"`
	EndingWithin  int `json:"endingWithin"`
	WithinDays    int `json:"withinDays"`
	Unlicensed    int `json:"usedWithoutLicense"`
	Discrepancies int `json:"discrepancies"`
}

func summarize(devs []device, rs []row, within time.Duration) summary {
	s := summary{Features: len(rs), WithinDays: int(within / (24 * time.Hour))}
	for _, d := range devs {
		if d.Err != nil {
			s.Failed++
			continue
		}
		s.Devices++
		s.Discrepancies += len(d.A.Discrepancies)
	}
	for _, r := range rs {
		switch r.standing {
		case license.Expired:
			s.Expired++
		case license.InWarning:
			s.InWarning++
		}
		if r.Allowed && !r.until.IsZero() && r.until.Sub(r.at) <= within {
			s.EndingWithin++
		}
		if r.Needed != nil && *r.Needed > 0 {
			s.Unlicensed++
		}
	}
	return s
}

type discrepancy struct {
	Device string `json:"device"`
	junos.Discrepancy
}

func writeJSON(out io.Writer, devs []device, within time.Duration) {
	type devJSON struct {
		Device   string `json:"device"`
		File     string `json:"file"`
		Form     string `json:"form,omitempty"`
		Platform string `json:"platform,omitempty"`
		At       string `json:"at,omitempty"`
		Error    string `json:"error,omitempty"`
	}
	var ds []devJSON
	var disc []discrepancy
	for _, d := range devs {
		j := devJSON{Device: d.Name, File: d.File}
		if d.Err != nil {
			j.Error = d.Err.Error()
		} else {
			j.Form, j.Platform, j.At = d.Form.String(), d.A.Platform, instant(d.At)
			for _, x := range d.A.Discrepancies {
				disc = append(disc, discrepancy{d.Name, x})
			}
		}
		ds = append(ds, j)
	}
	rs := rows(devs)
	e := json.NewEncoder(out)
	e.SetIndent("", "  ")
	// Every value is strings, numbers and booleans: encoding cannot fail,
	// and a failed write is caught by the writer.
	_ = e.Encode(struct {
		Devices       []devJSON     `json:"devices"`
		Features      []row         `json:"features"`
		Discrepancies []discrepancy `json:"discrepancies,omitempty"`
		Summary       summary       `json:"summary"`
	}{ds, rs, disc, summarize(devs, rs, within)})
}

func writeCSV(out io.Writer, devs []device) {
	w := csv.NewWriter(out)
	_ = w.Write([]string{"device", "feature", "used", "installed", "needed", "kind", "state", "allowed", "until", "keys", "lines", "rules", "warnings"})
	for _, r := range rows(devs) {
		n := func(p *int) string {
			if p == nil {
				return ""
			}
			return strconv.Itoa(*p)
		}
		_ = w.Write([]string{r.Device, r.Feature, n(r.Used), n(r.Installed), n(r.Needed), r.Kind, r.State, strconv.FormatBool(r.Allowed),
			r.Until, keyList(r.Keys, false), lineList(r.Lines), strings.Join(r.Rules, " "), strings.Join(r.Warnings, "; ")})
	}
	w.Flush()
}

// esc quotes text from a capture that holds a control or unprintable
// character, so that no input can add a line, a column or a row.
func esc(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' || r == unicode.ReplacementChar }) {
		return strconv.QuoteToGraphic(s)
	}
	return s
}

func keyList(gs []grant, quote bool) string {
	var ks []string
	for _, g := range gs {
		k := g.Key
		if g.SKU != "" {
			k += " (" + g.SKU + ")"
		}
		if quote {
			k = esc(k)
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, ",")
}

func lineList(ls []int) string {
	var s []string
	for _, l := range ls {
		s = append(s, strconv.Itoa(l))
	}
	return strings.Join(s, ",")
}

func writeTable(out io.Writer, devs []device, within time.Duration) {
	for _, d := range devs {
		if d.Err == nil {
			fmt.Fprintf(out, "%s: %s capture, platform %s, at %s\n", esc(d.Name), d.Form, esc(d.A.Platform), instant(d.At))
		} else {
			fmt.Fprintf(out, "%s: not read (see standard error)\n", esc(d.Name))
		}
	}
	fmt.Fprintln(out)
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tFEATURE\tUSED/INST/NEED\tKIND\tSTANDING\tUNTIL\tKEYS\tLINES\tRULES\tWARNINGS")
	rs := rows(devs)
	for _, r := range rs {
		counts := "-"
		if r.Used != nil {
			counts = fmt.Sprintf("%d/%d/%d", *r.Used, *r.Installed, *r.Needed)
		}
		standing := "not usable"
		if r.Allowed {
			standing = "usable"
		}
		standing += " (" + r.State + ")"
		until := cmp.Or(r.Until, "for good")
		if !r.Allowed && r.Until == "" {
			until = "-"
		}
		var warnings []string
		for _, w := range r.Warnings {
			warnings = append(warnings, esc(w))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", esc(r.Device), esc(r.Feature), counts, cmp.Or(r.Kind, "-"), standing, until,
			cmp.Or(keyList(r.Keys, true), "-"), cmp.Or(lineList(r.Lines), "-"), strings.Join(r.Rules, ","), strings.Join(warnings, "; "))
	}
	_ = tw.Flush() // writes to a strings.Builder, which cannot fail
	// An empty last column leaves padding a reader should not see.
	for _, line := range strings.SplitAfter(table.String(), "\n") {
		if line != "" {
			fmt.Fprintln(out, strings.TrimRight(line, " \n"))
		}
	}
	first := true
	for _, d := range devs {
		for _, x := range d.A.Discrepancies {
			if first {
				fmt.Fprintln(out)
				first = false
			}
			fmt.Fprintf(out, "discrepancy: %s: %s (key %s): %s\n", esc(d.Name), esc(x.Feature), esc(cmp.Or(x.Key, "(blank)")), esc(x.Msg))
		}
	}
	s := summarize(devs, rs, within)
	fmt.Fprintf(out, "\nsummary: %d features on %d devices (%d not read): %d expired, %d in warning, %d ending within %s, %d used without a license, %d discrepancies\n",
		s.Features, s.Devices, s.Failed, s.Expired, s.InWarning, s.EndingWithin, spanText(within), s.Unlicensed, s.Discrepancies)
}

func spanText(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return d.String()
}

// errWriter keeps the first write error, so that a report lost on a full
// disk or a closed pipe ends in a non-zero exit.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
