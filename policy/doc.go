// Package policy is the entry point of licensepolicy: an Engine of one set
// of terms and catalog takes a Request about facts the caller holds (a
// license, an order, a credit ledger, a trade-in) and an instant, and
// returns a Decision translated from the domain packages' answers. It
// decides nothing itself: license.Verdict, entitlement.Fulfilment,
// credits.CallOffResult, tmip.Assessment and their siblings do, and the
// Decision carries their rule IDs and obligations unchanged.
//
// # One engine, one set of terms
//
// NewEngine validates Terms and Catalog and builds the four domain programs
// from them (license.Program, entitlement.Program, credits.Program,
// tmip.Program). Facts are built under those programs: Engine.NewLicense,
// NewDevice, NewOrder, NewLedger and NewBook, or the programs
// Engine.License, Entitlement, Credits and TMIP return. Decide refuses a fact built under other
// terms with a *RequestError whose cause is ErrOtherTerms; a fact of equal
// terms built apart is the engine's (compared in full, so building facts
// through the engine is also faster). The zero Engine and a nil *Engine
// refuse every request with ErrNoEngine.
//
// # Decisions
//
// A Decision is a value: its Rules (a rule.List) and Obligations (a
// rule.Obligations) are read-only, its Values its own, so a caller may keep
// and edit what it was handed without changing any later answer. The zero
// Decision is a denial. Until is the first instant the decision can change,
// the zero time when it holds for good ("never" in JSON).
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
// UseFeature, the hot path, needs no settling: the license's ruling changes
// exactly when its decision does; Decide is inlined into its caller and
// DecideInto fills a Decision the caller holds, so neither allocates.
//
// # Answers over time
//
// Engine.Timeline is a request's decisions over a period [from, to): the
// maximal segments in which the decision is the same, found by chaining
// Until, one Decide per change (never per instant), as an iterator a
// caller may stop. A run of decisions whose dues move with their own
// instant (a late renewal's term starts when it is asked) is one Segment
// marked Drifting, as long as the domain says such decisions last
// (license.Verdict.DriftsUntil), never a step per nanosecond. Impact lays
// the timelines of one request under two engines (the old terms and the
// new, each with the facts built under it, a Question each) over each
// other and yields every interval in which their decisions differ, split
// wherever either changes: what a terms change would change, and from
// when.
//
// # Request kinds
//
// Twelve kinds, each decided by one domain call:
//
//   - UseFeature: License.Use; MoveLicense: License.Move; RenewLicense:
//     License.Renew (the renewed term is an entitlement obligation due at its
//     end); ChangeTier: License.ChangeTier; TrialAvailable:
//     license.Program.TrialAvailable.
//   - FulfilLine: entitlement.Order.Fulfil; ViewEntitlement:
//     entitlement.Order.View.
//   - PurchaseCredits: credits.Program.CheckPurchase (value "credits", on both
//     outcomes); CallOff: Ledger.CheckCallOff (value "balance", on allowance
//     only, as Until promises it only then); CreditStatement:
//     Ledger.Statement (values "purchased", "used", "expired", "available").
//   - TradeIn: tmip.Book.Assess (value "discount", on both outcomes: the
//     support contract's remaining value on allowance, at the order once the
//     new equipment was ordered, "0" on a refusal, so that a tradeIn
//     decision always has the same values);
//     TradeInCompliance: tmip.Book.Compliance (value "clawback" in breach
//     only).
//
// A license's recorded history (a [license.History] of its moves, tier
// changes and renewals) is asked about with [WithHistory], which wraps one
// of the four license kinds naming no license: Decide asks it about the
// license as the history leaves it at the instant asked
// ([license.History.At], or [license.History.Latest] for a renewal), and
// Until counts the events and renewals still to come.
//
// Decide returns an error only for a request it cannot ask, always a
// *RequestError naming the kind and the field: a nil or zero license,
// order, ledger or book, a fact built under other terms, a trade-in the
// book does not hold, an invalid tier, reason or credit kind. A refusal is
// never an error: it is a Decision whose outcome is Deny.
//
// Scenario files, the format test suites pin decisions with, are package
// policy/scenario's.
package policy
