package license

import (
	"math"
	"slices"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// PlatformSpec is a platform of the catalog (LIC-PLATFORM): its name as the
// seeds write it without "Series", its family, its like-device classes and
// whether trial keys exist for it (LIC-TRIAL-PRODUCTS). The zero
// PlatformSpec is invalid: it has no name or family.
type PlatformSpec struct {
	Name   string
	Family Family
	// Class is the like-device class a device of the platform is in when
	// it names none (LIC-PORT). Empty means the platform's own name.
	Class string
	// Classes are further like-device classes a device of the platform may
	// name; a device in any other class is refused.
	Classes []string
	// Trial says whether trial keys exist; the zero value follows the
	// family (LIC-TRIAL-PRODUCTS).
	Trial Trials
}

// DefaultClass returns the class a device of p is in when it names none.
func (p PlatformSpec) DefaultClass() string {
	if p.Class == "" {
		return p.Name
	}
	return p.Class
}

// HasClass reports whether a device of p may be in class.
func (p PlatformSpec) HasClass(class string) bool {
	return class == p.DefaultClass() || slices.Contains(p.Classes, class)
}

// HasTrials reports whether trial keys exist for p: as its Trial says, or,
// when that is TrialsByFamily, for the virtual and cloud family only
// (LIC-TRIAL-PRODUCTS).
func (p PlatformSpec) HasTrials() bool {
	switch p.Trial {
	case TrialsOffered:
		return true
	case TrialsNone:
		return false
	}
	return p.Family == Virtual
}

// FeatureSpec is a feature of the catalog. Trial false means no temporary key
// exists for it (LIC-TRIAL-FEATURES). A feature the catalog does not list has
// a trial. The zero FeatureSpec is invalid: it has no name.
type FeatureSpec struct {
	Name  string
	Trial bool
}

// Catalog is the platform and feature data the rules leave to the vendor:
// families, like-device classes and trial availability. It is a plain value:
// build one with DefaultCatalog, extend it with AddPlatform and AddFeature,
// and seal it with NewProgram, which answers from it. The zero Catalog
// lists nothing, and NewProgram refuses it.
type Catalog struct {
	Platforms []PlatformSpec
	Features  []FeatureSpec
}

// DefaultCatalog returns every platform the seeds name, each series its own
// like-device class, with trials for the virtual and cloud platforms and for
// PTX, QFX, EX and MX (LIC-TRIAL-PRODUCTS), and the features that have no
// trial: extended-upgrade, capacity-key and vsys (LIC-TRIAL-FEATURES).
func DefaultCatalog() Catalog {
	hw := func(name string, trial Trials) PlatformSpec {
		return PlatformSpec{Name: name, Family: Hardware, Class: name, Trial: trial}
	}
	// Virtual and cloud platforms have trials by their family; standalone
	// software has none, as the seed lists trial keys for "virtual and
	// cloud platforms" only among software.
	virtual := func(name string) PlatformSpec { return PlatformSpec{Name: name, Family: Virtual, Class: name} }
	software := func(name string) PlatformSpec { return PlatformSpec{Name: name, Family: Software, Class: name} }
	return Catalog{
		Platforms: []PlatformSpec{
			hw("PTX", TrialsOffered), hw("MX", TrialsOffered), hw("QFX", TrialsOffered), hw("EX", TrialsOffered),
			hw("SRX", TrialsNone), hw("NFX", TrialsNone), hw("ACX", TrialsNone),
			virtual("vMX"), virtual("vSRX"), virtual("cSRX"), virtual("cRPD"),
			software("Contrail"), software("Paragon Automation"),
			software("Wi-Fi Assurance"), software("Wired Assurance"), software("WAN Assurance"),
		},
		Features: []FeatureSpec{
			{Name: "extended-upgrade"}, {Name: "capacity-key"}, {Name: "vsys"},
		},
	}
}

// maxListed bounds a catalog's platforms and each platform's classes: a
// License keeps where its platform and class are listed in 16 bits.
const maxListed = math.MaxUint16

// Validate reports a catalog that lists no platform or more than 65,535,
// whose names are empty or repeated, whose families or trial settings are
// unknown, or whose platforms list a class empty or twice, or more than
// 65,534 further classes.
func (c Catalog) Validate() error {
	if len(c.Platforms) == 0 {
		return rule.Errorf([]rule.ID{rule.LicPlatform}, "catalog", "the catalog lists no platform")
	}
	if len(c.Platforms) > maxListed {
		return rule.Errorf([]rule.ID{rule.LicPlatform}, "catalog", "the catalog lists %d platforms; at most %d", len(c.Platforms), maxListed)
	}
	seen := make(map[string]bool, max(len(c.Platforms), len(c.Features)))
	for _, p := range c.Platforms {
		if err := p.validate(); err != nil {
			return err
		}
		if seen[p.Name] {
			return rule.Errorf([]rule.ID{rule.LicPlatform}, p.Name, "platform %q is listed twice", p.Name)
		}
		seen[p.Name] = true
	}
	clear(seen)
	for _, f := range c.Features {
		if f.Name == "" {
			return rule.Errorf([]rule.ID{rule.LicTrialFeatures}, "", "a catalog feature has no name")
		}
		if seen[f.Name] {
			return rule.Errorf([]rule.ID{rule.LicTrialFeatures}, f.Name, "feature %q is listed twice", f.Name)
		}
		seen[f.Name] = true
	}
	return nil
}

func (p PlatformSpec) validate() error {
	if p.Name == "" {
		return rule.Errorf([]rule.ID{rule.LicPlatform}, "", "a platform has no name")
	}
	if !p.Family.IsValid() {
		return rule.Errorf([]rule.ID{rule.LicPlatform}, p.Name, "platform %q has no valid family (want one of %s)", p.Name, strings.Join(families.Names(), ", "))
	}
	if !p.Trial.IsValid() {
		return rule.Errorf([]rule.ID{rule.LicTrialProducts}, p.Name, "platform %q: trial setting %d is not one of %s", p.Name, p.Trial, strings.Join(trialSettings.Names(), ", "))
	}
	if len(p.Classes) >= maxListed {
		return rule.Errorf([]rule.ID{rule.LicPort}, p.Name, "platform %q lists %d classes; at most %d", p.Name, len(p.Classes), maxListed-1)
	}
	seen := make(map[string]bool, len(p.Classes)+1)
	seen[p.DefaultClass()] = true
	for i, class := range p.Classes {
		switch {
		case class == "":
			return rule.Errorf([]rule.ID{rule.LicPort}, p.Name, "platform %q: class %d has no name", p.Name, i)
		case seen[class]:
			return rule.Errorf([]rule.ID{rule.LicPort}, p.Name, "platform %q lists class %q twice", p.Name, class)
		}
		seen[class] = true
	}
	return nil
}

// clone returns p sharing nothing with it.
func (p PlatformSpec) clone() PlatformSpec {
	p.Classes = slices.Clone(p.Classes)
	return p
}

// clone returns c sharing nothing with it.
func (c Catalog) clone() Catalog {
	out := Catalog{Platforms: make([]PlatformSpec, len(c.Platforms)), Features: slices.Clone(c.Features)}
	for i, p := range c.Platforms {
		out.Platforms[i] = p.clone()
	}
	return out
}

// AddPlatform returns a copy of c with p added, replacing a platform of the
// same name.
func (c Catalog) AddPlatform(p PlatformSpec) (Catalog, error) {
	if err := p.validate(); err != nil {
		return c, err
	}
	out := c.clone()
	if i := slices.IndexFunc(out.Platforms, func(q PlatformSpec) bool { return q.Name == p.Name }); i >= 0 {
		out.Platforms[i] = p.clone()
	} else {
		out.Platforms = append(out.Platforms, p.clone())
	}
	return out, nil
}

// AddFeature returns a copy of c with f added, replacing a feature of the
// same name.
func (c Catalog) AddFeature(f FeatureSpec) (Catalog, error) {
	if f.Name == "" {
		return c, rule.Errorf([]rule.ID{rule.LicTrialFeatures}, "", "a catalog feature has no name")
	}
	out := c.clone()
	if i := slices.IndexFunc(out.Features, func(g FeatureSpec) bool { return g.Name == f.Name }); i >= 0 {
		out.Features[i] = f
	} else {
		out.Features = append(out.Features, f)
	}
	return out, nil
}

// equal reports whether c and d list the same platforms and features in
// the same order.
func (c Catalog) equal(d Catalog) bool {
	return slices.EqualFunc(c.Platforms, d.Platforms, func(p, q PlatformSpec) bool {
		return p.Name == q.Name && p.Family == q.Family && p.Class == q.Class && p.Trial == q.Trial && slices.Equal(p.Classes, q.Classes)
	}) && slices.Equal(c.Features, d.Features)
}
