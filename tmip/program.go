package tmip

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Program is the trade-in program's terms and catalog, validated: what
// trade-in books are built and assessed under. A Book remembers its
// Program, so every answer about its trade-ins is under one set of terms.
//
// A Program is a handle to what NewProgram sealed: copies are the same
// program, == reports whether two handles are (Equal compares contents),
// and nothing a caller does to its copy reaches the program itself. A
// Program never changes: share it among goroutines. The zero Program
// builds nothing.
type Program struct{ p *program }

type program struct {
	terms   Terms
	catalog Catalog
	listed  map[string]bool
}

// NewProgram validates c and t and returns their Program. It keeps copies:
// changing c afterwards changes nothing in it.
func NewProgram(c Catalog, t Terms) (Program, error) {
	if err := errors.Join(c.Validate(), t.Validate()); err != nil {
		return Program{}, err
	}
	p := &program{terms: t, catalog: Catalog{SKUs: slices.Clone(c.SKUs)}, listed: make(map[string]bool, len(c.SKUs))}
	for _, s := range c.SKUs {
		p.listed[s] = true
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

// MustNewProgram is NewProgram for tests and examples only: it panics on an
// error.
func MustNewProgram(c Catalog, t Terms) Program {
	p, err := NewProgram(c, t)
	if err != nil {
		panic(err)
	}
	return p
}

// Terms returns the program's terms; the zero Terms for the zero Program.
func (p Program) Terms() Terms {
	if p.p == nil {
		return Terms{}
	}
	return p.p.terms
}

// Catalog returns a copy of the program's catalog; the zero Catalog for
// the zero Program.
func (p Program) Catalog() Catalog {
	if p.p == nil {
		return Catalog{}
	}
	return Catalog{SKUs: slices.Clone(p.p.catalog.SKUs)}
}

// Equal reports whether p and q hold the same terms and catalog. The zero
// Program equals only itself.
func (p Program) Equal(q Program) bool {
	if p == q {
		return true
	}
	if p.p == nil || q.p == nil {
		return false
	}
	return p.p.terms.equal(q.p.terms) && slices.Equal(p.p.catalog.SKUs, q.p.catalog.SKUs)
}

// eligible lists the catalog's SKUs for an error, or says how many there
// are when listing them would drown the message.
func (p *program) eligible() string {
	const most = 20
	if len(p.catalog.SKUs) > most {
		return "the catalog lists " + strconv.Itoa(len(p.catalog.SKUs)) + " SKUs"
	}
	return "eligible: " + strings.Join(p.catalog.SKUs, ", ")
}
