package junos

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// node is one element of a structured capture, read from XML or from
// Juniper's JSON mapping of it: both forms are interpreted by one reader.
type node struct {
	name string
	// seconds is the junos:seconds attribute; hasSeconds says it is given.
	seconds    string
	hasSeconds bool
	text       []byte // character data, for leaves
	kids       []*node
	line       int
}

// maxDepth bounds the nesting of a structured capture: license replies
// nest five deep, so anything far deeper is refused rather than followed.
const maxDepth = 64

// maxElements bounds the elements of a structured capture, with their
// attributes (XML) or the members naming them (JSON): a usage row or a
// key's feature is under twelve, so MaxEntries of them fit.
const maxElements = 16 * MaxEntries

// junosURI reports whether uri is the namespace Junos gives its
// attributes, http://xml.juniper.net/junos/RELEASE/junos.
func junosURI(uri string) bool {
	rel, ok := strings.CutPrefix(uri, "http://xml.juniper.net/junos/")
	if !ok {
		return false
	}
	rel, ok = strings.CutSuffix(rel, "/junos")
	return ok && rel != "" && !strings.Contains(rel, "/")
}

// value is n's text, trimmed, refused when it cannot be a report's value.
func (n *node) value() (string, error) {
	v := strings.TrimSpace(string(n.text))
	if p := valueProblem(v); p != "" {
		return "", nodeErr(n, "the text of <%s> %s: %s", n.name, p, quoted(v))
	}
	return v, nil
}

// leaves indexes n's children by name; an element given twice is refused.
func (n *node) leaves() (map[string]*node, error) {
	m := make(map[string]*node, len(n.kids))
	for _, k := range n.kids {
		if _, dup := m[k.name]; dup && k.name != "feature-summary" && k.name != "license" && k.name != "feature" && k.name != "license-key" {
			return nil, nodeErr(k, "<%s> is given twice in <%s>", k.name, n.name)
		}
		m[k.name] = k
	}
	return m, nil
}

// leafValue is the value of n's child elem, "" when there is none.
func leafValue(m map[string]*node, elem string) (string, error) {
	if e := m[elem]; e != nil {
		return e.value()
	}
	return "", nil
}

// treeReader turns a tree into a report.
type treeReader struct {
	rep                    Report
	usageNames             map[string]int
	keyIDs                 map[string]int
	sawUsage, sawInstalled bool
	entries                int
}

func nodeErr(n *node, format string, args ...any) error {
	return &ParseError{Line: n.line, Msg: fmt.Sprintf(format, args...)}
}

// count counts one more usage row, key or key feature.
func (tr *treeReader) count(n *node) error {
	tr.entries++
	if tr.entries > MaxEntries {
		return nodeErr(n, "over %d usage rows, keys and key features, the most a capture may list", MaxEntries)
	}
	return nil
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
	case "rpc-reply", "license-summary-information", "multi-routing-engine-results", "multi-routing-engine-item":
		for _, k := range n.kids {
			if err := tr.walk(k); err != nil {
				return err
			}
		}
	case "license-usage-summary":
		return tr.usageSummary(n)
	case "license-information":
		return tr.installed(n)
	case "license-key-information":
		return tr.keyStrings(n)
	case "software-information":
		return tr.software(n)
	case "chassis-inventory":
		return tr.inventory(n)
	}
	return nil
}

// software reads show version's reply beside the license output: its host
// name (the first given) and its model, kept once.
func (tr *treeReader) software(n *node) error {
	hw := &tr.rep.Hardware
	for _, k := range n.kids {
		switch k.name {
		case "host-name":
			v, err := k.value()
			if err != nil || hw.Hostname != "" {
				return err
			}
			hw.Hostname = v
		case "product-model":
			v, err := k.value()
			if err != nil || v == "" || slices.ContainsFunc(hw.Models, func(m Model) bool { return strings.EqualFold(m.Name, v) }) {
				return err
			}
			if err := tr.count(k); err != nil {
				return err
			}
			hw.Models = append(hw.Models, Model{Name: v, Line: k.line})
		}
	}
	return nil
}

// inventory reads show chassis hardware's reply: the first chassis's
// serial number and the model its description names.
func (tr *treeReader) inventory(n *node) error {
	hw := &tr.rep.Hardware
	for _, c := range n.kids {
		if c.name != "chassis" || hw.Chassis.Name != "" {
			continue
		}
		var serial, desc string
		line := c.line
		for _, k := range c.kids {
			var err error
			switch k.name {
			case "serial-number":
				serial, err = k.value()
			case "description":
				desc, err = k.value()
				line = k.line
			}
			if err != nil {
				return err
			}
		}
		if name := chassisModel(desc); name != "" {
			hw.Chassis, hw.Serial = Model{Name: name, Line: line}, serial
		}
	}
	return nil
}

func (tr *treeReader) usageSummary(n *node) error {
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
	return nil
}

func (tr *treeReader) installed(n *node) error {
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
	return nil
}

// keyStrings reads show system license keys: the key strings, whose first
// word is the identifier. A key already listed with its features is kept.
func (tr *treeReader) keyStrings(n *node) error {
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
			f := strings.Fields(string(d.text))
			if len(f) == 0 {
				return nodeErr(d, "<key-data> is empty")
			}
			if p := valueProblem(f[0]); p != "" {
				return nodeErr(d, "the key identifier %s %s", quoted(f[0]), p)
			}
			if _, seen := tr.keyIDs[f[0]]; seen {
				continue
			}
			if err := tr.count(d); err != nil {
				return err
			}
			tr.keyIDs[f[0]] = d.line
			tr.rep.Keys = append(tr.rep.Keys, Key{ID: f[0]})
		}
	}
	return nil
}

func (tr *treeReader) usage(n *node) (Usage, error) {
	m, err := n.leaves()
	if err != nil {
		return Usage{}, err
	}
	name, err := leafValue(m, "name")
	if err != nil {
		return Usage{}, err
	}
	if name == "" {
		return Usage{}, nodeErr(n, "<feature-summary> has no <name>")
	}
	if first, dup := tr.usageNames[strings.ToLower(name)]; dup {
		return Usage{}, nodeErr(n, "feature %s is listed twice in the usage summary (first at line %d)", quoted(name), first)
	}
	if err := tr.count(n); err != nil {
		return Usage{}, err
	}
	tr.usageNames[strings.ToLower(name)] = n.line
	u := Usage{Name: name, Line: n.line}
	if u.Description, err = leafValue(m, "description"); err != nil {
		return Usage{}, err
	}
	if err := usageCounts(m, &u); err != nil {
		return Usage{}, err
	}
	if err := usageValidity(m, &u); err != nil {
		return Usage{}, err
	}
	return u, tr.usageRemaining(m, &u)
}

// usageCounts reads a feature-summary's licensed, used and needed counts.
func usageCounts(m map[string]*node, u *Usage) error {
	for _, c := range []struct {
		elem string
		to   *int
	}{{"licensed", &u.Installed}, {"used-licensed", &u.Used}, {"needed", &u.Needed}} {
		e := m[c.elem]
		if e == nil {
			continue
		}
		v, err := e.value()
		if err != nil || v == "" {
			return err
		}
		n, ok := count(v)
		if !ok {
			return nodeErr(e, "<%s> of feature %s: %s is not a count", c.elem, quoted(u.Name), quoted(v))
		}
		*c.to = n
	}
	return nil
}

// usageValidity reads a feature-summary's validity-type and end-date: one
// validity, permanent and expired giving no date.
func usageValidity(m map[string]*node, u *Usage) error {
	vt, end, rem := m["validity-type"], m["end-date"], m["remaining-time"]
	if vt != nil {
		v, err := vt.value()
		if err != nil {
			return err
		}
		switch {
		case v == "permanent" && end == nil && rem == nil:
			u.Expiry.Validity = Permanent
		case v == "expired" && end == nil && rem == nil:
			u.Expiry.Validity = Expired
		case v == "date-based" && end != nil, v == "count-down" && end == nil && rem != nil:
		default:
			return nodeErr(vt, "<validity-type> of feature %s: %s is not permanent, expired, or the kind its dates say", quoted(u.Name), quoted(v))
		}
	}
	if end != nil {
		t, err := instantOf(end)
		if err != nil {
			return nodeErr(end, "<end-date> of feature %s: %v", quoted(u.Name), err)
		}
		u.Expiry = Expiry{Validity: DateBased, End: t}
	}
	return nil
}

// usageRemaining reads a feature-summary's remaining-time: a count-down,
// or beside an end date the capture's instant.
func (tr *treeReader) usageRemaining(m map[string]*node, u *Usage) error {
	rem := m["remaining-time"]
	if rem == nil {
		return nil
	}
	rm, err := rem.leaves()
	if err != nil {
		return err
	}
	val := rm["remaining-validity-value"]
	if val == nil {
		return nodeErr(rem, "<remaining-time> of feature %s has no <remaining-validity-value>", quoted(u.Name))
	}
	d, err := durationOf(val)
	if err != nil {
		return nodeErr(val, "<remaining-validity-value> of feature %s: %v", quoted(u.Name), err)
	}
	if u.Expiry.Validity != DateBased {
		u.Expiry = Expiry{Validity: CountDown, Remaining: d}
		return nil
	}
	u.Expiry.Remaining = d
	at := u.Expiry.End.Add(-d)
	if at.Year() < 0 {
		return nodeErr(val, "feature %s: %s before its end is before year 0000", quoted(u.Name), d)
	}
	switch {
	case tr.rep.CapturedAt.IsZero():
		tr.rep.CapturedAt = at
	case !tr.rep.CapturedAt.Equal(at):
		return nodeErr(val, "feature %s puts the capture at %s, an earlier feature at %s: one capture a file", quoted(u.Name), at.Format(time.RFC3339), tr.rep.CapturedAt.Format(time.RFC3339))
	}
	return nil
}

func (tr *treeReader) key(n *node) (Key, error) {
	m, err := n.leaves()
	if err != nil {
		return Key{}, err
	}
	var k Key
	for _, f := range []struct {
		elem string
		to   *string
	}{{"name", &k.ID}, {"license-sku", &k.SKU}, {"license-count", &k.Count}, {"license-version", &k.Version},
		{"order-type", &k.OrderType}, {"software-sn", &k.Serial}, {"customer-reference", &k.CustomerID}} {
		if *f.to, err = leafValue(m, f.elem); err != nil {
			return Key{}, err
		}
	}
	if first, dup := tr.keyIDs[k.ID]; dup && k.ID != "" {
		return Key{}, nodeErr(n, "license %s is listed twice (first at line %d)", quoted(k.ID), first)
	}
	if err := tr.count(n); err != nil {
		return Key{}, err
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
			if err := tr.count(fn); err != nil {
				return Key{}, err
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
	if f.Name, err = leafValue(m, "name"); err != nil {
		return KeyFeature{}, err
	}
	if f.Name == "" {
		return KeyFeature{}, nodeErr(n, "<feature> has no <name>")
	}
	if f.Description, err = leafValue(m, "description"); err != nil {
		return KeyFeature{}, err
	}
	vt, err := leafValue(m, "validity-type")
	if err != nil {
		return KeyFeature{}, err
	}
	// One validity, as in the usage summary: a kind beside the dates of
	// another is refused, not read as either.
	for _, c := range []struct {
		elem  string
		needs string
	}{{"start-date", "date-based"}, {"end-date", "date-based"}, {"original-time-allowed", "count-down"}} {
		if e := m[c.elem]; e != nil && vt != c.needs && (vt == "permanent" || vt == "date-based" || vt == "count-down") {
			return KeyFeature{}, nodeErr(e, "feature %s is %s and gives <%s>: one validity a feature", quoted(f.Name), vt, c.elem)
		}
	}
	switch vt {
	case "permanent":
		f.Expiry.Validity = Permanent
	case "date-based":
		f.Expiry, err = keyDates(n, m, f.Name)
	case "count-down":
		f.Expiry, err = keyCountDown(n, m, f.Name)
	default:
		return KeyFeature{}, nodeErr(n, "feature %s: validity %s is not permanent, date-based or count-down", quoted(f.Name), quoted(vt))
	}
	return f, err
}

func keyDates(n *node, m map[string]*node, name string) (Expiry, error) {
	s, e := m["start-date"], m["end-date"]
	if s == nil || e == nil {
		return Expiry{}, nodeErr(n, "date-based feature %s needs <start-date> and <end-date>", quoted(name))
	}
	start, err := instantOf(s)
	if err != nil {
		return Expiry{}, nodeErr(s, "<start-date> of feature %s: %v", quoted(name), err)
	}
	end, err := instantOf(e)
	if err != nil {
		return Expiry{}, nodeErr(e, "<end-date> of feature %s: %v", quoted(name), err)
	}
	return Expiry{Validity: DateBased, Start: start, End: end}, nil
}

func keyCountDown(n *node, m map[string]*node, name string) (Expiry, error) {
	o := m["original-time-allowed"]
	if o == nil {
		return Expiry{}, nodeErr(n, "count-down feature %s needs <original-time-allowed>", quoted(name))
	}
	d, err := durationOf(o)
	if err != nil {
		return Expiry{}, nodeErr(o, "<original-time-allowed> of feature %s: %v", quoted(name), err)
	}
	return Expiry{Validity: CountDown, Original: d}, nil
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

// The printed date is the device's local date: junos:seconds may fall up
// to 14 hours before its start (UTC+14) and 12 hours after its end
// (UTC-12), and no further.
const (
	zoneAhead  = 14 * time.Hour
	zoneBehind = 12 * time.Hour
)

// instantOf reads a date element: its junos:seconds where given, which the
// printed date must agree with when it is one, else the printed date.
func instantOf(n *node) (time.Time, error) {
	v := strings.TrimSpace(string(n.text))
	date, dateErr := time.Parse(time.DateOnly, v)
	instant, instantOK := parseInstant(v)
	if !n.hasSeconds {
		switch {
		case dateErr == nil:
			return date, nil
		case instantOK:
			return instant, nil
		}
		return time.Time{}, fmt.Errorf("%s is not a date (YYYY-MM-DD)", quoted(v))
	}
	s, err := strconv.ParseInt(n.seconds, 10, 64)
	if err != nil || s < minSeconds || s > maxSeconds || n.seconds[0] == '+' {
		return time.Time{}, fmt.Errorf("junos:seconds %s is not an instant of years 0000-9999", quoted(n.seconds))
	}
	t := time.Unix(s, 0).UTC()
	switch {
	case dateErr == nil && (t.Before(date.Add(-zoneAhead)) || !t.Before(date.Add(day+zoneBehind))):
		return time.Time{}, fmt.Errorf("junos:seconds %s (%s) contradicts the printed date %s", n.seconds, t.Format(time.RFC3339), quoted(v))
	case instantOK && !t.Equal(instant):
		return time.Time{}, fmt.Errorf("junos:seconds %s (%s) contradicts the printed instant %s", n.seconds, t.Format(time.RFC3339), quoted(v))
	}
	return t, nil
}

// durationOf reads a time element: its junos:seconds where given, which
// the printed whole days must agree with when they are given, else the
// printed days.
func durationOf(n *node) (time.Duration, error) {
	v := strings.TrimSpace(string(n.text))
	var days time.Duration
	daysOK := false
	if f := strings.Fields(v); len(f) == 2 {
		days, daysOK = parseDays(f[0], f[1])
	}
	if !n.hasSeconds {
		if !daysOK {
			return 0, fmt.Errorf("%s is not a number of days", quoted(v))
		}
		return days, nil
	}
	s, err := strconv.ParseUint(n.seconds, 10, 64)
	if err != nil || s > maxDurationSeconds || n.seconds[0] == '+' {
		return 0, fmt.Errorf("junos:seconds %s is not a count of seconds up to 100000 days", quoted(n.seconds))
	}
	d := time.Duration(s) * time.Second
	// Devices print whole days, cut down; up is tolerated.
	if daysOK && days != d/day*day && days != (d+day-1)/day*day {
		return 0, fmt.Errorf("junos:seconds %s (%d days) contradicts the printed %s", n.seconds, d/day, quoted(v))
	}
	return d, nil
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
				fs.kids = append(fs.kids, &node{name: "end-date", seconds: strconv.FormatInt(e.End.Unix(), 10), hasSeconds: true, text: []byte(e.End.UTC().Format(time.DateOnly))})
			}
			// The capture's instant is kept as an end beside its remaining time.
			if e.Validity == CountDown || e.Validity == DateBased && (e.Remaining > 0 || !r.CapturedAt.IsZero() && e.End.Equal(r.CapturedAt)) {
				fs.kids = append(fs.kids, &node{name: "remaining-time", kids: []*node{{name: "remaining-validity-value",
					seconds: strconv.FormatInt(int64(e.Remaining/time.Second), 10), hasSeconds: true, text: fmt.Appendf(nil, "%d days", e.Remaining/day)}}})
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
					fn.kids = append(fn.kids, &node{name: "start-date", seconds: strconv.FormatInt(e.Start.Unix(), 10), hasSeconds: true, text: []byte(e.Start.UTC().Format(dateLayout))},
						&node{name: "end-date", seconds: strconv.FormatInt(e.End.Unix(), 10), hasSeconds: true, text: []byte(e.End.UTC().Format(dateLayout))})
				case CountDown:
					fn.kids = append(fn.kids, &node{name: "original-time-allowed", seconds: strconv.FormatInt(int64(e.Original/time.Second), 10), hasSeconds: true, text: fmt.Appendf(nil, "%d days", e.Original/day)})
				}
				fb.kids = append(fb.kids, fn)
			}
			l.kids = append(l.kids, fb)
			installed.kids = append(installed.kids, l)
		}
	}
	var lic *node
	switch {
	case usage != nil && installed != nil:
		lic = &node{name: "license-summary-information", kids: []*node{usage, installed}}
	case installed != nil:
		lic = installed
	case usage != nil:
		lic = usage
	default:
		lic = &node{name: "license-usage-summary"}
	}
	hw := r.Hardware.tree()
	if len(hw) == 0 {
		return lic
	}
	return &node{name: "rpc-reply", kids: append(hw, lic)}
}

// tree is what show version and show chassis hardware reply, beside the
// license output: a software-information a model, the first with the host
// name, and the chassis.
func (h Hardware) tree() []*node {
	leaf := func(name, v string) *node { return &node{name: name, text: []byte(v)} }
	var ns []*node
	for i, m := range h.Models {
		sw := &node{name: "software-information"}
		if i == 0 && h.Hostname != "" {
			sw.kids = append(sw.kids, leaf("host-name", h.Hostname))
		}
		ns = append(ns, sw)
		sw.kids = append(sw.kids, leaf("product-model", m.Name))
	}
	if len(h.Models) == 0 && h.Hostname != "" {
		ns = append(ns, &node{name: "software-information", kids: []*node{leaf("host-name", h.Hostname)}})
	}
	if h.Chassis.Name != "" {
		ch := &node{name: "chassis", kids: []*node{leaf("name", "Chassis")}}
		if h.Serial != "" {
			ch.kids = append(ch.kids, leaf("serial-number", h.Serial))
		}
		ch.kids = append(ch.kids, leaf("description", h.Chassis.Name))
		ns = append(ns, &node{name: "chassis-inventory", kids: []*node{ch}})
	}
	return ns
}
