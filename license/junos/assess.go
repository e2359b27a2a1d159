package junos

import (
	"fmt"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// FeatureReport is one feature's standing at an instant: the license it
// follows, that license's standing from the license package, and what the
// device output adds. The zero FeatureReport is of no feature: no license
// grants it, and its Decision refuses it, citing no rule.
type FeatureReport struct {
	// Name is the name the device printed (the usage row's, else the first
	// key's).
	Name string
	// Grants are every installed key that grants the feature, with its SKU,
	// count and validity as printed.
	Grants []Grant
	// Lines are the capture's lines the answer relies on: the usage row and
	// each key's validity line.
	Lines []int
	// InUsage says whether the usage table lists the feature; Used,
	// Installed and Needed are its counts there.
	InUsage                 bool
	Used, Installed, Needed int
	// Kind and License name the license the feature follows; zero and empty
	// when no installed license grants it.
	Kind    license.Kind
	License string
	// Standing is that license's standing (State zero when there is none).
	Standing license.Standing
	// Decision is whether the device's use of the feature is licensed: the
	// standing's verdict, refused with an alarm when the device needs
	// licenses it does not have. Its Until is exact for the whole feature.
	Decision rule.Verdict
	// Ends is the end of the feature's usability, for a feature whose use
	// is allowed at the instant: the first instant after it at which the
	// use is not allowed (an expiry, the end of a grace, the end of a
	// trial), zero when the use stays allowed for good. Until comes sooner
	// where only the answer's reasons change (a trial's warning window
	// opens). Ends is zero for a feature whose use is not allowed.
	Ends time.Time
	// Unlicensed is true when the usage table shows licenses needed.
	Unlicensed bool
	// Warnings are sentences for a person: unlicensed use, a trial's
	// warning window, the discrepancies that concern the feature.
	Warnings []string
}

// Assessment is a report's features at an instant. The zero Assessment
// reports no feature.
type Assessment struct {
	At            time.Time
	Platform      string
	Device        string
	Features      []FeatureReport
	Discrepancies []Discrepancy
}

// At returns every feature's standing at instant at. A feature with several
// licenses follows the one usable at at that lasts longest (a perpetual
// license first), else the one that starts soonest, else the first.
func (f Facts) At(at time.Time) Assessment {
	a := Assessment{At: at, Platform: f.Platform, Device: f.Device.Serial, Discrepancies: slices.Clone(f.Discrepancies)}
	byFeature := map[string][]string{}
	for _, d := range f.Discrepancies {
		byFeature[d.Feature] = append(byFeature[d.Feature], d.Msg)
	}
	for i := range f.Features {
		a.Features = append(a.Features, f.feature(i, at, byFeature))
	}
	return a
}

func (f Facts) feature(i int, at time.Time, discrepancies map[string][]string) FeatureReport {
	ff := &f.Features[i]
	r := ff.answer(at)
	changes := ff.changes(at)
	r.Decision.Until = ff.until(changes, r)
	if r.Decision.Allowed {
		r.Ends = ff.ends(changes)
	}
	r.Warnings = append(r.Warnings, discrepancies[ff.Name]...)
	r.Grants = slices.Clone(ff.Grants)
	if ff.Usage != nil && ff.Usage.Line > 0 {
		r.Lines = append(r.Lines, ff.Usage.Line)
	}
	for _, g := range ff.Grants {
		if g.Line > 0 {
			r.Lines = append(r.Lines, g.Line)
		}
	}
	return r
}

// candidate is one license or window's standing at an instant.
type candidate struct {
	id       string
	kind     license.Kind
	end      time.Time
	standing license.Standing
}

func windowStanding(w Window, at time.Time) license.Standing {
	switch {
	case w.Trial:
		return trialStanding(w, at)
	case at.Before(w.Start):
		// ENT-TIMER: nothing before the start.
		return license.Standing{State: license.NotStarted, Verdict: rule.Verdict{Rules: rule.ListOf(rule.EntTimer), Reason: "the license has not started", Until: w.Start}}
	case at.Before(w.End):
		// LIC-SUB-TERM: within the dates the device prints.
		return license.Standing{State: license.Active, Verdict: rule.Verdict{Allowed: true, Rules: rule.ListOf(rule.LicSubTerm), Reason: "the date-based license is within its dates", Until: w.End}}
	}
	// LIC-SUB-EXPIRY, LIC-RENEW: past its end date, not renewed.
	return license.Standing{State: license.Expired, Verdict: rule.Verdict{Rules: rule.ListOf(rule.LicSubExpiry, rule.LicRenew), Reason: "the date-based license has expired and was not renewed"}}
}

// trialStanding is a trial Window's standing at at: the rules a trial
// license's standing cites, about the window, read from the dates the
// device prints.
func trialStanding(w Window, at time.Time) license.Standing {
	switch {
	case at.Before(w.Start):
		// ENT-TIMER: nothing before the start.
		return license.Standing{State: license.NotStarted, Verdict: rule.Verdict{Rules: rule.ListOf(rule.EntTimer), Reason: "the trial has not started", Until: w.Start, Subject: w.ID}}
	case at.Before(w.WarnFrom):
		// LIC-KIND: a trial within its dates, before its warning window.
		return license.Standing{State: license.Active, Verdict: rule.Verdict{Allowed: true, Rules: rule.ListOf(rule.LicKind), Reason: "the trial is within the dates the device prints", Until: w.WarnFrom, Subject: w.ID}}
	case at.Before(w.End):
		// LIC-TRIAL-WARN: alarm, syslog message and warning, due at the end.
		due := func(k rule.ObligationKind) rule.Obligation {
			return rule.Obligation{Kind: k, Rule: rule.LicTrialWarn, Due: w.End, Subject: w.ID}
		}
		return license.Standing{State: license.InWarning, Verdict: rule.Verdict{Allowed: true, Rules: rule.ListOf(rule.LicTrialWarn),
			Reason: "the trial is due to expire: alarms, syslog messages and warnings are raised", Until: w.End, Subject: w.ID,
			Obligations: rule.ObligationsOf(due(rule.Alarm), due(rule.Syslog), due(rule.Warning))}}
	}
	// LIC-TRIAL-EXPIRY: unusable until a license is purchased.
	return license.Standing{State: license.Expired, Verdict: rule.Verdict{Rules: rule.ListOf(rule.LicTrialExpiry), Reason: "the trial has expired: a license must be purchased", Subject: w.ID}}
}

// better reports whether a is preferred to b: usable first, then the one
// lasting longest; among unusable ones, not started before expired.
func better(a, b candidate) bool {
	au, bu := a.standing.State.Usable(), b.standing.State.Usable()
	if au != bu {
		return au
	}
	if au {
		switch {
		case b.end.IsZero():
			return false
		case a.end.IsZero():
			return true
		}
		return a.end.After(b.end)
	}
	return a.standing.State == license.NotStarted && b.standing.State != license.NotStarted
}

func (ff *FeatureFacts) answer(at time.Time) FeatureReport {
	r := FeatureReport{Name: ff.Name}
	if u := ff.Usage; u != nil {
		r.InUsage, r.Used, r.Installed, r.Needed = true, u.Used, u.Installed, u.Needed
		r.Unlicensed = u.Needed > 0
	}
	var best *candidate
	consider := func(c candidate) {
		if best == nil || better(c, *best) {
			best = &c
		}
	}
	for _, l := range ff.Licenses {
		consider(candidate{id: l.ID(), kind: l.Kind(), end: l.End(), standing: l.StandingAt(at)})
	}
	for _, w := range ff.Windows {
		kind := license.Subscription
		if w.Trial {
			kind = license.Trial
		}
		consider(candidate{id: w.ID, kind: kind, end: w.End, standing: windowStanding(w, at)})
	}
	if best != nil {
		r.Kind, r.License, r.Standing = best.kind, best.id, best.standing
		r.Decision = best.standing.Verdict
		if best.standing.State == license.InWarning {
			r.Warnings = append(r.Warnings, "the trial ends at "+best.end.Format(time.RFC3339))
		}
	} else {
		// LIC-TIER: no installed license grants the feature.
		r.Decision = rule.Verdict{Rules: rule.ListOf(rule.LicTier), Reason: "no installed license grants the feature"}
	}
	r.Decision.Until = time.Time{}
	if r.Unlicensed {
		id := unlicensedRule(best)
		r.Decision.Allowed = false
		r.Decision.Rules = rule.ListOf(id).Append(r.Decision.Rules.IDs()...)
		r.Decision.Reason = fmt.Sprintf("the device needs %d license(s) it does not have; %s", r.Needed, r.Decision.Reason)
		r.Decision.Obligations = rule.ObligationsOf(append(r.Decision.Obligations.Slice(), rule.Obligation{Kind: rule.Alarm, Rule: id, Subject: ff.Name})...)
		r.Warnings = append(r.Warnings, fmt.Sprintf("used without a license: %d needed", r.Needed))
	}
	return r
}

// unlicensedRule is the rule an unlicensed use cites: the expiry of the
// license the feature follows (LIC-TRIAL-EXPIRY, LIC-SUB-EXPIRY), LIC-SOD
// when a usable license is short of units, LIC-TIER when none grants it.
func unlicensedRule(best *candidate) rule.ID {
	switch {
	case best == nil || best.standing.State == license.NotStarted:
		return rule.LicTier
	case best.standing.State.Usable():
		return rule.LicSOD
	case best.kind == license.Trial:
		return rule.LicTrialExpiry
	}
	return rule.LicSubExpiry
}

// changes are the instants after at where one of the feature's licenses
// changes state, in order, each once: the only instants its answer can
// change.
func (ff *FeatureFacts) changes(at time.Time) []time.Time {
	var cands []time.Time
	add := func(ts ...time.Time) {
		for _, t := range ts {
			if t.After(at) {
				cands = append(cands, t)
			}
		}
	}
	for _, l := range ff.Licenses {
		add(l.Start(), l.WarningFrom(), l.TermEnd(), l.End())
	}
	for _, w := range ff.Windows {
		add(w.Start, w.End)
		if w.Trial {
			add(w.WarnFrom)
		}
	}
	slices.SortFunc(cands, func(a, b time.Time) int { return a.Compare(b) })
	// Keys alike give one instant many times: each is tried once.
	return slices.CompactFunc(cands, time.Time.Equal)
}

// until is the first of changes where the feature's answer differs from r.
func (ff *FeatureFacts) until(changes []time.Time, r FeatureReport) time.Time {
	for _, c := range changes {
		if !sameAnswer(ff.answer(c), r) {
			return c
		}
	}
	return time.Time{}
}

// ends is the first of changes where the feature's use is not allowed: the
// end of its usability, whichever licenses it follows on the way (a trial
// then the key that follows it); zero when no change ends it.
func (ff *FeatureFacts) ends(changes []time.Time) time.Time {
	for _, c := range changes {
		if !ff.answer(c).Decision.Allowed {
			return c
		}
	}
	return time.Time{}
}

func sameAnswer(a, b FeatureReport) bool {
	return a.License == b.License && a.Standing.State == b.Standing.State &&
		a.Decision.Allowed == b.Decision.Allowed && a.Decision.Rules == b.Decision.Rules &&
		a.Decision.Obligations.Equal(b.Decision.Obligations) && slices.Equal(a.Warnings, b.Warnings)
}
