package junos

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
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
// It refuses any line it cannot place, naming it and quoting its text, a
// feature listed twice (without case) in the usage table or in one key, a
// key listed twice, and a second capture in the file.
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
)

// maxQuoted is how much of a line an error quotes: a refusal names the
// text, it does not echo a megabyte.
const maxQuoted = 120

// quoted quotes s for an error, cut to maxQuoted bytes.
func quoted(s string) string {
	if len(s) > maxQuoted {
		return strconv.Quote(s[:maxQuoted]) + "..."
	}
	return strconv.Quote(s)
}

func parseText(b []byte) (Report, error) {
	rep := Report{Form: Text}
	st := stTop
	var key *Key
	lines := strings.Split(string(b), "\n")
	fail := func(i int, format string, args ...any) (Report, error) {
		return Report{}, &ParseError{Line: i + 1, Msg: fmt.Sprintf(format, args...)}
	}
	usageNames := map[string]int{} // lower-case name -> line
	var keyFeatures map[string]int // the current key's, lower-case
	keyIDs := map[string]int{}     // non-blank identifiers -> line
	extraHeader := false           // the newer header's "Feature Feature Feature" row
	for i, raw := range lines {
		line := strings.TrimSpace(strings.TrimRight(raw, "\r"))
		switch st {
		case stHeader1:
			if !strings.Contains(line, "Licenses") && !strings.Contains(line, "Licensed") {
				return fail(i, "want the usage table's header, got %s", quoted(line))
			}
			st = stHeader2
			continue
		case stHeader2:
			if f := strings.Fields(line); !extraHeader && len(f) > 0 && f[0] == "Feature" && (len(f) == 1 || f[1] != "name") {
				extraHeader = true
				continue
			}
			if !strings.HasPrefix(line, "Feature name") {
				return fail(i, "want the usage table's \"Feature name\" header, got %s", quoted(line))
			}
			st = stRows
			continue
		case stRows:
			if line == "" {
				st = stTop
				continue
			}
			u, bad := parseUsageRow(line)
			if bad != "" {
				return fail(i, "%s is not a usage row (name, used, installed, needed, expiry): %s", quoted(line), bad)
			}
			k := strings.ToLower(u.Name)
			if first, dup := usageNames[k]; dup {
				return fail(i, "feature %s is listed twice in the usage table (first at line %d)", quoted(u.Name), first)
			}
			usageNames[k] = i + 1
			u.Line = i + 1
			rep.Usage = append(rep.Usage, u)
			continue
		case stUptime:
			// The rest of show system uptime, up to its blank line.
			if line != "" && line != "License usage:" && !strings.HasPrefix(line, "Licenses installed:") {
				continue
			}
			st = stTop
		}
		if line == "" {
			if st == stFeatureValidity {
				return fail(i, "feature %s has no validity line", quoted(key.Features[len(key.Features)-1].Name))
			}
			continue
		}
		switch {
		case line == "License usage:":
			if rep.Usage != nil || rep.Keys != nil {
				return fail(i, "a second or late \"License usage:\" section: one capture a file")
			}
			rep.Usage = []Usage{}
			st = stHeader1
			continue
		case line == "Licenses installed:" || line == "Licenses installed: none":
			if rep.Keys != nil {
				return fail(i, "a second \"Licenses installed:\" section: one capture a file")
			}
			rep.Keys = []Key{}
			st = stKeys
			if line != "Licenses installed:" {
				st = stTop
			}
			continue
		case strings.HasPrefix(line, "Current time:") && (st == stTop || st == stKeys || st == stFeatureName):
			// show system uptime in the same file: the capture's instant. In
			// a key's feature list only a readable instant is taken as one.
			v := strings.TrimSpace(strings.TrimPrefix(line, "Current time:"))
			t, ok := parseInstant(v)
			switch {
			case !ok && st == stFeatureName:
			case !ok:
				return fail(i, "%s is not an instant in UTC (YYYY-MM-DD hh:mm:ss UTC)", quoted(v))
			case !rep.CapturedAt.IsZero():
				return fail(i, "a second \"Current time:\" line: one capture a file")
			default:
				rep.CapturedAt = t
				st = stUptime
				continue
			}
		}
		if st == stTop {
			return fail(i, "%s is not show system license output", quoted(line))
		}
		if label, value, ok := keyField(line); ok && label == "License identifier" && st != stFeatureValidity {
			if first, dup := keyIDs[value]; dup && value != "" {
				return fail(i, "license %s is listed twice (first at line %d)", quoted(value), first)
			}
			keyIDs[value] = i + 1
			rep.Keys = append(rep.Keys, Key{ID: value})
			key = &rep.Keys[len(rep.Keys)-1]
			keyFeatures = map[string]int{}
			st = stKeyFields
			continue
		}
		switch st {
		case stKeys:
			return fail(i, "want \"License identifier:\", got %s", quoted(line))
		case stKeyFields:
			label, value, ok := keyField(line)
			if !ok {
				return fail(i, "%s is not a field of license %s", quoted(line), quoted(key.ID))
			}
			switch label {
			case "License SKU":
				key.SKU = value
			case "License count":
				key.Count = value
			case "License version":
				key.Version = value
			case "Order Type":
				key.OrderType = value
			case "Software Serial Number":
				key.Serial = value
			case "Customer ID":
				key.CustomerID = value
			case "Features":
				if value != "" {
					return fail(i, "\"Features:\" of license %s has a value %s", quoted(key.ID), quoted(value))
				}
				st = stFeatureName
			}
			// Other labels (License state, ...) are tolerated and dropped.
		case stFeatureName:
			name, desc := line, ""
			if j := strings.Index(line+" ", " - "); j >= 0 {
				name, desc = strings.TrimSpace(line[:j]), strings.TrimSpace(line[min(j+3, len(line)):])
			}
			if name == "" {
				return fail(i, "feature line %s of license %s has no name", quoted(line), quoted(key.ID))
			}
			if first, dup := keyFeatures[strings.ToLower(name)]; dup {
				return fail(i, "feature %s is listed twice in license %s (first at line %d)", quoted(name), quoted(key.ID), first)
			}
			keyFeatures[strings.ToLower(name)] = i + 1
			key.Features = append(key.Features, KeyFeature{Name: name, Description: desc})
			st = stFeatureValidity
		case stFeatureValidity:
			f := &key.Features[len(key.Features)-1]
			e, ok := parseKeyValidity(line)
			if !ok {
				return fail(i, "%s is not the validity of feature %s (permanent, date-based, count-down)", quoted(line), quoted(f.Name))
			}
			f.Expiry = e
			f.Line = i + 1
			st = stFeatureName
		}
	}
	switch st {
	case stHeader1, stHeader2:
		return fail(len(lines)-1, "the usage table has no header")
	case stFeatureValidity:
		return fail(len(lines)-1, "feature %s has no validity line", quoted(key.Features[len(key.Features)-1].Name))
	}
	if rep.Usage == nil && rep.Keys == nil {
		return fail(0, "no \"License usage:\" or \"Licenses installed:\" section")
	}
	return rep, nil
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

// parseUsageRow reads "name used installed needed [expiry]". A name may
// hold spaces and overflow its column, so the counts are found as the first
// three integers after which the rest is a valid expiry. It returns why the
// line is not a row, naming the unreadable expiry where there are counts.
func parseUsageRow(line string) (Usage, string) {
	f := strings.Fields(line)
	bad := "no three counts"
	for i := 1; i+3 <= len(f); i++ {
		used, ok1 := count(f[i])
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
		return Usage{Name: strings.Join(f[:i], " "), Used: used, Installed: inst, Needed: need, Expiry: e}, ""
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
	if r.Usage != nil {
		b.WriteString("License usage:\n")
		b.WriteString("                                 Licenses     Licenses    Licenses    Expiry\n")
		b.WriteString("  Feature name                       used    installed      needed\n")
		for _, u := range r.Usage {
			fmt.Fprintf(&b, "  %-31s %7d %12d %11d", u.Name, u.Used, u.Installed, u.Needed)
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
