// Package rule names every rule of the license, delivery, services-credit and
// trade-in terms that licensepolicy encodes, and carries the error of every
// refusal.
//
// Each rule has a stable ID (LIC-PORT, CRD-MIN-CALLOFF, ...) taken from
// spec/RULES.md. An ID knows the seed document it comes from and a one-line
// statement of the rule, so a decision that cites it can be explained without
// a second lookup.
//
// Every domain package answers in a [Verdict]: allowed or not, the [List]
// of rules behind it, the reason, the first instant it can change and its
// [Obligations]. A refusal is a Verdict that is not Allowed;
// [Verdict.Err], and any refused construction, gives a *[Violation] naming
// the IDs it breaks. An unknown name of any enumeration is a
// *[NameError]. Because [ID] implements error, a caller asks which rule an
// error broke with errors.Is:
//
//	if errors.Is(err, rule.LicPort) { ... }
//
// or reads the whole violation with errors.As.
package rule
