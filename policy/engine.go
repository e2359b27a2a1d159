package policy

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/internal/amount"
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
// *RequestError, so one decision never mixes two sets.
//
// An Engine is a handle to what NewEngine built: copies are the same
// engine, == reports whether two handles are, and nothing a caller does to
// its copy, or to a program the engine hands out, reaches the engine
// itself. An Engine never changes, so one serves any number of goroutines.
// The zero Engine decides nothing: every request is an error whose cause
// is ErrNoEngine.
type Engine struct{ e *engine }

type engine struct {
	license     license.Program
	entitlement entitlement.Program
	credits     credits.Program
	tmip        tmip.Program
}

// NewEngine validates catalog and terms and returns an Engine. It keeps
// copies: changing c or t afterwards changes nothing in it.
func NewEngine(c Catalog, t Terms) (Engine, error) {
	if err := c.Validate(); err != nil {
		return Engine{}, fmt.Errorf("policy: catalog: %w", err)
	}
	if err := t.Validate(); err != nil {
		return Engine{}, fmt.Errorf("policy: terms: %w", err)
	}
	lp, err := license.NewProgram(c.License, t.License)
	if err != nil {
		return Engine{}, fmt.Errorf("policy: %w", err)
	}
	ep, err := entitlement.NewProgram(c.Entitlement, t.Entitlement, lp)
	if err != nil {
		return Engine{}, fmt.Errorf("policy: %w", err)
	}
	tp, err := tmip.NewProgram(c.TMIP, t.TMIP)
	if err != nil {
		return Engine{}, fmt.Errorf("policy: %w", err)
	}
	cp, err := credits.NewProgram(t.Credits)
	if err != nil {
		return Engine{}, fmt.Errorf("policy: %w", err)
	}
	return Engine{&engine{license: lp, entitlement: ep, credits: cp, tmip: tp}}, nil
}

// IsValid reports whether e was built by NewEngine.
func (e Engine) IsValid() bool { return e.e != nil }

// Terms returns a copy of the engine's terms; the zero Terms for the zero
// Engine.
func (e Engine) Terms() Terms {
	if e.e == nil {
		return Terms{}
	}
	return Terms{License: e.e.license.Terms(), Entitlement: e.e.entitlement.Terms(), Credits: e.e.credits.Terms(), TMIP: e.e.tmip.Terms()}
}

// Catalog returns a copy of the engine's catalog; the zero Catalog for the
// zero Engine.
func (e Engine) Catalog() Catalog {
	if e.e == nil {
		return Catalog{}
	}
	return Catalog{License: e.e.license.Catalog(), Entitlement: e.e.entitlement.Catalog(), TMIP: e.e.tmip.Catalog()}
}

// License returns the licensing program licenses and devices are built
// under: a handle that cannot change the engine. The zero Engine returns
// the zero license.Program.
func (e Engine) License() license.Program {
	if e.e == nil {
		return license.Program{}
	}
	return e.e.license
}

// Entitlement returns the delivery program orders are built under: a
// handle that cannot change the engine. The zero Engine returns the zero
// entitlement.Program.
func (e Engine) Entitlement() entitlement.Program {
	if e.e == nil {
		return entitlement.Program{}
	}
	return e.e.entitlement
}

// Credits returns the credits program ledgers are built and purchases
// checked under: a handle that cannot change the engine. The zero Engine
// returns the zero credits.Program.
func (e Engine) Credits() credits.Program {
	if e.e == nil {
		return credits.Program{}
	}
	return e.e.credits
}

// TMIP returns the trade-in program books are built under: a handle that
// cannot change the engine. The zero Engine returns the zero tmip.Program.
func (e Engine) TMIP() tmip.Program {
	if e.e == nil {
		return tmip.Program{}
	}
	return e.e.tmip
}

// NewLicense builds a license under the engine's licensing program; see
// [license.Program.NewLicense].
func (e Engine) NewLicense(spec license.Spec) (license.License, error) {
	return e.License().NewLicense(spec)
}

// NewDevice builds a device under the engine's catalog; see
// [license.Program.NewDevice].
func (e Engine) NewDevice(serial, platform, class string) (license.Device, error) {
	return e.License().NewDevice(serial, platform, class)
}

// NewOrder builds a sales order under the engine's delivery program; see
// [entitlement.Program.NewOrder].
func (e Engine) NewOrder(spec entitlement.OrderSpec) (entitlement.Order, error) {
	return e.Entitlement().NewOrder(spec)
}

// NewLedger builds a credit account's ledger under the engine's credits
// program; see [credits.Program.NewLedger].
func (e Engine) NewLedger(account credits.Account, purchases []credits.Purchase, callOffs []credits.CallOffRecord) (credits.Ledger, error) {
	return e.Credits().NewLedger(account, purchases, callOffs)
}

// NewBook builds a book of trade-ins under the engine's trade-in program;
// see [tmip.Program.NewBook].
func (e Engine) NewBook(tradeIns []tmip.TradeIn) (tmip.Book, error) {
	return e.TMIP().NewBook(tradeIns)
}

// Decide answers r at at. The error is only for a request that cannot be
// asked (a *RequestError: a zero fact, a fact built under other terms, a
// required field or the instant left zero, an unknown trade-in; the
// package doc lists what each kind needs), never a refusal; with an error
// the Decision is the zero Decision, a denial.
func (e Engine) Decide(r Request, at time.Time) (d Decision, err error) {
	// Small enough to inline (TestHotPathIsInlined): DecideInto then fills
	// a Decision in the caller's frame. Returned from a call, the words of
	// a Decision cost more than deciding them (BENCHMARKS.md).
	err = e.DecideInto(r, at, &d)
	return d, err
}

// DecideInto is Decide writing the decision into *d instead of returning
// it, for a service that keeps one Decision and asks again and again;
// Decide is built on it. Neither allocates for a feature use. *d is
// overwritten whole; a nil d is a *RequestError.
func (e Engine) DecideInto(r Request, at time.Time, d *Decision) error {
	u, ok := r.(UseFeature)
	if !ok || d == nil || e.e == nil || u.License.Program() != e.e.license || u.Device == "" || u.Feature == "" ||
		at.IsZero() || u.Units.Valid && !amount.InBounds(u.Units.Decimal) {
		// Every other kind, every request it cannot ask, and a license of
		// an equal program built apart.
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

// decideInto is DecideInto off the hot path: the domain's answer written
// into *d, settled where its kind needs it.
func (e Engine) decideInto(r Request, at time.Time, d *Decision) error {
	if d == nil {
		return &RequestError{Kind: kindOf(r), Reason: "DecideInto was given a nil *Decision"}
	}
	if e.e == nil {
		*d = Decision{}
		return &RequestError{Kind: kindOf(r), Reason: "no engine: build one with NewEngine", Err: ErrNoEngine}
	}
	if err := e.ask(r, at); err != nil {
		*d = Decision{}
		return err
	}
	unsettled, err := e.decide(r, at, d)
	if err != nil {
		*d = Decision{}
		return err
	}
	if unsettled {
		e.settle(r, d)
	}
	return nil
}

// maxSettle bounds the look-ahead of settle; every domain answer changes
// far fewer times than this between two changes of its decision.
const maxSettle = 64

// settle moves d.Until past the instants at which the domain answer changes
// in a way a Decision does not show, so that Until is the first instant at
// which the outcome, the rules, the obligations or the values differ, as
// SCENARIOS.md defines it. The reason may be worded differently on
// [at, Until): it is not part of that promise.
//
// Deciding again at Until doubles the cost of a decision, so decide asks
// for it only where the domain's Until can be such an instant: a trade-in
// pending without obligations (no shipment recorded) whose return starts
// to count, which is met with the same rules and still no obligations.
// Every other domain answer changes, at its Until, in a part a Decision
// shows (TestDecideEqualsFullySettled).
func (e Engine) settle(r Request, d *Decision) {
	var next Decision
	for range maxSettle {
		if d.Until.IsZero() {
			return
		}
		if _, err := e.decide(r, d.Until, &next); err != nil || !sameDecision(*d, next) {
			return
		}
		d.Until = next.Until
	}
}

// sameDecision reports whether a and b agree on everything Until promises.
func sameDecision(a, b Decision) bool {
	return a.Outcome == b.Outcome && a.Rules == b.Rules && a.Obligations.Equal(b.Obligations) &&
		slices.EqualFunc(a.Values, b.Values, func(x, y Value) bool { return x.Name == y.Name && x.Amount.Equal(y.Amount) })
}

// decide is Decide before settling, writing the whole decision into *d on
// success; unsettled says the decision's Until may be an instant at which
// only its reason changes, for settle to look past. Each kind is decided in
// a function of its own, so that none pays for the stack frame of all the
// others' results.
func (e Engine) decide(r Request, at time.Time, d *Decision) (unsettled bool, err error) {
	switch r := r.(type) {
	case UseFeature:
		return false, e.useFeature(r, at, d)
	case MoveLicense:
		return false, e.move(r, at, d)
	case RenewLicense:
		return false, e.renew(r, at, d)
	case ChangeTier:
		return false, e.changeTier(r, at, d)
	case TrialAvailable:
		v := e.e.license.TrialAvailable(r.Platform, r.Feature)
		fromVerdict(&v, d)
		return false, nil
	case FulfilLine:
		return false, e.fulfil(r, at, d)
	case ViewEntitlement:
		return false, e.view(r, at, d)
	case PurchaseCredits:
		return false, e.purchase(r, at, d)
	case CallOff:
		return false, callOff(r, at, d)
	case CreditStatement:
		return false, statement(r, at, d)
	case TradeIn:
		return false, assess(r, at, d)
	case TradeInCompliance:
		return compliance(r, at, d)
	case WithHistory:
		return false, e.withHistory(r, at, d)
	}
	// ask refused every other request before.
	return false, &RequestError{Kind: kindOf(r), Reason: "a request ask did not check"}
}

func (e Engine) useFeature(r UseFeature, at time.Time, d *Decision) error {
	v := r.License.Use(r.Device, r.Feature, r.Units, at)
	fromVerdict(&v, d)
	return nil
}

func (e Engine) move(r MoveLicense, at time.Time, d *Decision) error {
	_, v := r.License.Move(r.To, r.Reason, at)
	fromVerdict(&v, d)
	return nil
}

func (e Engine) renew(r RenewLicense, at time.Time, d *Decision) error {
	_, err := e.renewSpan(r, at, d)
	return err
}

// renewSpan is renew, also returning when the run of late renewals the
// decision begins ends ([rule.Verdict.DriftsUntil]), for Timeline; ask has
// checked r.
func (e Engine) renewSpan(r RenewLicense, at time.Time, d *Decision) (driftsUntil time.Time, err error) {
	_, v := r.License.Renew(r.TermYears, at)
	fromVerdict(&v, d)
	return v.DriftsUntil, nil
}

func (e Engine) changeTier(r ChangeTier, at time.Time, d *Decision) error {
	_, v := r.License.ChangeTier(r.Tier, at)
	fromVerdict(&v, d)
	return nil
}

func (e Engine) fulfil(r FulfilLine, at time.Time, d *Decision) error {
	f := r.Order.Fulfil(r.Line, at)
	fromVerdict(&f.Verdict, d)
	return nil
}

func (e Engine) view(r ViewEntitlement, at time.Time, d *Decision) error {
	v := r.Order.View(r.Contact, r.Line, at)
	fromVerdict(&v, d)
	return nil
}

// tradeInError is the *RequestError of err, from asking b about trade-in id.
func tradeInError(kind string, b tmip.Book, id string, err error) error {
	if _, ok := b.TradeIn(id); !ok {
		return &RequestError{Kind: kind, Field: "ID", Reason: fmt.Sprintf("the book holds no trade-in %q", id)}
	}
	return badInput(kind, "ID", err)
}

// badInput is the *RequestError of a domain error, which is never a
// refusal: every domain answers a refusal as a verdict.
func badInput(kind, field string, err error) error {
	return &RequestError{Kind: kind, Field: field, Reason: err.Error(), Err: err}
}

// fromVerdict writes v, any domain's answer, into *d field by field, as the
// hot path does; the values are the caller's to add.
func fromVerdict(v *rule.Verdict, d *Decision) {
	d.Outcome = Deny
	if v.Allowed {
		d.Outcome = Allow
	}
	d.Rules, d.Reason, d.Obligations, d.Values, d.Until = v.Rules, v.Reason, v.Obligations, nil, v.Until
}

// purchase translates credits.Program.CheckPurchase: the credits ordered
// on both outcomes.
func (e Engine) purchase(r PurchaseCredits, at time.Time, d *Decision) error {
	res, err := e.e.credits.CheckPurchase(r.Kind, r.Order, at)
	if err != nil {
		return badInput("purchaseCredits", "Order", err)
	}
	fromVerdict(&res.Verdict, d)
	d.Values = []Value{{Name: "credits", Amount: r.Order.Credits}}
	return nil
}

// callOff translates credits.Ledger.CheckCallOff: the balance on
// allowance only, as Until promises it only then.
func callOff(r CallOff, at time.Time, d *Decision) error {
	res, err := r.Ledger.CheckCallOff(r.CallOff, at)
	if err != nil {
		return badInput("callOff", "CallOff", err)
	}
	fromVerdict(&res.Verdict, d)
	if res.Allowed {
		d.Values = []Value{{Name: "balance", Amount: res.Balance}}
	}
	return nil
}

// statement translates credits.Ledger.Statement: its closing figures.
func statement(r CreditStatement, at time.Time, d *Decision) error {
	st, err := r.Ledger.Statement(r.Quarter, at)
	if err != nil {
		return badInput("creditStatement", "Quarter", err)
	}
	fromVerdict(&st.Verdict, d)
	c := st.Closing
	d.Values = []Value{ // sorted by name
		{Name: "available", Amount: c.Available}, {Name: "expired", Amount: c.Expired},
		{Name: "purchased", Amount: c.Purchased}, {Name: "used", Amount: c.Used},
	}
	return nil
}

// assess translates tmip.Book.Assess. The discount is reported on both
// outcomes, zero on a refusal, so a tradeIn decision always has the same
// values; an unknown trade-in is a malformed request.
func assess(r TradeIn, at time.Time, d *Decision) error {
	a, err := r.Book.Assess(r.ID, at)
	if err != nil {
		return tradeInError("tradeIn", r.Book, r.ID, err)
	}
	fromVerdict(&a.Verdict, d)
	d.Values = []Value{{Name: "discount", Amount: a.Discount}}
	return nil
}

// compliance translates tmip.Book.Compliance; the claw-back is reported in
// breach only, as SCENARIOS.md lists it. A trade-in pending without
// obligations is met later with the same rules and none either: that
// decision is left for settle.
func compliance(r TradeInCompliance, at time.Time, d *Decision) (unsettled bool, err error) {
	c, err := r.Book.Compliance(r.ID, at)
	if err != nil {
		return false, tradeInError("tradeInCompliance", r.Book, r.ID, err)
	}
	fromVerdict(&c.Verdict, d)
	if c.Status == tmip.Breach {
		d.Values = []Value{{Name: "clawback", Amount: c.Clawback}}
	}
	return c.Status == tmip.Pending && c.Obligations.Len() == 0, nil
}
