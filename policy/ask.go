package policy

import (
	"fmt"
	"reflect"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

// ask refuses a request Decide cannot ask, before anything is decided: a
// fact missing or built under other terms, a required field left zero (the
// package doc's table), an amount beyond the library's bound, or the zero
// instant. Facts are checked first, then the fields in the order the
// request declares them, then the instant; the first missing one is named.
func (e Engine) ask(r Request, at time.Time) error {
	var err *RequestError
	switch r := r.(type) {
	case UseFeature:
		err = first(e.licenseOf(r.License), need("Device", r.Device != "", "no device serial number"),
			need("Feature", r.Feature != "", "no feature name"), units(r.Units))
	case MoveLicense:
		err = first(e.licenseOf(r.License), need("To", r.To.Serial != "", "no device to move to"),
			need("Reason", r.Reason.IsValid(), fmt.Sprintf("invalid move reason %d (want rma or rebalance)", r.Reason)))
	case RenewLicense:
		err = first(e.licenseOf(r.License), need("TermYears", r.TermYears != 0, "no term: a renewal is for one of the terms' years"))
	case ChangeTier:
		err = first(e.licenseOf(r.License), need("Tier", r.Tier.IsValid(), fmt.Sprintf("invalid tier %d (want standard, advanced or premium)", r.Tier)))
	case TrialAvailable:
		err = first(need("Platform", r.Platform != "", "no platform name"), need("Feature", r.Feature != "", "no feature name"))
	case FulfilLine:
		err = first(e.orderOf(r.Order), need("Line", r.Line != "", "no line ID"))
	case ViewEntitlement:
		err = first(need("Contact", r.Contact.IsValid(), "no contact: build one with entitlement.NewContact"),
			e.orderOf(r.Order), need("Line", r.Line != "", "no line ID"))
	case PurchaseCredits:
		err = need("Kind", r.Kind.IsValid(), fmt.Sprintf("invalid credit kind %d (want professional or flexible)", r.Kind))
	case CallOff:
		err = e.ledgerOf(r.Ledger)
	case CreditStatement:
		err = first(e.ledgerOf(r.Ledger), need("Quarter", r.Quarter.IsValid(), fmt.Sprintf("invalid quarter %d-Q%d", r.Quarter.Year, r.Quarter.Q)))
	case TradeIn:
		err = first(e.bookOf(r.Book), need("ID", r.ID != "", "no trade-in ID"))
	case TradeInCompliance:
		err = first(e.bookOf(r.Book), need("ID", r.ID != "", "no trade-in ID"))
	case WithHistory:
		return e.askHistory(r, at)
	case nil:
		return &RequestError{Reason: "no request"}
	default:
		return &RequestError{Reason: "request of unknown type " + reflect.TypeOf(r).String()}
	}
	if err == nil && at.IsZero() {
		err = &RequestError{Field: "at", Reason: "no instant: the zero time.Time is not an instant a request is asked at"}
	}
	if err == nil {
		return nil
	}
	err.Kind = kindOf(r)
	return err
}

// need is the error of field when ok is false.
func need(field string, ok bool, reason string) *RequestError {
	if ok {
		return nil
	}
	return &RequestError{Field: field, Reason: reason}
}

// first returns the first of errs that is not nil.
func first(errs ...*RequestError) *RequestError {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// units refuses units beyond the library's bound on amounts.
func units(u decimal.NullDecimal) *RequestError {
	if !u.Valid || amount.InBounds(u.Decimal) {
		return nil
	}
	return &RequestError{Field: "Units", Reason: "units are " + amount.OutOfRange(u.Decimal)}
}

// licenseOf refuses a license that cannot be asked about: the zero one,
// or one built under another program than the engine's.
func (e Engine) licenseOf(l license.License) *RequestError {
	switch {
	case !l.IsValid():
		return &RequestError{Field: "License", Reason: "no license: build licenses with Engine.NewLicense"}
	case !e.e.license.Equal(l.Program()):
		return &RequestError{Field: "License", Reason: "license " + l.ID() + " was built under other license terms or catalog than the engine's", Err: ErrOtherTerms}
	}
	return nil
}

// orderOf refuses an order that cannot be asked about, as licenseOf.
func (e Engine) orderOf(o entitlement.Order) *RequestError {
	switch {
	case !o.IsValid():
		return &RequestError{Field: "Order", Reason: "no order: build orders with Engine.NewOrder"}
	case !e.e.entitlement.Equal(o.Program()):
		return &RequestError{Field: "Order", Reason: "order " + o.ID() + " was built under other delivery terms or catalog than the engine's", Err: ErrOtherTerms}
	}
	return nil
}

// ledgerOf refuses a ledger that cannot be asked about, as licenseOf.
func (e Engine) ledgerOf(l credits.Ledger) *RequestError {
	switch {
	case !l.IsValid():
		return &RequestError{Field: "Ledger", Reason: "no credit ledger: build one with Engine.NewLedger"}
	case !e.e.credits.Equal(l.Program()):
		return &RequestError{Field: "Ledger", Reason: "ledger " + l.Account().ID + " was built under other credits terms than the engine's", Err: ErrOtherTerms}
	}
	return nil
}

// bookOf refuses a book that cannot be asked about, as licenseOf. A
// trade-in the book does not hold is refused once the domain call has
// failed, so that a known one is looked up once.
func (e Engine) bookOf(b tmip.Book) *RequestError {
	switch {
	case !b.IsValid():
		return &RequestError{Field: "Book", Reason: "no trade-in book: build one with Engine.NewBook"}
	case !e.e.tmip.Equal(b.Program()):
		return &RequestError{Field: "Book", Reason: "the book was built under other TMIP terms or catalog than the engine's", Err: ErrOtherTerms}
	}
	return nil
}
