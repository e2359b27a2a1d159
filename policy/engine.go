package policy

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/tmip"
)

// Terms are the published numbers the engine applies: each domain
// package's own terms. The zero Terms are refused by Validate and NewEngine:
// every package's terms need their numbers.
type Terms struct {
	License     license.Terms
	Entitlement entitlement.Terms
	Credits     credits.Terms
	TMIP        tmip.Terms
}

// DefaultTerms returns the published terms of every package.
func DefaultTerms() Terms {
	return Terms{License: license.DefaultTerms(), Entitlement: entitlement.DefaultTerms(),
		Credits: credits.DefaultTerms(), TMIP: tmip.DefaultTerms()}
}

// Validate refuses terms any domain package refuses.
func (t Terms) Validate() error {
	return errors.Join(t.License.Validate(), t.Entitlement.Validate(), t.Credits.Validate(), t.TMIP.Validate())
}

// Catalog is the product data the engine applies: each domain package's
// own catalog. The zero Catalog is refused by Validate and NewEngine: it
// lists no platform.
type Catalog struct {
	License     license.Catalog
	Entitlement entitlement.Catalog
	TMIP        tmip.Catalog
}

// DefaultCatalog returns the published catalog of every package.
func DefaultCatalog() Catalog {
	return Catalog{License: license.DefaultCatalog(), Entitlement: entitlement.DefaultCatalog(), TMIP: tmip.DefaultCatalog()}
}

// Validate refuses a catalog any domain package refuses.
func (c Catalog) Validate() error {
	return errors.Join(c.License.Validate(), c.Entitlement.Validate(), c.TMIP.Validate())
}

// Engine decides Requests under one set of terms and catalog: the four
// domain programs built from them by NewEngine. Facts are built under those
// programs (NewLicense, NewDevice, NewOrder, NewBook, or the programs
// themselves), and Decide refuses a fact built under other terms with a
// *RequestError, so one decision never mixes two sets. An Engine never
// changes, so one serves any number of goroutines. The zero Engine and a nil
// *Engine decide nothing: every request is an error.
type Engine struct {
	license     *license.Program
	entitlement *entitlement.Program
	credits     *credits.Program
	tmip        *tmip.Program
}

// NewEngine validates terms and catalog and returns an Engine. It keeps
// copies: changing t or c afterwards changes nothing in it.
func NewEngine(t Terms, c Catalog) (*Engine, error) {
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("policy: terms: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("policy: catalog: %w", err)
	}
	lp, err := license.NewProgram(c.License, t.License)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	ep, err := entitlement.NewProgram(c.Entitlement, t.Entitlement, lp)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	tp, err := tmip.NewProgram(t.TMIP, c.TMIP)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	cp, err := credits.NewProgram(t.Credits)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	return &Engine{license: lp, entitlement: ep, credits: cp, tmip: tp}, nil
}

// Terms returns a copy of the engine's terms.
func (e *Engine) Terms() Terms {
	if e == nil {
		return Terms{}
	}
	return Terms{License: e.license.Terms(), Entitlement: e.entitlement.Terms(), Credits: e.credits.Terms(), TMIP: e.tmip.Terms()}
}

// Catalog returns a copy of the engine's catalog.
func (e *Engine) Catalog() Catalog {
	if e == nil {
		return Catalog{}
	}
	return Catalog{License: e.license.Catalog(), Entitlement: e.entitlement.Catalog(), TMIP: e.tmip.Catalog()}
}

// License returns the licensing program licenses and devices are built
// under; nil for a zero or nil Engine.
func (e *Engine) License() *license.Program {
	if e == nil {
		return nil
	}
	return e.license
}

// Entitlement returns the delivery program orders are built under; nil for
// a zero or nil Engine.
func (e *Engine) Entitlement() *entitlement.Program {
	if e == nil {
		return nil
	}
	return e.entitlement
}

// Credits returns the credits program ledgers are built and purchases
// checked under; nil for a zero or nil Engine.
func (e *Engine) Credits() *credits.Program {
	if e == nil {
		return nil
	}
	return e.credits
}

// TMIP returns the trade-in program books are built under; nil for a zero
// or nil Engine.
func (e *Engine) TMIP() *tmip.Program {
	if e == nil {
		return nil
	}
	return e.tmip
}

// NewLicense builds a license under the engine's licensing program; see
// license.Program.NewLicense.
func (e *Engine) NewLicense(spec license.Spec) (license.License, error) {
	return e.License().NewLicense(spec)
}

// NewDevice builds a device under the engine's catalog; see
// license.Program.NewDevice.
func (e *Engine) NewDevice(serial, platform, class string) (license.Device, error) {
	return e.License().NewDevice(serial, platform, class)
}

// NewOrder builds a sales order under the engine's delivery program; see
// entitlement.Program.NewOrder.
func (e *Engine) NewOrder(spec entitlement.OrderSpec) (entitlement.Order, error) {
	return e.Entitlement().NewOrder(spec)
}

// NewLedger builds a credit account's ledger under the engine's credits
// program; see credits.Program.NewLedger.
func (e *Engine) NewLedger(account credits.Account, purchases []credits.Purchase, callOffs []credits.CallOffRecord) (*credits.Ledger, error) {
	return e.Credits().NewLedger(account, purchases, callOffs)
}

// NewBook builds a book of trade-ins under the engine's trade-in program;
// see tmip.Program.NewBook.
func (e *Engine) NewBook(tradeIns []tmip.TradeIn) (*tmip.Book, error) {
	return e.TMIP().NewBook(tradeIns)
}

// Decide answers r at at. The error is only for a request that cannot be
// asked (a *RequestError: a nil or zero fact, a fact built under other
// terms, an unknown trade-in), never a refusal; with an error the Decision
// is the zero Decision, a denial.
func (e *Engine) Decide(r Request, at time.Time) (d Decision, err error) {
	// Small enough to inline (TestDecideIsInlined): DecideInto then fills
	// a Decision in the caller's frame. Returned from a call, the words of
	// a Decision cost more than deciding them (BENCHMARKS.md).
	err = e.DecideInto(r, at, &d)
	return d, err
}

// DecideInto is Decide writing the decision into *d instead of returning
// it; Decide is built on it. A service that holds one Decision and asks
// again and again spares even the copy into its own variable that an
// inlined Decide still makes (BENCHMARKS.md). Neither allocates for a
// feature use. *d is overwritten whole.
func (e *Engine) DecideInto(r Request, at time.Time, d *Decision) error {
	u, ok := r.(UseFeature)
	if !ok || d == nil || e == nil || e.license == nil || u.License.Program() != e.license {
		// Every other kind, every error, and a license of an equal
		// program built apart.
		return e.decideInto(r, at, d)
	}
	// The hot path: the license's ruling changes exactly when the decision
	// does, so there is nothing to settle. Its parts come back in registers
	// and go into *d field by field: a Decision built aside and copied in
	// stalled on store forwarding (BENCHMARKS.md).
	ruling, until, warnings := u.License.UseRuling(u.Device, u.Feature, u.Units, at)
	d.Outcome = Deny
	if ruling.Allowed() {
		d.Outcome = Allow
	}
	d.Rules, d.Reason, d.Obligations, d.Values, d.Until = ruling.Rules(), ruling.Reason(), warnings, nil, until
	return nil
}

// decideInto is DecideInto off the hot path.
func (e *Engine) decideInto(r Request, at time.Time, d *Decision) error {
	if d == nil {
		return &RequestError{Kind: kindOf(r), Reason: "DecideInto was given a nil *Decision"}
	}
	dec, err := e.decideSettled(r, at)
	*d = dec
	return err
}

// decideSettled is Decide for every request but a feature use on the hot
// path: the domain's answer, settled.
func (e *Engine) decideSettled(r Request, at time.Time) (Decision, error) {
	if e == nil || e.license == nil {
		return Decision{}, &RequestError{Kind: kindOf(r), Reason: "no engine: build one with NewEngine", Err: ErrNoEngine}
	}
	d, err := e.decide(r, at)
	if err != nil {
		return Decision{}, err
	}
	return e.settle(r, d), nil
}

// maxSettle bounds the look-ahead of settle; every domain answer changes
// far fewer times than this between two changes of its decision.
const maxSettle = 64

// settle moves d.Until past the instants at which the domain answer changes
// in a way a Decision does not show (a trade-in's status going from pending
// to met with the same rules, say), so that Until is the first instant at
// which the outcome, the rules, the obligations or the values differ, as
// SCENARIOS.md defines it. The reason may be worded differently on
// [at, Until): it is not part of that promise.
func (e *Engine) settle(r Request, d Decision) Decision {
	for range maxSettle {
		if d.Until.IsZero() {
			return d
		}
		next, err := e.decide(r, d.Until)
		if err != nil || !sameDecision(d, next) {
			return d
		}
		d.Until = next.Until
	}
	return d
}

// sameDecision reports whether a and b agree on everything Until promises.
func sameDecision(a, b Decision) bool {
	return a.Outcome == b.Outcome && a.Rules == b.Rules && a.Obligations.Equal(b.Obligations) &&
		slices.EqualFunc(a.Values, b.Values, func(x, y Value) bool { return x.Name == y.Name && x.Amount.Equal(y.Amount) })
}

// decide is Decide before settling.
func (e *Engine) decide(r Request, at time.Time) (Decision, error) {
	var v license.Verdict
	switch r := r.(type) {
	case UseFeature:
		if err := e.checkLicense("useFeature", r.License); err != nil {
			return Decision{}, err
		}
		v = r.License.Use(r.Device, r.Feature, r.Units, at)
	case MoveLicense:
		if err := e.checkLicense("moveLicense", r.License); err != nil {
			return Decision{}, err
		}
		if !r.Reason.IsValid() {
			return Decision{}, &RequestError{Kind: "moveLicense", Field: "Reason", Reason: fmt.Sprintf("invalid move reason %d (want rma or rebalance)", r.Reason)}
		}
		_, v = r.License.Move(r.To, r.Reason, at)
	case RenewLicense:
		if err := e.checkLicense("renewLicense", r.License); err != nil {
			return Decision{}, err
		}
		_, v = r.License.Renew(r.TermYears, at)
	case ChangeTier:
		if err := e.checkLicense("changeTier", r.License); err != nil {
			return Decision{}, err
		}
		if !r.Tier.IsValid() {
			return Decision{}, &RequestError{Kind: "changeTier", Field: "Tier", Reason: fmt.Sprintf("invalid tier %d (want standard, advanced or premium)", r.Tier)}
		}
		_, v = r.License.ChangeTier(r.Tier, at)
	case TrialAvailable:
		v = e.license.TrialAvailable(r.Platform, r.Feature)
	case FulfilLine:
		if err := e.checkOrder("fulfilLine", r.Order); err != nil {
			return Decision{}, err
		}
		return fromEntitlement(r.Order.Fulfil(r.Line, at).Verdict), nil
	case ViewEntitlement:
		if err := e.checkOrder("viewEntitlement", r.Order); err != nil {
			return Decision{}, err
		}
		if r.Contact == nil {
			return Decision{}, &RequestError{Kind: "viewEntitlement", Field: "Contact", Reason: "no contact"}
		}
		return fromEntitlement(r.Order.View(*r.Contact, r.Line, at)), nil
	case PurchaseCredits:
		return e.purchase(r, at)
	case CallOff:
		if err := e.checkLedger("callOff", r.Ledger); err != nil {
			return Decision{}, err
		}
		return callOff(r, at)
	case CreditStatement:
		if err := e.checkLedger("creditStatement", r.Ledger); err != nil {
			return Decision{}, err
		}
		return statement(r, at)
	case TradeIn:
		if err := e.checkBook("tradeIn", r.Book, r.ID); err != nil {
			return Decision{}, err
		}
		return assess(r, at)
	case TradeInCompliance:
		if err := e.checkBook("tradeInCompliance", r.Book, r.ID); err != nil {
			return Decision{}, err
		}
		return compliance(r, at)
	case nil:
		return Decision{}, &RequestError{Reason: "no request"}
	default:
		return Decision{}, &RequestError{Reason: "request of unknown type " + reflect.TypeOf(r).String()}
	}
	return fromVerdict(v), nil
}

// checkLicense refuses a license that cannot be asked about: none, a zero
// one, or one built under another program than the engine's.
func (e *Engine) checkLicense(kind string, l *license.License) error {
	switch {
	case l == nil:
		return &RequestError{Kind: kind, Field: "License", Reason: "no license"}
	case !l.IsValid():
		return &RequestError{Kind: kind, Field: "License", Reason: "a zero License: build licenses with Engine.NewLicense"}
	case !e.license.Equal(l.Program()):
		return &RequestError{Kind: kind, Field: "License", Reason: "license " + l.ID() + " was built under other license terms or catalog than the engine's", Err: ErrOtherTerms}
	}
	return nil
}

// checkOrder refuses an order that cannot be asked about, as checkLicense.
func (e *Engine) checkOrder(kind string, o *entitlement.Order) error {
	switch {
	case o == nil:
		return &RequestError{Kind: kind, Field: "Order", Reason: "no order"}
	case !o.IsValid():
		return &RequestError{Kind: kind, Field: "Order", Reason: "a zero Order: build orders with Engine.NewOrder"}
	case !e.entitlement.Equal(o.Program()):
		return &RequestError{Kind: kind, Field: "Order", Reason: "order " + o.ID() + " was built under other delivery terms or catalog than the engine's", Err: ErrOtherTerms}
	}
	return nil
}

// checkLedger refuses a ledger that cannot be asked about, as checkLicense.
func (e *Engine) checkLedger(kind string, l *credits.Ledger) error {
	switch {
	case l == nil || l.Program() == nil:
		return &RequestError{Kind: kind, Field: "Ledger", Reason: "no credit ledger: build one with Engine.NewLedger"}
	case !e.credits.Equal(l.Program()):
		return &RequestError{Kind: kind, Field: "Ledger", Reason: "ledger " + l.Account().ID + " was built under other credits terms than the engine's", Err: ErrOtherTerms}
	}
	return nil
}

// checkBook refuses a book that cannot be asked about, as checkLicense, and
// a trade-in it does not hold.
func (e *Engine) checkBook(kind string, b *tmip.Book, id string) error {
	switch {
	case b == nil || b.Program() == nil:
		return &RequestError{Kind: kind, Field: "Book", Reason: "no trade-in book: build one with Engine.NewBook"}
	case !e.tmip.Equal(b.Program()):
		return &RequestError{Kind: kind, Field: "Book", Reason: "the book was built under other TMIP terms or catalog than the engine's", Err: ErrOtherTerms}
	}
	if _, ok := b.TradeIn(id); !ok {
		return &RequestError{Kind: kind, Field: "ID", Reason: fmt.Sprintf("the book holds no trade-in %q", id)}
	}
	return nil
}

func fromEntitlement(v entitlement.Verdict) Decision {
	d := Decision{Rules: v.Rules, Reason: v.Reason, Obligations: v.Obligations, Until: v.Until}
	if v.Allowed {
		d.Outcome = Allow
	}
	return d
}

// refusal translates a domain refusal; any other error is bad input,
// returned as a *RequestError about the request's field.
func refusal(kind, field string, err error, values ...Value) (Decision, error) {
	var v *rule.Violation
	if !errors.As(err, &v) {
		return Decision{}, badInput(kind, field, err)
	}
	return Decision{Outcome: Deny, Rules: v.Rules, Reason: v.Reason, Values: values}, nil
}

// badInput is the *RequestError of a domain error that is not a refusal.
func badInput(kind, field string, err error) error {
	return &RequestError{Kind: kind, Field: field, Reason: err.Error(), Err: err}
}

func (e *Engine) purchase(r PurchaseCredits, at time.Time) (Decision, error) {
	if !r.Kind.IsValid() {
		return Decision{}, &RequestError{Kind: "purchaseCredits", Field: "Kind", Reason: fmt.Sprintf("invalid credit kind %d (want professional or flexible)", r.Kind)}
	}
	credit := []Value{{Name: "credits", Amount: r.Order.Credits}}
	res, err := e.credits.CheckPurchase(r.Kind, r.Order, at)
	if err != nil {
		return refusal("purchaseCredits", "Order", err, credit...)
	}
	return Decision{
		Outcome: Allow, Rules: res.Rules, Obligations: res.Obligations, Values: credit, Until: res.Until,
		Reason: fmt.Sprintf("an order of %s %s credits may be placed; all of them are invoiced at once", res.Credits, r.Kind),
	}, nil
}

func callOff(r CallOff, at time.Time) (Decision, error) {
	res, err := r.Ledger.CheckCallOff(r.CallOff, at)
	if err != nil {
		d, err := refusal("callOff", "CallOff", err)
		d.Until = res.Until
		return d, err
	}
	return Decision{
		Outcome: Allow, Rules: res.Rules, Until: res.Until,
		Values: []Value{{Name: "balance", Amount: res.Balance}},
		Reason: fmt.Sprintf("%s credits may be called off from account %s, the oldest unexpired first, leaving %s",
			r.CallOff.Credits, r.Ledger.Account().ID, res.Balance),
	}, nil
}

func statement(r CreditStatement, at time.Time) (Decision, error) {
	st, err := r.Ledger.Statement(r.Quarter, at)
	if err != nil {
		return Decision{}, badInput("creditStatement", "Quarter", err)
	}
	c := st.Closing
	return Decision{
		Outcome: Allow, Rules: st.Rules, Until: st.Until,
		Values: []Value{ // sorted by name
			{Name: "available", Amount: c.Available}, {Name: "expired", Amount: c.Expired},
			{Name: "purchased", Amount: c.Purchased}, {Name: "used", Amount: c.Used},
		},
		Reason: fmt.Sprintf("statement of account %s for %s: %s credits purchased, %s used, %s expired, %s available",
			st.Account, st.Quarter, c.Purchased, c.Used, c.Expired, c.Available),
	}, nil
}

func fromVerdict(v license.Verdict) Decision {
	d := Decision{Rules: v.Rules, Reason: v.Reason, Obligations: v.Obligations, Until: v.Until}
	if v.Allowed {
		d.Outcome = Allow
	}
	return d
}

// assess translates tmip.Book.Assess. The discount is reported on both
// outcomes, zero on a refusal, so a tradeIn decision always has the same
// values; an unknown trade-in is a malformed request.
func assess(r TradeIn, at time.Time) (Decision, error) {
	a, err := r.Book.Assess(r.ID, at)
	if err != nil {
		return Decision{}, badInput("tradeIn", "ID", err)
	}
	d := Decision{Rules: a.Rules, Reason: a.Reason, Obligations: a.Obligations, Until: a.Until,
		Values: []Value{{Name: "discount", Amount: a.Discount}}}
	if a.Allowed {
		d.Outcome = Allow
	}
	return d, nil
}

// compliance translates tmip.Book.Compliance; the claw-back is reported in
// breach only, as SCENARIOS.md lists it.
func compliance(r TradeInCompliance, at time.Time) (Decision, error) {
	c, err := r.Book.Compliance(r.ID, at)
	if err != nil {
		return Decision{}, badInput("tradeInCompliance", "ID", err)
	}
	d := Decision{Rules: c.Rules, Reason: c.Reason, Obligations: c.Obligations, Until: c.Until}
	if c.Allowed {
		d.Outcome = Allow
	}
	if c.Status == tmip.Breach {
		d.Values = []Value{{Name: "clawback", Amount: c.Clawback}}
	}
	return d, nil
}
