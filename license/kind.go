package license

import (
	"github.com/licensepolicy/licensepolicy/internal/enum"
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

var kinds = enum.New[Kind]("license", "Kind", "license kind", rule.LicKind.UnknownName,
	"", "perpetual", "subscription", "trial")

// ParseKind returns the kind named s ("perpetual", "subscription", "trial");
// an unknown name is a *rule.Violation of LIC-KIND that lists the names.
func ParseKind(s string) (Kind, error) { return kinds.Parse(s) }

// IsValid reports whether k is one of the kinds.
func (k Kind) IsValid() bool { return kinds.IsValid(k) }

// String returns the kind's name as scenario files write it, or
// "license.Kind(N)" for a value that is none.
func (k Kind) String() string { return kinds.String(k) }

// AppendText appends the kind's name; an invalid kind is an error.
func (k Kind) AppendText(b []byte) ([]byte, error) { return kinds.AppendText(b, k) }

// MarshalText encodes the kind's name; an invalid kind is an error.
func (k Kind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText decodes a kind's name, leaving k as it was on an error.
func (k *Kind) UnmarshalText(b []byte) error { return kinds.Unmarshal(k, b) }

// Tier is a license tier (LIC-TIER). The zero Tier is invalid.
type Tier uint8

// The tiers. Append-only: never reorder or reuse a value.
const (
	_ Tier = iota
	Standard
	Advanced
	Premium
)

var tiers = enum.New[Tier]("license", "Tier", "tier", rule.LicTier.UnknownName,
	"", "standard", "advanced", "premium")

// ParseTier returns the tier named s ("standard", "advanced", "premium");
// an unknown name is a *rule.Violation of LIC-TIER that lists the names.
func ParseTier(s string) (Tier, error) { return tiers.Parse(s) }

// IsValid reports whether t is one of the tiers.
func (t Tier) IsValid() bool { return tiers.IsValid(t) }

// String returns the tier's name as scenario files write it, or
// "license.Tier(N)" for a value that is none.
func (t Tier) String() string { return tiers.String(t) }

// AppendText appends the tier's name; an invalid tier is an error.
func (t Tier) AppendText(b []byte) ([]byte, error) { return tiers.AppendText(b, t) }

// MarshalText encodes the tier's name; an invalid tier is an error.
func (t Tier) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// UnmarshalText decodes a tier's name, leaving t as it was on an error.
func (t *Tier) UnmarshalText(b []byte) error { return tiers.Unmarshal(t, b) }

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

var families = enum.New[Family]("license", "Family", "platform family", rule.LicPlatform.UnknownName,
	"", "hardware", "virtual", "software")

// ParseFamily returns the family named s ("hardware", "virtual", "software");
// an unknown name is a *rule.Violation of LIC-PLATFORM that lists the names.
func ParseFamily(s string) (Family, error) { return families.Parse(s) }

// IsValid reports whether f is one of the families.
func (f Family) IsValid() bool { return families.IsValid(f) }

// String returns the family's name as scenario files write it, or
// "license.Family(N)" for a value that is none.
func (f Family) String() string { return families.String(f) }

// AppendText appends the family's name; an invalid family is an error.
func (f Family) AppendText(b []byte) ([]byte, error) { return families.AppendText(b, f) }

// MarshalText encodes the family's name; an invalid family is an error.
func (f Family) MarshalText() ([]byte, error) { return f.AppendText(nil) }

// UnmarshalText decodes a family's name, leaving f as it was on an error.
func (f *Family) UnmarshalText(b []byte) error { return families.Unmarshal(f, b) }

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

var moveReasons = enum.New[MoveReason]("license", "MoveReason", "move reason", rule.LicPort.UnknownName,
	"", "rma", "rebalance")

// ParseMoveReason returns the reason named s ("rma", "rebalance");
// an unknown name is a *rule.Violation of LIC-PORT that lists the names.
func ParseMoveReason(s string) (MoveReason, error) { return moveReasons.Parse(s) }

// IsValid reports whether r is one of the reasons.
func (r MoveReason) IsValid() bool { return moveReasons.IsValid(r) }

// String returns the reason's name as scenario files write it, or
// "license.MoveReason(N)" for a value that is none.
func (r MoveReason) String() string { return moveReasons.String(r) }

// AppendText appends the reason's name; an invalid reason is an error.
func (r MoveReason) AppendText(b []byte) ([]byte, error) { return moveReasons.AppendText(b, r) }

// MarshalText encodes the reason's name; an invalid reason is an error.
func (r MoveReason) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText decodes a reason's name, leaving r as it was on an error.
func (r *MoveReason) UnmarshalText(b []byte) error { return moveReasons.Unmarshal(r, b) }

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

var trialSettings = enum.New[Trials]("license", "Trials", "trial setting", rule.LicTrialProducts.UnknownName,
	"by-family", "offered", "none")

// ParseTrials returns the setting named s ("by-family", "offered", "none");
// an unknown name is a *rule.Violation of LIC-TRIAL-PRODUCTS that lists the names.
func ParseTrials(s string) (Trials, error) { return trialSettings.Parse(s) }

// IsValid reports whether t is one of the settings.
func (t Trials) IsValid() bool { return trialSettings.IsValid(t) }

// String returns the setting's name as scenario files write it, or
// "license.Trials(N)" for a value that is none.
func (t Trials) String() string { return trialSettings.String(t) }

// AppendText appends the setting's name; an invalid setting is an error.
func (t Trials) AppendText(b []byte) ([]byte, error) { return trialSettings.AppendText(b, t) }

// MarshalText encodes the setting's name; an invalid setting is an error.
func (t Trials) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// UnmarshalText decodes a setting's name, leaving t as it was on an error.
func (t *Trials) UnmarshalText(b []byte) error { return trialSettings.Unmarshal(t, b) }
