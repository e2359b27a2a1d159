// Command devicereport reads a Junos show system license capture (CLI text
// or | display xml, detected) and prints each feature's standing at an
// instant: a table a person scans, or JSON with -json.
//
//	go run ./examples/devicereport -at 2021-10-01T00:00:00Z capture.txt
//
// -at is required: Junos license output prints no instant of its own.
// -captured is when the capture was taken (default: -at); count-down
// features end that long after it. -platform and -device name the device
// when the capture does not.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "devicereport:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fl := flag.NewFlagSet("devicereport", flag.ContinueOnError)
	at := fl.String("at", "", "the instant to judge at, RFC 3339 (required: the capture has none)")
	captured := fl.String("captured", "", "when the capture was taken, RFC 3339 (default: -at)")
	platform := fl.String("platform", "", "the device's platform, e.g. vSRX (default: inferred)")
	device := fl.String("device", "", "the device's serial number")
	asJSON := fl.Bool("json", false, "print JSON")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return errors.New("want one capture file")
	}
	if *at == "" {
		return errors.New("the capture has no instant of its own: give one with -at (RFC 3339)")
	}
	when, err := time.Parse(time.RFC3339, *at)
	if err != nil {
		return fmt.Errorf("-at: %w", err)
	}
	capt := when
	if *captured != "" {
		if capt, err = time.Parse(time.RFC3339, *captured); err != nil {
			return fmt.Errorf("-captured: %w", err)
		}
	}
	f, err := os.Open(fl.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := junos.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %w", fl.Arg(0), err)
	}
	facts, err := rep.Facts(junos.Options{Platform: *platform, Device: *device, CapturedAt: capt.UTC()})
	if err != nil {
		return err
	}
	a := facts.At(when.UTC())
	if *asJSON {
		return writeJSON(out, rep.Form, a)
	}
	return writeTable(out, rep.Form, a)
}

// row is a feature as printed.
type row struct {
	Feature     string            `json:"feature"`
	Used        *int              `json:"used,omitempty"`
	Installed   *int              `json:"installed,omitempty"`
	Needed      *int              `json:"needed,omitempty"`
	Kind        string            `json:"kind,omitempty"`
	License     string            `json:"license,omitempty"`
	State       string            `json:"state"`
	Usable      bool              `json:"usable"`
	Allowed     bool              `json:"allowed"`
	Until       string            `json:"until,omitempty"`
	Rules       []string          `json:"rules"`
	Obligations []rule.Obligation `json:"obligations,omitempty"`
	Warnings    []string          `json:"warnings,omitempty"`
}

func rows(a junos.Assessment) []row {
	var rs []row
	for _, f := range a.Features {
		r := row{Feature: f.Name, License: f.License, State: "unlicensed", Usable: f.Standing.State.Usable(),
			Allowed: f.Decision.Allowed, Obligations: f.Decision.Obligations.Slice(), Warnings: f.Warnings}
		if f.InUsage {
			r.Used, r.Installed, r.Needed = &f.Used, &f.Installed, &f.Needed
		}
		if f.Kind.IsValid() {
			r.Kind = f.Kind.String()
			r.State = f.Standing.State.String()
		}
		if !f.Decision.Until.IsZero() {
			r.Until = f.Decision.Until.UTC().Format(time.RFC3339)
		}
		for id := range f.Decision.Rules.All() {
			r.Rules = append(r.Rules, id.String())
		}
		rs = append(rs, r)
	}
	return rs
}

func writeJSON(out io.Writer, form junos.Form, a junos.Assessment) error {
	e := json.NewEncoder(out)
	e.SetIndent("", "  ")
	return e.Encode(struct {
		Form          string              `json:"form"`
		At            time.Time           `json:"at"`
		Platform      string              `json:"platform"`
		Features      []row               `json:"features"`
		Discrepancies []junos.Discrepancy `json:"discrepancies,omitempty"`
	}{form.String(), a.At, a.Platform, rows(a), a.Discrepancies})
}

func writeTable(out io.Writer, form junos.Form, a junos.Assessment) error {
	fmt.Fprintf(out, "%s capture, platform %s, at %s\n\n", form, a.Platform, a.At.Format(time.RFC3339))
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FEATURE\tUSED/INST/NEED\tKIND\tSTANDING\tUNTIL\tRULES\tWARNINGS")
	for _, r := range rows(a) {
		counts := "-"
		if r.Used != nil {
			counts = fmt.Sprintf("%d/%d/%d", *r.Used, *r.Installed, *r.Needed)
		}
		standing := "not usable"
		if r.Allowed {
			standing = "usable"
		}
		standing += " (" + r.State + ")"
		until := "for good"
		if r.Until != "" {
			until = r.Until
		}
		kind := r.Kind
		if kind == "" {
			kind = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Feature, counts, kind, standing, until,
			strings.Join(r.Rules, ","), strings.Join(r.Warnings, "; "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// An empty last column leaves padding a reader should not see.
	for _, line := range strings.SplitAfter(table.String(), "\n") {
		if line != "" {
			fmt.Fprintln(out, strings.TrimRight(line, " \n"))
		}
	}
	for _, d := range a.Discrepancies {
		key := d.Key
		if key == "" {
			key = "(blank)"
		}
		fmt.Fprintf(out, "\ndiscrepancy: %s (key %s): %s", d.Feature, key, d.Msg)
	}
	if len(a.Discrepancies) > 0 {
		fmt.Fprintln(out)
	}
	return nil
}
