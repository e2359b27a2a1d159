package junos

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// node is one element of a structured capture, read from XML or from
// Juniper's JSON mapping of it: both forms are interpreted by one reader.
type node struct {
	name    string
	seconds string // the junos:seconds attribute, empty when absent
	text    []byte // character data, for leaves
	kids    []*node
	line    int
}

// maxDepth bounds the nesting of a structured capture: license replies
// nest five deep, so anything far deeper is refused rather than followed.
const maxDepth = 64

func (n *node) value() string { return strings.TrimSpace(string(n.text)) }

// leaves indexes n's children by name; an element given twice is refused.
func (n *node) leaves() (map[string]*node, error) {
	m := make(map[string]*node, len(n.kids))
	for _, k := range n.kids {
		if _, dup := m[k.name]; dup && k.name != "feature-summary" && k.name != "license" && k.name != "feature" && k.name != "license-key" {
			return nil, &ParseError{Line: k.line, Msg: fmt.Sprintf("<%s> is given twice in <%s>", k.name, n.name)}
		}
		m[k.name] = k
	}
	return m, nil
}

// treeReader turns a tree into a report.
type treeReader struct {
	rep                    Report
	usageNames             map[string]int
	keyIDs                 map[string]int
	sawUsage, sawInstalled bool
}

func nodeErr(n *node, format string, args ...any) error {
	return &ParseError{Line: n.line, Msg: fmt.Sprintf(format, args...)}
}

func fromTree(root *node, form Form) (Report, error) {
	switch root.name {
	case "rpc-reply", "license-summary-information", "license-usage-summary", "license-information", "license-key-information":
	default:
		return Report{}, nodeErr(root, "element <%s> is not license output (want license-usage-summary, license-information, license-key-information or license-summary-information)", root.name)
	}
	tr := treeReader{rep: Report{Form: form}, usageNames: map[string]int{}, keyIDs: map[string]int{}}
	if err := tr.walk(root); err != nil {
		return Report{}, err
	}
	if tr.rep.Usage == nil && tr.rep.Keys == nil {
		return Report{}, nodeErr(root, "no <license-usage-summary>, <license-information> or <license-key-information> element")
	}
	return tr.rep, nil
}

func (tr *treeReader) walk(n *node) error {
	switch n.name {
	case "rpc-reply", "license-summary-information":
		for _, k := range n.kids {
			if err := tr.walk(k); err != nil {
				return err
			}
		}
	case "license-usage-summary":
		if tr.sawUsage {
			return nodeErr(n, "a second <license-usage-summary>: one capture a file")
		}
		tr.sawUsage = true
		tr.rep.Usage = []Usage{}
		for _, k := range n.kids {
			if k.name != "feature-summary" {
				continue
			}
			u, err := tr.usage(k)
			if err != nil {
				return err
			}
			tr.rep.Usage = append(tr.rep.Usage, u)
		}
	case "license-information":
		if tr.sawInstalled {
			return nodeErr(n, "a second <license-information>: one capture a file")
		}
		tr.sawInstalled = true
		if tr.rep.Keys == nil {
			tr.rep.Keys = []Key{}
		}
		for _, k := range n.kids {
			if k.name != "license" {
				continue
			}
			key, err := tr.key(k)
			if err != nil {
				return err
			}
			tr.rep.Keys = append(tr.rep.Keys, key)
		}
	case "license-key-information":
		// show system license keys: the key strings, whose first word is
		// the identifier. A key already listed with its features is kept.
		if tr.rep.Keys == nil {
			tr.rep.Keys = []Key{}
		}
		for _, k := range n.kids {
			if k.name != "license-key" {
				continue
			}
			for _, d := range k.kids {
				if d.name != "key-data" {
					continue
				}
				f := strings.Fields(d.value())
				if len(f) == 0 {
					return nodeErr(d, "<key-data> is empty")
				}
				if _, seen := tr.keyIDs[f[0]]; !seen {
					tr.keyIDs[f[0]] = d.line
					tr.rep.Keys = append(tr.rep.Keys, Key{ID: f[0]})
				}
			}
		}
	}
	return nil
}

func (tr *treeReader) usage(n *node) (Usage, error) {
	m, err := n.leaves()
	if err != nil {
		return Usage{}, err
	}
	name := ""
	if e := m["name"]; e != nil {
		name = e.value()
	}
	if name == "" {
		return Usage{}, nodeErr(n, "<feature-summary> has no <name>")
	}
	if first, dup := tr.usageNames[strings.ToLower(name)]; dup {
		return Usage{}, nodeErr(n, "feature %s is listed twice in the usage summary (first at line %d)", quoted(name), first)
	}
	tr.usageNames[strings.ToLower(name)] = n.line
	u := Usage{Name: name, Line: n.line}
	if e := m["description"]; e != nil {
		u.Description = e.value()
	}
	for _, c := range []struct {
		elem string
		to   *int
	}{{"licensed", &u.Installed}, {"used-licensed", &u.Used}, {"needed", &u.Needed}} {
		e := m[c.elem]
		if e == nil || e.value() == "" {
			continue
		}
		v, ok := count(e.value())
		if !ok {
			return Usage{}, nodeErr(e, "<%s> of feature %s: %s is not a count", c.elem, quoted(name), quoted(e.value()))
		}
		*c.to = v
	}
	vt, end, rem := m["validity-type"], m["end-date"], m["remaining-time"]
	if vt != nil {
		switch v := vt.value(); {
		case v == "permanent" && end == nil && rem == nil:
			u.Expiry.Validity = Permanent
		case v == "expired" && end == nil && rem == nil:
			u.Expiry.Validity = Expired
		case v == "date-based" && end != nil, v == "count-down" && end == nil && rem != nil:
		default:
			return Usage{}, nodeErr(vt, "<validity-type> of feature %s: %s is not permanent, expired, or the kind its dates say", quoted(name), quoted(v))
		}
	}
	if end != nil {
		t, err := instantOf(end)
		if err != nil {
			return Usage{}, nodeErr(end, "<end-date> of feature %s: %v", quoted(name), err)
		}
		u.Expiry = Expiry{Validity: DateBased, End: t}
	}
	if rem != nil {
		var val *node
		for _, k := range rem.kids {
			if k.name == "remaining-validity-value" {
				val = k
			}
		}
		if val == nil {
			return Usage{}, nodeErr(rem, "<remaining-time> of feature %s has no <remaining-validity-value>", quoted(name))
		}
		d, err := durationOf(val)
		if err != nil {
			return Usage{}, nodeErr(val, "<remaining-validity-value> of feature %s: %v", quoted(name), err)
		}
		if end == nil {
			u.Expiry = Expiry{Validity: CountDown, Remaining: d}
			return u, nil
		}
		// An end beside the time remaining to it: the capture's instant.
		u.Expiry.Remaining = d
		at := u.Expiry.End.Add(-d)
		if at.Year() < 0 {
			return Usage{}, nodeErr(val, "feature %s: %s before its end is before year 0000", quoted(name), d)
		}
		switch {
		case tr.rep.CapturedAt.IsZero():
			tr.rep.CapturedAt = at
		case !tr.rep.CapturedAt.Equal(at):
			return Usage{}, nodeErr(val, "feature %s puts the capture at %s, an earlier feature at %s: one capture a file", quoted(name), at.Format(time.RFC3339), tr.rep.CapturedAt.Format(time.RFC3339))
		}
	}
	return u, nil
}

func (tr *treeReader) key(n *node) (Key, error) {
	m, err := n.leaves()
	if err != nil {
		return Key{}, err
	}
	text := func(elem string) string {
		if e := m[elem]; e != nil {
			return e.value()
		}
		return ""
	}
	k := Key{ID: text("name"), SKU: text("license-sku"), Count: text("license-count"), Version: text("license-version"),
		OrderType: text("order-type"), Serial: text("software-sn"), CustomerID: text("customer-reference")}
	if first, dup := tr.keyIDs[k.ID]; dup && k.ID != "" {
		return Key{}, nodeErr(n, "license %s is listed twice (first at line %d)", quoted(k.ID), first)
	}
	tr.keyIDs[k.ID] = n.line
	names := map[string]int{}
	for _, fb := range n.kids {
		if fb.name != "feature-block" {
			continue
		}
		for _, fn := range fb.kids {
			if fn.name != "feature" {
				continue
			}
			f, err := keyFeature(fn)
			if err != nil {
				return Key{}, err
			}
			if first, dup := names[strings.ToLower(f.Name)]; dup {
				return Key{}, nodeErr(fn, "feature %s is listed twice in license %s (first at line %d)", quoted(f.Name), quoted(k.ID), first)
			}
			names[strings.ToLower(f.Name)] = fn.line
			k.Features = append(k.Features, f)
		}
	}
	return k, nil
}

func keyFeature(n *node) (KeyFeature, error) {
	m, err := n.leaves()
	if err != nil {
		return KeyFeature{}, err
	}
	f := KeyFeature{Line: n.line}
	if e := m["name"]; e != nil {
		f.Name = e.value()
	}
	if f.Name == "" {
		return KeyFeature{}, nodeErr(n, "<feature> has no <name>")
	}
	if e := m["description"]; e != nil {
		f.Description = e.value()
	}
	vt := ""
	if e := m["validity-type"]; e != nil {
		vt = e.value()
	}
	switch vt {
	case "permanent":
		f.Expiry.Validity = Permanent
	case "date-based":
		s, e := m["start-date"], m["end-date"]
		if s == nil || e == nil {
			return KeyFeature{}, nodeErr(n, "date-based feature %s needs <start-date> and <end-date>", quoted(f.Name))
		}
		start, err := instantOf(s)
		if err != nil {
			return KeyFeature{}, nodeErr(s, "<start-date> of feature %s: %v", quoted(f.Name), err)
		}
		end, err := instantOf(e)
		if err != nil {
			return KeyFeature{}, nodeErr(e, "<end-date> of feature %s: %v", quoted(f.Name), err)
		}
		f.Expiry = Expiry{Validity: DateBased, Start: start, End: end}
	case "count-down":
		o := m["original-time-allowed"]
		if o == nil {
			return KeyFeature{}, nodeErr(n, "count-down feature %s needs <original-time-allowed>", quoted(f.Name))
		}
		d, err := durationOf(o)
		if err != nil {
			return KeyFeature{}, nodeErr(o, "<original-time-allowed> of feature %s: %v", quoted(f.Name), err)
		}
		f.Expiry = Expiry{Validity: CountDown, Original: d}
	default:
		return KeyFeature{}, nodeErr(n, "feature %s: validity %s is not permanent, date-based or count-down", quoted(f.Name), quoted(vt))
	}
	return f, nil
}

// minSeconds and maxSeconds bound junos:seconds to instants of years
// 0000-9999, which every format here writes and reads back.
const (
	minSeconds = -62167219200 // 0000-01-01T00:00:00Z
	maxSeconds = 253402300799 // 9999-12-31T23:59:59Z
)

// maxDurationSeconds is the longest remaining or original time read:
// 100,000 days, as in the text form.
const maxDurationSeconds = 100000 * 86400

func instantOf(n *node) (time.Time, error) {
	if v := strings.TrimSpace(n.seconds); v != "" {
		s, err := strconv.ParseInt(v, 10, 64)
		if err != nil || s < minSeconds || s > maxSeconds {
			return time.Time{}, fmt.Errorf("junos:seconds %s is not an instant of years 0000-9999", quoted(v))
		}
		return time.Unix(s, 0).UTC(), nil
	}
	v := n.value()
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if t, ok := parseInstant(v); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%s is not a date (YYYY-MM-DD)", quoted(v))
}

func durationOf(n *node) (time.Duration, error) {
	if v := strings.TrimSpace(n.seconds); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil || s > maxDurationSeconds || v[0] == '+' {
			return 0, fmt.Errorf("junos:seconds %s is not a count of seconds up to 100000 days", quoted(v))
		}
		return time.Duration(s) * time.Second, nil
	}
	f := strings.Fields(n.value())
	if len(f) == 2 {
		if d, ok := parseDays(f[0], f[1]); ok {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%s is not a number of days", quoted(n.value()))
}

// toTree is the report as the structured forms give it: the usage summary
// and the installed licenses side by side in license-summary-information,
// or either alone.
func (r Report) toTree() *node {
	leaf := func(name, v string) *node { return &node{name: name, text: []byte(v)} }
	var usage, installed *node
	if r.Usage != nil {
		usage = &node{name: "license-usage-summary"}
		for _, u := range r.Usage {
			fs := &node{name: "feature-summary", kids: []*node{leaf("name", u.Name)}}
			if u.Description != "" {
				fs.kids = append(fs.kids, leaf("description", u.Description))
			}
			fs.kids = append(fs.kids, leaf("licensed", strconv.Itoa(u.Installed)), leaf("used-licensed", strconv.Itoa(u.Used)), leaf("needed", strconv.Itoa(u.Needed)))
			e := u.Expiry
			switch e.Validity {
			case Permanent, Expired:
				fs.kids = append(fs.kids, leaf("validity-type", e.Validity.String()))
			case DateBased:
				fs.kids = append(fs.kids, &node{name: "end-date", seconds: strconv.FormatInt(e.End.Unix(), 10), text: []byte(e.End.UTC().Format(time.DateOnly))})
			}
			// The capture's instant is kept as an end beside its remaining time.
			if e.Validity == CountDown || e.Validity == DateBased && (e.Remaining > 0 || !r.CapturedAt.IsZero() && e.End.Equal(r.CapturedAt)) {
				fs.kids = append(fs.kids, &node{name: "remaining-time", kids: []*node{{name: "remaining-validity-value",
					seconds: strconv.FormatInt(int64(e.Remaining/time.Second), 10), text: fmt.Appendf(nil, "%d days", e.Remaining/day)}}})
			}
			usage.kids = append(usage.kids, fs)
		}
	}
	if r.Keys != nil {
		installed = &node{name: "license-information"}
		for _, k := range r.Keys {
			l := &node{name: "license", kids: []*node{leaf("name", k.ID)}}
			for _, f := range []struct{ elem, v string }{{"license-sku", k.SKU}, {"license-count", k.Count}, {"license-version", k.Version},
				{"order-type", k.OrderType}, {"software-sn", k.Serial}, {"customer-reference", k.CustomerID}} {
				if f.v != "" {
					l.kids = append(l.kids, leaf(f.elem, f.v))
				}
			}
			fb := &node{name: "feature-block"}
			for _, f := range k.Features {
				fn := &node{name: "feature", kids: []*node{leaf("name", f.Name)}}
				if f.Description != "" {
					fn.kids = append(fn.kids, leaf("description", f.Description))
				}
				e := f.Expiry
				fn.kids = append(fn.kids, leaf("validity-type", e.Validity.String()))
				switch e.Validity {
				case DateBased:
					fn.kids = append(fn.kids, &node{name: "start-date", seconds: strconv.FormatInt(e.Start.Unix(), 10), text: []byte(e.Start.UTC().Format(dateLayout))},
						&node{name: "end-date", seconds: strconv.FormatInt(e.End.Unix(), 10), text: []byte(e.End.UTC().Format(dateLayout))})
				case CountDown:
					fn.kids = append(fn.kids, &node{name: "original-time-allowed", seconds: strconv.FormatInt(int64(e.Original/time.Second), 10), text: fmt.Appendf(nil, "%d days", e.Original/day)})
				}
				fb.kids = append(fb.kids, fn)
			}
			l.kids = append(l.kids, fb)
			installed.kids = append(installed.kids, l)
		}
	}
	switch {
	case usage != nil && installed != nil:
		return &node{name: "license-summary-information", kids: []*node{usage, installed}}
	case installed != nil:
		return installed
	case usage != nil:
		return usage
	}
	return &node{name: "license-usage-summary"}
}
