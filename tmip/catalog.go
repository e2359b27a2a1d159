package tmip

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Catalog lists the SKUs eligible for trade-in (TMIP-ELIGIBLE). Names are
// matched exactly: case and spelling count. The zero Catalog lists no SKU,
// and NewProgram refuses it.
type Catalog struct {
	// SKUs are the eligible SKUs, each non-empty and listed once.
	SKUs []string
}

// DefaultCatalog returns the eligible SKUs assumed for the published program.
//
// The seed lists none: it says "MX Series ... with the SKUs identified" and
// "Full bandwidth Flex SKUs are supported" on MPC7E, and points to an
// overview it does not include. The default is therefore a plausible pick,
// not a published list: the MX chassis bundles (MX240, MX480, MX960, MX2010,
// MX2020), the MPC line cards before MPC7E (MPC2E, MPC3E, MPC4E, MPC5E), and
// the MPC7E cards at full bandwidth, fixed and Flex (MPC7E-MRATE, MPC7E-10G
// and their -FLEX variants). No reduced-bandwidth Flex SKU is listed. A
// caller with the real overview adds or replaces SKUs.
func DefaultCatalog() Catalog {
	return Catalog{SKUs: []string{
		"MX240-PREMIUM2-AC",
		"MX480-PREMIUM2-AC",
		"MX960-PREMIUM2-AC",
		"MX2010-PREMIUM2-AC",
		"MX2020-PREMIUM2-AC",
		"MX-MPC2E-3D",
		"MX-MPC3E-3D",
		"MPC4E-3D-32XGE-SFPP",
		"MPC5E-40G10G",
		"MPC7E-MRATE",
		"MPC7E-10G",
		"MPC7E-MRATE-FLEX",
		"MPC7E-10G-FLEX",
	}}
}

// AddSKUs returns a catalog with skus added after the ones c lists, as
// SCENARIOS.md's catalog.tmipSkus adds to the default. A SKU already listed
// is not listed twice. An empty SKU, or one with spaces around it, is an
// error naming it; c itself is never modified.
func (c Catalog) AddSKUs(skus ...string) (Catalog, error) {
	out := Catalog{SKUs: slices.Clone(c.SKUs)}
	listed := make(map[string]bool, len(c.SKUs)+len(skus))
	for _, s := range c.SKUs {
		listed[s] = true
	}
	for i, s := range skus {
		if err := checkSKU(s); err != nil {
			return Catalog{}, fmt.Errorf("tmip: catalog addition [%d]: %w", i, err)
		}
		if !listed[s] {
			listed[s] = true
			out.SKUs = append(out.SKUs, s)
		}
	}
	return out, nil
}

// Contains reports whether sku is listed, exactly.
func (c Catalog) Contains(sku string) bool { return slices.Contains(c.SKUs, sku) }

// Validate refuses a catalog listing nothing, an empty SKU, one with spaces
// around it, or one listed twice. The error names the SKU.
func (c Catalog) Validate() error {
	if len(c.SKUs) == 0 {
		return errors.New("tmip: catalog lists no SKU")
	}
	var errs []error
	seen := make(map[string]bool, len(c.SKUs))
	for i, s := range c.SKUs {
		if err := checkSKU(s); err != nil {
			errs = append(errs, fmt.Errorf("tmip: catalog SKUs[%d]: %w", i, err))
			continue
		}
		if seen[s] {
			errs = append(errs, fmt.Errorf("tmip: catalog lists SKU %q twice", s))
		}
		seen[s] = true
	}
	return errors.Join(errs...)
}

func checkSKU(s string) error {
	switch {
	case s == "":
		return errors.New("empty SKU")
	case strings.TrimSpace(s) != s:
		return fmt.Errorf("SKU %q has spaces around it", s)
	}
	return nil
}
