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
// at every candidate instant after at (every instant of the facts, each plus
// one nanosecond, the derived ends, deadlines, notices and midnights), in
// order, and returns the first candidate whose decision differs.
package reference
