package license_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestVerdictErrCitesItsRules: a refusal's error cites the verdict's rules
// and names the license; an allowed verdict has no error; a use of the
// zero License is refused citing LIC-KIND.
func TestVerdictErrCitesItsRules(t *testing.T) {
	d := mustDevice("mx-1", "MX")
	l := mustLicense(license.Spec{ID: "perp-1", Kind: license.Perpetual, Tier: license.Standard, Platform: "MX", Device: d,
		Features: []string{"bgp"}, Start: date(2025, 1, 1)})
	v := l.Use("mx-2", "ospf", noUnits, date(2025, 2, 1))
	err := v.Err()
	var viol *rule.Violation
	if !errors.As(err, &viol) || !slices.Equal(viol.Rules.IDs(), []rule.ID{rule.LicPerpBind, rule.LicTier}) || viol.Subject != "perp-1" ||
		!strings.Contains(err.Error(), "perp-1: ") || v.Subject != "perp-1" {
		t.Errorf("Err() = %#v", err)
	}
	if err := l.Use("mx-1", "bgp", noUnits, date(2025, 2, 1)).Err(); err != nil {
		t.Errorf("allowed use: %v", err)
	}
	if err := (license.License{}).Use("mx-1", "bgp", noUnits, date(2025, 2, 1)).Err(); !errors.Is(err, rule.LicKind) {
		t.Errorf("the zero License's use: %v", err)
	}
}
