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
// and blank key fields; it refuses any line it cannot place, naming it.
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
)

func parseText(b []byte) (Report, error) {
	rep := Report{Form: Text}
	st := stTop
	var key *Key
	lines := strings.Split(string(b), "\n")
	fail := func(i int, format string, args ...any) (Report, error) {
		return Report{}, &ParseError{Line: i + 1, Msg: fmt.Sprintf(format, args...)}
	}
	for i, raw := range lines {
		line := strings.TrimSpace(strings.TrimRight(raw, "\r"))
		switch st {
		case stHeader1:
			if !strings.Contains(line, "Licenses") {
				return fail(i, "want the usage table's header, got %q", line)
			}
			st = stHeader2
			continue
		case stHeader2:
			if !strings.HasPrefix(line, "Feature name") {
				return fail(i, "want the usage table's \"Feature name\" header, got %q", line)
			}
			st = stRows
			continue
		case stRows:
			if line == "" {
				st = stTop
				continue
			}
			u, ok := parseUsageRow(line)
			if !ok {
				return fail(i, "%q is not a usage row (name, used, installed, needed, expiry)", line)
			}
			rep.Usage = append(rep.Usage, u)
			continue
		}
		if line == "" {
			if st == stFeatureValidity {
				return fail(i, "feature %q has no validity line", key.Features[len(key.Features)-1].Name)
			}
			continue
		}
		switch {
		case line == "License usage:":
			if rep.Usage != nil || rep.Keys != nil {
				return fail(i, "a second or late \"License usage:\" section")
			}
			rep.Usage = []Usage{}
			st = stHeader1
			continue
		case line == "Licenses installed:":
			if rep.Keys != nil {
				return fail(i, "a second \"Licenses installed:\" section")
			}
			rep.Keys = []Key{}
			st = stKeys
			continue
		}
		if st == stTop {
			return fail(i, "%q is not show system license output", line)
		}
		if label, value, ok := keyField(line); ok && label == "License identifier" && st != stFeatureValidity {
			rep.Keys = append(rep.Keys, Key{ID: value})
			key = &rep.Keys[len(rep.Keys)-1]
			st = stKeyFields
			continue
		}
		switch st {
		case stKeys:
			return fail(i, "want \"License identifier:\", got %q", line)
		case stKeyFields:
			label, value, ok := keyField(line)
			if !ok {
				return fail(i, "%q is not a field of license %q", line, key.ID)
			}
			switch label {
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
					return fail(i, "\"Features:\" of license %q has a value %q", key.ID, value)
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
				return fail(i, "feature line %q of license %q has no name", line, key.ID)
			}
			key.Features = append(key.Features, KeyFeature{Name: name, Description: desc})
			st = stFeatureValidity
		case stFeatureValidity:
			f := &key.Features[len(key.Features)-1]
			e, ok := parseKeyValidity(line)
			if !ok {
				return fail(i, "%q is not the validity of feature %q (permanent, date-based, count-down)", line, f.Name)
			}
			f.Expiry = e
			st = stFeatureName
		}
	}
	switch st {
	case stHeader1, stHeader2:
		return fail(len(lines)-1, "the usage table has no header")
	case stFeatureValidity:
		return fail(len(lines)-1, "feature %q has no validity line", key.Features[len(key.Features)-1].Name)
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
// three integers after which the rest is a valid expiry.
func parseUsageRow(line string) (Usage, bool) {
	f := strings.Fields(line)
	for i := 1; i+3 <= len(f); i++ {
		used, ok1 := count(f[i])
		inst, ok2 := count(f[i+1])
		need, ok3 := count(f[i+2])
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		e, ok := parseUsageExpiry(f[i+3:])
		if !ok {
			continue
		}
		return Usage{Name: strings.Join(f[:i], " "), Used: used, Installed: inst, Needed: need, Expiry: e}, true
	}
	return Usage{}, false
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
			field("License version", k.Version)
			if k.OrderType != "" {
				field("Order Type", k.OrderType)
			}
			field("Software Serial Number", k.Serial)
			field("Customer ID", k.CustomerID)
			b.WriteString("  Features:\n")
			for _, f := range k.Features {
				fmt.Fprintf(&b, "    %s - %s\n", f.Name, f.Description)
				b.WriteString("      " + keyValidityText(f.Expiry) + "\n")
			}
		}
	}
	return b.String()
}

func usageExpiryText(e Expiry) string {
	switch e.Validity {
	case Permanent:
		return "permanent"
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
