package license

import (
	"fmt"
	"slices"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// PlatformSpec is a platform of the catalog (LIC-PLATFORM): its name as the
// seeds write it without "Series", its family, its like-device class and
// whether trial keys exist for it (LIC-TRIAL-PRODUCTS).
type PlatformSpec struct {
	Name   string
	Family Family
	// Class is the platform's like-device class (LIC-PORT). Empty means the
	// platform is its own class.
	Class string
	Trial bool
}

// FeatureSpec is a feature of the catalog. Trial false means no temporary key
// exists for it (LIC-TRIAL-FEATURES). A feature the catalog does not list has
// a trial.
type FeatureSpec struct {
	Name  string
	Trial bool
}

// Catalog is the platform and feature data the rules leave to the vendor:
// families, like-device classes and trial availability. It is a plain value:
// build one with DefaultCatalog and extend it with AddPlatform and AddFeature.
type Catalog struct {
	Platforms []PlatformSpec
	Features  []FeatureSpec
}

// DefaultCatalog returns every platform the seeds name, each series its own
// like-device class, with trials for the virtual and cloud platforms and for
// PTX, QFX, EX and MX (LIC-TRIAL-PRODUCTS), and the features that have no
// trial: extended-upgrade, capacity-key and vsys (LIC-TRIAL-FEATURES).
func DefaultCatalog() Catalog {
	hw := func(name string, trial bool) PlatformSpec {
		return PlatformSpec{Name: name, Family: Hardware, Class: name, Trial: trial}
	}
	virtual := func(name string) PlatformSpec {
		return PlatformSpec{Name: name, Family: Virtual, Class: name, Trial: true}
	}
	// The seed lists trial keys for "virtual and cloud platforms" only among
	// software; standalone software has none.
	software := func(name string) PlatformSpec {
		return PlatformSpec{Name: name, Family: Software, Class: name}
	}
	return Catalog{
		Platforms: []PlatformSpec{
			hw("PTX", true), hw("MX", true), hw("QFX", true), hw("EX", true),
			hw("SRX", false), hw("NFX", false), hw("ACX", false),
			virtual("vMX"), virtual("vSRX"), virtual("cSRX"), virtual("cRPD"),
			software("Contrail"), software("Paragon Automation"),
			software("Wi-Fi Assurance"), software("Wired Assurance"), software("WAN Assurance"),
		},
		Features: []FeatureSpec{
			{Name: "extended-upgrade"}, {Name: "capacity-key"}, {Name: "vsys"},
		},
	}
}

// Validate reports a catalog whose names are empty or repeated, or whose
// families are unknown.
func (c Catalog) Validate() error {
	seen := map[string]bool{}
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
		return rule.Errorf([]rule.ID{rule.LicPlatform}, p.Name, "platform %q has no valid family", p.Name)
	}
	return nil
}

// Platform returns the platform named name, with its class filled in.
func (c Catalog) Platform(name string) (PlatformSpec, bool) {
	i := slices.IndexFunc(c.Platforms, func(p PlatformSpec) bool { return p.Name == name })
	if i < 0 {
		return PlatformSpec{}, false
	}
	p := c.Platforms[i]
	if p.Class == "" {
		p.Class = p.Name
	}
	return p, true
}

// Feature returns the catalog's entry for a feature; a feature the catalog
// does not list has a trial.
func (c Catalog) Feature(name string) FeatureSpec {
	i := slices.IndexFunc(c.Features, func(f FeatureSpec) bool { return f.Name == name })
	if i < 0 {
		return FeatureSpec{Name: name, Trial: true}
	}
	return c.Features[i]
}

// AddPlatform returns a copy of c with p added, replacing a platform of the
// same name.
func (c Catalog) AddPlatform(p PlatformSpec) (Catalog, error) {
	if err := p.validate(); err != nil {
		return c, err
	}
	out := Catalog{Platforms: slices.Clone(c.Platforms), Features: slices.Clone(c.Features)}
	if i := slices.IndexFunc(out.Platforms, func(q PlatformSpec) bool { return q.Name == p.Name }); i >= 0 {
		out.Platforms[i] = p
	} else {
		out.Platforms = append(out.Platforms, p)
	}
	return out, nil
}

// AddFeature returns a copy of c with f added, replacing a feature of the
// same name.
func (c Catalog) AddFeature(f FeatureSpec) (Catalog, error) {
	if f.Name == "" {
		return c, rule.Errorf([]rule.ID{rule.LicTrialFeatures}, "", "a catalog feature has no name")
	}
	out := Catalog{Platforms: slices.Clone(c.Platforms), Features: slices.Clone(c.Features)}
	if i := slices.IndexFunc(out.Features, func(g FeatureSpec) bool { return g.Name == f.Name }); i >= 0 {
		out.Features[i] = f
	} else {
		out.Features = append(out.Features, f)
	}
	return out, nil
}

func (c Catalog) platformOrError(name string) (PlatformSpec, error) {
	p, ok := c.Platform(name)
	if !ok {
		names := make([]string, len(c.Platforms))
		for i, q := range c.Platforms {
			names[i] = q.Name
		}
		return p, rule.Errorf([]rule.ID{rule.LicPlatform}, name, "unknown platform %q (the catalog has %s)", name, fmt.Sprint(names))
	}
	return p, nil
}
