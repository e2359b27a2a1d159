package license

import (
	"math"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// State is where a license stands at an instant. The zero State is invalid.
type State uint8

// The states. Append-only: never reorder or reuse a value.
const (
	_ State = iota
	// NotStarted: before the license's start nothing is usable (ENT-TIMER).
	NotStarted
	// Active: usable; a perpetual license for good, a subscription within its
	// years, a trial before its warning window.
	Active
	// InGrace: an initial subscription past its years, within its grace
	// (ENT-GRACE).
	InGrace
	// InWarning: a trial in its warning window, usable with alarms, syslog
	// messages and warnings (LIC-TRIAL-WARN).
	InWarning
	// Expired: a subscription or trial past its end; its features and scale
	// are no longer usable (LIC-SUB-EXPIRY, LIC-TRIAL-EXPIRY).
	Expired
)

var states = enum.New[State]("license", "State", "license state", rule.LicKind.UnknownName,
	"", "not-started", "active", "in-grace", "in-warning", "expired")

// ParseState returns the state named s ("not-started", "active", "in-grace",
// "in-warning", "expired"); an unknown name is a *rule.Violation of LIC-KIND
// that lists the names.
func ParseState(s string) (State, error) { return states.Parse(s) }

// IsValid reports whether s is one of the states.
func (s State) IsValid() bool { return states.IsValid(s) }

// String returns the state's name, or "license.State(N)" for a value that is
// none.
func (s State) String() string { return states.String(s) }

// AppendText appends the state's name; an invalid state is an error.
func (s State) AppendText(b []byte) ([]byte, error) { return states.AppendText(b, s) }

// MarshalText encodes the state's name; an invalid state is an error.
func (s State) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText decodes a state's name, leaving s as it was on an error.
func (s *State) UnmarshalText(b []byte) error { return states.Unmarshal(s, b) }

// Usable reports whether a license in state s grants its features and scale.
func (s State) Usable() bool { return s == Active || s == InGrace || s == InWarning }

// Standing is a license's standing at an instant: its state, the rules
// behind it, the trial warnings due and the first instant it changes. The
// zero Standing is that of the zero License: invalid, not usable.
type Standing struct {
	State State
	rule.Verdict
}

// StandingAt returns the license's standing at instant at. Until is the
// first instant after at where the state changes: the start, the end of a
// subscription's years, the end of grace, a trial's warning window and end;
// zero when the standing holds for good.
func (l License) StandingAt(at time.Time) Standing {
	row, until := l.stand(at)
	return Standing{State: rowStates[row], Verdict: l.verdict(row, until)}
}

// A standing row is what a standing says apart from its instant: state,
// answer, rules and reason, one per case, numbered so that answering passes
// a byte, never builds a list. The rulings of the rows and of the use
// refusals (use.go) share one table indexed by that byte.
const (
	rowInvalid uint8 = iota
	rowNotStarted
	rowPerpetual
	rowSubTerm
	rowSubGrace
	rowSubExpired
	rowTrial
	rowTrialWarn
	rowTrialExpired
	// rowRefusals is the first of the use refusals: rowRefusals +
	// 8*perpetual + grounds (use.go).
	rowRefusals
	// rowBadUnits refuses a use asking for zero or negative units (LIC-SOD).
	rowBadUnits = rowRefusals + 16
	// rowUnitsOutOfRange refuses a use asking for units beyond the
	// library's bound on amounts (LIC-SOD).
	rowUnitsOutOfRange = rowBadUnits + 1
)

// rulings and rowStates are indexed by a row's byte, so that a lookup
// needs no bounds check; never written after initialisation.
var rulings, rowStates = rulingTable()

func rulingTable() (t [256]ruling, states [256]State) {
	for i, r := range []struct {
		state State
		ruling
	}{
		rowInvalid:      {0, ruling{false, rulesInvalid, reasonInvalid}},
		rowNotStarted:   {NotStarted, ruling{false, rulesNotStarted, reasonNotStarted}},
		rowPerpetual:    {Active, ruling{true, rulesPerpetual, reasonPerpetual}},
		rowSubTerm:      {Active, ruling{true, rulesSubTerm, reasonSubTerm}},
		rowSubGrace:     {InGrace, ruling{true, rulesSubGrace, reasonSubGrace}},
		rowSubExpired:   {Expired, ruling{false, rulesSubExpired, reasonSubExpired}},
		rowTrial:        {Active, ruling{true, rulesTrial, reasonTrial}},
		rowTrialWarn:    {InWarning, ruling{true, rulesTrialWarn, reasonTrialWarn}},
		rowTrialExpired: {Expired, ruling{false, rulesTrialExpired, reasonTrialExpired}},
		rowBadUnits:     {0, ruling{false, rule.ListOf(rule.LicSOD), "units must be positive"}},
		rowUnitsOutOfRange: {0, ruling{false, rule.ListOf(rule.LicSOD),
			"the units asked are out of range: at most 40 digits either side of the point"}},
	} {
		t[i], states[i] = r.ruling, r.state
	}
	for perp := range 2 {
		for b := useBreaks(1); b <= breaksAll; b++ {
			t[refusalRow(perp == 1, b)] = useRefusal(perp == 1, b)
		}
	}
	return t, states
}

var rulesInvalid = rule.ListOf(rule.LicKind)

// stand is StandingAt's decision: the row that applies at at and the instant
// it stops applying.
func (l License) stand(at time.Time) (uint8, time.Time) {
	if l.b == nil {
		// The zero License has no bounds: it grants nothing, for good.
		return rowInvalid, time.Time{}
	}
	return l.b.standValid(at)
}

// standValid is stand for a license of a kind, which the hot path has
// checked already.
func (l *body) standValid(at time.Time) (uint8, time.Time) {
	var k int
	if n, ok := nanosAt(at); ok {
		k = l.phase(n)
	} else {
		k = l.phaseFar(at)
	}
	return l.rows[k], l.bounds[k]
}

// schedule is a license's standing over time, laid out for a use to read
// with integer compares: the standing at instant at is rows[k] until
// bounds[k], k the number of the instants the standing changes at (start,
// mid, end, see key) that at has reached.
type schedule struct {
	// bounds are start, mid and end in UTC, then the zero time: a standing
	// past the last change holds for good. A perpetual license's mid and
	// end are zero too.
	bounds [4]time.Time
	// nanos are bounds[:3] as Unix nanoseconds, clamped to the int64 range
	// (an instant before or after it compares as the least or greatest
	// int64); never for a perpetual license's mid and end.
	nanos [3]int64
	rows  [4]uint8
	// changes is how many of bounds the standing changes at: 1 for a
	// perpetual license, 3 for the others.
	changes uint8
}

// The Unix seconds whose every instant has Unix nanoseconds in an int64.
const (
	minNanoSec = math.MinInt64/1_000_000_000 + 1
	maxNanoSec = math.MaxInt64/1_000_000_000 - 1
)

// schedule lays out k's standing. The instants a standing changes at never
// go backwards (start <= mid <= end), so that counting those reached finds
// the one in force.
func (k key) schedule() schedule {
	s := schedule{nanos: [3]int64{nanosOf(k.startSec, k.startNs), math.MaxInt64, math.MaxInt64}, changes: 1}
	s.bounds[0] = atUnix(k.startSec, k.startNs)
	switch k.kind {
	case Perpetual:
		// LIC-PERP-TERM: never expires.
		s.rows = [4]uint8{rowNotStarted, rowPerpetual, rowPerpetual, rowPerpetual}
		return s
	case Subscription:
		// LIC-SUB-TERM, ENT-GRACE (none for a renewal: its end is its mid),
		// LIC-SUB-EXPIRY.
		s.rows = [4]uint8{rowNotStarted, rowSubTerm, rowSubGrace, rowSubExpired}
	case Trial:
		// LIC-TRIAL-WARN from its mid, LIC-TRIAL-EXPIRY at its end.
		s.rows = [4]uint8{rowNotStarted, rowTrial, rowTrialWarn, rowTrialExpired}
	default:
		return schedule{}
	}
	s.bounds[1], s.bounds[2] = atUnix(k.midSec, k.midNs), atUnix(k.endSec, k.endNs)
	s.nanos[1], s.nanos[2] = nanosOf(k.midSec, k.midNs), nanosOf(k.endSec, k.endNs)
	s.changes = 3
	return s
}

// nanosOf is the instant of sec and ns in Unix nanoseconds, clamped to the
// int64 range.
func nanosOf(sec int64, ns int32) int64 {
	switch {
	case sec < minNanoSec:
		return math.MinInt64
	case sec > maxNanoSec:
		return math.MaxInt64
	}
	return sec*1e9 + int64(ns)
}

// nanosAt returns at in Unix nanoseconds, and false when they do not fit
// in an int64 (instants before 1677-09-21 or after 2262-04-11).
func nanosAt(at time.Time) (int64, bool) {
	sec := at.Unix()
	if sec < minNanoSec || sec > maxNanoSec {
		return 0, false
	}
	return sec*1e9 + int64(at.Nanosecond()), true
}

// phase returns how many of the instants the standing changes at the
// instant of Unix nanoseconds n has reached: three integer compares.
func (s *schedule) phase(n int64) int {
	k := 0
	if n >= s.nanos[0] {
		k++
	}
	if n >= s.nanos[1] {
		k++
	}
	if n >= s.nanos[2] {
		k++
	}
	return k
}

// phaseFar is phase for an instant whose Unix nanoseconds do not fit in
// an int64: its seconds and nanoseconds compared with each change's.
func (s *schedule) phaseFar(at time.Time) int {
	sec, ns, k := at.Unix(), at.Nanosecond(), 0
	for _, b := range s.bounds[:s.changes] {
		if bs := b.Unix(); sec < bs || sec == bs && ns < b.Nanosecond() {
			break
		}
		k++
	}
	return k
}

func (s *schedule) start() time.Time { return s.bounds[0] }
func (s *schedule) mid() time.Time   { return s.bounds[1] }
func (s *schedule) end() time.Time   { return s.bounds[2] }

// verdict is the Verdict of row until until, with a trial's warnings when
// the row is its warning window (LIC-TRIAL-WARN).
func (l License) verdict(row uint8, until time.Time) rule.Verdict {
	r := &rulings[row]
	b := l.get()
	v := rule.Verdict{Allowed: r.allowed, Rules: r.rules, Reason: r.reason, Until: until, Subject: b.id}
	if row == rowTrialWarn {
		v.Obligations = b.warnings
	}
	return v
}

// Grant is what a license grants at an instant: its features and its scale
// (LIC-SOD). The zero Grant grants nothing.
type Grant struct {
	Features []string
	// Capacity is the scale granted; invalid means full bandwidth.
	Capacity decimal.NullDecimal
}

// GrantsAt returns what the license grants at instant at: its features and
// capacity while usable, nothing before its start or after its end. The
// hardware itself is never the license's to take (LIC-SUB-EXPIRY).
func (l License) GrantsAt(at time.Time) Grant {
	if !l.StandingAt(at).State.Usable() {
		return Grant{}
	}
	return Grant{Features: l.Features(), Capacity: l.Capacity()}
}

// Reasons, constant so that answering allocates nothing.
const (
	reasonInvalid      = "the license is not valid"
	reasonNotStarted   = "the license has not started: its timer starts at fulfilment"
	reasonPerpetual    = "a perpetual license never expires"
	reasonSubTerm      = "the subscription is within its term"
	reasonSubGrace     = "the subscription is in its initial grace period"
	reasonSubExpired   = "the subscription has expired and was not renewed"
	reasonTrial        = "the trial is active"
	reasonTrialWarn    = "the trial is due to expire: alarms, syslog messages and warnings are raised"
	reasonTrialExpired = "the trial has expired: a license must be purchased"
)
