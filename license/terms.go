package license

import (
	"slices"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Terms are the numbers of the license model, with the published values from
// DefaultTerms. A caller evaluating under another program year builds other
// terms. The zero Terms list no subscription term, and Validate refuses
// them.
type Terms struct {
	// SubscriptionTermYears lists the terms a subscription may run
	// (LIC-SUB-TERM): 1, 3 and 5 years.
	SubscriptionTermYears []int
	// TrialWarningDays is how many days before a trial's end the alarms,
	// syslog messages and warnings start (LIC-TRIAL-WARN): 30. From 0 to
	// 3,660,000 (10,000 years); a window reaching before
	// the trial's start opens at the start.
	TrialWarningDays int
	// InitialGraceDays is added to the end of an initial subscription's
	// years (ENT-GRACE): 30. From 0 to 3,660,000; a
	// subscription whose grace would end after 9999-12-31 is refused when
	// it is built.
	InitialGraceDays int
}

// DefaultTerms returns the published terms.
func DefaultTerms() Terms {
	return Terms{SubscriptionTermYears: []int{1, 3, 5}, TrialWarningDays: 30, InitialGraceDays: 30}
}

// maxTermYears bounds a term so that calendar arithmetic stays within years
// time.Time formats as RFC 3339.
const maxTermYears = 100

// Validate refuses terms that make no sense: no term years, a term that is
// not 1 to 100 years, day counts that are negative or over 3,660,000 (no
// instant of years 0000 to 9999 is that many days from another). The error
// names the value, the cap and the rule.
func (t Terms) Validate() error {
	if len(t.SubscriptionTermYears) == 0 {
		return rule.Errorf([]rule.ID{rule.LicSubTerm}, "terms", "subscriptionTermYears is empty")
	}
	for _, y := range t.SubscriptionTermYears {
		if y < 1 || y > maxTermYears {
			return rule.Errorf([]rule.ID{rule.LicSubTerm}, "terms", "subscription term of %d years is not between 1 and %d", y, maxTermYears)
		}
	}
	if t.TrialWarningDays < 0 || t.TrialWarningDays > calendar.MaxDays {
		return rule.Errorf([]rule.ID{rule.LicTrialWarn}, "terms", "trialWarningDays %d is not between 0 and %d (10,000 years)", t.TrialWarningDays, calendar.MaxDays)
	}
	if t.InitialGraceDays < 0 || t.InitialGraceDays > calendar.MaxDays {
		return rule.Errorf([]rule.ID{rule.EntGrace}, "terms", "initialGraceDays %d is not between 0 and %d (10,000 years)", t.InitialGraceDays, calendar.MaxDays)
	}
	return nil
}

// AllowsTerm reports whether years is one of the subscription terms.
func (t Terms) AllowsTerm(years int) bool { return slices.Contains(t.SubscriptionTermYears, years) }

// clone returns t sharing nothing with it.
func (t Terms) clone() Terms {
	t.SubscriptionTermYears = slices.Clone(t.SubscriptionTermYears)
	return t
}

func (t Terms) equal(u Terms) bool {
	return slices.Equal(t.SubscriptionTermYears, u.SubscriptionTermYears) &&
		t.TrialWarningDays == u.TrialWarningDays && t.InitialGraceDays == u.InitialGraceDays
}
