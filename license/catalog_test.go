package license_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestCatalogPlatformWithoutClassIsItsOwnClass: "The device classes inside
// each family ("like-device classes") are catalog data, default one class
// per series" (LIC-PLATFORM); a platform given no class is its own class.
func TestCatalogPlatformWithoutClassIsItsOwnClass(t *testing.T) {
	c, err := license.DefaultCatalog().AddPlatform(license.PlatformSpec{Name: "MX-lab", Family: license.Hardware})
	if err != nil {
		t.Fatal(err)
	}
	prog := license.MustNewProgram(c, license.DefaultTerms())
	if p, ok := prog.Platform("MX-lab"); !ok || p.DefaultClass() != "MX-lab" {
		t.Errorf("platform %+v, %v; want class MX-lab", p, ok)
	}
	if p, _ := prog.Platform("MX"); p.DefaultClass() != "MX" {
		t.Errorf("MX's class %q", p.Class)
	}
	d, err := license.MustNewProgram(c, license.DefaultTerms()).NewDevice("lab-1", "MX-lab", "")
	if err != nil || d.Class != "MX-lab" {
		t.Errorf("device %+v, %v; want class MX-lab", d, err)
	}
	// Two platforms sharing a class are like devices (LIC-PORT).
	c, _ = c.AddPlatform(license.PlatformSpec{Name: "MX-edge", Family: license.Hardware, Class: "MX"})
	if d, _ := license.MustNewProgram(c, license.DefaultTerms()).NewDevice("edge-1", "MX-edge", ""); d.Class != "MX" {
		t.Errorf("MX-edge device in class %q, want MX", d.Class)
	}
}

// TestCatalogAddReplacesByNameAndCopies: AddPlatform and AddFeature replace
// an entry of the same name, wherever it is, append a new one, leave the
// catalog they were called on unchanged and refuse an entry without a name
// or family.
func TestCatalogAddReplacesByNameAndCopies(t *testing.T) {
	base := license.DefaultCatalog()
	first, last := base.Platforms[0].Name, base.Platforms[len(base.Platforms)-1].Name
	for _, name := range []string{first, last} {
		c, err := base.AddPlatform(license.PlatformSpec{Name: name, Family: license.Software, Class: "lab"})
		if err != nil {
			t.Fatal(err)
		}
		if p, _ := program(c).Platform(name); len(c.Platforms) != len(base.Platforms) || p.Family != license.Software || p.Class != "lab" {
			t.Errorf("replacing %s: %d platforms, %+v", name, len(c.Platforms), p)
		}
		if p, _ := program(base).Platform(name); p.Class != name {
			t.Errorf("replacing %s changed the original catalog: %+v", name, p)
		}
	}
	c, err := base.AddPlatform(license.PlatformSpec{Name: "lab", Family: license.Virtual, Trial: license.TrialsOffered})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Platforms) != len(base.Platforms)+1 || !slices.Equal(names(c.Platforms[:len(base.Platforms)]), names(base.Platforms)) {
		t.Errorf("adding lab: platforms %v", names(c.Platforms))
	}
	for _, bad := range []license.PlatformSpec{{Family: license.Hardware}, {Name: "x"}, {Name: "x", Family: 4}} {
		if _, err := base.AddPlatform(bad); !errors.Is(err, rule.LicPlatform) {
			t.Errorf("AddPlatform(%+v) = %v, want LIC-PLATFORM", bad, err)
		}
	}

	// LIC-TRIAL-FEATURES: "an extended license upgrade, capacity key, or VSYS
	// license is not available as a temporary license key".
	firstF := base.Features[0].Name
	f, err := base.AddFeature(license.FeatureSpec{Name: firstF, Trial: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Features) != len(base.Features) || !program(f).Feature(firstF).Trial || program(base).Feature(firstF).Trial {
		t.Errorf("replacing %s: features %+v, original %+v", firstF, f.Features, base.Features)
	}
	f, err = base.AddFeature(license.FeatureSpec{Name: "idp"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Features) != len(base.Features)+1 || program(f).Feature("idp").Trial || program(f).Feature(firstF).Trial {
		t.Errorf("adding idp: features %+v", f.Features)
	}
	if _, err := base.AddFeature(license.FeatureSpec{}); !errors.Is(err, rule.LicTrialFeatures) {
		t.Errorf("AddFeature without name = %v", err)
	}
}

func names(ps []license.PlatformSpec) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return out
}

// TestCatalogValidateRefusesBadNames: the default catalog is valid; a
// platform without name or family, a platform listed twice (LIC-PLATFORM),
// a feature without name or listed twice (LIC-TRIAL-FEATURES) are not.
func TestCatalogValidateRefusesBadNames(t *testing.T) {
	if err := license.DefaultCatalog().Validate(); err != nil {
		t.Fatalf("default catalog: %v", err)
	}
	with := func(f func(*license.Catalog)) license.Catalog {
		c := license.DefaultCatalog()
		f(&c)
		return c
	}
	for _, c := range []struct {
		name string
		cat  license.Catalog
		rule rule.ID
		says string
	}{
		{"platform without name", with(func(c *license.Catalog) { c.Platforms[3].Name = "" }), rule.LicPlatform, "no name"},
		{"platform without family", with(func(c *license.Catalog) { c.Platforms[3].Family = 0 }), rule.LicPlatform, "no valid family"},
		{"platform twice", with(func(c *license.Catalog) { c.Platforms = append(c.Platforms, c.Platforms[0]) }), rule.LicPlatform, `"PTX" is listed twice`},
		{"feature without name", with(func(c *license.Catalog) { c.Features[1].Name = "" }), rule.LicTrialFeatures, "no name"},
		{"feature twice", with(func(c *license.Catalog) { c.Features = append(c.Features, c.Features[2]) }), rule.LicTrialFeatures, `"vsys" is listed twice`},
		// A feature may share a platform's name: they are separate lists.
		{"feature named as a platform", with(func(c *license.Catalog) { c.Features = append(c.Features, license.FeatureSpec{Name: "MX"}) }), 0, ""},
	} {
		err := c.cat.Validate()
		if c.rule == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if !errors.Is(err, c.rule) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %v saying %q", c.name, err, c.rule, c.says)
		}
	}
}

// program is the Program of catalog c under the default terms: what answers
// for a catalog.
func program(c license.Catalog) license.Program {
	return license.MustNewProgram(c, license.DefaultTerms())
}
