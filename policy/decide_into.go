package policy

import "time"

// DecideInto is Decide writing the decision into *d instead of returning
// it; Decide is built on it. A service that holds one Decision and asks
// again and again spares even the copy into its own variable that an inlined
// Decide still makes (BENCHMARKS.md). Neither allocates for a feature use.
//
// *d is overwritten whole: on an error it is the zero Decision, a denial.
// The decision is Decide's in every case; TestDecideIntoDecidesAsDecide
// holds the two together.
func (e *Engine) DecideInto(r Request, at time.Time, d *Decision) error {
	u, ok := r.(UseFeature)
	if !ok {
		var err error
		*d, err = e.decideSettled(r, at)
		return err
	}
	if u.License == nil {
		*d = Decision{}
		return errNoLicense
	}
	// The hot path: the license's ruling changes exactly when the decision
	// does, so there is nothing to settle. Its parts come back in registers
	// and go into *d field by field: a Decision built aside and copied in
	// stalled on store forwarding (BENCHMARKS.md).
	ruling, until, warnings := u.License.UseRuling(u.Device, u.Feature, u.Units, at)
	d.Outcome = Deny
	if ruling.Allowed() {
		d.Outcome = Allow
	}
	d.Rules, d.Reason, d.Obligations, d.Values, d.Until = ruling.Rules(), ruling.Reason(), warnings, nil, until
	return nil
}
