package license

import (
	"fmt"
	"slices"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Kind is a license kind (LIC-KIND). The zero Kind is invalid.
type Kind uint8

// The kinds. Append-only: never reorder or reuse a value.
const (
	_ Kind = iota
	Perpetual
	Subscription
	Trial
)

var kindNames = []string{"", "perpetual", "subscription", "trial"}

// ParseKind returns the kind named s ("perpetual", "subscription", "trial").
func ParseKind(s string) (Kind, error) {
	i, err := parseName(kindNames, "license kind", rule.LicKind, s)
	return Kind(i), err
}

// IsValid reports whether k is one of the kinds.
func (k Kind) IsValid() bool { return k > 0 && int(k) < len(kindNames) }

// String returns the kind's name as scenario files write it.
func (k Kind) String() string { return nameOf(kindNames, "license.Kind", int(k)) }

// MarshalText encodes the kind's name; an invalid kind is an error.
func (k Kind) MarshalText() ([]byte, error) { return marshalName(kindNames, "kind", int(k)) }

// UnmarshalText decodes a kind's name.
func (k *Kind) UnmarshalText(b []byte) error {
	p, err := ParseKind(string(b))
	if err == nil {
		*k = p
	}
	return err
}

// Tier is a license tier (LIC-TIER). The zero Tier is invalid.
type Tier uint8

// The tiers. Append-only: never reorder or reuse a value.
const (
	_ Tier = iota
	Standard
	Advanced
	Premium
)

var tierNames = []string{"", "standard", "advanced", "premium"}

// ParseTier returns the tier named s ("standard", "advanced", "premium").
func ParseTier(s string) (Tier, error) {
	i, err := parseName(tierNames, "tier", rule.LicTier, s)
	return Tier(i), err
}

// IsValid reports whether t is one of the tiers.
func (t Tier) IsValid() bool { return t > 0 && int(t) < len(tierNames) }

// String returns the tier's name as scenario files write it.
func (t Tier) String() string { return nameOf(tierNames, "license.Tier", int(t)) }

// MarshalText encodes the tier's name; an invalid tier is an error.
func (t Tier) MarshalText() ([]byte, error) { return marshalName(tierNames, "tier", int(t)) }

// UnmarshalText decodes a tier's name.
func (t *Tier) UnmarshalText(b []byte) error {
	p, err := ParseTier(string(b))
	if err == nil {
		*t = p
	}
	return err
}

// Family is a platform family (LIC-PLATFORM). The zero Family is invalid.
type Family uint8

// The families. Append-only: never reorder or reuse a value.
const (
	_ Family = iota
	// Hardware is the high-performance hardware family: PTX, MX, QFX, EX,
	// SRX, NFX and ACX Series.
	Hardware
	// Virtual is the virtual and cloud family: vMX, vSRX, cSRX, cRPD.
	Virtual
	// Software is standalone software and services: Contrail, Paragon
	// Automation, Wi-Fi, Wired and WAN Assurance.
	Software
)

var familyNames = []string{"", "hardware", "virtual", "software"}

// ParseFamily returns the family named s ("hardware", "virtual", "software").
func ParseFamily(s string) (Family, error) {
	i, err := parseName(familyNames, "platform family", rule.LicPlatform, s)
	return Family(i), err
}

// IsValid reports whether f is one of the families.
func (f Family) IsValid() bool { return f > 0 && int(f) < len(familyNames) }

// String returns the family's name as scenario files write it.
func (f Family) String() string { return nameOf(familyNames, "license.Family", int(f)) }

// MarshalText encodes the family's name; an invalid family is an error.
func (f Family) MarshalText() ([]byte, error) { return marshalName(familyNames, "family", int(f)) }

// UnmarshalText decodes a family's name.
func (f *Family) UnmarshalText(b []byte) error {
	p, err := ParseFamily(string(b))
	if err == nil {
		*f = p
	}
	return err
}

// MoveReason says why a license moves. The zero MoveReason is invalid.
type MoveReason uint8

// The reasons. Append-only: never reorder or reuse a value.
const (
	_ MoveReason = iota
	// RMA is the exchange of a failed device for its replacement
	// (LIC-PERP-RMA).
	RMA
	// Rebalance is moving a license to another device of the same class
	// (LIC-PORT).
	Rebalance
)

var moveReasonNames = []string{"", "rma", "rebalance"}

// ParseMoveReason returns the reason named s ("rma", "rebalance").
func ParseMoveReason(s string) (MoveReason, error) {
	i, err := parseName(moveReasonNames, "move reason", rule.LicPort, s)
	return MoveReason(i), err
}

// IsValid reports whether r is one of the reasons.
func (r MoveReason) IsValid() bool { return r > 0 && int(r) < len(moveReasonNames) }

// String returns the reason's name as scenario files write it.
func (r MoveReason) String() string { return nameOf(moveReasonNames, "license.MoveReason", int(r)) }

// MarshalText encodes the reason's name; an invalid reason is an error.
func (r MoveReason) MarshalText() ([]byte, error) {
	return marshalName(moveReasonNames, "move reason", int(r))
}

// UnmarshalText decodes a reason's name.
func (r *MoveReason) UnmarshalText(b []byte) error {
	p, err := ParseMoveReason(string(b))
	if err == nil {
		*r = p
	}
	return err
}

// Trials says whether trial keys exist for a platform (LIC-TRIAL-PRODUCTS).
// The zero value, TrialsByFamily, follows the platform's family: the
// virtual and cloud platforms have trials, hardware and standalone software
// have none unless the catalog says so.
type Trials uint8

// The settings. Append-only: never reorder or reuse a value.
const (
	// TrialsByFamily: trials exist for a virtual or cloud platform only.
	TrialsByFamily Trials = iota
	// TrialsOffered: trial keys exist for the platform.
	TrialsOffered
	// TrialsNone: no trial keys exist for the platform.
	TrialsNone
)

var trialsNames = []string{"by-family", "offered", "none"}

// ParseTrials returns the setting named s ("by-family", "offered", "none").
func ParseTrials(s string) (Trials, error) {
	if i := slices.Index(trialsNames, s); i >= 0 {
		return Trials(i), nil
	}
	return 0, rule.Errorf([]rule.ID{rule.LicTrialProducts}, s, "unknown trial setting %q (want one of %s)", s, strings.Join(trialsNames, ", "))
}

// IsValid reports whether t is one of the settings.
func (t Trials) IsValid() bool { return int(t) < len(trialsNames) }

// String returns the setting's name.
func (t Trials) String() string {
	if !t.IsValid() {
		return fmt.Sprintf("license.Trials(%d)", uint8(t))
	}
	return trialsNames[t]
}

// MarshalText encodes the setting's name; an invalid setting is an error.
func (t Trials) MarshalText() ([]byte, error) {
	if !t.IsValid() {
		return nil, fmt.Errorf("license: invalid trial setting %d", uint8(t))
	}
	return []byte(trialsNames[t]), nil
}

// UnmarshalText decodes a setting's name.
func (t *Trials) UnmarshalText(b []byte) error {
	p, err := ParseTrials(string(b))
	if err == nil {
		*t = p
	}
	return err
}
