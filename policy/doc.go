// Package policy is the entry point of licensepolicy: an Engine takes a
// Request about facts the caller holds (a license, a device, a feature) and
// an instant, and returns a Decision translated from the domain packages'
// answers. It decides nothing itself; license.Verdict and its siblings do.
//
// Only the five license request kinds are wired so far (UseFeature,
// MoveLicense, RenewLicense, ChangeTier, TrialAvailable); scenario decoding,
// the entitlement, credits and TMIP kinds are not done yet.
package policy
