package license

import (
	"fmt"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Program is a validated catalog and terms: the licensing program licenses
// and devices are built under. A License remembers its Program, and every
// later answer about it (Renew's terms, Move's classes) is the Program's,
// so one license is never judged under two sets of terms. A Program never
// changes: share it among goroutines. A nil Program builds nothing; its
// methods refuse with an error.
type Program struct {
	catalog   Catalog
	terms     Terms
	platforms map[string]int // catalog.Platforms index by name
	features  map[string]int // catalog.Features index by name
}

// NewProgram validates c and t and returns their Program. It keeps copies:
// changing c or t afterwards changes nothing in it.
func NewProgram(c Catalog, t Terms) (*Program, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	p := &Program{catalog: c.clone(), terms: t.clone(),
		platforms: make(map[string]int, len(c.Platforms)), features: make(map[string]int, len(c.Features))}
	for i, s := range p.catalog.Platforms {
		p.platforms[s.Name] = i
	}
	for i, f := range p.catalog.Features {
		p.features[f.Name] = i
	}
	return p, nil
}

// DefaultProgram returns the Program of DefaultCatalog and DefaultTerms.
func DefaultProgram() *Program {
	p, err := NewProgram(DefaultCatalog(), DefaultTerms())
	if err != nil {
		panic(err) // the published defaults are valid; a test holds them so
	}
	return p
}

// Catalog returns a copy of the program's catalog.
func (p *Program) Catalog() Catalog {
	if p == nil {
		return Catalog{}
	}
	return p.catalog.clone()
}

// Terms returns a copy of the program's terms.
func (p *Program) Terms() Terms {
	if p == nil {
		return Terms{}
	}
	return p.terms.clone()
}

// Equal reports whether p and q hold the same catalog and terms. A nil
// Program equals only nil.
func (p *Program) Equal(q *Program) bool {
	if p == q {
		return true
	}
	if p == nil || q == nil {
		return false
	}
	return p.terms.equal(q.terms) && p.catalog.equal(q.catalog)
}

var errNoProgram = rule.Errorf([]rule.ID{rule.LicKind}, "program", "no licensing program: build one with license.NewProgram")

// Platform returns the platform named name.
func (p *Program) Platform(name string) (PlatformSpec, bool) {
	if p == nil {
		return PlatformSpec{}, false
	}
	i, ok := p.platforms[name]
	if !ok {
		return PlatformSpec{}, false
	}
	return p.catalog.Platforms[i].clone(), true
}

// Feature returns the catalog's entry for a feature; a feature the catalog
// does not list has a trial.
func (p *Program) Feature(name string) FeatureSpec {
	if p != nil {
		if i, ok := p.features[name]; ok {
			return p.catalog.Features[i]
		}
	}
	return FeatureSpec{Name: name, Trial: true}
}

// platform returns the catalog's platform named name, not a copy, or an
// error naming the platforms there are when they are few.
func (p *Program) platform(name string) (*PlatformSpec, *rule.Violation) {
	if i, ok := p.platforms[name]; ok {
		return &p.catalog.Platforms[i], nil
	}
	return nil, rule.Errorf([]rule.ID{rule.LicPlatform}, name, "unknown platform %q (%s)", name, p.platformNames())
}

// platformNames lists the catalog's platforms for an error, or says how
// many there are when listing them would drown the message.
func (p *Program) platformNames() string {
	const most = 20
	if len(p.catalog.Platforms) > most {
		return fmt.Sprintf("the catalog has %d platforms", len(p.catalog.Platforms))
	}
	names := make([]string, len(p.catalog.Platforms))
	for i, q := range p.catalog.Platforms {
		names[i] = q.Name
	}
	return "want one of " + strings.Join(names, ", ")
}

// NewDevice returns the device with serial on platform, in class. An empty
// class is the platform's default class; any other must be one the catalog
// declares for the platform, or the device is refused citing LIC-PORT, as a
// license could otherwise move to a device of a class its platform lacks.
func (p *Program) NewDevice(serial, platform, class string) (Device, error) {
	if p == nil {
		return Device{}, errNoProgram
	}
	if serial == "" {
		return Device{}, rule.Errorf([]rule.ID{rule.LicPerpBind}, "", "a device has no serial number")
	}
	ps, v := p.platform(platform)
	if v != nil {
		return Device{}, v
	}
	if class == "" {
		class = ps.DefaultClass()
	}
	d := Device{Serial: serial, Platform: ps.Name, Class: class}
	if v := p.checkDevice(d); v != nil {
		return Device{}, v
	}
	return d, nil
}

// MustNewDevice is NewDevice for tests and examples only: it panics on an
// error.
func (p *Program) MustNewDevice(serial, platform, class string) Device {
	d, err := p.NewDevice(serial, platform, class)
	if err != nil {
		panic(err)
	}
	return d
}

// checkDevice refuses a device that names no serial, a platform the
// catalog lacks or a class the catalog does not declare for its platform:
// Device is a plain struct a caller can fill in by hand.
func (p *Program) checkDevice(d Device) *rule.Violation {
	if !d.IsValid() {
		return rule.Errorf([]rule.ID{rule.LicPerpBind}, d.Serial, "device %q names no serial, platform or class", d.Serial)
	}
	ps, v := p.platform(d.Platform)
	if v != nil {
		return v
	}
	if !ps.HasClass(d.Class) {
		classes := append([]string{ps.DefaultClass()}, ps.Classes...)
		return rule.Errorf([]rule.ID{rule.LicPort}, d.Serial, "device %s: class %q is not a like-device class of platform %s (want one of %s)",
			d.Serial, d.Class, ps.Name, strings.Join(classes, ", "))
	}
	return nil
}

// MustNewProgram is NewProgram for tests and examples only: it panics on an
// error.
func MustNewProgram(c Catalog, t Terms) *Program {
	p, err := NewProgram(c, t)
	if err != nil {
		panic(err)
	}
	return p
}
