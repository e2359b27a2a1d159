package junos

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// dateLayout is how the text form prints instants; only UTC is accepted,
// since a zone abbreviation cannot be resolved without the device's rules.
const dateLayout = "2006-01-02 15:04:05 UTC"

const day = 24 * time.Hour

// ParseText reads the text form of show system license: the "License usage:"
// table, the "Licenses installed:" blocks, or both. It tolerates column
// drift, names longer than their column, trailing spaces, lost indentation
// and blank key fields, both usage headers (the newer one in three rows:
// "Licensed / Feature / Feature name ... Expiry"), CRLF, "Licenses
// installed: none", the newer key fields (License SKU, License count) and a
// show system uptime block, whose "Current time:" is the capture's instant.
// It reads the license output out of a file holding other commands' output
// too, as collections store it (see the package doc): prompts and command
// echo lines, show version and show chassis hardware (read into
// Report.Hardware), show system license keys, and any other command's
// output, skipped; the output of oxidized and RANCID, commented with "# ",
// their configuration lines skipped; RANCID's "--" or share in place of a
// count used (Usage.UsedUnknown).
// It refuses any line it cannot place, naming it and quoting its text, a
// feature listed twice (without case) in the usage table or in one key, a
// key listed twice, a second capture in the file, a line over MaxLine
// bytes, a value over MaxValue, bytes that are not UTF-8, a control
// character other than a tab, and more than MaxEntries rows, keys and key
// features.
//
// Cost: one pass over the lines, time and memory linear in the input's size
// (at most MaxBytes, refused beyond).
func ParseText(r io.Reader) (Report, error) {
	b, err := readBounded(r)
	if err != nil {
		return Report{}, err
	}
	return parseText(b)
}

type textState uint8

const (
	stTop textState = iota
	stHeader1
	stHeader2
	stRows
	stKeys
	stKeyFields
	stFeatureName
	stFeatureValidity
	stUptime
	// stOther is another command's output, or text of a collection that is
	// not device output: skipped, save what show version and show chassis
	// hardware say of the device, up to the next license section.
	stOther
)

// textReader reads the text form line by line: its state is the part of
// the output the next line belongs to.
type textReader struct {
	rep         Report
	st          textState
	key         *Key           // the key being read
	usageNames  map[string]int // lower-case name -> line
	keyFeatures map[string]int // the current key's, lower-case
	keyIDs      map[string]int // non-blank identifiers -> line
	extraHeader bool           // the newer header's "Feature Feature Feature" row
	entries     int            // usage rows, keys and key features so far
	fields      []string       // a row's fields, reused from row to row
	session                    // what the file holds beside the license output
}

// parseText reads b line by line; every value a report keeps is a copy, so
// that a report does not hold its whole capture alive.
func parseText(b []byte) (Report, error) {
	t := textReader{rep: Report{Form: Text}, usageNames: map[string]int{}, keyIDs: map[string]int{}}
	rest, n := string(b), 0
	for more := true; more; {
		var raw string
		raw, rest, more = strings.Cut(rest, "\n")
		n++
		body, err := t.check(n, raw)
		if err == nil {
			err = t.line(n, body)
		}
		if err != nil {
			return Report{}, err
		}
	}
	return t.end(n)
}

func lineErr(n int, format string, args ...any) error {
	return &ParseError{Line: n, Msg: fmt.Sprintf(format, args...)}
}

// check refuses a line no device prints (too long, not UTF-8, holding a
// control character other than a tab) and returns it without its CR.
func (t *textReader) check(n int, raw string) (string, error) {
	if len(raw) > MaxLine {
		return "", lineErr(n, "the line is over %d bytes, the longest read: %s", MaxLine, quoted(raw))
	}
	if !utf8.ValidString(raw) {
		return "", lineErr(n, "%s is not UTF-8", quoted(raw))
	}
	raw = strings.TrimRight(raw, "\r")
	if strings.ContainsFunc(raw, func(r rune) bool { return r != '\t' && isControl(r) }) {
		return "", lineErr(n, "%s holds a control character", quoted(raw))
	}
	return raw, nil
}

// count counts one more usage row, key or key feature.
func (t *textReader) count(n int) error {
	t.entries++
	if t.entries > MaxEntries {
		return lineErr(n, "over %d usage rows, keys and key features, the most a capture may list", MaxEntries)
	}
	return nil
}

func (t *textReader) line(n int, body string) error {
	line, device := t.uncomment(body)
	if !device {
		// A collection's own line (a configuration, a comment): the device
		// output it interrupts ends here.
		return t.leave(n)
	}
	line = strings.TrimSpace(line)
	// Where a part must go on (a header, a feature's validity), its
	// reader refuses what is not it, naming what it wanted.
	if t.st != stOther && t.st != stHeader1 && t.st != stHeader2 && t.st != stFeatureValidity && t.boundary(line) {
		_ = t.leave(n)
	}
	switch t.st {
	case stOther:
		return t.other(n, line)
	case stHeader1, stHeader2:
		return t.header(n, line)
	case stRows:
		return t.usageRow(n, line)
	case stUptime:
		// The rest of show system uptime, up to its blank line.
		if line != "" && line != "License usage:" && !strings.HasPrefix(line, "Licenses installed:") {
			return nil
		}
		t.st = stTop
	}
	if line == "" {
		if t.st == stFeatureValidity {
			return lineErr(n, "feature %s has no validity line", quoted(t.lastFeature().Name))
		}
		return nil
	}
	if done, err := t.section(n, line); done || err != nil {
		return err
	}
	if t.st == stTop {
		return lineErr(n, "%s is not show system license output", quoted(line))
	}
	return t.installed(n, line)
}

// header reads the usage table's header rows.
func (t *textReader) header(n int, line string) error {
	if t.st == stHeader1 {
		if !strings.Contains(line, "Licenses") && !strings.Contains(line, "Licensed") {
			return lineErr(n, "want the usage table's header, got %s", quoted(line))
		}
		t.st = stHeader2
		return nil
	}
	if f := strings.Fields(line); !t.extraHeader && len(f) > 0 && f[0] == "Feature" && (len(f) == 1 || f[1] != "name") {
		t.extraHeader = true
		return nil
	}
	if !strings.HasPrefix(line, "Feature name") {
		return lineErr(n, "want the usage table's \"Feature name\" header, got %s", quoted(line))
	}
	t.st = stRows
	return nil
}

// usageRow reads a row of the usage table; a blank line ends the table.
func (t *textReader) usageRow(n int, line string) error {
	if line == "" {
		t.st = stTop
		return nil
	}
	t.fields = appendFields(t.fields[:0], line)
	u, bad := parseUsageRow(t.fields)
	if bad != "" {
		return lineErr(n, "%s is not a usage row (name, used, installed, needed, expiry): %s", quoted(line), bad)
	}
	if p := valueProblem(u.Name); p != "" {
		return lineErr(n, "the feature name %s %s", quoted(u.Name), p)
	}
	k := strings.ToLower(u.Name)
	if first, dup := t.usageNames[k]; dup {
		return lineErr(n, "feature %s is listed twice in the usage table (first at line %d)", quoted(u.Name), first)
	}
	if err := t.count(n); err != nil {
		return err
	}
	t.usageNames[k] = n
	u.Name, u.Line = strings.Clone(u.Name), n
	t.rep.Usage = append(t.rep.Usage, u)
	return nil
}

// section reads the lines that start a part of the output: the usage
// table, the installed keys, show system uptime's "Current time:".
func (t *textReader) section(n int, line string) (bool, error) {
	switch {
	case line == "License usage:":
		if t.rep.Usage != nil || t.rep.Keys != nil {
			return true, lineErr(n, "a second or late \"License usage:\" section: one capture a file")
		}
		t.rep.Usage = []Usage{}
		t.st = stHeader1
		return true, nil
	case line == "Licenses installed:" || line == "Licenses installed: none":
		if t.rep.Keys != nil {
			return true, lineErr(n, "a second \"Licenses installed:\" section: one capture a file")
		}
		t.rep.Keys = []Key{}
		t.st = stKeys
		if line != "Licenses installed:" {
			t.st = stTop
		}
		return true, nil
	case strings.HasPrefix(line, "Current time:") && (t.st == stTop || t.st == stKeys || t.st == stFeatureName || t.st == stOther):
		return t.currentTime(n, line)
	}
	return false, nil
}

// currentTime reads show system uptime in the same file: the capture's
// instant. In a key's feature list only a readable instant is taken as one.
func (t *textReader) currentTime(n int, line string) (bool, error) {
	v := strings.TrimSpace(strings.TrimPrefix(line, "Current time:"))
	at, ok := parseInstant(v)
	switch {
	case !ok && t.st == stFeatureName:
		return false, nil
	case !ok:
		return true, lineErr(n, "%s is not an instant in UTC (YYYY-MM-DD hh:mm:ss UTC)", quoted(v))
	case !t.rep.CapturedAt.IsZero():
		return true, lineErr(n, "a second \"Current time:\" line: one capture a file")
	}
	t.rep.CapturedAt = at
	t.st = stUptime
	return true, nil
}

// installed reads a line of the "Licenses installed:" blocks.
func (t *textReader) installed(n int, line string) error {
	if label, value, ok := keyField(line); ok && label == "License identifier" && t.st != stFeatureValidity {
		return t.keyStart(n, value)
	}
	switch t.st {
	case stKeys:
		return lineErr(n, "want \"License identifier:\", got %s", quoted(line))
	case stKeyFields:
		return t.keyField(n, line)
	case stFeatureName:
		return t.featureName(n, line)
	case stFeatureValidity:
		return t.featureValidity(n, line)
	}
	return nil
}

func (t *textReader) keyStart(n int, id string) error {
	if p := valueProblem(id); p != "" {
		return lineErr(n, "the license identifier %s %s", quoted(id), p)
	}
	if first, dup := t.keyIDs[id]; dup && id != "" {
		return lineErr(n, "license %s is listed twice (first at line %d)", quoted(id), first)
	}
	if err := t.count(n); err != nil {
		return err
	}
	id = strings.Clone(id)
	t.keyIDs[id] = n
	t.rep.Keys = append(t.rep.Keys, Key{ID: id})
	t.key = &t.rep.Keys[len(t.rep.Keys)-1]
	t.keyFeatures = map[string]int{}
	t.st = stKeyFields
	return nil
}

// keyField reads "Label: value" of a key; labels it does not know
// (License state, ...) are tolerated and dropped.
func (t *textReader) keyField(n int, line string) error {
	label, value, ok := keyField(line)
	if !ok {
		return lineErr(n, "%s is not a field of license %s", quoted(line), quoted(t.key.ID))
	}
	if p := valueProblem(value); p != "" {
		return lineErr(n, "%s of license %s %s", label, quoted(t.key.ID), p)
	}
	k := t.key
	value = strings.Clone(value)
	switch label {
	case "License SKU":
		k.SKU = value
	case "License count":
		k.Count = value
	case "License version":
		k.Version = value
	case "Order Type":
		k.OrderType = value
	case "Software Serial Number":
		k.Serial = value
	case "Customer ID":
		k.CustomerID = value
	case "Features":
		if value != "" {
			return lineErr(n, "\"Features:\" of license %s has a value %s", quoted(k.ID), quoted(value))
		}
		t.st = stFeatureName
	}
	return nil
}

// featureName reads "name - description" of a key's feature.
func (t *textReader) featureName(n int, line string) error {
	name, desc := line, ""
	if j := strings.Index(line+" ", " - "); j >= 0 {
		name, desc = strings.TrimSpace(line[:j]), strings.TrimSpace(line[min(j+3, len(line)):])
	}
	if name == "" {
		return lineErr(n, "feature line %s of license %s has no name", quoted(line), quoted(t.key.ID))
	}
	for _, v := range []string{name, desc} {
		if p := valueProblem(v); p != "" {
			return lineErr(n, "feature line %s of license %s: %s %s", quoted(line), quoted(t.key.ID), quoted(v), p)
		}
	}
	if first, dup := t.keyFeatures[strings.ToLower(name)]; dup {
		return lineErr(n, "feature %s is listed twice in license %s (first at line %d)", quoted(name), quoted(t.key.ID), first)
	}
	if err := t.count(n); err != nil {
		return err
	}
	t.keyFeatures[strings.ToLower(name)] = n
	t.key.Features = append(t.key.Features, KeyFeature{Name: strings.Clone(name), Description: strings.Clone(desc)})
	t.st = stFeatureValidity
	return nil
}

func (t *textReader) featureValidity(n int, line string) error {
	f := t.lastFeature()
	e, ok := parseKeyValidity(line)
	if !ok {
		return lineErr(n, "%s is not the validity of feature %s (permanent, date-based, count-down)", quoted(line), quoted(f.Name))
	}
	f.Expiry = e
	f.Line = n
	t.st = stFeatureName
	return nil
}

func (t *textReader) lastFeature() *KeyFeature { return &t.key.Features[len(t.key.Features)-1] }

// end refuses a capture cut short, n being its last line.
func (t *textReader) end(n int) (Report, error) {
	switch t.st {
	case stHeader1, stHeader2:
		return Report{}, lineErr(n, "the usage table has no header")
	case stFeatureValidity:
		return Report{}, lineErr(n, "feature %s has no validity line", quoted(t.lastFeature().Name))
	}
	if t.rep.Usage == nil && t.rep.Keys == nil {
		return Report{}, lineErr(1, "no \"License usage:\" or \"Licenses installed:\" section")
	}
	return t.rep, nil
}

// keyField splits "Label: value"; the label is words of letters.
func keyField(line string) (label, value string, ok bool) {
	label, value, ok = strings.Cut(line, ":")
	if !ok || label == "" {
		return "", "", false
	}
	for _, r := range label {
		if !(r == ' ' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return "", "", false
		}
	}
	return label, strings.TrimSpace(value), true
}

// appendFields appends the fields of line, split as strings.Fields splits
// it, to f.
func appendFields(f []string, line string) []string {
	for {
		line = strings.TrimLeftFunc(line, unicode.IsSpace)
		if line == "" {
			return f
		}
		end := strings.IndexFunc(line, unicode.IsSpace)
		if end < 0 {
			return append(f, line)
		}
		f = append(f, line[:end])
		line = line[end:]
	}
}

// parseUsageRow reads the fields of "name used installed needed [expiry]".
// A name may hold spaces and overflow its column, so the counts are found
// as the first three integers after which the rest is a valid expiry. It
// returns why the line is not a row, naming the unreadable expiry where
// there are counts.
func parseUsageRow(f []string) (Usage, string) {
	bad := "no three counts"
	for i := 1; i+3 <= len(f); i++ {
		used, ok1 := count(f[i])
		unknown := !ok1 && distilled(f[i])
		ok1 = ok1 || unknown
		inst, ok2 := count(f[i+1])
		need, ok3 := count(f[i+2])
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		e, ok := parseUsageExpiry(f[i+3:])
		if !ok {
			if bad == "no three counts" {
				bad = "the expiry " + quoted(strings.Join(f[i+3:], " ")) + " is not permanent, N days or YYYY-MM-DD hh:mm:ss UTC"
			}
			continue
		}
		return Usage{Name: strings.Join(f[:i], " "), Used: used, UsedUnknown: unknown, Installed: inst, Needed: need, Expiry: e}, ""
	}
	return Usage{}, bad
}

// count reads a non-negative count of at most 9 digits.
func count(s string) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func parseUsageExpiry(f []string) (Expiry, bool) {
	switch {
	case len(f) == 0:
		return Expiry{}, true
	case len(f) == 1 && f[0] == "permanent":
		return Expiry{Validity: Permanent}, true
	case len(f) == 1 && f[0] == "expired":
		return Expiry{Validity: Expired}, true
	case len(f) == 2:
		if d, ok := parseDays(f[0], f[1]); ok {
			return Expiry{Validity: CountDown, Remaining: d}, true
		}
	case len(f) == 3:
		if t, ok := parseInstant(strings.Join(f, " ")); ok {
			return Expiry{Validity: DateBased, End: t}, true
		}
	}
	return Expiry{}, false
}

func parseDays(n, unit string) (time.Duration, bool) {
	d, ok := count(n)
	if !ok || (unit != "days" && unit != "day") || d > 100000 {
		return 0, false
	}
	return time.Duration(d) * day, true
}

func parseInstant(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	return t.UTC(), err == nil
}

func parseKeyValidity(line string) (Expiry, bool) {
	if line == "permanent" {
		return Expiry{Validity: Permanent}, true
	}
	if rest, ok := strings.CutPrefix(line, "date-based,"); ok {
		s, e, ok := strings.Cut(strings.TrimSpace(rest), " - ")
		if !ok {
			return Expiry{}, false
		}
		start, ok1 := parseInstant(strings.Join(strings.Fields(s), " "))
		end, ok2 := parseInstant(strings.Join(strings.Fields(e), " "))
		if !ok1 || !ok2 {
			return Expiry{}, false
		}
		return Expiry{Validity: DateBased, Start: start, End: end}, true
	}
	if rest, ok := strings.CutPrefix(line, "count-down,"); ok {
		rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "Original validity:")
		f := strings.Fields(rest)
		if !ok || len(f) != 2 {
			return Expiry{}, false
		}
		d, ok := parseDays(f[0], f[1])
		if !ok {
			return Expiry{}, false
		}
		return Expiry{Validity: CountDown, Original: d}, true
	}
	return Expiry{}, false
}

// Text renders the report in the text form of show system license, with
// Junos's column layout; names longer than their column push the row right
// as devices do. ParseText reads it back to an equal report (save Form).
func (r Report) Text() string {
	var b strings.Builder
	r.Hardware.text(&b)
	if r.Usage != nil {
		b.WriteString("License usage:\n")
		b.WriteString("                                 Licenses     Licenses    Licenses    Expiry\n")
		b.WriteString("  Feature name                       used    installed      needed\n")
		for _, u := range r.Usage {
			used := strconv.Itoa(u.Used)
			if u.UsedUnknown {
				used = "--"
			}
			fmt.Fprintf(&b, "  %-31s %7s %12d %11d", u.Name, used, u.Installed, u.Needed)
			if x := usageExpiryText(u.Expiry); x != "" {
				b.WriteString("    " + x)
			}
			b.WriteString("\n")
		}
	}
	if r.Keys != nil {
		if r.Usage != nil {
			b.WriteString("\n")
		}
		b.WriteString("Licenses installed:\n")
		for i, k := range r.Keys {
			if i > 0 {
				b.WriteString("\n")
			}
			field := func(label, v string) {
				b.WriteString(strings.TrimRight("  "+label+": "+v, " ") + "\n")
			}
			field("License identifier", k.ID)
			if k.SKU != "" {
				field("License SKU", k.SKU)
			}
			field("License version", k.Version)
			if k.OrderType != "" {
				field("Order Type", k.OrderType)
			}
			field("Software Serial Number", k.Serial)
			field("Customer ID", k.CustomerID)
			if k.Count != "" {
				field("License count", k.Count)
			}
			b.WriteString("  Features:\n")
			for _, f := range k.Features {
				fmt.Fprintf(&b, "    %s - %s\n", f.Name, f.Description)
				b.WriteString("      " + keyValidityText(f.Expiry) + "\n")
			}
		}
	}
	if !r.CapturedAt.IsZero() {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Current time: " + r.CapturedAt.UTC().Format(dateLayout) + "\n")
	}
	return b.String()
}

func usageExpiryText(e Expiry) string {
	switch e.Validity {
	case Permanent:
		return "permanent"
	case Expired:
		return "expired"
	case DateBased:
		return e.End.UTC().Format(dateLayout)
	case CountDown:
		return fmt.Sprintf("%d days", e.Remaining/day)
	}
	return ""
}

func keyValidityText(e Expiry) string {
	switch e.Validity {
	case DateBased:
		return "date-based, " + e.Start.UTC().Format(dateLayout) + " - " + e.End.UTC().Format(dateLayout)
	case CountDown:
		return fmt.Sprintf("count-down, Original validity: %d days", e.Original/day)
	}
	return "permanent"
}
