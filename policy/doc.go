// Package policy is the entry point of licensepolicy: an [Engine] of one
// set of terms and catalog takes a [Request] about facts the caller holds
// (a license, an order, a credit ledger, a trade-in) and an instant, and
// returns a [Decision] translated from the domain packages' answers. It
// decides nothing itself: every domain answers in a [rule.Verdict] (alone,
// or embedded in [license.Standing], [entitlement.Fulfilment],
// [credits.CallOffResult], [tmip.Assessment] and their siblings), and the
// Decision carries its outcome, rule IDs, reason, obligations and Until
// unchanged.
//
// # One engine, one set of terms
//
// [NewEngine] validates a [Catalog] and [Terms] and builds the four domain
// programs from them ([license.Program], [entitlement.Program],
// [credits.Program], [tmip.Program]). Facts are built under those
// programs: [Engine.NewLicense], [Engine.NewDevice], [Engine.NewOrder],
// [Engine.NewLedger] and [Engine.NewBook], or the programs
// [Engine.License], [Engine.Entitlement], [Engine.Credits] and
// [Engine.TMIP] return. Those programs, the engine and the facts are
// handles or values: nothing a caller does to what it was handed changes
// the engine or another request. Decide refuses a fact built under other
// terms with a *[RequestError] whose cause is [ErrOtherTerms]; a fact of
// equal terms built apart is the engine's. The zero Engine refuses every
// request with [ErrNoEngine].
//
// # Decisions
//
// A Decision is a value: its Rules (a [rule.List]) and Obligations (a
// [rule.Obligations]) are read-only, its Values its own, so a caller may
// keep and edit what it was handed without changing any later answer. The
// zero Decision is a denial. Until is the first instant the decision can
// change, the zero time when it holds for good ("never" in JSON).
//
// Every kind sees the history dated at or before the instant asked: a
// purchase, a call-off, a return or a certificate dated exactly then has
// happened.
//
// Until is the domain answer's, settled: where the domain answer changes in
// a way a Decision does not show (a trade-in going from pending to met with
// the same rules), Decide looks past that instant, so that Until is the
// first instant at which the outcome, the rules, the obligations or the
// values differ. The reason's wording is not part of that promise.
// UseFeature needs no settling: the license's ruling changes exactly when
// its decision does. Neither [Engine.Decide] nor [Engine.DecideInto]
// allocates for a feature use.
//
// # Answers over time
//
// [Engine.Timeline] is a request's decisions over a period [from, to): the
// maximal segments in which the decision is the same, found by chaining
// Until, one Decide per change (never per instant), as an iterator a
// caller may stop. A run of decisions whose dues move with their own
// instant (a late renewal's term starts when it is asked) is one [Segment]
// marked Drifting, as long as the domain says such decisions last
// ([rule.Verdict.DriftsUntil]), never a step per nanosecond. [Impact] lays
// the timelines of one request under two engines (the old terms and the
// new, each with the facts built under it, a [Question] each) over each
// other and yields every interval in which their decisions differ, split
// wherever either changes: what a terms change would change, and from
// when.
//
// # Request kinds
//
// Twelve kinds, each decided by one domain call:
//
//   - [UseFeature]: [license.License.Use]; [MoveLicense]:
//     [license.License.Move]; [RenewLicense]: [license.License.Renew] (the
//     renewed term is an entitlement obligation due at its end);
//     [ChangeTier]: [license.License.ChangeTier]; [TrialAvailable]:
//     [license.Program.TrialAvailable].
//   - [FulfilLine]: [entitlement.Order.Fulfil]; [ViewEntitlement]:
//     [entitlement.Order.View].
//   - [PurchaseCredits]: [credits.Program.CheckPurchase] (value "credits",
//     on both outcomes); [CallOff]: [credits.Ledger.CheckCallOff] (value
//     "balance", on allowance only, as Until promises it only then);
//     [CreditStatement]: [credits.Ledger.Statement] (values "purchased",
//     "used", "expired", "available").
//   - [TradeIn]: [tmip.Book.Assess] (value "discount", on both outcomes:
//     the support contract's remaining value on allowance, at the order
//     once the new equipment was ordered, "0" on a refusal, so that a
//     tradeIn decision always has the same values); [TradeInCompliance]:
//     [tmip.Book.Compliance] (value "clawback" in breach only).
//
// A license's recorded history (a [license.History] of its moves, tier
// changes and renewals) is asked about with [WithHistory], which wraps one
// of the four license kinds naming no license: Decide asks it about the
// license as the history leaves it at the instant asked
// ([license.History.At], or [license.History.Latest] for a renewal), and
// Until counts the events and renewals still to come.
//
// # What a request needs
//
// Decide asks nothing it was not given: before deciding, it checks that
// the request names what its kind needs and returns a *[RequestError]
// naming the kind and the first field missing, beside the zero Decision (a
// denial). Facts are checked first (the zero value, or one built under
// other terms, whose cause is [ErrOtherTerms]), then the fields in the
// order the request declares them, then the instant: the zero time.Time is
// no instant a request is asked at (Field "at"). Every kind needs:
//
//	kind               required                       refused as a RequestError when
//	UseFeature         License, Device, Feature       Units beyond the bound on amounts
//	MoveLicense        License, To, Reason            To without a serial; Reason invalid
//	RenewLicense       License, TermYears             TermYears zero
//	ChangeTier         License, Tier                  Tier invalid
//	TrialAvailable     Platform, Feature
//	FulfilLine         Order, Line
//	ViewEntitlement    Contact, Order, Line
//	PurchaseCredits    Kind                           amounts beyond the bound
//	CallOff            Ledger                         amounts beyond the bound
//	CreditStatement    Ledger, Quarter                Quarter invalid
//	TradeIn            Book, ID                       an ID the book does not hold
//	TradeInCompliance  Book, ID                       an ID the book does not hold
//	WithHistory        History, Request               Request not one of the four license
//	                                                  kinds, or naming a license; then
//	                                                  what Request needs but its License
//
// and every kind an instant that is not the zero time. What is given but
// breaks a rule is no error: a term not in the terms' list, a device of
// another class, zero credits, units over a capacity are refusals, a
// Decision whose outcome is Deny. The bound on amounts, at most 40 digits
// either side of the point, is the library's for every decimal it takes.
//
// A Decision says what may happen; the domain transition records it: an
// allowed MoveLicense is [license.License.Move], RenewLicense
// [license.License.Renew], ChangeTier [license.License.ChangeTier] and
// CallOff the ledger's [credits.Ledger.WithCallOff], each refusing exactly
// what Decide denies and leaving the old value as it was.
//
// Scenario files, the format test suites pin decisions with, are package
// [github.com/licensepolicy/licensepolicy/policy/scenario]'s.
package policy
