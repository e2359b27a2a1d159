package license

import (
	"time"
	"unique"

	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/internal/names"
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

// License is one license, validated, bound to one device and to the
// Program it was built under, with its periods computed once: the end of
// its years, the end of grace, the start of a trial's warning window.
//
// A License is a value like net/netip.Addr: small, immutable, comparable.
// a == b reports the same license (every accessor answers alike), and a
// License is usable as a map key. Its features and the parts no use reads
// are interned, its instants kept as the integers a use compares. Moves,
// renewals and tier changes return new values. The zero License is
// invalid: it grants nothing, and every question about it is refused
// citing LIC-KIND.
type License struct {
	program *program
	device  string
	// features is the list the license grants (internal/names).
	features unique.Handle[string]
	more     unique.Handle[details]
	// start, mid and end are the instants the standing changes at, as Unix
	// seconds and nanoseconds: mid is a subscription's end of years or a
	// trial's warning window, end the first instant nothing is usable (the
	// end of grace, of a renewal's years, of a trial); both zero for a
	// perpetual license.
	startSec, midSec, endSec int64
	startNs, midNs, endNs    int32
	platform                 uint16 // index of the catalog's platforms
	class                    uint16 // 0: the platform's default class, else Classes[class-1]
	kind                     Kind
	tier                     Tier
	renewal                  bool
	termYears                uint8
}

// details are what a License holds that no use reads but a refusal, a
// trial's warning or an accessor does, interned so that equal licenses
// share them.
type details struct {
	id       string
	capacity capacity
	// warnings are a trial's alarm, syslog message and warning, due at its
	// end, built once so that a use in the window allocates nothing.
	warnings rule.Obligations
}

// NewLicense validates spec against the program's catalog and terms and
// returns the license, bound to p. Errors are *rule.Violation naming the
// value and the rule it breaks.
func (p Program) NewLicense(spec Spec) (License, error) {
	if p.p == nil {
		return License{}, noProgram()
	}
	l, ps, v := p.p.common(spec)
	if v != nil {
		return License{}, v
	}
	switch spec.Kind {
	case Perpetual:
		v = l.perpetual(spec)
	case Subscription:
		v = l.subscription(spec)
	case Trial:
		v = l.trial(spec, ps)
	}
	if v != nil {
		return License{}, v
	}
	l.more = unique.Make(details{id: spec.ID, capacity: capacityOf(spec.Capacity), warnings: l.trialWarnings(spec.ID)})
	return l, nil
}

// refuse is the violation of rule r by the license of spec.
func refuse(spec Spec, r rule.ID, format string, args ...any) *rule.Violation {
	return rule.Errorf([]rule.ID{r}, spec.ID, "license "+spec.ID+": "+format, args...)
}

// common checks what every kind of license needs and returns the license
// so far and its platform.
func (p *program) common(spec Spec) (License, *PlatformSpec, *rule.Violation) {
	switch {
	case spec.ID == "":
		return License{}, nil, refuse(spec, rule.LicKind, "has no ID")
	case !spec.Kind.IsValid():
		return License{}, nil, refuse(spec, rule.LicKind, "kind %d is not perpetual, subscription or trial", spec.Kind)
	case !spec.Tier.IsValid():
		return License{}, nil, refuse(spec, rule.LicTier, "tier %d is not standard, advanced or premium", spec.Tier)
	}
	ps, v := p.platform(spec.Platform)
	if v != nil {
		return License{}, nil, v
	}
	switch {
	case !spec.Device.IsValid():
		return License{}, nil, refuse(spec, rule.LicPerpBind, "has no valid device")
	case spec.Device.Platform != ps.Name:
		return License{}, nil, refuse(spec, rule.LicPlatform, "device %s is a %s, not a %s", spec.Device.Serial, spec.Device.Platform, ps.Name)
	}
	if v := p.checkDevice(spec.Device); v != nil {
		return License{}, nil, v
	}
	if v := checkFeatures(spec); v != nil {
		return License{}, nil, v
	}
	if c := spec.Capacity; c.Valid && !amount.InBounds(c.Decimal) {
		return License{}, nil, refuse(spec, rule.LicSOD, "capacity is %s", amount.OutOfRange(c.Decimal))
	}
	if c := spec.Capacity; c.Valid && c.Decimal.IsNegative() {
		return License{}, nil, refuse(spec, rule.LicSOD, "capacity %s is negative", c.Decimal)
	}
	if !calendar.InRange(spec.Start) {
		return License{}, nil, refuse(spec, rule.EntTimer, "start %s is not in years 0000 to 9999", spec.Start.UTC().Format(time.RFC3339Nano))
	}
	plat, class := p.indexOf(spec.Device)
	l := License{
		program: p, device: spec.Device.Serial, features: unique.Make(names.Of(spec.Features)),
		platform: plat, class: class, kind: spec.Kind, tier: spec.Tier,
	}
	l.startSec, l.startNs = split(spec.Start)
	return l, ps, nil
}

// checkFeatures refuses a license that grants no feature, or one unnamed or
// named twice (LIC-TIER).
func checkFeatures(spec Spec) *rule.Violation {
	if len(spec.Features) == 0 {
		return refuse(spec, rule.LicTier, "grants no feature")
	}
	seen := make(map[string]struct{}, len(spec.Features))
	for i, f := range spec.Features {
		if f == "" {
			return refuse(spec, rule.LicTier, "feature %d has no name", i)
		}
		if _, dup := seen[f]; dup {
			return refuse(spec, rule.LicTier, "feature %q is listed twice", f)
		}
		seen[f] = struct{}{}
	}
	return nil
}

func (l *License) perpetual(spec Spec) *rule.Violation {
	if spec.TermYears != 0 || !spec.End.IsZero() || spec.Renewal {
		return refuse(spec, rule.LicPerpTerm, "a perpetual license has no term, end or renewal")
	}
	return nil
}

func (l *License) subscription(spec Spec) *rule.Violation {
	t := &l.program.terms
	if !t.AllowsTerm(spec.TermYears) {
		return refuse(spec, rule.LicSubTerm, "term of %d years is not one of %v", spec.TermYears, t.SubscriptionTermYears)
	}
	if !spec.End.IsZero() {
		return refuse(spec, rule.LicSubTerm, "a subscription's end is computed from its start and term, never given")
	}
	// LIC-SUB-TERM: calendar years from the start, month-end clamped;
	// ENT-GRACE: an initial subscription adds the grace days.
	termEnd := calendar.AddYears(spec.Start, spec.TermYears)
	end := termEnd
	if !spec.Renewal {
		end = calendar.AddDays(termEnd, t.InitialGraceDays)
	}
	start := spec.Start.UTC().Format(time.RFC3339Nano)
	if !calendar.InRange(termEnd) {
		return refuse(spec, rule.LicSubTerm, "a term of %d years from %s ends after 9999-12-31, the last day an instant may fall on", spec.TermYears, start)
	}
	if !calendar.InRange(end) {
		return refuse(spec, rule.EntGrace, "initialGraceDays %d after a term of %d years from %s ends after 9999-12-31, the last day an instant may fall on", t.InitialGraceDays, spec.TermYears, start)
	}
	l.termYears, l.renewal = uint8(spec.TermYears), spec.Renewal // terms cap years at 100
	l.midSec, l.midNs = split(termEnd)
	l.endSec, l.endNs = split(end)
	return nil
}

func (l *License) trial(spec Spec, ps *PlatformSpec) *rule.Violation {
	switch {
	case spec.TermYears != 0 || spec.Renewal:
		return refuse(spec, rule.LicKind, "a trial has no term years and is never renewed")
	case !calendar.InRange(spec.End):
		return refuse(spec, rule.LicKind, "trial end %s is not in years 0000 to 9999", spec.End.UTC().Format(time.RFC3339Nano))
	case !spec.End.After(spec.Start):
		return refuse(spec, rule.LicKind, "trial ends at %s, not after its start %s", spec.End.Format(time.RFC3339), spec.Start.Format(time.RFC3339))
	case !ps.HasTrials():
		return refuse(spec, rule.LicTrialProducts, "platform %s has no trial keys", ps.Name)
	}
	for _, f := range spec.Features {
		if !(Program{l.program}).Feature(f).Trial {
			return refuse(spec, rule.LicTrialFeatures, "feature %q has no temporary key", f)
		}
	}
	// LIC-TRIAL-WARN: the window opens trialWarningDays before the end,
	// or at the start of a trial shorter than that.
	warnFrom := calendar.AddDays(spec.End, -l.program.terms.TrialWarningDays)
	if warnFrom.Before(spec.Start) {
		warnFrom = spec.Start
	}
	l.midSec, l.midNs = split(warnFrom)
	l.endSec, l.endNs = split(spec.End)
	return nil
}

// trialWarnings are a trial's alarm, syslog message and warning, due at
// its end (LIC-TRIAL-WARN); none for the other kinds.
func (l License) trialWarnings(id string) rule.Obligations {
	if l.kind != Trial {
		return rule.Obligations{}
	}
	end := l.End()
	return rule.ObligationsOf(
		rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: end, Subject: id},
		rule.Obligation{Kind: rule.Syslog, Rule: rule.LicTrialWarn, Due: end, Subject: id},
		rule.Obligation{Kind: rule.Warning, Rule: rule.LicTrialWarn, Due: end, Subject: id},
	)
}

// split is t as the seconds and nanoseconds a License keeps.
func split(t time.Time) (int64, int32) { return t.Unix(), int32(t.Nanosecond()) }

// atUnix is the instant of seconds and nanoseconds split returned, in UTC.
func atUnix(sec int64, ns int32) time.Time { return time.Unix(sec, int64(ns)).UTC() }

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
func (l License) IsValid() bool { return l.kind != 0 }

// Program returns the program l was built under; the zero Program for the
// zero License.
func (l License) Program() Program { return Program{l.program} }

// details returns what l interned; nothing for the zero License.
func (l License) details() details {
	if l.kind == 0 {
		return details{}
	}
	return l.more.Value()
}

// ID returns the license's identifier.
func (l License) ID() string { return l.details().id }

// Kind returns the license's kind.
func (l License) Kind() Kind { return l.kind }

// Tier returns the license's tier.
func (l License) Tier() Tier { return l.tier }

// Platform returns the platform of the device the license is on.
func (l License) Platform() string {
	if l.program == nil {
		return ""
	}
	return l.program.catalog.Platforms[l.platform].Name
}

// Class returns the like-device class of the device the license is on.
func (l License) Class() string {
	if l.program == nil {
		return ""
	}
	ps := &l.program.catalog.Platforms[l.platform]
	if l.class == 0 {
		return ps.DefaultClass()
	}
	return ps.Classes[l.class-1]
}

// Device returns the serial number of the device the license is on.
func (l License) Device() string { return l.device }

// Features returns a copy of the features the license grants, in the order
// they were given.
func (l License) Features() []string {
	if l.kind == 0 {
		return nil
	}
	return names.Slice(l.features.Value())
}

// HasFeature reports whether the license grants feature.
func (l License) HasFeature(feature string) bool {
	return l.kind != 0 && names.Contains(l.features.Value(), feature)
}

// Capacity returns the scale the license grants; invalid means no limit.
// A capacity is kept as its value, so 100, 100.0 and 1E2 read back alike.
func (l License) Capacity() decimal.NullDecimal { return l.details().capacity.nullDecimal() }

// Start returns when the license begins, in UTC.
func (l License) Start() time.Time {
	if l.kind == 0 {
		return time.Time{}
	}
	return atUnix(l.startSec, l.startNs)
}

// TermYears returns a subscription's term in years, zero for other kinds.
func (l License) TermYears() int { return int(l.termYears) }

// Initial reports whether l is an initial subscription, which has grace.
func (l License) Initial() bool { return l.kind == Subscription && !l.renewal }

// TermEnd returns the end of a subscription's years or of a trial, in UTC;
// zero for a perpetual license.
func (l License) TermEnd() time.Time {
	switch l.kind {
	case Subscription:
		return atUnix(l.midSec, l.midNs)
	case Trial:
		return atUnix(l.endSec, l.endNs)
	}
	return time.Time{}
}

// End returns the first instant the license grants nothing, in UTC: the
// end of grace for an initial subscription, of its years for a renewal, a
// trial's end; zero for a perpetual license, which never ends
// (LIC-PERP-TERM).
func (l License) End() time.Time {
	if l.kind == Subscription || l.kind == Trial {
		return atUnix(l.endSec, l.endNs)
	}
	return time.Time{}
}

// WarningFrom returns when a trial's warning window opens, in UTC; zero for
// other kinds.
func (l License) WarningFrom() time.Time {
	if l.kind == Trial {
		return atUnix(l.midSec, l.midNs)
	}
	return time.Time{}
}
