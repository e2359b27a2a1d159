package entitlement

import (
	"slices"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Terms are the entitlement package's own numbers. The rules of delivery
// publish none besides initialGraceDays, which lives in license.Terms
// because the license computes its grace (ENT-GRACE); what is here is a
// guard of the library.
type Terms struct {
	// MaxLineQuantity bounds the units of one order line, so that a line of
	// absurd quantity is refused instead of creating billions of
	// entitlement records (ENT-AUTO): 10,000.
	MaxLineQuantity int
}

// DefaultTerms returns the default terms.
func DefaultTerms() Terms { return Terms{MaxLineQuantity: 10_000} }

// Validate refuses a maximum quantity below one.
func (t Terms) Validate() error {
	if t.MaxLineQuantity < 1 {
		return rule.Errorf([]rule.ID{rule.EntAuto}, "terms", "maxLineQuantity %d is below 1", t.MaxLineQuantity)
	}
	return nil
}

// Catalog is the delivery data the rules leave to the vendor: which products
// are heritage products that do not use the agile licensing system
// (ENT-HERITAGE). It is a plain value; extend it with AddHeritage.
type Catalog struct {
	Heritage []string
}

// DefaultCatalog returns the heritage products of the default catalog. The
// seed says only that "certain heritage products do not use the JAL system";
// the default names four products of the seed's list that are licensed by
// product-specific means: Junos Space Security Director, Northstar
// Controller, Northstar Planner and ATP Appliance.
func DefaultCatalog() Catalog {
	return Catalog{Heritage: []string{
		"Junos Space Security Director", "Northstar Controller", "Northstar Planner", "ATP Appliance",
	}}
}

// IsHeritage reports whether product is a heritage product (ENT-HERITAGE).
// Names are matched exactly.
func (c Catalog) IsHeritage(product string) bool { return slices.Contains(c.Heritage, product) }

// AddHeritage returns a copy of c with the named products added as heritage
// products; a name already listed is kept once.
func (c Catalog) AddHeritage(names ...string) (Catalog, error) {
	out := Catalog{Heritage: slices.Clone(c.Heritage)}
	for _, n := range names {
		if n == "" {
			return c, rule.Errorf([]rule.ID{rule.EntHeritage}, "", "a heritage product has no name")
		}
		if !out.IsHeritage(n) {
			out.Heritage = append(out.Heritage, n)
		}
	}
	return out, nil
}

// Validate refuses empty or repeated heritage names.
func (c Catalog) Validate() error {
	for i, n := range c.Heritage {
		if n == "" {
			return rule.Errorf([]rule.ID{rule.EntHeritage}, "", "heritage product %d has no name", i)
		}
		if slices.Contains(c.Heritage[:i], n) {
			return rule.Errorf([]rule.ID{rule.EntHeritage}, n, "heritage product %q is listed twice", n)
		}
	}
	return nil
}

// Env is everything orders, fulfilment and visibility consult besides the
// facts: this package's catalog and terms and the license package's, whose
// platforms are the products that get entitlements and whose terms hold
// the subscription years and the initial grace (LIC-SUB-TERM, ENT-GRACE).
type Env struct {
	Catalog      Catalog
	Terms        Terms
	Licenses     license.Catalog
	LicenseTerms license.Terms
}

// DefaultEnv returns the default catalogs and the published terms.
func DefaultEnv() Env {
	return Env{
		Catalog:      DefaultCatalog(),
		Terms:        DefaultTerms(),
		Licenses:     license.DefaultCatalog(),
		LicenseTerms: license.DefaultTerms(),
	}
}

// Validate validates the four parts of the environment.
func (e Env) Validate() error {
	for _, err := range []error{e.Catalog.Validate(), e.Terms.Validate(), e.Licenses.Validate(), e.LicenseTerms.Validate()} {
		if err != nil {
			return err
		}
	}
	return nil
}

// knownProduct reports whether product is a heritage product or a platform.
func (e Env) knownProduct(product string) bool {
	if e.Catalog.IsHeritage(product) {
		return true
	}
	_, ok := e.Licenses.Platform(product)
	return ok
}
