package license_test

import (
	"errors"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/enum/enumtest"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// TestEnumsNameExactlyTheirValues: every kind (LIC-KIND), tier (LIC-TIER),
// family (LIC-PLATFORM), move reason (LIC-PORT), trial setting
// (LIC-TRIAL-PRODUCTS), state and expense (LIC-COST) has a name that parses
// back to it; the values around them are invalid, print as a Go value and
// never marshal; an unknown name is a violation of the enumeration's rule.
func TestEnumsNameExactlyTheirValues(t *testing.T) {
	for _, c := range []struct {
		typ  string
		rule rule.ID
		err  error
	}{
		{"Kind", rule.LicKind, enumtest.Check[license.Kind](t, "license.Kind", license.ParseKind,
			"", "perpetual", "subscription", "trial")},
		{"Tier", rule.LicTier, enumtest.Check[license.Tier](t, "license.Tier", license.ParseTier,
			"", "standard", "advanced", "premium")},
		{"Family", rule.LicPlatform, enumtest.Check[license.Family](t, "license.Family", license.ParseFamily,
			"", "hardware", "virtual", "software")},
		{"MoveReason", rule.LicPort, enumtest.Check[license.MoveReason](t, "license.MoveReason", license.ParseMoveReason,
			"", "rma", "rebalance")},
		// The zero Trials is valid: it follows the platform's family.
		{"Trials", rule.LicTrialProducts, enumtest.Check[license.Trials](t, "license.Trials", license.ParseTrials,
			"by-family", "offered", "none")},
		{"State", rule.LicKind, enumtest.Check[license.State](t, "license.State", license.ParseState,
			"", "not-started", "active", "in-grace", "in-warning", "expired")},
		{"Expense", rule.LicCost, enumtest.Check[license.Expense](t, "license.Expense", license.ParseExpense,
			"", "capex", "opex")},
	} {
		var ne *rule.NameError
		if !errors.As(c.err, &ne) || ne.Rule != c.rule || !errors.Is(c.err, c.rule) {
			t.Errorf("%s: an unknown name gives %#v, want a *rule.NameError citing %v", c.typ, c.err, c.rule)
		}
	}
}
