// Package license is the license model of the vendor's terms: kinds, tiers,
// platforms and like-device classes, and licenses that answer for themselves
// at an instant.
//
// Build a [Program] of a [Catalog] ([DefaultCatalog]) and [Terms]
// ([DefaultTerms]) with [NewProgram], a [Device] with [Program.NewDevice]
// and a [License] with [Program.NewLicense]; a License remembers its
// Program, so every later answer about it (Renew's terms, Move's classes)
// is under the terms it was built under. Then ask the license:
//
//   - [License.StandingAt]: not started, active, in initial grace, in the
//     trial warning window, or expired; the rules behind it, the trial
//     warnings due, and Until, the first instant the standing changes.
//   - [License.Use]: may this device use this feature now, for these units.
//   - [License.Move], [License.Renew], [License.ChangeTier]: may the license
//     move, be renewed or change tier now, and the resulting license.
//
// and the program [Program.TrialAvailable].
//
// A License is a value like net/netip.Addr: small, immutable and
// comparable, == when it is the same license, a map key, with value
// receivers only; a Program is a handle, shared among goroutines, that no
// holder can change.
//
// What happened to a license after it was issued is a [History]:
// [NewHistory] checks its events ([MoveEvent], [TierEvent], [RenewEvent]),
// each against the license as the events before it left it, with the same
// transitions, and [History.At] answers the license as of any instant: on
// its last device, at its last tier, and from the instant a renewal's term
// begins, as that renewal. [History.Latest] is the term a renewal asked
// then renews.
//
// For a whole fleet, [Fleet] streams the standing of every license of an
// iter.Seq at one instant, in input order, over all cores and in memory
// that does not grow with the fleet; a [FleetIndex] keeps a fleet in
// columns, and [FleetIndex.Summarize] counts it by standing, platform and
// tier for a report.
//
// A [FleetIndex] holds a fleet's standing facts in columns, a few bytes a
// license, and answers by passes over them: the standing of every license
// at an instant, the changes in an interval, and ([FleetIndex.Impact]) what
// new grace, warning days or term list would change, license by license,
// exactly over all time.
//
// Every answer is a [rule.Verdict] citing the rule IDs of package rule;
// [rule.Verdict.Err] turns a refusal into a *[rule.Violation].
//
// # Periods
//
// All periods are half-open. A subscription fulfilled at s runs its years
// [s, s + n years) (LIC-SUB-TERM, month-end clamped) and, when initial, its
// grace [s + n years, s + n years + Terms.InitialGraceDays days)
// (ENT-GRACE); the timer starts at fulfilment (ENT-TIMER). A trial runs
// [start, end) and warns in [end - Terms.TrialWarningDays days, end)
// (LIC-TRIAL-WARN). A perpetual license runs from its start for good
// (LIC-PERP-TERM).
//
// # The edges of time
//
// Every instant a license takes or computes lies in years 0000 to 9999, the
// years RFC 3339 writes and reads back. Date arithmetic is exact there
// (days and years are counted on dates, never by multiplying a
// time.Duration). Terms cap the day counts at 3,660,000 (10,000 years):
// Validate refuses more, naming the field and the cap. NewLicense refuses a
// start or a trial's end outside those years (ENT-TIMER, LIC-KIND), a
// subscription whose years end after 9999-12-31 (LIC-SUB-TERM) and one
// whose initial grace does (ENT-GRACE); Renew refuses a renewal that would
// (LIC-SUB-TERM). A trial warning window reaching before the trial's start
// opens at the start.
//
// Spec.Start is always present: every license has a start, and the zero
// time.Time (0001-01-01T00:00:00Z) is one like any other, not a missing
// value.
//
// # Choices where the rules are silent
//
//   - A use asking for zero or negative units is refused citing LIC-SOD,
//     reason "units must be positive", for good and before any other
//     ground: it is no use of a capacity.
//   - A capacity or units beyond the library's bound on amounts (at most 40
//     digits either side of the point, the bound credits apply) are refused
//     citing LIC-SOD: by NewLicense, and by Use for good. A capacity is
//     kept as its value: 100, 100.0 and 1E2 are one capacity.
//   - Instants are kept, and handed back, in UTC.
//   - A use that can never be allowed (another device, a feature the license
//     does not hold, units over capacity) is refused for good citing only
//     those grounds, not also the license's standing.
//   - Before its start no license is usable, movable or changeable
//     (ENT-TIMER), whatever its kind.
//   - A license without a capacity grants full bandwidth (LIC-SOD).
//   - Trials never move and never change tier (LIC-PORT, LIC-SUB-CHANGE).
//   - A renewal is returned as its own license for the renewed term; a late
//     renewal also cites LIC-SUB-EXPIRY for the gap before it.
//   - A tier change to the tier the license already has is refused.
//   - A history's events at one instant happen in the order given; an
//     event dated before the one listed before it is refused. A renewal
//     whose term is still to come moves and changes tier with the license,
//     so it begins on the device and at the tier the license has then.
//   - Which features each tier grants per platform is left to the caller's
//     records: a license lists the features it grants (LIC-TIER).
//   - Standalone software platforms have no trial keys; the seed lists trials
//     only for virtual and cloud platforms and four hardware series.
//   - LIC-SUB-SUPPORT and LIC-COST describe what a customer buys, not what a
//     device may do; Cost and IncludesSupport report them.
package license
