package license

import (
	"slices"
	"time"

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
// A License is a value like net/netip.Addr: one word, immutable,
// comparable. Its program keeps one copy of each distinct license (it is
// interned, as netip interns a zone), so a == b reports the same license:
// every accessor answers alike. A License is usable as a map key, with
// value receivers only, and its instants are kept as the integers a use
// compares. Moves, renewals and tier changes return new values. The zero
// License is invalid: it grants nothing, and every question about it is
// refused citing LIC-KIND.
type License struct{ b *body }

// key is what tells licenses apart: two licenses of equal keys are one.
type key struct {
	program *program
	id      string
	device  string
	// features is the list the license grants (internal/names).
	features string
	// capacity is the canonical text of the capacity; empty for no limit.
	capacity string
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

// body is a license as its program interns it: its key and what follows
// from it, worked out once so that a use reads it ready: the features as a
// slice, the standing as a schedule, the capacity, a trial's warnings.
type body struct {
	key
	featureList []string
	schedule
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
	k, ps, v := p.p.common(spec)
	if v != nil {
		return License{}, v
	}
	switch spec.Kind {
	case Perpetual:
		v = k.perpetual(spec)
	case Subscription:
		v = k.subscription(spec)
	case Trial:
		v = k.trial(spec, ps)
	}
	if v != nil {
		return License{}, v
	}
	return p.p.licenses.intern(k), nil
}

// refuse is the violation of rule r by the license of spec.
func refuse(spec Spec, r rule.ID, format string, args ...any) *rule.Violation {
	return rule.Errorf([]rule.ID{r}, spec.ID, "license "+spec.ID+": "+format, args...)
}

// common checks what every kind of license needs and returns the key so
// far and its platform.
func (p *program) common(spec Spec) (key, *PlatformSpec, *rule.Violation) {
	switch {
	case spec.ID == "":
		return key{}, nil, refuse(spec, rule.LicKind, "has no ID")
	case !spec.Kind.IsValid():
		return key{}, nil, refuse(spec, rule.LicKind, "kind %d is not perpetual, subscription or trial", spec.Kind)
	case !spec.Tier.IsValid():
		return key{}, nil, refuse(spec, rule.LicTier, "tier %d is not standard, advanced or premium", spec.Tier)
	}
	ps, v := p.platform(spec.Platform)
	if v != nil {
		return key{}, nil, v
	}
	switch {
	case !spec.Device.IsValid():
		return key{}, nil, refuse(spec, rule.LicPerpBind, "has no valid device")
	case spec.Device.Platform != ps.Name:
		return key{}, nil, refuse(spec, rule.LicPlatform, "device %s is a %s, not a %s", spec.Device.Serial, spec.Device.Platform, ps.Name)
	}
	if v := p.checkDevice(spec.Device); v != nil {
		return key{}, nil, v
	}
	if v := checkFeatures(spec); v != nil {
		return key{}, nil, v
	}
	if c := spec.Capacity; c.Valid && !amount.InBounds(c.Decimal) {
		return key{}, nil, refuse(spec, rule.LicSOD, "capacity is %s", amount.OutOfRange(c.Decimal))
	}
	if c := spec.Capacity; c.Valid && c.Decimal.IsNegative() {
		return key{}, nil, refuse(spec, rule.LicSOD, "capacity %s is negative", c.Decimal)
	}
	if !calendar.InRange(spec.Start) {
		return key{}, nil, refuse(spec, rule.EntTimer, "start %s is not in years 0000 to 9999", spec.Start.UTC().Format(time.RFC3339Nano))
	}
	plat, class := p.indexOf(spec.Device)
	k := key{
		program: p, id: spec.ID, device: spec.Device.Serial, features: names.Of(spec.Features),
		platform: plat, class: class, kind: spec.Kind, tier: spec.Tier,
	}
	if spec.Capacity.Valid {
		k.capacity = spec.Capacity.Decimal.String()
	}
	k.startSec, k.startNs = split(spec.Start)
	return k, ps, nil
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

func (k *key) perpetual(spec Spec) *rule.Violation {
	if spec.TermYears != 0 || !spec.End.IsZero() || spec.Renewal {
		return refuse(spec, rule.LicPerpTerm, "a perpetual license has no term, end or renewal")
	}
	return nil
}

func (k *key) subscription(spec Spec) *rule.Violation {
	t := &k.program.terms
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
	k.termYears, k.renewal = uint8(spec.TermYears), spec.Renewal // terms cap years at 100
	k.midSec, k.midNs = split(termEnd)
	k.endSec, k.endNs = split(end)
	return nil
}

func (k *key) trial(spec Spec, ps *PlatformSpec) *rule.Violation {
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
		if !(Program{k.program}).Feature(f).Trial {
			return refuse(spec, rule.LicTrialFeatures, "feature %q has no temporary key", f)
		}
	}
	// LIC-TRIAL-WARN: the window opens trialWarningDays before the end,
	// or at the start of a trial shorter than that.
	warnFrom := calendar.AddDays(spec.End, -k.program.terms.TrialWarningDays)
	if warnFrom.Before(spec.Start) {
		warnFrom = spec.Start
	}
	k.midSec, k.midNs = split(warnFrom)
	k.endSec, k.endNs = split(spec.End)
	return nil
}

// derive returns the body of k: k and what follows from it.
func (k key) derive() *body {
	b := &body{key: k, featureList: names.Slice(k.features), schedule: k.schedule(), capacity: capacityOf(k.capacity)}
	if k.kind == Trial {
		// LIC-TRIAL-WARN: alarm, syslog message and warning, due at the end.
		end := b.end()
		b.warnings = rule.ObligationsOf(
			rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: end, Subject: k.id},
			rule.Obligation{Kind: rule.Syslog, Rule: rule.LicTrialWarn, Due: end, Subject: k.id},
			rule.Obligation{Kind: rule.Warning, Rule: rule.LicTrialWarn, Due: end, Subject: k.id},
		)
	}
	return b
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

// noLicense is what the zero License reads: no kind, no program, nothing
// granted; never written.
var noLicense body

// get returns what l is, or noLicense for the zero License.
func (l License) get() *body {
	if l.b == nil {
		return &noLicense
	}
	return l.b
}

// IsValid reports whether l was built by Program.NewLicense.
func (l License) IsValid() bool { return l.b != nil }

// Program returns the program l was built under; the zero Program for the
// zero License.
func (l License) Program() Program { return Program{l.get().program} }

// ID returns the license's identifier.
func (l License) ID() string { return l.get().id }

// Kind returns the license's kind.
func (l License) Kind() Kind { return l.get().kind }

// Tier returns the license's tier.
func (l License) Tier() Tier { return l.get().tier }

// Platform returns the platform of the device the license is on.
func (l License) Platform() string {
	b := l.get()
	if b.program == nil {
		return ""
	}
	return b.program.catalog.Platforms[b.platform].Name
}

// Class returns the like-device class of the device the license is on.
func (l License) Class() string {
	b := l.get()
	if b.program == nil {
		return ""
	}
	ps := &b.program.catalog.Platforms[b.platform]
	if b.class == 0 {
		return ps.DefaultClass()
	}
	return ps.Classes[b.class-1]
}

// Device returns the serial number of the device the license is on.
func (l License) Device() string { return l.get().device }

// Features returns a copy of the features the license grants, in the order
// they were given.
func (l License) Features() []string { return slices.Clone(l.get().featureList) }

// HasFeature reports whether the license grants feature.
func (l License) HasFeature(feature string) bool {
	return slices.Contains(l.get().featureList, feature)
}

// Capacity returns the scale the license grants; invalid means no limit.
// A capacity is kept as its value, so 100, 100.0 and 1E2 read back alike.
func (l License) Capacity() decimal.NullDecimal { return l.get().capacity.nullDecimal() }

// Start returns when the license begins, in UTC.
func (l License) Start() time.Time {
	return l.get().start()
}

// TermYears returns a subscription's term in years, zero for other kinds.
func (l License) TermYears() int { return int(l.get().termYears) }

// Initial reports whether l is an initial subscription, which has grace.
func (l License) Initial() bool { return l.get().kind == Subscription && !l.get().renewal }

// TermEnd returns the end of a subscription's years or of a trial, in UTC;
// zero for a perpetual license.
func (l License) TermEnd() time.Time {
	switch b := l.get(); b.kind {
	case Subscription:
		return b.mid()
	case Trial:
		return b.end()
	}
	return time.Time{}
}

// End returns the first instant the license grants nothing, in UTC: the
// end of grace for an initial subscription, of its years for a renewal, a
// trial's end; zero for a perpetual license, which never ends
// (LIC-PERP-TERM).
func (l License) End() time.Time {
	if b := l.get(); b.kind == Subscription || b.kind == Trial {
		return b.end()
	}
	return time.Time{}
}

// WarningFrom returns when a trial's warning window opens, in UTC; zero for
// other kinds.
func (l License) WarningFrom() time.Time {
	if b := l.get(); b.kind == Trial {
		return b.mid()
	}
	return time.Time{}
}
