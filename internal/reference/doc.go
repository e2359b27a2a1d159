// Package reference is a second, deliberately plain evaluator of every
// request kind of spec/SCENARIOS.md, written from spec/RULES.md,
// spec/SCENARIOS.md and the "silent"/"choices" sections of the domain
// packages' docs alone. It shares no code with license, entitlement, credits,
// tmip or policy: only policy/rule (IDs, obligations), shopspring/decimal and
// the standard library's time, with its own month arithmetic.
//
// Like net/netip's slow parser it exists to be compared against: the
// differential test in policy (policy/differential_test.go) builds the same
// facts into the engine and into a World and checks that both decide every
// request alike. Nothing here is fast; everything is meant to be read.
//
// Until is found the plainest way: Evaluate decides the request at at, then
// at every candidate instant after at (every instant of the facts, at which
// what they record has happened, the derived ends, deadlines, notices and
// midnights, and for a late renewal the nanosecond after at), in order, and
// returns the first candidate whose decision differs. Decisions are compared
// as the differential test compares them: outcome, the set of rules, the
// multiset of obligations (kind, rule, due, subject), values numerically.
//
// # Readings where the spec is silent
//
// RULES.md lets a decision "name more" rules than its table lists, so an exact
// rule set needs choices. These follow the domain packages' documented
// choices, or, where those are silent, what the engine was found to do and
// the differential test's report to the lead names:
//
//   - A use or move that can never be allowed (another device, a feature not
//     held, units over capacity; a perpetual move not by RMA or to another
//     class, a subscription move to another class, any trial move) cites only
//     those grounds, not the standing (license doc for uses; extended to
//     moves). A move to the device the license is on is refused the same way.
//   - A use asking for zero or negative units is refused citing LIC-SOD
//     alone, for good, whatever else is wrong (license doc).
//   - An expired subscription refuses a move citing LIC-PORT and
//     LIC-SUB-EXPIRY, a tier change citing LIC-SUB-CHANGE and LIC-SUB-EXPIRY.
//   - A grace-period use cites ENT-GRACE and LIC-SUB-TERM (grace is part of
//     the initial term).
//   - A late renewal cites LIC-RENEW and LIC-SUB-EXPIRY and holds for one
//     nanosecond: its entitlement is due a term after the instant asked.
//   - A purchase's invoice is due on placing the order and has no due
//     instant, so the decision holds for good (RULES.md's table: until
//     never); a due of the instant asked would differ 1ns later.
//   - CRD-FLEX is cited on every flexible purchase, beside CRD-VALIDITY on a
//     flexible call-off, and for the minimum of a flexible call-off on another
//     service; never on a statement.
//   - A heritage line's fulfilment cites neither ENT-TIMER nor ENT-GRACE: no
//     entitlement, no timer.
//   - A trial asked for a platform not in the catalog cites LIC-PLATFORM and
//     LIC-TRIAL-PRODUCTS (and LIC-TRIAL-FEATURES for a feature without trials).
//   - Entitlement obligations of a fulfilment are named "order/line/unit",
//     units from 1; emails go once to each address, lower-cased.
//   - A license's history is replayed plainly: the events dated at or
//     before the instant asked, in the order listed, move it, change its
//     tier and append renewed terms; the license asked about is the last
//     term begun by then, on the last device at the last tier, and a
//     renewal renews the last term recorded. A renewal still to come
//     therefore begins on the device and at the tier the license has when
//     it begins. An event dated before the one listed before it is refused
//     under its kind's rule (LIC-PORT, or LIC-PERP-RMA for a perpetual
//     license's move; LIC-SUB-CHANGE; LIC-RENEW). Every event and every
//     renewed term's start and ends are candidates for Until.
package reference
