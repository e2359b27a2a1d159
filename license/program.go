package license

import (
	"fmt"
	"slices"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Program is a validated catalog and terms: the licensing program licenses
// and devices are built under. A License remembers its Program, and every
// later answer about it (Renew's terms, Move's classes) is the Program's,
// so one license is never judged under two sets of terms.
//
// A Program is a handle to what NewProgram sealed: copies are the same
// program, == reports whether two handles are (Equal compares contents),
// and nothing a caller does to its copy reaches the program itself. A
// Program never changes: share it among goroutines. The zero Program
// builds nothing; its methods refuse with an error citing LIC-KIND.
type Program struct{ p *program }

type program struct {
	catalog   Catalog
	terms     Terms
	platforms map[string]int // catalog.Platforms index by name
	features  map[string]int // catalog.Features index by name
	// licenses are the licenses built under the program, one body each.
	licenses interned
}

// NewProgram validates c and t and returns their Program. It keeps copies:
// changing c or t afterwards changes nothing in it.
func NewProgram(c Catalog, t Terms) (Program, error) {
	if err := c.Validate(); err != nil {
		return Program{}, err
	}
	if err := t.Validate(); err != nil {
		return Program{}, err
	}
	p := &program{catalog: c.clone(), terms: t.clone(),
		platforms: make(map[string]int, len(c.Platforms)), features: make(map[string]int, len(c.Features))}
	for i, s := range p.catalog.Platforms {
		p.platforms[s.Name] = i
	}
	for i, f := range p.catalog.Features {
		p.features[f.Name] = i
	}
	return Program{p}, nil
}

// IsValid reports whether p was built by NewProgram.
func (p Program) IsValid() bool { return p.p != nil }

// DefaultProgram returns the Program of DefaultCatalog and DefaultTerms.
func DefaultProgram() Program {
	p, err := NewProgram(DefaultCatalog(), DefaultTerms())
	if err != nil {
		panic(err) // the published defaults are valid; a test holds them so
	}
	return p
}

// Catalog returns a copy of the program's catalog; the zero Catalog for
// the zero Program.
func (p Program) Catalog() Catalog {
	if p.p == nil {
		return Catalog{}
	}
	return p.p.catalog.clone()
}

// Terms returns a copy of the program's terms; the zero Terms for the zero
// Program.
func (p Program) Terms() Terms {
	if p.p == nil {
		return Terms{}
	}
	return p.p.terms.clone()
}

// Equal reports whether p and q hold the same catalog and terms. The zero
// Program equals only itself.
func (p Program) Equal(q Program) bool {
	if p == q {
		return true
	}
	if p.p == nil || q.p == nil {
		return false
	}
	return p.p.terms.equal(q.p.terms) && p.p.catalog.equal(q.p.catalog)
}

// noProgram is the error of the zero Program, built afresh for each call so
// that no caller's edit of it reaches another.
func noProgram() error {
	return rule.Errorf([]rule.ID{rule.LicKind}, "program", "no licensing program: build one with license.NewProgram")
}

// Platform returns the platform named name.
func (p Program) Platform(name string) (PlatformSpec, bool) {
	if p.p == nil {
		return PlatformSpec{}, false
	}
	i, ok := p.p.platforms[name]
	if !ok {
		return PlatformSpec{}, false
	}
	return p.p.catalog.Platforms[i].clone(), true
}

// Feature returns the catalog's entry for a feature; a feature the catalog
// does not list has a trial.
func (p Program) Feature(name string) FeatureSpec {
	if p.p != nil {
		if i, ok := p.p.features[name]; ok {
			return p.p.catalog.Features[i]
		}
	}
	return FeatureSpec{Name: name, Trial: true}
}

// platform returns the catalog's platform named name, not a copy, or an
// error naming the platforms there are when they are few.
func (p *program) platform(name string) (*PlatformSpec, *rule.Violation) {
	if i, ok := p.platforms[name]; ok {
		return &p.catalog.Platforms[i], nil
	}
	return nil, rule.Errorf([]rule.ID{rule.LicPlatform}, name, "unknown platform %q (%s)", name, p.platformNames())
}

// platformNames lists the catalog's platforms for an error, or says how
// many there are when listing them would drown the message.
func (p *program) platformNames() string {
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
func (p Program) NewDevice(serial, platform, class string) (Device, error) {
	if p.p == nil {
		return Device{}, noProgram()
	}
	if serial == "" {
		return Device{}, rule.Errorf([]rule.ID{rule.LicPerpBind}, "", "a device has no serial number")
	}
	ps, v := p.p.platform(platform)
	if v != nil {
		return Device{}, v
	}
	if class == "" {
		class = ps.DefaultClass()
	}
	d := Device{Serial: serial, Platform: ps.Name, Class: class}
	if v := p.p.checkDevice(d); v != nil {
		return Device{}, v
	}
	return d, nil
}

// MustNewDevice is NewDevice for tests and examples only: it panics on an
// error.
func (p Program) MustNewDevice(serial, platform, class string) Device {
	d, err := p.NewDevice(serial, platform, class)
	if err != nil {
		panic(err)
	}
	return d
}

// indexOf returns where the catalog lists d's platform and class, for a
// device checkDevice accepts: a License keeps the indexes, not the names.
func (p *program) indexOf(d Device) (platform, class uint16) {
	i := p.platforms[d.Platform]
	ps := &p.catalog.Platforms[i]
	if d.Class == ps.DefaultClass() {
		return uint16(i), 0
	}
	return uint16(i), uint16(slices.Index(ps.Classes, d.Class) + 1)
}

// checkDevice refuses a device that names no serial, a platform the
// catalog lacks or a class the catalog does not declare for its platform:
// Device is a plain struct a caller can fill in by hand.
func (p *program) checkDevice(d Device) *rule.Violation {
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
func MustNewProgram(c Catalog, t Terms) Program {
	p, err := NewProgram(c, t)
	if err != nil {
		panic(err)
	}
	return p
}
