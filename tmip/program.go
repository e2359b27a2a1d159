package tmip

import (
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Program is the trade-in program's terms and catalog, validated: what
// trade-in books are built and assessed under. A Book remembers its
// Program, so every answer about its trade-ins is under one set of terms. A
// Program never changes: share it among goroutines. A nil Program builds
// nothing.
type Program struct {
	terms   Terms
	catalog Catalog
	listed  map[string]bool
}

// NewProgram validates t and c and returns their Program. It keeps copies:
// changing c afterwards changes nothing in it.
func NewProgram(t Terms, c Catalog) (*Program, error) {
	if err := errors.Join(t.Validate(), c.Validate()); err != nil {
		return nil, err
	}
	p := &Program{terms: t, catalog: Catalog{SKUs: slices.Clone(c.SKUs)}, listed: make(map[string]bool, len(c.SKUs))}
	for _, s := range c.SKUs {
		p.listed[s] = true
	}
	return p, nil
}

// DefaultProgram returns the Program of DefaultTerms and DefaultCatalog.
func DefaultProgram() *Program {
	p, err := NewProgram(DefaultTerms(), DefaultCatalog())
	if err != nil {
		panic(err) // the published defaults are valid; a test holds them so
	}
	return p
}

// MustNewProgram is NewProgram for tests and examples only: it panics on an
// error.
func MustNewProgram(t Terms, c Catalog) *Program {
	p, err := NewProgram(t, c)
	if err != nil {
		panic(err)
	}
	return p
}

// Terms returns the program's terms.
func (p *Program) Terms() Terms {
	if p == nil {
		return Terms{}
	}
	return p.terms
}

// Catalog returns a copy of the program's catalog.
func (p *Program) Catalog() Catalog {
	if p == nil {
		return Catalog{}
	}
	return Catalog{SKUs: slices.Clone(p.catalog.SKUs)}
}

// Equal reports whether p and q hold the same terms and catalog. A nil
// Program equals only nil.
func (p *Program) Equal(q *Program) bool {
	if p == q {
		return true
	}
	if p == nil || q == nil {
		return false
	}
	return p.terms.equal(q.terms) && slices.Equal(p.catalog.SKUs, q.catalog.SKUs)
}

// eligible lists the catalog's SKUs for an error, or says how many there
// are when listing them would drown the message.
func (p *Program) eligible() string {
	const most = 20
	if len(p.catalog.SKUs) > most {
		return "the catalog lists " + strconv.Itoa(len(p.catalog.SKUs)) + " SKUs"
	}
	return "eligible: " + strings.Join(p.catalog.SKUs, ", ")
}
