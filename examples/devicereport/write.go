package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"

	"github.com/licensepolicy/licensepolicy/license/junos"
)

// never is the until of a decision that holds for good, in every output.
const never = "never"

func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func until(t time.Time) string { return cmp.Or(instant(t), never) }

// endText is when a usable feature's usability ends, "never" when it does
// not; empty for a feature not usable, which has no end to come.
func (r row) endText() string {
	if !r.allowed {
		return ""
	}
	return until(r.ends)
}

func (r row) stateName() string {
	if r.kind == 0 {
		return "unlicensed"
	}
	return r.state.String()
}

func (r row) kindName() string {
	if r.kind == 0 {
		return ""
	}
	return r.kind.String()
}

func (r row) ruleNames() []string {
	var ids []string
	for id := range r.rules.All() {
		ids = append(ids, id.String())
	}
	return ids
}

// keyList lists a feature's keys, "E1 (SKU)", each quoted where it must be;
// a key granting it under another name (a SKU's, "vmx-bandwidth-1g")
// names it: "E1/vmx-bandwidth-1g".
func keyList(feature string, gs []junos.Grant) string {
	var ks []string
	for _, g := range gs {
		k := g.Key
		if !strings.EqualFold(g.Name, feature) {
			k += "/" + g.Name
		}
		if g.SKU != "" {
			k += " (" + g.SKU + ")"
		}
		ks = append(ks, capture.Quote(k))
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

func quoteAll(ss []string) []string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = capture.Quote(s)
	}
	return q
}

// The table: one line per feature, columns aligned to their widest cell up
// to maxColumn characters; a wider cell pushes its line right, so that one
// long name cannot widen every line.
const (
	maxColumn     = 64
	columnPadding = 2
)

var tableHeader = []string{"DEVICE", "FEATURE", "USED/INST/NEED", "KIND", "STANDING", "UNTIL", "ENDS", "KEYS", "LINES", "RULES", "WARNINGS"}

func (r row) cells(devs []device) []string {
	counts := "-"
	if r.inUsage {
		counts = fmt.Sprintf("%d/%d/%d", r.used, r.installed, r.needed)
	}
	standing := "not usable"
	if r.allowed {
		standing = "usable"
	}
	return []string{capture.Quote(devs[r.dev].Name), capture.Quote(r.Feature), counts, cmp.Or(r.kindName(), "-"), standing + " (" + r.stateName() + ")",
		until(r.until), cmp.Or(r.endText(), "-"), cmp.Or(keyList(r.Feature, r.grants), "-"), cmp.Or(lineList(r.lines), "-"), strings.Join(r.ruleNames(), ","), strings.Join(quoteAll(r.warnings), "; ")}
}

func writeTable(out io.Writer, devs []device, rs []row, within time.Duration) {
	for _, d := range devs {
		if d.Err == nil {
			serial := ""
			if d.Serial != "" {
				serial = ", serial " + capture.Quote(d.Serial)
			}
			fmt.Fprintf(out, "%s: %s capture, platform %s by %s%s, at %s, %s%s\n", capture.Quote(d.Name), d.Form, capture.Quote(d.Platform), capture.Line(d.PlatformBy),
				serial, instant(d.At), usageText(d.Usage), keysText(d.Keys))
		} else {
			fmt.Fprintf(out, "%s: not read (see standard error)\n", capture.Quote(d.Name))
		}
	}
	fmt.Fprintln(out)
	widths := make([]int, len(tableHeader))
	measure := func(cells []string) {
		for i, c := range cells[:len(cells)-1] {
			widths[i] = max(widths[i], min(utf8.RuneCountInString(c), maxColumn))
		}
	}
	measure(tableHeader)
	for _, r := range rs {
		measure(r.cells(devs))
	}
	var line bytes.Buffer
	print := func(cells []string) {
		line.Reset()
		for i, c := range cells {
			line.WriteString(c)
			if i < len(cells)-1 {
				line.WriteString(strings.Repeat(" ", max(widths[i]-utf8.RuneCountInString(c), 0)+columnPadding))
			}
		}
		// An empty last column leaves padding a reader should not see.
		out.Write(append(bytes.TrimRight(line.Bytes(), " "), '\n'))
	}
	print(tableHeader)
	for _, r := range rs {
		print(r.cells(devs))
	}
	first := true
	for _, d := range devs {
		for _, x := range d.Discrepancies {
			if first {
				fmt.Fprintln(out)
				first = false
			}
			fmt.Fprintf(out, "discrepancy: %s: %s (key %s): %s\n", capture.Quote(d.Name), capture.Quote(x.Feature), capture.Quote(cmp.Or(x.Key, "(blank)")), capture.Quote(x.Msg))
		}
	}
	s := summarize(devs, rs, within)
	fmt.Fprintf(out, "\nsummary: %d %s on %d %s (%d not read): %d expired, %d in warning, %d ending within %s, %d used without a license, %d %s\n",
		s.Features, plural(s.Features, "feature", "features"), s.Devices, plural(s.Devices, "device", "devices"), s.Failed, s.Expired, s.InWarning,
		s.EndingWithin, spanText(within), s.Unlicensed, s.Discrepancies, plural(s.Discrepancies, "discrepancy", "discrepancies"))
}

// keysText says what the capture says of its installed keys: "Licenses
// installed: none" is not a capture without the section.
func keysText(n int) string {
	switch {
	case n < 0:
		return `no "Licenses installed" section`
	case n == 0:
		return "licenses installed: none"
	}
	return fmt.Sprintf("%d %s installed", n, plural(n, "license", "licenses"))
}

// usageText says what the capture says of its usage table where the table
// lists no row: "License usage: none" is not a capture without the
// section. A table of rows says it in the rows.
func usageText(n int) string {
	switch {
	case n < 0:
		return `no "License usage" section, `
	case n == 0:
		return "license usage: none, "
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func spanText(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return d.String()
}

// The JSON forms of a device, a feature, a key and an obligation: instants
// are RFC 3339 strings (a string cannot fail to encode, and the readers
// hold instants to years 0000-9999), names quoted where they must be.
type (
	deviceJSON struct {
		Device     string `json:"device"`
		File       string `json:"file"`
		Form       string `json:"form,omitempty"`
		Platform   string `json:"platform,omitempty"`
		PlatformBy string `json:"platformBy,omitempty"`
		Serial     string `json:"serial,omitempty"`
		At         string `json:"at,omitempty"`
		// LicenseUsage is the usage table's rows, absent where the capture
		// has no "License usage" section, 0 for "License usage: none".
		LicenseUsage *int `json:"licenseUsage,omitempty"`
		// LicensesInstalled is absent where the capture has no "Licenses
		// installed" section, 0 for "Licenses installed: none".
		LicensesInstalled *int   `json:"licensesInstalled,omitempty"`
		Error             string `json:"error,omitempty"`
	}
	featureJSON struct {
		Device      string           `json:"device"`
		Feature     string           `json:"feature"`
		Used        *int             `json:"used,omitempty"`
		Installed   *int             `json:"installed,omitempty"`
		Needed      *int             `json:"needed,omitempty"`
		Kind        string           `json:"kind,omitempty"`
		License     string           `json:"license,omitempty"`
		State       string           `json:"state"`
		Usable      bool             `json:"usable"`
		Allowed     bool             `json:"allowed"`
		Until       string           `json:"until"`
		Ends        string           `json:"ends,omitempty"`
		Keys        []grantJSON      `json:"keys,omitempty"`
		Lines       []int            `json:"lines,omitempty"`
		Rules       []string         `json:"rules"`
		Obligations []obligationJSON `json:"obligations,omitempty"`
		Warnings    []string         `json:"warnings,omitempty"`
	}
	grantJSON struct {
		Key string `json:"key"`
		// Feature is the name the key grants the feature by, where it is
		// not the feature's (a SKU's: "vmx-bandwidth-1g").
		Feature   string `json:"feature,omitempty"`
		SKU       string `json:"sku,omitempty"`
		Count     string `json:"count,omitempty"`
		OrderType string `json:"orderType,omitempty"`
		Validity  string `json:"validity"`
		Start     string `json:"start,omitempty"`
		End       string `json:"end,omitempty"`
		Line      int    `json:"line,omitempty"`
	}
	obligationJSON struct {
		Kind    string `json:"kind"`
		Rule    string `json:"rule"`
		Due     string `json:"due,omitempty"`
		Subject string `json:"subject"`
	}
	discrepancyJSON struct {
		Device string `json:"device"`
		junos.Discrepancy
	}
)

func (r row) json(devs []device) featureJSON {
	j := featureJSON{Device: capture.Quote(devs[r.dev].Name), Feature: r.Feature, Kind: r.kindName(), License: r.License, State: r.stateName(),
		Usable: r.state.Usable(), Allowed: r.allowed, Until: until(r.until), Ends: r.endText(), Lines: r.lines, Rules: r.ruleNames(), Warnings: r.warnings}
	if r.inUsage {
		j.Used, j.Installed, j.Needed = &r.used, &r.installed, &r.needed
	}
	for ob := range r.obligations.All() {
		j.Obligations = append(j.Obligations, obligationJSON{Kind: ob.Kind.String(), Rule: ob.Rule.String(), Due: instant(ob.Due), Subject: ob.Subject})
	}
	for _, g := range r.grants {
		name := g.Name
		if strings.EqualFold(name, r.Feature) {
			name = ""
		}
		j.Keys = append(j.Keys, grantJSON{Key: g.Key, Feature: name, SKU: g.SKU, Count: g.Count, OrderType: g.OrderType, Validity: g.Expiry.Validity.String(),
			Start: instant(g.Expiry.Start), End: instant(g.Expiry.End), Line: g.Line})
	}
	return j
}

// jsonList writes a member holding a list, one element at a time, laid
// out as json.Encoder with an indent of two spaces lays it out whole: the
// report is written as it is encoded, never held whole.
func jsonList(out io.Writer, name string, n int, elem func(i int) any, last bool) {
	fmt.Fprintf(out, "  %q: ", name)
	if n == 0 {
		io.WriteString(out, "null")
	} else {
		io.WriteString(out, "[\n")
		for i := range n {
			// Strings, numbers and booleans: encoding cannot fail.
			b, _ := json.MarshalIndent(elem(i), "    ", "  ")
			io.WriteString(out, "    ")
			out.Write(b)
			if i < n-1 {
				io.WriteString(out, ",")
			}
			io.WriteString(out, "\n")
		}
		io.WriteString(out, "  ]")
	}
	if !last {
		io.WriteString(out, ",")
	}
	io.WriteString(out, "\n")
}

func writeJSON(out io.Writer, devs []device, rs []row, within time.Duration) {
	var disc []discrepancyJSON
	for _, d := range devs {
		for _, x := range d.Discrepancies {
			disc = append(disc, discrepancyJSON{capture.Quote(d.Name), x})
		}
	}
	io.WriteString(out, "{\n")
	jsonList(out, "devices", len(devs), func(i int) any {
		d := devs[i]
		j := deviceJSON{Device: capture.Quote(d.Name), File: capture.Quote(d.File)}
		if d.Err != nil {
			j.Error = d.Err.Error()
		} else {
			j.Form, j.Platform, j.PlatformBy, j.Serial, j.At = d.Form.String(), d.Platform, d.PlatformBy, d.Serial, instant(d.At)
			if d.Usage >= 0 {
				j.LicenseUsage = &d.Usage
			}
			if d.Keys >= 0 {
				j.LicensesInstalled = &d.Keys
			}
		}
		return j
	}, false)
	jsonList(out, "features", len(rs), func(i int) any { return rs[i].json(devs) }, false)
	if len(disc) > 0 {
		jsonList(out, "discrepancies", len(disc), func(i int) any { return disc[i] }, false)
	}
	b, _ := json.MarshalIndent(summarize(devs, rs, within), "  ", "  ")
	io.WriteString(out, `  "summary": `)
	out.Write(b)
	io.WriteString(out, "\n}\n")
}

// csvCell makes a cell text a spreadsheet shows as text: a cell beginning
// with =, +, -, @, a tab or a carriage return (OWASP's list for CSV
// injection), or with the single quote this puts there, gets a single
// quote before it.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeCSV(out io.Writer, devs []device, rs []row) {
	w := csv.NewWriter(out)
	_ = w.Write([]string{"device", "feature", "used", "installed", "needed", "kind", "state", "allowed", "until", "ends", "keys", "lines", "rules", "warnings"})
	for _, r := range rs {
		counts := []string{"", "", ""}
		if r.inUsage {
			counts = []string{strconv.Itoa(r.used), strconv.Itoa(r.installed), strconv.Itoa(r.needed)}
		}
		cells := []string{capture.Quote(devs[r.dev].Name), capture.Quote(r.Feature), counts[0], counts[1], counts[2], r.kindName(), r.stateName(),
			strconv.FormatBool(r.allowed), until(r.until), r.endText(), keyList(r.Feature, r.grants), lineList(r.lines), strings.Join(r.ruleNames(), " "), strings.Join(quoteAll(r.warnings), "; ")}
		for i, c := range cells {
			cells[i] = csvCell(c)
		}
		_ = w.Write(cells)
	}
	w.Flush()
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
