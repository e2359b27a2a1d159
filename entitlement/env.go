package entitlement

import (
	"errors"
	"slices"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Terms are the entitlement package's own numbers. The rules of delivery
// publish none besides initialGraceDays, which lives in license.Terms
// because the license computes its grace (ENT-GRACE); what is here is a
// guard of the library. The zero Terms allow no line a unit, and NewProgram
// refuses them.
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
// (ENT-HERITAGE). It is a plain value; extend it with AddHeritage. The zero
// Catalog names no heritage product, a valid catalog.
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
	listed := make(map[string]bool, len(c.Heritage)+len(names))
	for _, n := range c.Heritage {
		listed[n] = true
	}
	for _, n := range names {
		if n == "" {
			return c, rule.Errorf([]rule.ID{rule.EntHeritage}, "", "a heritage product has no name")
		}
		if !listed[n] {
			listed[n] = true
			out.Heritage = append(out.Heritage, n)
		}
	}
	return out, nil
}

// Validate refuses empty or repeated heritage names.
func (c Catalog) Validate() error {
	seen := make(map[string]bool, len(c.Heritage))
	for i, n := range c.Heritage {
		if n == "" {
			return rule.Errorf([]rule.ID{rule.EntHeritage}, "", "heritage product %d has no name", i)
		}
		if seen[n] {
			return rule.Errorf([]rule.ID{rule.EntHeritage}, n, "heritage product %q is listed twice", n)
		}
		seen[n] = true
	}
	return nil
}

// Program is the delivery program orders are built, fulfilled and shown
// under: this package's catalog and terms and the licensing program whose
// platforms are the products that get entitlements and whose terms hold the
// subscription years and the initial grace (LIC-SUB-TERM, ENT-GRACE). An
// Order remembers its Program, so fulfilment and visibility answer under
// the terms the order was built under.
//
// A Program is a handle to what NewProgram sealed: copies are the same
// program, == reports whether two handles are (Equal compares contents),
// and nothing a caller does to its copy reaches the program itself. A
// Program never changes: share it among goroutines. The zero Program
// builds nothing.
type Program struct{ p *program }

type program struct {
	catalog  Catalog
	terms    Terms
	licenses license.Program
	heritage map[string]bool
}

// NewProgram validates c and t and returns their Program over the licensing
// program lp. It keeps copies: changing c or t afterwards changes nothing
// in it.
func NewProgram(c Catalog, t Terms, lp license.Program) (Program, error) {
	if !lp.IsValid() {
		return Program{}, rule.Errorf([]rule.ID{rule.EntAuto}, "program", "no licensing program: build one with license.NewProgram")
	}
	if err := errors.Join(c.Validate(), t.Validate()); err != nil {
		return Program{}, err
	}
	p := &program{catalog: Catalog{Heritage: slices.Clone(c.Heritage)}, terms: t, licenses: lp, heritage: make(map[string]bool, len(c.Heritage))}
	for _, h := range c.Heritage {
		p.heritage[h] = true
	}
	return Program{p}, nil
}

// IsValid reports whether p was built by NewProgram.
func (p Program) IsValid() bool { return p.p != nil }

// DefaultProgram returns the Program of the default catalogs and the
// published terms.
func DefaultProgram() Program {
	p, err := NewProgram(DefaultCatalog(), DefaultTerms(), license.DefaultProgram())
	if err != nil {
		panic(err) // the published defaults are valid; a test holds them so
	}
	return p
}

// MustNewProgram is NewProgram for tests and examples only: it panics on an
// error.
func MustNewProgram(c Catalog, t Terms, lp license.Program) Program {
	p, err := NewProgram(c, t, lp)
	if err != nil {
		panic(err)
	}
	return p
}

// Catalog returns a copy of the program's catalog; the zero Catalog for
// the zero Program.
func (p Program) Catalog() Catalog {
	if p.p == nil {
		return Catalog{}
	}
	return Catalog{Heritage: slices.Clone(p.p.catalog.Heritage)}
}

// Terms returns the program's terms; the zero Terms for the zero Program.
func (p Program) Terms() Terms {
	if p.p == nil {
		return Terms{}
	}
	return p.p.terms
}

// License returns the licensing program the program's entitlements are
// licensed under; the zero license.Program for the zero Program.
func (p Program) License() license.Program {
	if p.p == nil {
		return license.Program{}
	}
	return p.p.licenses
}

// Equal reports whether p and q hold the same catalog and terms over equal
// licensing programs. The zero Program equals only itself.
func (p Program) Equal(q Program) bool {
	if p == q {
		return true
	}
	if p.p == nil || q.p == nil {
		return false
	}
	return p.p.terms == q.p.terms && slices.Equal(p.p.catalog.Heritage, q.p.catalog.Heritage) && p.p.licenses.Equal(q.p.licenses)
}

// IsHeritage reports whether product is a heritage product (ENT-HERITAGE).
// Names are matched exactly.
func (p Program) IsHeritage(product string) bool { return p.p != nil && p.p.heritage[product] }

// knownProduct reports whether product is a heritage product or a platform.
func (p Program) knownProduct(product string) bool {
	if p.IsHeritage(product) {
		return true
	}
	_, ok := p.p.licenses.Platform(product)
	return ok
}
