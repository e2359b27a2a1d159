package policy

import (
	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

// Request is a question for the engine, one of the twelve kinds of
// SCENARIOS.md. The set is sealed: only this package defines kinds, and
// Decide answers every one of them.
//
// Requests hold pointers to facts the caller built (a license, an order, a
// ledger), so that the hot path copies nothing; the engine never modifies
// them.
type Request interface{ request() }

// UseFeature asks whether Device may use Feature under License, for Units
// when the feature is metered (LIC-SOD).
type UseFeature struct {
	License *license.License
	Device  string
	Feature string
	Units   decimal.NullDecimal
}

// MoveLicense asks whether License may move to device To for Reason.
type MoveLicense struct {
	License *license.License
	To      license.Device
	Reason  license.MoveReason
}

// RenewLicense asks whether License may be renewed now for TermYears.
type RenewLicense struct {
	License   *license.License
	TermYears int
}

// ChangeTier asks whether License may change to Tier now.
type ChangeTier struct {
	License *license.License
	Tier    license.Tier
}

// TrialAvailable asks whether a temporary key of Feature exists on Platform.
type TrialAvailable struct {
	Platform, Feature string
}

// FulfilLine asks whether line Line of Order may be fulfilled now, and what
// fulfilment does.
type FulfilLine struct {
	Order *entitlement.Order
	Line  string
}

// ViewEntitlement asks whether Contact may see the entitlement of line Line
// of Order.
type ViewEntitlement struct {
	Contact *entitlement.Contact
	Order   *entitlement.Order
	Line    string
}

// PurchaseCredits asks whether an order of credits of Kind may be placed.
type PurchaseCredits struct {
	Kind  credits.Kind
	Order credits.Order
}

// CallOff asks whether CallOff may be called off now against Ledger.
type CallOff struct {
	Ledger  *credits.Ledger
	CallOff credits.CallOff
}

// CreditStatement asks for Ledger's statement of Quarter as known now.
type CreditStatement struct {
	Ledger  *credits.Ledger
	Quarter credits.Quarter
}

// TradeIn asks whether trade-in ID of Book earns a discount on an order
// placed now (TMIP-SWAP, TMIP-SUPPORT).
type TradeIn struct {
	Book *tmip.Book
	ID   string
}

// TradeInCompliance asks whether the return obligation of trade-in ID of
// Book is met now (TMIP-RETURN, TMIP-BREACH).
type TradeInCompliance struct {
	Book *tmip.Book
	ID   string
}

func (UseFeature) request()        {}
func (MoveLicense) request()       {}
func (RenewLicense) request()      {}
func (ChangeTier) request()        {}
func (TrialAvailable) request()    {}
func (FulfilLine) request()        {}
func (ViewEntitlement) request()   {}
func (PurchaseCredits) request()   {}
func (CallOff) request()           {}
func (CreditStatement) request()   {}
func (TradeIn) request()           {}
func (TradeInCompliance) request() {}
