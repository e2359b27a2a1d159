package license

import (
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Spec is what a caller's records say of a license; Program.NewLicense
// validates it. The zero Spec is refused: it has no ID.
type Spec struct {
	ID       string
	Kind     Kind
	Tier     Tier
	Platform string
	// Device is the device the license is installed on. Its platform must be
	// the license's platform.
	Device   Device
	Features []string
	// Start is when the license begins: for a subscription the fulfilment
	// (ship) instant, which starts its timer (ENT-TIMER). Every license has
	// a start, and every instant of years 0000 to 9999 is one, the zero
	// time.Time (0001-01-01T00:00:00Z) included: zero does not mean absent.
	Start time.Time
	// TermYears is a subscription's term, one of the terms' list; zero for
	// the other kinds.
	TermYears int
	// End is a trial's end; zero for the other kinds, whose end is never
	// given but computed.
	End time.Time
	// Renewal marks a subscription term bought as a renewal, which gets no
	// grace (ENT-GRACE, LIC-RENEW). The zero value is an initial subscription,
	// as the rules presume.
	Renewal bool
	// Capacity is the scale the license grants (LIC-SOD). Invalid (the zero
	// NullDecimal) means full bandwidth with no limit.
	Capacity decimal.NullDecimal
}

// License is one license, validated, bound to one device and to the Program
// it was built under, with its periods computed once: the end of its years,
// the end of grace, the start of a trial's warning window. A License is
// immutable; moves, renewals and tier changes return new values. The zero
// License is invalid: it grants nothing, and every question about it is
// refused citing LIC-KIND.
type License struct {
	program  *program
	id       string
	kind     Kind
	tier     Tier
	platform string
	class    string
	device   string
	features []string
	capacity decimal.NullDecimal
	renewal  bool

	start     time.Time
	termYears int
	// termEnd is the end of a subscription's years or of a trial.
	termEnd time.Time
	// end is the first instant nothing is usable: termEnd plus the initial
	// grace for an initial subscription; zero for a perpetual license.
	end time.Time
	// warnFrom is when a trial's warning window opens.
	warnFrom time.Time
	// warnings are a trial's alarm, syslog message and warning, due at its
	// end, built once so a use in the window allocates nothing.
	warnings rule.Obligations
	// bounds are start, termEnd, end and warnFrom as moments, for the hot
	// path; set by seal whenever those change.
	bounds bounds
}

// NewLicense validates spec against the program's catalog and terms and
// returns the license, bound to p. Errors are *rule.Violation naming the
// value and the rule it breaks.
func (p Program) NewLicense(spec Spec) (License, error) {
	if p.p == nil {
		return License{}, noProgram()
	}
	c, t := p.p, p.p.terms
	id := spec.ID
	fail := func(r rule.ID, format string, args ...any) (License, error) {
		return License{}, rule.Errorf([]rule.ID{r}, id, "license "+id+": "+format, args...)
	}
	if id == "" {
		return fail(rule.LicKind, "has no ID")
	}
	if !spec.Kind.IsValid() {
		return fail(rule.LicKind, "kind %d is not perpetual, subscription or trial", spec.Kind)
	}
	if !spec.Tier.IsValid() {
		return fail(rule.LicTier, "tier %d is not standard, advanced or premium", spec.Tier)
	}
	ps, v := c.platform(spec.Platform)
	if v != nil {
		return License{}, v
	}
	if !spec.Device.IsValid() {
		return fail(rule.LicPerpBind, "has no valid device")
	}
	if spec.Device.Platform != ps.Name {
		return fail(rule.LicPlatform, "device %s is a %s, not a %s", spec.Device.Serial, spec.Device.Platform, ps.Name)
	}
	if v := c.checkDevice(spec.Device); v != nil {
		return License{}, v
	}
	if len(spec.Features) == 0 {
		return fail(rule.LicTier, "grants no feature")
	}
	seen := make(map[string]struct{}, len(spec.Features))
	for i, f := range spec.Features {
		if f == "" {
			return fail(rule.LicTier, "feature %d has no name", i)
		}
		if _, dup := seen[f]; dup {
			return fail(rule.LicTier, "feature %q is listed twice", f)
		}
		seen[f] = struct{}{}
	}
	if spec.Capacity.Valid && spec.Capacity.Decimal.IsNegative() {
		return fail(rule.LicSOD, "capacity %s is negative", spec.Capacity.Decimal)
	}
	if !calendar.InRange(spec.Start) {
		return fail(rule.EntTimer, "start %s is not in years 0000 to 9999", spec.Start.UTC().Format(time.RFC3339Nano))
	}
	l := License{
		program:  p.p,
		id:       id,
		kind:     spec.Kind,
		tier:     spec.Tier,
		platform: ps.Name,
		class:    spec.Device.Class,
		device:   spec.Device.Serial,
		features: slices.Clone(spec.Features),
		capacity: spec.Capacity,
		start:    spec.Start,
	}
	switch spec.Kind {
	case Perpetual:
		if spec.TermYears != 0 || !spec.End.IsZero() || spec.Renewal {
			return fail(rule.LicPerpTerm, "a perpetual license has no term, end or renewal")
		}
	case Subscription:
		if !t.AllowsTerm(spec.TermYears) {
			return fail(rule.LicSubTerm, "term of %d years is not one of %v", spec.TermYears, t.SubscriptionTermYears)
		}
		if !spec.End.IsZero() {
			return fail(rule.LicSubTerm, "a subscription's end is computed from its start and term, never given")
		}
		l.termYears = spec.TermYears
		l.renewal = spec.Renewal
		// LIC-SUB-TERM: calendar years from the start, month-end clamped;
		// ENT-GRACE: an initial subscription adds the grace days.
		l.termEnd = calendar.AddYears(spec.Start, spec.TermYears)
		l.end = l.termEnd
		if !spec.Renewal {
			l.end = calendar.AddDays(l.termEnd, t.InitialGraceDays)
		}
		start := spec.Start.UTC().Format(time.RFC3339Nano)
		if !calendar.InRange(l.termEnd) {
			return fail(rule.LicSubTerm, "a term of %d years from %s ends after 9999-12-31, the last day an instant may fall on", spec.TermYears, start)
		}
		if !calendar.InRange(l.end) {
			return fail(rule.EntGrace, "initialGraceDays %d after a term of %d years from %s ends after 9999-12-31, the last day an instant may fall on", t.InitialGraceDays, spec.TermYears, start)
		}
	case Trial:
		if spec.TermYears != 0 || spec.Renewal {
			return fail(rule.LicKind, "a trial has no term years and is never renewed")
		}
		if !calendar.InRange(spec.End) {
			return fail(rule.LicKind, "trial end %s is not in years 0000 to 9999", spec.End.UTC().Format(time.RFC3339Nano))
		}
		if !spec.End.After(spec.Start) {
			return fail(rule.LicKind, "trial ends at %s, not after its start %s", spec.End.Format(time.RFC3339), spec.Start.Format(time.RFC3339))
		}
		if !ps.HasTrials() {
			return fail(rule.LicTrialProducts, "platform %s has no trial keys", ps.Name)
		}
		for _, f := range spec.Features {
			if !p.Feature(f).Trial {
				return fail(rule.LicTrialFeatures, "feature %q has no temporary key", f)
			}
		}
		l.termEnd = spec.End
		l.end = spec.End
		// LIC-TRIAL-WARN: the window opens trialWarningDays before the end,
		// or at the start of a trial shorter than that.
		l.warnFrom = calendar.AddDays(spec.End, -t.TrialWarningDays)
		if l.warnFrom.Before(spec.Start) {
			l.warnFrom = spec.Start
		}
		l.warnings = rule.ObligationsOf(
			rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: l.end, Subject: id},
			rule.Obligation{Kind: rule.Syslog, Rule: rule.LicTrialWarn, Due: l.end, Subject: id},
			rule.Obligation{Kind: rule.Warning, Rule: rule.LicTrialWarn, Due: l.end, Subject: id},
		)
	}
	l.seal()
	return l, nil
}

// MustNewLicense is NewLicense for tests and examples only: it panics on an
// error.
func (p Program) MustNewLicense(spec Spec) License {
	l, err := p.NewLicense(spec)
	if err != nil {
		panic(err)
	}
	return l
}

// IsValid reports whether l was built by Program.NewLicense.
func (l License) IsValid() bool { return l.kind.IsValid() }

// Program returns the program l was built under; the zero Program for the
// zero License.
func (l License) Program() Program { return Program{l.program} }

// ID returns the license's identifier.
func (l License) ID() string { return l.id }

// Kind returns the license's kind.
func (l License) Kind() Kind { return l.kind }

// Tier returns the license's tier.
func (l License) Tier() Tier { return l.tier }

// Platform returns the platform of the device the license is on.
func (l License) Platform() string { return l.platform }

// Class returns the like-device class of the device the license is on.
func (l License) Class() string { return l.class }

// Device returns the serial number of the device the license is on.
func (l License) Device() string { return l.device }

// Features returns a copy of the features the license grants.
func (l License) Features() []string { return slices.Clone(l.features) }

// HasFeature reports whether the license grants feature.
func (l License) HasFeature(feature string) bool { return slices.Contains(l.features, feature) }

// Capacity returns the scale the license grants; invalid means no limit.
func (l License) Capacity() decimal.NullDecimal { return l.capacity }

// Start returns when the license begins.
func (l License) Start() time.Time { return l.start }

// TermYears returns a subscription's term in years, zero for other kinds.
func (l License) TermYears() int { return l.termYears }

// Initial reports whether l is an initial subscription, which has grace.
func (l License) Initial() bool { return l.kind == Subscription && !l.renewal }

// TermEnd returns the end of a subscription's years or of a trial; zero for
// a perpetual license.
func (l License) TermEnd() time.Time { return l.termEnd }

// End returns the first instant the license grants nothing: the end of
// grace for an initial subscription, of its years for a renewal, a trial's
// end; zero for a perpetual license, which never ends (LIC-PERP-TERM).
func (l License) End() time.Time { return l.end }

// WarningFrom returns when a trial's warning window opens; zero for other
// kinds.
func (l License) WarningFrom() time.Time { return l.warnFrom }
