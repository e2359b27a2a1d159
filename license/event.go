package license

import (
	"strconv"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// EventKind is what happened to a license after it was issued: a move, a
// tier change or a renewal. The zero EventKind is invalid.
type EventKind uint8

// The event kinds, named as the requests of the same kind. Append-only:
// never reorder or reuse a value.
const (
	_ EventKind = iota
	// Moved: the license moved to another device (LIC-PORT, LIC-PERP-RMA).
	Moved
	// TierChanged: the subscription changed tier (LIC-SUB-CHANGE).
	TierChanged
	// Renewed: the subscription was renewed (LIC-RENEW).
	Renewed
)

var eventKinds = enum.New[EventKind]("license", "EventKind", "history event kind", rule.LicKind.UnknownName,
	"", "moveLicense", "changeTier", "renewLicense")

// ParseEventKind returns the event kind named s ("moveLicense",
// "changeTier", "renewLicense"); an unknown name is a *rule.Violation of
// LIC-KIND that lists the names.
func ParseEventKind(s string) (EventKind, error) { return eventKinds.Parse(s) }

// IsValid reports whether k is one of the event kinds.
func (k EventKind) IsValid() bool { return eventKinds.IsValid(k) }

// String returns the kind's name as scenario files write it, or
// "license.EventKind(N)" for a value that is none.
func (k EventKind) String() string { return eventKinds.String(k) }

// AppendText appends the kind's name; an invalid kind is an error.
func (k EventKind) AppendText(b []byte) ([]byte, error) { return eventKinds.AppendText(b, k) }

// MarshalText encodes the kind's name; an invalid kind is an error.
func (k EventKind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText decodes a kind's name, leaving k as it was on an error.
func (k *EventKind) UnmarshalText(b []byte) error { return eventKinds.Unmarshal(k, b) }

// Event is one thing that happened to a license at an instant, with the
// fields of the request of its kind: a move's device and reason, a tier
// change's tier, a renewal's term. The fields of the other kinds stay
// zero. Events are comparable with ==. The zero Event has no kind:
// [NewHistory] refuses it citing LIC-KIND.
type Event struct {
	// At is when it happened.
	At   time.Time
	Kind EventKind
	// To and Reason are a move's device and reason.
	To     Device
	Reason MoveReason
	// Tier is a tier change's new tier.
	Tier Tier
	// TermYears is a renewal's term.
	TermYears int
}

// MoveEvent is the event of the license moving to device to for reason at
// instant at.
func MoveEvent(at time.Time, to Device, reason MoveReason) Event {
	return Event{At: at, Kind: Moved, To: to, Reason: reason}
}

// TierEvent is the event of the license changing to tier at instant at.
func TierEvent(at time.Time, tier Tier) Event {
	return Event{At: at, Kind: TierChanged, Tier: tier}
}

// RenewEvent is the event of the license being renewed for years at instant
// at.
func RenewEvent(at time.Time, years int) Event {
	return Event{At: at, Kind: Renewed, TermYears: years}
}

// rules returns the rule an event of e's kind answers to, for a license of
// kind k: what an event refused before it is judged is refused under.
func (e Event) rules(k Kind) rule.List {
	switch e.Kind {
	case Moved:
		if k == Perpetual {
			return rule.ListOf(rule.LicPerpRMA)
		}
		return rule.ListOf(rule.LicPort)
	case TierChanged:
		return rule.ListOf(rule.LicSubChange)
	case Renewed:
		return rule.ListOf(rule.LicRenew)
	}
	return rule.ListOf(rule.LicKind)
}

// stray reports whether e holds a field of another kind than its own.
func (e Event) stray() bool {
	switch e.Kind {
	case Moved:
		return e.Tier != 0 || e.TermYears != 0
	case TierChanged:
		return e.To != (Device{}) || e.Reason != 0 || e.TermYears != 0
	case Renewed:
		return e.To != (Device{}) || e.Reason != 0 || e.Tier != 0
	}
	return false
}

// describe says what e asked for, for an error.
func (e Event) describe() string {
	switch e.Kind {
	case Moved:
		return "moveLicense to " + e.To.Serial + " (" + e.Reason.String() + ")"
	case TierChanged:
		return "changeTier to " + e.Tier.String()
	case Renewed:
		return "renewLicense for " + strconv.Itoa(e.TermYears) + " years"
	}
	return "an event of kind " + e.Kind.String()
}
