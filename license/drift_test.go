package license_test

import (
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"pgregory.net/rapid"
)

// TestALateRenewalDriftsWithItsInstantUntilItsTermWouldPassYear9999: a late
// renewal's term starts at the instant asked (LIC-RENEW), so its answer holds
// for one nanosecond; DriftsUntil says how long answers of that shape last.
// At every instant before it the answer has the same outcome, rules and
// obligation kinds and subjects, with the entitlement due a term after that
// instant; at DriftsUntil the renewal is refused (LIC-SUB-TERM: it would end
// after 9999-12-31). A renewal on time, or a refusal, does not drift.
func TestALateRenewalDriftsWithItsInstantUntilItsTermWouldPassYear9999(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genLicense(t)
		at := genInstant(t, f.lic, "at")
		years := rapid.SampledFrom(f.terms.SubscriptionTermYears).Draw(t, "years")
		_, v := f.lic.Renew(years, at)
		late := f.lic.Kind() == license.Subscription && !at.Before(f.lic.End())
		if !late {
			if !v.DriftsUntil.IsZero() {
				t.Fatalf("a renewal on time or refused drifts until %v", v.DriftsUntil)
			}
			return
		}
		if !v.Allowed || !v.Until.Equal(at.Add(1)) || !v.DriftsUntil.After(at) {
			t.Fatalf("late renewal at %v: allowed %v, until %v, drifts until %v", at, v.Allowed, v.Until, v.DriftsUntil)
		}
		span := v.DriftsUntil.Unix() - at.Unix()
		later := at.Add(time.Duration(rapid.Int64Range(0, min(span, 1<<33)-1).Draw(t, "seconds")) * time.Second)
		for _, x := range []time.Time{later, v.DriftsUntil.Add(-1)} {
			_, w := f.lic.Renew(years, x)
			o, wo := v.Obligations.Slice(), w.Obligations.Slice()
			if !w.Allowed || w.Rules != v.Rules || len(wo) != 1 || wo[0].Kind != o[0].Kind || wo[0].Subject != o[0].Subject ||
				!wo[0].Due.Equal(calendar.AddYears(x, years)) || !w.DriftsUntil.Equal(v.DriftsUntil) {
				t.Fatalf("at %v, inside the drift from %v to %v: %v %v %v", x, at, v.DriftsUntil, w.Allowed, w.Rules, wo)
			}
		}
		if _, w := f.lic.Renew(years, v.DriftsUntil); w.Allowed || !w.DriftsUntil.IsZero() {
			t.Fatalf("at the drift's end %v the renewal is still allowed or drifting", v.DriftsUntil)
		}
	})
}
