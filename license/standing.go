package license

import (
	"time"

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

var stateNames = []string{"", "not-started", "active", "in-grace", "in-warning", "expired"}

// String returns the state's name.
func (s State) String() string { return nameOf(stateNames, "license.State", int(s)) }

// MarshalText encodes the state's name; an invalid state is an error.
func (s State) MarshalText() ([]byte, error) { return marshalName(stateNames, "state", int(s)) }

// UnmarshalText decodes a state's name.
func (s *State) UnmarshalText(b []byte) error {
	i, err := parseName(stateNames, "license state", rule.LicKind, string(b))
	if err == nil {
		*s = State(i)
	}
	return err
}

// Usable reports whether a license in state s grants its features and scale.
func (s State) Usable() bool { return s == Active || s == InGrace || s == InWarning }

// Standing is a license's standing at an instant: its state, the rules
// behind it, the trial warnings due and the first instant it changes.
type Standing struct {
	State State
	Verdict
}

// StandingAt returns the license's standing at instant at. Until is the
// first instant after at where the state changes: the start, the end of a
// subscription's years, the end of grace, a trial's warning window and end;
// zero when the standing holds for good.
func (l License) StandingAt(at time.Time) Standing {
	if at.Before(l.start) {
		// ENT-TIMER: the timer starts at fulfilment; nothing before it.
		return l.standing(NotStarted, false, rulesNotStarted, reasonNotStarted, l.start)
	}
	switch l.kind {
	case Perpetual:
		// LIC-PERP-TERM: never expires.
		return l.standing(Active, true, rulesPerpetual, reasonPerpetual, time.Time{})
	case Subscription:
		switch {
		case at.Before(l.termEnd):
			// LIC-SUB-TERM: within its calendar years.
			return l.standing(Active, true, rulesSubTerm, reasonSubTerm, l.termEnd)
		case at.Before(l.end):
			// ENT-GRACE: an initial subscription's grace days.
			return l.standing(InGrace, true, rulesSubGrace, reasonSubGrace, l.end)
		default:
			// LIC-SUB-EXPIRY, LIC-RENEW: never renewed by itself.
			return l.standing(Expired, false, rulesSubExpired, reasonSubExpired, time.Time{})
		}
	case Trial:
		switch {
		case at.Before(l.warnFrom):
			return l.standing(Active, true, rulesTrial, reasonTrial, l.warnFrom)
		case at.Before(l.end):
			// LIC-TRIAL-WARN: alarm, syslog and warning, due at the end.
			s := l.standing(InWarning, true, rulesTrialWarn, reasonTrialWarn, l.end)
			s.Obligations = l.warnings
			return s
		default:
			// LIC-TRIAL-EXPIRY: unusable until a license is purchased.
			return l.standing(Expired, false, rulesTrialExpired, reasonTrialExpired, time.Time{})
		}
	}
	return Standing{Verdict: Verdict{Rules: []rule.ID{rule.LicKind}, Reason: reasonInvalid, subject: l.id}}
}

func (l License) standing(s State, usable bool, rules []rule.ID, reason string, until time.Time) Standing {
	return Standing{State: s, Verdict: Verdict{Allowed: usable, Rules: rules, Reason: reason, Until: until, subject: l.id}}
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
	return Grant{Features: l.Features(), Capacity: l.capacity}
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
