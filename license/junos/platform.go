package junos

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Models is catalog data: the platform a device's model belongs to, by its
// series, the letters its name begins with ("srx300" and "SRX4600" are of
// series srx, an SRX; "vmx" is a vMX; "firefly-perimeter", the first vSRX's
// name, is of series firefly). Series are compared without case. The zero
// Models, in [Options], stands for [DefaultModels]; [NoModels] knows none.
type Models struct {
	series map[string]string // lower-case series -> platform
	set    bool
}

// NewModels builds models from a map of series (letters only) to platform
// names. It refuses an empty or non-letter series and an empty platform.
func NewModels(series map[string]string) (Models, error) {
	m := Models{series: make(map[string]string, len(series)), set: true}
	for s, p := range series {
		if s == "" || strings.ContainsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
			return Models{}, fmt.Errorf("junos: model series %s is not a word of letters", strconv.Quote(s))
		}
		if strings.TrimSpace(p) == "" {
			return Models{}, fmt.Errorf("junos: model series %s names no platform", strconv.Quote(s))
		}
		m.series[strings.ToLower(s)] = p
	}
	return m, nil
}

// DefaultModels maps the series Juniper names its models by to the
// catalog's platforms: srx SRX, vsrx and firefly vSRX, csrx cSRX, mx MX,
// vmx vMX, ex EX, qfx QFX, ptx PTX, acx ACX, nfx NFX, crpd cRPD: every
// hardware and virtual series the catalog lists, under the names Junos
// prints from 12.1 to 24.4 ("srx210he2", "ex4550-32f", "nfx250_s2_10_t",
// "ptx10001-36mr", "acx7100-48l", "vsrx3"). Series of no platform in the
// catalog are unknown: M, T and J Series routers (m320, t1600, j2320), the
// TX Matrix (txp), vQFX (vqfx-10000), OCX (ocx1100), a node slicing
// server (junos_node_slicing), and "jnp", the chassis name of models that
// say which in brackets ("JNP204 [MX204]") or by their routing engine.
func DefaultModels() Models {
	m, _ := NewModels(map[string]string{
		"srx": "SRX", "vsrx": "vSRX", "firefly": "vSRX", "csrx": "cSRX",
		"mx": "MX", "vmx": "vMX", "ex": "EX", "qfx": "QFX", "ptx": "PTX",
		"acx": "ACX", "nfx": "NFX", "crpd": "cRPD",
	})
	return m
}

// NoModels knows no model.
func NoModels() Models { return Models{set: true} }

// Platform returns the platform of model, by its series; false when the
// series is unknown.
func (m Models) Platform(model string) (string, bool) {
	if !m.set {
		m = DefaultModels()
	}
	end := strings.IndexFunc(model, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') })
	if end < 0 {
		end = len(model)
	}
	p, ok := m.series[strings.ToLower(model[:end])]
	return p, ok && end > 0
}

// Series returns the series the models know and their platforms.
func (m Models) Series() map[string]string {
	if !m.set {
		m = DefaultModels()
	}
	return maps.Clone(m.series)
}

// Evidence is what in a capture says its device's platform: a model, a
// key's customer ID, a feature named for its platform. The zero Evidence
// says nothing.
type Evidence struct {
	// Platform is the catalog platform it says.
	Platform string
	// Kind is what says it: "model" (show version), "chassis" (show
	// chassis hardware's chassis line), "routing engine" (its routing
	// engine line), "customer ID", "feature".
	Kind string
	// Name is the model, customer ID or feature as the capture prints it;
	// Key the key a customer ID is of.
	Name, Key string
	// Line is where the capture says it (1-based; 0 when not known).
	Line int
}

// String returns what says the platform and where: `model "srx300" (line
// 1)`, `customer ID "vSRX-JuniperEval" of key "E1" (line 17)`.
func (e Evidence) String() string {
	s := e.Kind + " " + strconv.Quote(e.Name)
	if e.Key != "" {
		s += " of key " + strconv.Quote(e.Key)
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" (line %d)", e.Line)
	}
	return s
}

// Identify returns what the report says of its device's platform, in the
// order it is believed: show version's models, the chassis of show chassis
// hardware, the model its routing engine names, a key's customer ID ("vSRX-JuniperEval"), a feature named for
// its platform ("cSRX", "Virtual Appliance" for vSRX, "vmx-..." for vMX,
// "containerized-rpd-..." for cRPD). The zero Evidence means the report
// does not say. Evidence naming two platforms is refused citing
// LIC-PLATFORM, naming both: the report does not say which the device is.
// Catalog and Models are o's (their zero values the defaults). Cost:
// linear in the report, allocating nothing unless it refuses.
func (r Report) Identify(o Options) (Evidence, error) {
	if o.Catalog.Platforms == nil {
		o.Catalog = license.DefaultCatalog()
	}
	var first Evidence
	var err error
	r.evidence(o.Catalog, o.Models, func(e Evidence) bool {
		switch {
		case first.Platform == "":
			first = e
		case e.Platform != first.Platform:
			err = rule.Errorf([]rule.ID{rule.LicPlatform}, "report", "the capture says both %s, by %s, and %s, by %s", first.Platform, first, e.Platform, e)
			return false
		}
		return true
	})
	if err != nil {
		return Evidence{}, err
	}
	return first, nil
}

// evidence yields everything in the report that says a platform,
// strongest first, until yield returns false: the hardware's models, the
// keys' customer IDs, then the names of features only one platform has.
func (r Report) evidence(c license.Catalog, models Models, yield func(Evidence) bool) {
	w := witness{c: c, models: models, yield: yield}
	if w.hardware(r.Hardware) && w.customerIDs(r.Keys) {
		w.features(r)
	}
}

// witness yields, through yield, what says a platform of catalog c; each
// method reports whether to go on.
type witness struct {
	c      license.Catalog
	models Models
	yield  func(Evidence) bool
}

// platform is the catalog's platform named name.
func (w witness) platform(name string) (string, bool) {
	for _, p := range w.c.Platforms {
		if p.Name == name && name != "" {
			return p.Name, true
		}
	}
	return "", false
}

func (w witness) model(kind string, m Model) bool {
	if p, ok := w.models.Platform(m.Name); ok {
		if p, ok := w.platform(p); ok {
			return w.yield(Evidence{Platform: p, Kind: kind, Name: m.Name, Line: m.Line})
		}
	}
	return true
}

func (w witness) hardware(h Hardware) bool {
	for _, m := range h.Models {
		if !w.model("model", m) {
			return false
		}
	}
	if h.Chassis.Name != "" && !w.model("chassis", h.Chassis) {
		return false
	}
	return h.Engine.Name == "" || w.model("routing engine", h.Engine)
}

func (w witness) customerIDs(keys []Key) bool {
	for _, k := range keys {
		prefix, _, _ := strings.Cut(k.CustomerID, "-")
		if p, ok := w.platform(prefix); ok {
			line := 0
			if len(k.Features) > 0 {
				line = k.Features[0].Line
			}
			if !w.yield(Evidence{Platform: p, Kind: "customer ID", Name: k.CustomerID, Key: k.ID, Line: line}) {
				return false
			}
		}
	}
	return true
}

// feature yields the platform a feature's name says: a platform's own
// name, or a name only one platform's features have.
func (w witness) feature(name string, line int) bool {
	p, ok := w.platform(name)
	switch {
	case ok:
	case len(name) >= 17 && strings.EqualFold(name[:17], "containerized-rpd"):
		p, ok = w.platform("cRPD")
	case len(name) >= 4 && strings.EqualFold(name[:4], "vmx-"):
		p, ok = w.platform("vMX")
	case strings.EqualFold(name, "virtual appliance"):
		p, ok = w.platform("vSRX")
	}
	return !ok || w.yield(Evidence{Platform: p, Kind: "feature", Name: name, Line: line})
}

func (w witness) features(r Report) bool {
	for _, u := range r.Usage {
		if !w.feature(u.Name, u.Line) {
			return false
		}
	}
	for _, k := range r.Keys {
		for _, f := range k.Features {
			if !w.feature(f.Name, f.Line) {
				return false
			}
		}
	}
	return true
}

// PlatformConflict is a platform given for a device (by an inventory, a
// flag) that its capture contradicts: what the device printed stands, so
// Facts refuses rather than relabel the device. It cites LIC-PLATFORM:
// errors.Is(err, rule.LicPlatform) holds, and errors.As finds its
// *rule.Violation. The zero PlatformConflict names no platform.
type PlatformConflict struct {
	// Given is the platform given, GivenBy who gave it ("-platform").
	Given, GivenBy string
	// Capture is what the capture says.
	Capture Evidence
}

// Error returns "LIC-PLATFORM: -platform says SRX; the capture says vMX,
// by ...".
func (e *PlatformConflict) Error() string { return e.violation().Error() }

// Unwrap returns the conflict as a rule violation.
func (e *PlatformConflict) Unwrap() error { return e.violation() }

func (e *PlatformConflict) violation() *rule.Violation {
	by := e.GivenBy
	if by == "" {
		by = "the caller"
	}
	return rule.Errorf([]rule.ID{rule.LicPlatform}, e.Given, "%s says %s; the capture says %s, by %s", by, e.Given, e.Capture.Platform, e.Capture)
}

// UnknownPlatform is a report that says no platform of the catalog for its
// device, given none ([Options].Platform empty): Facts cannot judge keys
// without one. It cites LIC-PLATFORM: errors.Is(err, rule.LicPlatform)
// holds, and errors.As finds its *rule.Violation. The zero UnknownPlatform
// names no model.
type UnknownPlatform struct {
	// Models are the models the report names that map to no platform of
	// the catalog (an M or T Series router, a vQFX: series the catalog
	// does not list), in the order Identify weighs them, each once; empty
	// when it names none.
	Models []Evidence
}

// Reason says what the report says of its platform: `model "m320" (line
// 2) maps to no platform of the catalog`, or `the report does not show the
// device's platform` where it names no model.
func (e *UnknownPlatform) Reason() string {
	if len(e.Models) == 0 {
		return "the report does not show the device's platform"
	}
	names := make([]string, len(e.Models))
	for i, m := range e.Models {
		names[i] = m.String()
	}
	verb := "maps"
	if len(names) > 1 {
		verb = "map"
	}
	return fmt.Sprintf("%s %s to no platform of the catalog", strings.Join(names, " and "), verb)
}

// Error returns "LIC-PLATFORM: <reason>: give the device's platform", or
// "LIC-PLATFORM: the report does not show the device's platform: give it".
func (e *UnknownPlatform) Error() string { return e.violation().Error() }

// Unwrap returns the refusal as a rule violation.
func (e *UnknownPlatform) Unwrap() error { return e.violation() }

func (e *UnknownPlatform) violation() *rule.Violation {
	if len(e.Models) == 0 {
		return rule.Errorf([]rule.ID{rule.LicPlatform}, "report", "%s: give it", e.Reason())
	}
	return rule.Errorf([]rule.ID{rule.LicPlatform}, "report", "%s: give the device's platform", e.Reason())
}

// unknownPlatform is the refusal of a report that says no platform: the
// models it names that map to none, each once.
func (r Report) unknownPlatform() *UnknownPlatform {
	var e UnknownPlatform
	add := func(kind string, m Model) {
		if m.Name == "" || slices.ContainsFunc(e.Models, func(x Evidence) bool { return strings.EqualFold(x.Name, m.Name) }) {
			return
		}
		e.Models = append(e.Models, Evidence{Kind: kind, Name: m.Name, Line: m.Line})
	}
	// Identify found no evidence, so every model named maps to none.
	for _, m := range r.Hardware.Models {
		add("model", m)
	}
	add("chassis", r.Hardware.Chassis)
	add("routing engine", r.Hardware.Engine)
	return &e
}
