// Package policy is the entry point of licensepolicy: an Engine takes a
// Request about facts the caller holds (a license, an order, a credit
// ledger, a trade-in) and an instant, and returns a Decision translated from
// the domain packages' answers. It decides nothing itself: license.Verdict,
// entitlement.Fulfilment, credits.CallOffResult and their siblings do, and
// the Decision carries their rule IDs, obligations and Until unchanged.
package policy
