package reference

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func (w *World) license(id string) (*License, error) {
	for i := range w.Licenses {
		if w.Licenses[i].ID == id {
			return &w.Licenses[i], nil
		}
	}
	return nil, fmt.Errorf("no license %q", id)
}

func (w *World) platform(name string) (Platform, bool) {
	var found Platform
	ok := false
	for _, p := range w.Catalog.Platforms {
		if p.Name == name {
			found, ok = p, true // a later entry replaces an earlier one
		}
	}
	return found, ok
}

// class is the like-device class of the device with this serial (LIC-PLATFORM).
func (w *World) class(serial string) (string, error) {
	for _, d := range w.Devices {
		if d.Serial == serial {
			if d.Class != "" {
				return d.Class, nil
			}
			p, ok := w.platform(d.Platform)
			if !ok {
				return "", fmt.Errorf("device %q: unknown platform %q", serial, d.Platform)
			}
			return p.Class, nil
		}
	}
	return "", fmt.Errorf("no device %q", serial)
}

// yearsEnd is the end of a subscription's years (LIC-SUB-TERM).
func yearsEnd(w *World, l *License) time.Time { return addYears(l.Start, l.TermYears) }

// end is when a license stops being usable: a subscription's years plus, when
// initial, its grace (ENT-GRACE); a trial's end. Zero for a perpetual one.
func end(w *World, l *License) time.Time {
	switch l.Kind {
	case "subscription":
		e := yearsEnd(w, l)
		if l.Initial {
			e = addDays(e, w.Terms.InitialGraceDays)
		}
		return e
	case "trial":
		return l.End
	}
	return time.Time{}
}

// licenseCandidates are the instants a license's standing can change at.
func licenseCandidates(w *World, l *License) []time.Time {
	c := []time.Time{l.Start}
	switch l.Kind {
	case "subscription":
		c = append(c, yearsEnd(w, l), end(w, l))
	case "trial":
		c = append(c, l.End, addDays(l.End, -w.Terms.TrialWarningDays))
	}
	return c
}

// asked is the answer of kind about the license r names as its history
// leaves it at at (SCENARIOS.md, License, history), with the instants its
// history changes it at among the candidates.
func asked(w *World, r Request, at time.Time, kind func(*World, *License, Request, time.Time) (answer, error)) (answer, error) {
	orig, err := w.license(r.License)
	if err != nil {
		return answer{}, err
	}
	cur, latest := w.asOf(orig, at)
	l := &cur
	if r.Kind == "renewLicense" {
		l = &latest // a renewal renews the last term recorded
	}
	a, err := kind(w, l, r, at)
	a.candidates = append(a.candidates, historyCandidates(w, orig)...)
	return a, err
}

// useFeature: may this device use this feature under this license now.
func useFeature(w *World, r Request, at time.Time) (answer, error) {
	return asked(w, r, at, useFeatureOf)
}

func useFeatureOf(w *World, l *License, r Request, at time.Time) (answer, error) {
	// Units that are not positive are no use of a capacity: refused alone,
	// before any other ground (license doc's choice).
	if r.Units != nil && r.Units.Sign() <= 0 {
		return deny(rule.LicSOD), nil
	}
	// Grounds that no instant cures are cited alone (license doc's choice).
	var forGood []rule.ID
	if r.Device != l.Device {
		if l.Kind == "perpetual" {
			forGood = append(forGood, rule.LicPerpBind) // tied to one serial
		} else {
			forGood = append(forGood, rule.LicPort)
		}
	}
	if !contains(l.Features, r.Feature) {
		forGood = append(forGood, rule.LicTier)
	}
	if r.Units != nil && l.Capacity != nil && r.Units.GreaterThan(*l.Capacity) {
		forGood = append(forGood, rule.LicSOD)
	}
	if len(forGood) > 0 {
		return deny(forGood...), nil
	}
	a := standing(w, l, at)
	a.candidates = licenseCandidates(w, l)
	return a, nil
}

// standing is whether the license is usable at at and why.
func standing(w *World, l *License, at time.Time) answer {
	if at.Before(l.Start) {
		return deny(rule.EntTimer) // the timer starts at fulfilment
	}
	switch l.Kind {
	case "perpetual":
		return allow(rule.LicPerpTerm)
	case "subscription":
		if at.Before(yearsEnd(w, l)) {
			return allow(rule.LicSubTerm)
		}
		if at.Before(end(w, l)) {
			return allow(rule.EntGrace, rule.LicSubTerm)
		}
		return deny(rule.LicSubExpiry, rule.LicRenew)
	case "trial":
		if !at.Before(l.End) {
			return deny(rule.LicTrialExpiry)
		}
		if at.Before(addDays(l.End, -w.Terms.TrialWarningDays)) {
			return allow(rule.LicKind)
		}
		a := allow(rule.LicTrialWarn)
		for _, k := range []rule.ObligationKind{rule.Alarm, rule.Syslog, rule.Warning} {
			a.Obligations = append(a.Obligations, rule.Obligation{Kind: k, Rule: rule.LicTrialWarn, Due: l.End, Subject: l.ID})
		}
		return a
	}
	return deny(rule.LicKind)
}

// moveLicense: may the license move to device To for Reason.
func moveLicense(w *World, r Request, at time.Time) (answer, error) {
	return asked(w, r, at, moveLicenseOf)
}

func moveLicenseOf(w *World, l *License, r Request, at time.Time) (answer, error) {
	from, err := w.class(l.Device)
	if err != nil {
		return answer{}, err
	}
	to, err := w.class(r.To)
	if err != nil {
		return answer{}, err
	}
	var a answer
	switch {
	case r.To == l.Device:
		// A move to the device the license is on is no move (silent in the
		// spec; the license package refuses it under the kind's move rule).
		if l.Kind == "perpetual" {
			a = deny(rule.LicPerpRMA)
		} else {
			a = deny(rule.LicPort)
		}
	case l.Kind == "trial":
		a = deny(rule.LicPort) // trials do not move
	default:
		// A move that can never be allowed is refused citing only those
		// grounds, as a use is (license doc), not also the standing.
		var broken []rule.ID
		if l.Kind == "perpetual" && (r.Reason != "rma" || from != to) {
			return deny(rule.LicPerpRMA), nil // only by RMA, to the same class
		}
		if l.Kind == "subscription" && from != to {
			return deny(rule.LicPort), nil // only across like-device classes
		}
		if at.Before(l.Start) {
			broken = append(broken, rule.EntTimer)
		}
		if l.Kind == "subscription" && !at.Before(end(w, l)) {
			broken = append(broken, rule.LicPort, rule.LicSubExpiry) // nothing left to move
		}
		switch {
		case len(broken) > 0:
			a = deny(broken...)
		case l.Kind == "perpetual":
			a = allow(rule.LicPerpRMA) // the keys are exchanged
		default:
			a = allow(rule.LicPort) // a move keeps the end date
		}
	}
	a.candidates = licenseCandidates(w, l)
	return a, nil
}

// renewLicense: may the license be renewed now for TermYears (LIC-RENEW).
func renewLicense(w *World, r Request, at time.Time) (answer, error) {
	return asked(w, r, at, renewLicenseOf)
}

func renewLicenseOf(w *World, l *License, r Request, at time.Time) (answer, error) {
	var broken []rule.ID
	if l.Kind != "subscription" {
		broken = append(broken, rule.LicRenew)
	}
	if !contains(w.Terms.SubscriptionTermYears, r.TermYears) {
		broken = append(broken, rule.LicSubTerm)
	}
	if len(broken) > 0 {
		return deny(broken...), nil
	}
	old := end(w, l)
	var a answer
	var renewedEnd time.Time
	if at.Before(old) {
		// Before the end: the renewal starts at the old end, grace included,
		// and gets no grace of its own.
		a = allow(rule.LicRenew)
		renewedEnd = addYears(old, r.TermYears)
		a.candidates = []time.Time{old}
	} else {
		// Late: it starts at its own instant, after a gap.
		a = allow(rule.LicRenew, rule.LicSubExpiry)
		renewedEnd = addYears(at, r.TermYears)
		a.candidates = []time.Time{plusNS(at)}
	}
	a.Obligations = []rule.Obligation{{Kind: rule.Entitlement, Rule: rule.LicRenew, Due: renewedEnd, Subject: l.ID}}
	return a, nil
}

// changeTier: may the license change to Tier now (LIC-SUB-CHANGE).
func changeTier(w *World, r Request, at time.Time) (answer, error) {
	return asked(w, r, at, changeTierOf)
}

func changeTierOf(w *World, l *License, r Request, at time.Time) (answer, error) {
	var a answer
	switch {
	case l.Kind != "subscription":
		a = deny(rule.LicSubChange)
	case r.Tier == l.Tier:
		a = deny(rule.LicSubChange)
	case at.Before(l.Start):
		a = deny(rule.EntTimer)
	case !at.Before(end(w, l)):
		a = deny(rule.LicSubChange, rule.LicSubExpiry) // nothing left to change
	default:
		a = allow(rule.LicSubChange) // keeps the end date
	}
	a.candidates = licenseCandidates(w, l)
	return a, nil
}

// trialAvailable: does a temporary key of Feature exist on Platform.
func trialAvailable(w *World, r Request) answer {
	p, ok := w.platform(r.Platform)
	var broken []rule.ID
	if !ok {
		// Not a platform of the catalog (LIC-PLATFORM), so none with trials.
		broken = append(broken, rule.LicPlatform)
	}
	if !p.Trial {
		broken = append(broken, rule.LicTrialProducts)
	}
	if !w.featureHasTrial(r.Feature) {
		broken = append(broken, rule.LicTrialFeatures)
	}
	if len(broken) > 0 {
		return deny(broken...)
	}
	return allow(rule.LicTrialProducts, rule.LicTrialFeatures)
}

func (w *World) featureHasTrial(name string) bool {
	trial := true
	for _, f := range w.Catalog.Features {
		if f.Name == name {
			trial = f.Trial
		}
	}
	return trial
}

// TrialKey reports whether a temporary key of feature exists on platform
// (LIC-TRIAL-PRODUCTS, LIC-TRIAL-FEATURES): what a trial license needs.
func (w *World) TrialKey(platform, feature string) bool {
	return trialAvailable(w, Request{Platform: platform, Feature: feature}).Allow
}
