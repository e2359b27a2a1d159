// Package tmip decides trade-ins under the Juniper Technology Migration
// Incentive Program (the trade-in seed): whether a returned item
// earns a discount on new equipment ordered at an instant, how much, and
// whether its return obligation is met, pending or in breach at an instant.
//
// # The program
//
// Customers and partners swap previously purchased equipment for discount
// credits on new equipment (TMIP-SWAP). The program runs in every country
// Juniper does business in (TMIP-GLOBAL): a TradeIn has no country, and
// nothing is refused for where the customer is. Terms holds every number of
// the program with its published default: the validation window
// [WindowStart, WindowEnd) (TMIP-WINDOW; no start, end 2021-10-01T00:00:00Z,
// the end of Q3 2021), the months to return (TMIP-RETURN: 3), the
// breach notice cadence (TMIP-BREACH: 30 days) and whether the incentive
// combines with other promotions (TMIP-COMBINE: no). Catalog lists the
// eligible SKUs (TMIP-ELIGIBLE), matched exactly.
//
// # Assessing a trade-in at order
//
// [Program.NewBook] checks a file's trade-ins once, in order, under the
// program's terms and catalog, which the [Book] remembers;
// [Book.WithReturn] and [Book.WithCertificate] return a new book with one
// more fact. A Program and a Book are handles: nothing a holder does to
// its copy reaches another's. [Book.Assess] answers "may this trade-in
// earn a discount on its order": once the new equipment was ordered
// (TradeIn.Ordered at or before the instant asked), as of the order,
// wholly and for good (TMIP-AT-ORDER); before that, or with no order
// recorded, for an order placed at the instant asked. It is refused,
// naming every rule broken in this order, when
//
//   - its SKU is not in the catalog (TMIP-ELIGIBLE);
//   - it is not working, not from a production or lab network, damaged, or
//     gray-market equipment (TMIP-CONDITION; bought through an authorized
//     channel or directly is fine);
//   - an earlier trade-in of the book counts toward the same new product
//     (TMIP-ONE-FOR-ONE: "1 return for 1 product");
//   - the order uses another promotion and the terms do not combine
//     (TMIP-COMBINE);
//   - or, when it breaks none of those, at is outside the window
//     (TMIP-WINDOW).
//
// Otherwise it is allowed, citing TMIP-SUPPORT when a support contract is
// given, TMIP-RETURN, TMIP-AT-ORDER and TMIP-SWAP, then TMIP-PASS-ON for a
// partner. Its Discount is the support contract's remaining value at the
// order (TMIP-SUPPORT): Value × (days left) / (days of the contract), the days
// counted between UTC dates, rounded half away from zero to the cent; the
// full value before the contract starts and zero from its end. It is applied
// at order and listed in the quote (TMIP-AT-ORDER). When the shipment of the
// new equipment is recorded the assessment carries a rule.Deadline
// obligation (TMIP-RETURN) due at the return deadline, shipment +
// ReturnMonths months with the month-end clamp (Nov 30 + 3 months is the end
// of February, where time.Time.AddDate would run into March). A partner gets
// a rule.Advisory (TMIP-PASS-ON): the discount is meant for the end
// customer. It is advice, not a refusal.
//
// # Compliance
//
// Book.Compliance answers "is the trade-in's return obligation met at at".
// It is Met once the item was returned, or a valid Certificate of
// Destruction signed, before the deadline (TMIP-RETURN); Pending before the
// deadline otherwise, with a rule.Deadline obligation; in Breach from the
// deadline on (TMIP-BREACH), refused for good, with a rule.Notice
// obligation due at the latest notice instant at or before at (the
// deadline, then every NoticeEveryDays days of 24 hours) and a
// rule.Clawback due at the deadline. A return or valid certificate dated
// at or after the deadline cures nothing but ends the notices: none is due
// at or after its instant, and the breach keeps its claw-back alone.
// Compliance.Clawback is the discount granted at order. A
// certificate is valid only when signed by a vice president or above (vice
// president, senior or executive vice president, president, chief executive
// officer) with legal sign-off authority (TMIP-SIGNER); a certificate
// signed otherwise is no certificate, and from the instant it counts
// TMIP-SIGNER is cited beside the other rules.
//
// TMIP-NOT-RENEW: MarkNotForRenewal builds the request to mark a contract
// "not for renewal"; it needs the serial numbers and the termination date.
//
// # Time
//
// Every query takes its instant, and the history dated at or before it
// counts (SCENARIOS.md): a return or certificate dated exactly t has
// happened at t. The shipment and order dates are taken as recorded: the
// deadline is stated even before the shipment instant. Every answer
// carries Until, the first instant after the one asked at which the
// answer differs, values included (zero when it never does). It is exact:
// the same answer for every instant in [at, Until), a different one at
// Until. For Assess before the order, that is the window's start (refused
// before it), the window's end, the first later UTC midnight at which the
// discount, to the cent, drops, or the order's own instant when the
// order's answer differs from the quote's; from the order on, never. For
// Compliance, it is a return or certificate's instant, the deadline, or in
// breach the next notice or the late return or certificate that ends the
// notices. Met holds for good, save that TMIP-SIGNER joins its rules when a
// certificate that is no certificate starts to count later.
//
// # Where the seed is silent
//
//   - The window: the seed gives no start; the seed schedules its end in
//     the third quarter of 2021, read as the quarter's end, 2021-10-01T00:00:00Z.
//   - Combination with other promotions: the FAQ asks and does not answer;
//     Terms.Combinable defaults to false.
//   - The notice cadence: the FAQ says "repeated notifications"; every 30
//     days from the deadline, Terms.NoticeEveryDays.
//   - The SKUs: the seed names none; DefaultCatalog is a documented,
//     plausible pick (MX chassis, MPC line cards, full-bandwidth MPC7E fixed
//     and Flex SKUs), to be replaced by the published overview.
//   - TMIP-ONE-FOR-ONE is read literally: the first trade-in in book order
//     naming a new product counts toward it, whether or not it is itself
//     eligible; every later one is refused. New products are matched
//     exactly.
//   - A refusal on the trade-in's own rules (TMIP-ELIGIBLE, TMIP-CONDITION,
//     TMIP-ONE-FOR-ONE, TMIP-COMBINE) cites every one of them and nothing
//     else, and holds for good (Until zero), as RULES.md's table has it
//     ("never"); the window is asked only of an otherwise eligible
//     trade-in.
//   - A support contract must have a serial, a start and an expected end on
//     a later UTC date (at least one day: the formula divides by the days),
//     a value not negative and in whole cents (so the discount never exceeds
//     it), and last at most a century. Otherwise NewBook refuses it as bad
//     input citing TMIP-SUPPORT. Contract.Serial is not compared with the
//     trade-in's serial.
//   - Without a support contract an eligible trade-in is allowed with a
//     zero discount: the FAQ values the credit only by the contract.
//   - The Deadline field is stated whenever the shipment is recorded, on a
//     refusal too; the deadline obligation only on allowance.
//   - Compliance does not depend on eligibility: the return obligation is
//     the trade-in's as recorded. A trade-in refused at its order (or with
//     no order recorded) owes a claw-back of zero when in breach.
//   - No shipment recorded: no deadline, Pending (no obligation), or Met
//     once a return or valid certificate counts; nothing else changes it.
//   - A return or valid certificate dated at or after the deadline does not
//     cure a breach; the earlier of them ends its notices. A return and a
//     certificate both count; the earlier meets the obligation.
//   - Breach rules are TMIP-BREACH, TMIP-SIGNER when cited, then
//     TMIP-RETURN (the obligation broken).
//   - Bad input is refused by NewBook as an *EntryError (its index and
//     ID) wrapping a *rule.Violation naming the
//     trade-in: no ID or a repeated one (TMIP-SWAP), no SKU (TMIP-ELIGIBLE),
//     no serial (TMIP-SWAP), an invalid network or channel
//     (TMIP-CONDITION), no new product (TMIP-ONE-FOR-ONE), a bad contract
//     (TMIP-SUPPORT), a certificate without a signing instant (TMIP-RETURN)
//     or with an unknown title (TMIP-SIGNER).
//
// # Absent instants and the edges of time
//
// An instant a trade-in or the terms may leave out (TradeIn.Ordered,
// NewEquipmentShipped and Returned; Terms.WindowStart and WindowEnd) is an
// Instant, in the manner of sql.NullTime: the zero Instant is absent, and
// At(t) is present whatever t is, the zero time.Time included, so a return
// dated 0001-01-01T00:00:00Z is a return and a window ending then has
// ended. The instants a trade-in must have (a contract's start and end, a
// certificate's signing instant) stay time.Time.
//
// Every instant a book takes or computes lies in years 0000 to 9999: NewBook
// refuses a trade-in instant outside them, and one whose return deadline
// would fall after 9999-12-31 (TMIP-RETURN), naming the field; Validate
// refuses a window bound outside them. ReturnMonths is at most 1,200 and
// NoticeEveryDays at most 36,600. A compliance Until that would fall past
// year 9999 (the next notice) is none: the answer holds for every instant
// the library answers for.
//
// Answers still read the zero time.Time as none in Until and Deadline
// (Assessment, Compliance): a deadline falling exactly on
// 0001-01-01T00:00:00Z reads as no deadline there.
//
// # From the scenario format
//
// SCENARIOS.md's terms map onto Terms: tmipWindowStart onto WindowStart,
// tmipWindowEnd onto WindowEnd, tmipReturnMonths onto ReturnMonths,
// tmipNoticeEveryDays onto NoticeEveryDays, tmipCombinable onto Combinable.
// An instant the file gives is At it; one it leaves out is absent.
// catalog.tmipSkus is Catalog.AddSKUs on DefaultCatalog, which finds
// repeats through a set (100,000 SKUs take milliseconds). The tradeIns list,
// in file order, is NewBook's; a trade-in's fields map one to one (support
// onto Contract, destruction onto Certificate, network, channel and
// signerTitle onto Network, Channel and Title by their names). A tradeIn
// check is Book.Assess (value discount = Assessment.Discount); a
// tradeInCompliance check is Book.Compliance (value clawback =
// Compliance.Clawback, in breach).
//
// # Cost
//
// NewBook does the work that does not depend on the instant once per
// trade-in: the rules broken, the deadline, the shared rule lists,
// obligations and reasons. Assess is then a window comparison and, with a
// contract, integer arithmetic on cents; its Until is solved for in closed
// form, not walked. Values too large for that (over about 10^14 cents, less
// for long contracts) take decimal arithmetic and a binary search over the
// days left. Compliance compares a few instants and evaluates at most four
// candidates for Until; it allocates only in breach, for the notice.
package tmip
