package entitlement

import (
	"time"

	"github.com/licensepolicy/licensepolicy/license"
)

// Entitlement is the record fulfilment creates for one unit of an order
// line (ENT-AUTO): what the customer is entitled to, for which accounts,
// from when to when. It is not bound to a device: it becomes a license when
// installed on one (see License).
//
// Fulfilment.Entitlements returns copies whose slices are shared with the
// other records of the same call only. The zero Entitlement is no record:
// fulfilment never creates one, and it is for no account.
type Entitlement struct {
	// ID is "order/line/unit", units counted from 1, so fulfilling a line
	// twice names the same records, never a second set.
	ID    string
	Order string
	Line  string
	Unit  int
	// Accounts are the order's account IDs: who sees the entitlement
	// (ENT-ORDER, ENT-VISIBLE).
	Accounts  []string
	Product   string
	Kind      license.Kind
	Tier      license.Tier
	Features  []string
	TermYears int
	Renewal   bool
	// Start is the ship instant: the subscription timer starts at
	// fulfilment, not at activation (ENT-TIMER).
	Start time.Time
	// End is the first instant the entitlement grants nothing: the end of
	// its years plus the initial grace for an initial subscription
	// (ENT-GRACE); zero for a perpetual one, which never ends.
	End time.Time
}

// License returns the license the entitlement grants once installed on
// device d, built by lp.NewLicense: same ID, kind, tier, features, start
// and term, hence the same end under the program's terms. A zero device is
// refused (LIC-PERP-BIND): an entitlement is bound to no device until
// installed.
func (e Entitlement) License(lp license.Program, d license.Device) (license.License, error) {
	return lp.NewLicense(license.Spec{
		ID: e.ID, Kind: e.Kind, Tier: e.Tier, Platform: e.Product, Device: d,
		Features: e.Features, Start: e.Start, TermYears: e.TermYears, Renewal: e.Renewal,
	})
}
