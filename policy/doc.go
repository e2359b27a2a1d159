// Package policy is the entry point of licensepolicy: an Engine takes a
// Request about facts the caller holds (a license, an order, a credit
// ledger, a trade-in) and an instant, and returns a Decision translated from
// the domain packages' answers. It decides nothing itself: license.Verdict,
// entitlement.Fulfilment, credits.CallOffResult, tmip.Assessment and their
// siblings do, and the Decision carries their rule IDs and obligations
// unchanged.
//
// Until is the domain answer's, settled: where the domain answer changes in
// a way a Decision does not show (a trade-in going from pending to met with
// the same rules), Decide looks past that instant, so that Until is the
// first instant at which the outcome, the rules, the obligations or the
// values differ, as SCENARIOS.md defines it. The reason's wording is not
// part of that promise. UseFeature, the hot path, needs no settling: the
// license's verdict changes exactly when its decision does; DecideInto
// decides it without copying a Decision out of the call.
//
// # Request kinds
//
// The twelve kinds of spec/SCENARIOS.md, each decided by one domain call:
//
//   - UseFeature: License.Use; MoveLicense: License.Move; RenewLicense:
//     License.Renew (the renewed term is an entitlement obligation due at its
//     end); ChangeTier: License.ChangeTier; TrialAvailable:
//     license.Catalog.TrialAvailable.
//   - FulfilLine: entitlement.Fulfil; ViewEntitlement: entitlement.View.
//   - PurchaseCredits: credits.CheckPurchase (value "credits", on both
//     outcomes); CallOff: Ledger.CheckCallOff (value "balance", on allowance
//     only, as Until promises it only then); CreditStatement:
//     Ledger.Statement (values "purchased", "used", "expired", "available").
//   - TradeIn: tmip.Book.Assess (value "discount", on both outcomes: the
//     support contract's remaining value on allowance, "0" on a refusal, so
//     that a tradeIn decision always has the same values);
//     TradeInCompliance: tmip.Book.Compliance (value "clawback" in breach
//     only, as SCENARIOS.md lists it).
//
// Decide returns an error only for a malformed request: a nil license,
// order, ledger or book, or a trade-in the book does not hold. A Book
// carries the tmip terms and catalog it was built under; DecodeScenario
// builds it under the engine's.
//
// # Scenario files
//
// DecodeScenario reads one scenario file of spec/SCENARIOS.md and returns a
// Scenario: its terms (DefaultTerms overridden by "terms"), its catalog
// (DefaultCatalog plus "catalog"), the Engine built from them, and its
// checks, each a Request ready for Engine().Decide at the check's instant,
// the request object as written (Check.Raw) and the Expect, if any, that
// Expect.Mismatches compares with a decision. Every error is a
// *ScenarioError naming the file, the path inside it
// ("checks[2].request.devise") and what was expected; a refusal by a domain
// constructor stays reachable through it with errors.As and errors.Is.
//
// The file's keys map onto the domain packages as their docs say:
//
//   - terms: subscriptionTermYears, trialWarningDays, initialGraceDays onto
//     license.Terms; creditBlocks, creditMinOrder, creditValidityMonths onto
//     both credits.Terms.Professional and .Flexible, professionalMinCallOff
//     onto Professional.MinCallOff, flexibleMinCallOff onto
//     Flexible.MinCallOff; tmipWindowStart, tmipWindowEnd, tmipReturnMonths,
//     tmipNoticeEveryDays, tmipCombinable onto tmip.Terms.
//   - catalog: platforms with license.Catalog.AddPlatform, features with
//     AddFeature, heritage with entitlement.Catalog.AddHeritage, tmipSkus
//     with tmip.Catalog.AddSKUs.
//   - devices with license.NewDevice, licenses with license.New, orders with
//     entitlement.NewOrder, contacts with entitlement.NewContact, credit
//     accounts with credits.NewLedger, trade-ins (in file order) with
//     tmip.NewBook; each under the scenario's terms and catalog.
//
// Decoding walks a tree of the file built with encoding/json's tokenizer,
// so that every unknown key, wrong type, missing field and unknown
// reference is reported at its exact path, inside lists too
// ("licenses[3].features[1]"). It never panics on any input
// (FuzzDecodeScenario).
//
// # Where SCENARIOS.md is silent, and what this package chose
//
//   - A key given twice in one object is an error ("repeated key"), as is
//     null for any field, and anything after the top-level object.
//   - "name" must be kebab-case ([a-z0-9] words joined by "-"), at most 100
//     characters.
//   - Nesting: the format needs six levels (the file, checks, a check, its
//     expect, its obligations, one obligation; or creditAccounts, an account,
//     callOffs, a call-off, its engagement); a seventh is refused.
//   - Files: read through an io.LimitReader of 8 MiB + 1 byte; more than
//     MaxScenarioSize bytes is refused.
//   - Amounts are decimal strings -?digits(.digits)?, at most 40 digits each
//     side: no exponent, no "+", no ".5". Counts are JSON integers without
//     fraction or exponent, between -1,000,000 and 1,000,000.
//   - The numbers of "terms" are counts: creditBlocks, creditMinOrder and the
//     call-off minimums are JSON integers, as SCENARIOS.md writes their
//     defaults; the instants are RFC 3339 strings. Terms and catalog that a
//     domain package refuses are an error at "terms" or "catalog".
//   - Instants are converted to UTC.
//   - References that must exist: a license's device, and in checks license,
//     device (useFeature's device too), to, order, line (of that order),
//     contact, account (a credit account) and tradeIn. A trialAvailable
//     check's platform and feature are not references: the engine answers
//     for unknown ones (LIC-PLATFORM).
//   - IDs that must be unique: device serials, license, order, line (within
//     its order), contact, credit account, purchase (within its account) and
//     trade-in IDs; catalog platform and feature names within their lists.
//   - A catalog platform without "trial" keeps the trial availability of the
//     default platform it replaces, and has none when new; a feature without
//     "trial" has a trial, like a feature not in the catalog.
//   - A credit account's "purchases" and "callOffs" may be absent (none).
//     Purchases are each checked with credits.CheckPurchase so a broken one
//     is named by its path; a call-off history that breaks a rule is named
//     by the path of the call-off credits.NewLedger stopped at (found by
//     bisection over the call-offs in the ledger's replay order).
//   - A trade-in tmip.NewBook refuses is named by its path: each is checked
//     alone first.
//   - An expect has the shape of the Decision object: "reason" is accepted
//     and not compared, since the matching rules leave it out; "until" is
//     "never" or an instant; an obligation needs "kind" and "rule"; "values"
//     is an object of decimal strings.
//   - Expect.Mismatches reports each difference on its own line ("outcome:
//     want deny, got allow", "rules: want X among [...]", "until: ...",
//     "obligations: want ... among [...]", "values: name: want a, got b");
//     an expected obligation may match the same decision obligation as
//     another one.
//   - Check.Describe says the request in words from the decoded request, not
//     the raw text.
package policy
