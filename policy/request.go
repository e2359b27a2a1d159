package policy

import (
	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

// Request is a question for the engine, one of twelve kinds, or one of the
// four license kinds asked of a license's history (WithHistory). The set
// is sealed: only this package defines kinds, and Decide answers every one
// of them. A nil Request, the zero value of the interface, asks nothing.
//
// Requests hold the facts the caller built (a license, an order, a ledger)
// by value: a fact is a small value or a handle, so a request copies
// little, and nothing done to one request's facts reaches another's. What
// each kind needs is in the package doc's table; a request missing it, and
// a nil Request, is refused with a *RequestError.
type Request interface{ request() }

// UseFeature asks whether Device may use Feature under License, for Units
// when the feature is metered (LIC-SOD). The zero UseFeature names no
// license: Decide refuses it with a *RequestError.
type UseFeature struct {
	License license.License
	Device  string
	Feature string
	Units   decimal.NullDecimal
}

// MoveLicense asks whether License may move to device To for Reason. The zero
// MoveLicense names no license: Decide refuses it with a *RequestError.
type MoveLicense struct {
	License license.License
	To      license.Device
	Reason  license.MoveReason
}

// RenewLicense asks whether License may be renewed now for TermYears. The
// zero RenewLicense names no license: Decide refuses it with a *RequestError.
type RenewLicense struct {
	License   license.License
	TermYears int
}

// ChangeTier asks whether License may change to Tier now. The zero ChangeTier
// names no license: Decide refuses it with a *RequestError.
type ChangeTier struct {
	License license.License
	Tier    license.Tier
}

// TrialAvailable asks whether a temporary key of Feature exists on Platform.
// The zero TrialAvailable names no platform: Decide refuses it with a
// *RequestError.
type TrialAvailable struct {
	Platform, Feature string
}

// FulfilLine asks whether line Line of Order may be fulfilled now, and what
// fulfilment does. The zero FulfilLine names no order: Decide refuses it with
// a *RequestError.
type FulfilLine struct {
	Order entitlement.Order
	Line  string
}

// ViewEntitlement asks whether Contact may see the entitlement of line Line
// of Order. The zero ViewEntitlement names no order: Decide refuses it with a
// *RequestError.
type ViewEntitlement struct {
	Contact entitlement.Contact
	Order   entitlement.Order
	Line    string
}

// PurchaseCredits asks whether an order of credits of Kind may be placed. The
// zero PurchaseCredits is of no credit kind: Decide refuses it with a
// *RequestError.
type PurchaseCredits struct {
	Kind  credits.Kind
	Order credits.Order
}

// CallOff asks whether CallOff may be called off now against Ledger. The zero
// CallOff names no ledger: Decide refuses it with a *RequestError.
type CallOff struct {
	Ledger  credits.Ledger
	CallOff credits.CallOff
}

// CreditStatement asks for Ledger's statement of Quarter as known now. The
// zero CreditStatement names no ledger: Decide refuses it with a
// *RequestError.
type CreditStatement struct {
	Ledger  credits.Ledger
	Quarter credits.Quarter
}

// TradeIn asks whether trade-in ID of Book earns a discount on an order
// placed now (TMIP-SWAP, TMIP-SUPPORT). The zero TradeIn names no book:
// Decide refuses it with a *RequestError.
type TradeIn struct {
	Book tmip.Book
	ID   string
}

// TradeInCompliance asks whether the return obligation of trade-in ID of
// Book is met now (TMIP-RETURN, TMIP-BREACH). The zero TradeInCompliance
// names no book: Decide refuses it with a *RequestError.
type TradeInCompliance struct {
	Book tmip.Book
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
