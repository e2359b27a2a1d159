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
	ruling, until, warnings := u.License.UseRuling(u.Device, u.Feature, u.Units, at)
	// Field by field, as Decide fills its result: a built Decision copied
	// into *d would cost what this method exists to spare.
	d.Outcome = Deny
	if ruling.Allowed {
		d.Outcome = Allow
	}
	d.Rules, d.Reason, d.Obligations, d.Values, d.Until = ruling.Rules, ruling.Reason, warnings, nil, until
	return nil
}
