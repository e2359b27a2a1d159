// Package credits decides what a customer may do with Professional and
// Flexible Services Credits (the services-credits seed): which orders of
// credits may be placed, which engagements may be called off against an
// account's balance at an instant, and what the quarterly statement says.
//
// # One program
//
// A [Program] is one validated set of [Terms] ([NewProgram]): orders are
// checked under it ([Program.CheckPurchase]) and ledgers built under it
// ([Program.NewLedger]), so a ledger and the orders beside it never mix two
// sets of terms; [Ledger.Program] says which one a ledger is under. What
// depends on the terms alone, the blocks check of both kinds, is built once
// with the program. A Program keeps its own copy of its terms and Terms
// hands out another. A Program and a [Ledger] are handles: nothing a holder
// does to its copy reaches another's.
//
// Every answer is a [rule.Verdict], embedded in a [PurchaseResult], a
// [CallOffResult] or a [Statement] beside its figures: a refusal is an
// answer that is not Allowed, and [rule.Verdict.Err] turns it into a
// *[rule.Violation]; an error beside an answer is bad input only.
//
// # Orders
//
// Program.CheckPurchase decides an order of credits under the program. An
// order is refused, naming every rule it breaks, when its credits are under
// the minimum order or not positive (CRD-MIN-ORDER), not a sum of the terms'
// blocks (CRD-BLOCKS: 37 = 25+10+1+1; a partial credit never is), discounted
// (CRD-NO-DISCOUNT: any discount but zero) or not placed through the local
// entity (CRD-LOCAL). An allowed order carries its invoice for all its
// credits, due on placing the order (CRD-INVOICE): it has no Due instant of
// its own, so the answer is the same whenever it is asked. Flexible Services
// Credits are bought the same way under their own terms, and every decision
// about them also cites CRD-FLEX. An order's answer never changes with time.
//
// # The ledger
//
// A Ledger is one account's history: purchases, each a lot of credits usable
// in [purchase, purchase + ValidityMonths months) (CRD-VALIDITY; a month's
// end clamps, so Nov 30 + 3 months is the end of February), and call-offs.
// Program.NewLedger replays the history in time order and refuses one whose
// purchase or call-off broke a rule when it happened, with a *HistoryError
// naming the entry (its list, its index as given, its ID and instant) and
// wrapping the *rule.Violation, so errors.Is(err, rule.CrdValidity) still
// answers.
// Afterwards the ledger never changes: checks are queries, and asking
// whether credits may be called off spends nothing.
//
// To record what happened next, WithPurchase and WithCallOff return a ledger
// with one more entry and leave the old one as it was. They refuse exactly
// what CheckPurchase and CheckCallOff at the entry's instant refuse, with
// the same rules. An entry dated before the last recorded event is refused
// with ErrOutOfOrder (it would change answers already given), and so is a
// purchase at the instant of a recorded call-off (replay puts purchases
// first at one instant). A call-off at the last event's instant joins the
// entries there and is judged, as NewLedger judges ties and as CheckCallOff
// at that instant judges it, against the credits they left.
//
// A call-off (CheckCallOff) needs a purchase order against the balance and a
// statement of work (CRD-CALLOFF-PO); a firm fixed-price engagement with a
// predefined scope (CRD-SCOPE: duration-based pricing or no defined scope is
// refused); one of the four engagement types (CRD-TYPES); whole credits, at
// least the minimum call-off (CRD-MIN-CALLOFF: 5 Professional; CRD-FLEX-MIN:
// 10 Flexible on a professional services engagement); and enough unexpired
// credits (CRD-VALIDITY). It spends the oldest valid lots first; credits
// still in a lot at its end expire.
//
// # Statements and balances
//
// Statement reports a quarter of the year (CRD-STATEMENT): credits purchased,
// used, expired and available as of the quarter's last instant (a
// nanosecond before the next quarter starts), cumulative since the
// account's first purchase, with the opening figures and the movements
// within the quarter, so that one quarter's closing figures are the next
// one's opening. A lot lapsing at the first instant of the next quarter has
// not lapsed within this one. Asked before the quarter is over, a statement
// reports as of the instant asked: nothing that has not happened yet.
// Balance gives the figures at an instant and the lots with credits left
// with the instant each ends.
//
// # Time
//
// Every query takes its instant, and the history dated at or before it
// counts (SCENARIOS.md): a purchase or a call-off dated exactly t has
// happened at t, and one dated after t does not exist yet. At one instant
// purchases count before call-offs, so a call-off may use a lot bought at
// its own instant. A lot ending at t is no longer usable at t. Every answer
// carries Until, the first instant after the one asked at which the answer
// differs, values included (zero when it never does). It is exact: the same
// answer for every instant in [at, Until), a different one at Until, which
// is an event's own instant or a lot's end.
//
// # Where the seed is silent
//
//   - Flexible Services Credits: the seed gives their validity (12 months),
//     engagement types and call-off minimum on professional services
//     engagements (10). Their blocks and minimum order default to the
//     Professional ones; all are fields of Terms.Flexible. Decisions on them
//     cite CRD-FLEX beside the specific rule.
//   - A Flexible call-off on an engagement that is not a professional
//     services engagement (Engagement.OtherService): whole credits and at
//     least Terms.FlexibleOtherMinCallOff (default 1), citing CRD-FLEX.
//     Professional Services Credits ignore OtherService.
//   - Engagement.OtherService is the negation of SCENARIOS.md's
//     professionalServices, so the zero Engagement is a professional
//     services engagement. Likewise every zero field refuses: no local
//     entity, no purchase order, no statement of work, no defined scope, no
//     pricing, no type.
//   - Zero or negative credits break the minimum (CRD-MIN-ORDER or the
//     call-off minimum) with a reason saying so; an order of them is also no
//     sum of blocks (CRD-BLOCKS). A negative discount is a discount.
//   - A partial credit (7.5) is refused by the call-off minimum rule, never
//     rounded; "8.0" is whole.
//   - A call-off that breaks a rule of its own (the minimum, CRD-SCOPE,
//     CRD-TYPES, CRD-CALLOFF-PO) is refused citing every one of those and
//     nothing else, for good (Until zero): RULES.md's table gives those
//     refusals until never, which holds only if the balance is not asked.
//     CRD-VALIDITY is asked of an otherwise valid call-off only. A recorded
//     call-off in the history is judged the same way.
//   - At one instant the history replays purchases before call-offs, so a
//     recorded call-off may use a lot bought at its own instant; several
//     call-offs at one instant are each checked, in the order given,
//     against the balance the earlier ones left. A check at that instant
//     sees all of them.
//   - A refused call-off reports Available (the credits at the instant) but
//     no Balance; Until promises the outcome, the rules and Balance only, so
//     a decision reports a balance on allowance only. An allowed call-off
//     cites CRD-VALIDITY (the oldest unexpired credits pay).
//   - Purchases and call-offs dated exactly at a quarter's end (the next
//     quarter's first instant) belong to the next quarter, and so does the
//     lapse of a lot ending exactly then.
//   - Terms refused as nonsense: no blocks, or more than 100 of one kind; a
//     block that is not a whole number from 1 to 1,000,000; a smallest block
//     over 10,000 (the blocks check keeps a table that long); a fractional
//     or negative minimum; a call-off minimum under 1; validity outside 1 to
//     1200 months. Each error names the field and the cap.
//   - Zero values: the zero Program and Ledger, and nil pointers to them,
//     refuse every question with an error saying what is missing; the zero
//     Account, Purchase, Order, CallOff, CallOffRecord and Engagement are
//     refused by the rules (or as having no ID or instant). No answer is
//     given from a value nobody built.
//   - Amounts of about more than 40 digits either side of the point are
//     refused as bad input (not a rule), before decimal arithmetic on them
//     could take seconds: the bound is on the decimal's exponent (at most
//     40 either way) and its coefficient (at most 133 bits), so 1e40 (41
//     digits) passes and so does any 40-digit whole number.
//
// # From the scenario format
//
// SCENARIOS.md's terms map onto Terms: creditBlocks, creditMinOrder and
// creditValidityMonths onto both Professional and Flexible (Blocks,
// MinOrder, ValidityMonths), professionalMinCallOff onto
// Professional.MinCallOff, flexibleMinCallOff onto Flexible.MinCallOff. A
// credit account is an Account and its purchases and callOffs the
// arguments of Program.NewLedger (a HistoryError's Entry and Index are the
// file's path to the entry); localEntity defaults to true and
// professionalServices to true (OtherService false). A purchaseCredits check
// is Program.CheckPurchase (values: credits = PurchaseResult.Credits; its invoice
// is in Obligations); callOff is Ledger.CheckCallOff (balance =
// CallOffResult.Balance, on allowance only); creditStatement is
// Ledger.Statement (purchased, used, expired, available = Closing).
//
// # Cost
//
// For n recorded entries, Program.NewLedger sorts the history and replays it
// once: O(n log n) time, O(n) memory and a fixed number of allocations per
// entry. The replay keeps, for every event, the oldest lot with credits
// left and what is left in it, and for every instant at which the credits
// available change (an event counting, a lot with credits lapsing) the
// credits from then on, with a segment tree of their maxima.
//
// A call-off, allowed or refused, is then a binary search for the credits
// available at the instant; an allowed one's Until is the next change, a
// refused one's the first later change to a balance that covers it, found
// by descending the tree of maxima. A statement or a balance's figures are
// binary searches for the last event at or before the instant and for the lots
// ended by then (lots end in purchase order but where the month-end clamp
// reorders a few ending on one day, which are searched run by run). Each
// is O(log n) with a fixed number of allocations; Balance adds its lots.
// Credits are kept as int64 when every purchase is whole and their total is
// under 2^62, and as exact decimals otherwise.
//
// WithPurchase and WithCallOff rebuild the ledger from its history and the
// new entry: O(n log n), like NewLedger.
//
// The blocks check is exact for any amount: the residue-class solution of
// the coin problem tells in constant time whether a whole number is a sum of
// blocks. Its table is built once per Program, by the round-robin algorithm,
// in O(k·m) steps and 8·m bytes for k blocks and a smallest block m over
// their gcd: with the caps of Terms.Validate (k <= 100, m <= 10,000), at
// most two million steps and 80 KB a kind. Terms over the caps are refused
// before any table is built, in time linear in the number of blocks.
package credits
