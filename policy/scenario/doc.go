// Package scenario is the scenario file format of spec/SCENARIOS.md, the
// library's contract with test suites: a file's terms, catalog, facts and
// checks decoded into a policy.Engine, its facts built under that engine,
// and each check's Request with the Expect it is matched against.
//
// Decode reads one scenario file of spec/SCENARIOS.md and returns a
// Scenario: its terms (policy.DefaultTerms overridden by "terms"), its catalog
// (policy.DefaultCatalog plus "catalog"), the Engine built from them, and its
// checks, each a Request ready for Engine().Decide at the check's instant,
// the request object as written (Check.Raw) and the Expect, if any, that
// Expect.Mismatches compares with a decision. Every error is a
// *Error naming the file, the path inside it
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
//   - devices with Engine.NewDevice, licenses with Engine.NewLicense,
//     orders with Engine.NewOrder, contacts with entitlement.NewContact,
//     credit accounts with Engine.NewLedger, trade-ins (in file order) with
//     Engine.NewBook: every fact under the scenario's one engine, so its
//     checks never mix two sets of terms.
//
// Decoding walks a tree of the file built with encoding/json's tokenizer,
// so that every unknown key, wrong type, missing field and unknown
// reference is reported at its exact path, inside lists too
// ("licenses[3].features[1]"). It never panics on any input
// (FuzzDecode).
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
//     MaxSize bytes is refused.
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
//   - A catalog platform without "trial" follows LIC-TRIAL-PRODUCTS by its
//     family (license.TrialsByFamily), whether it is new or replaces a
//     default one, as SCENARIOS.md says; a feature without "trial" has a
//     trial, like a feature not in the catalog. A device's "class" must be
//     its platform's "class" or one of its "classes" (LIC-PORT).
//   - A credit account's "purchases" and "callOffs" may be absent (none).
//     Purchases are each checked with credits.Program.CheckPurchase so a
//     broken one is named by its path; a call-off history that breaks a
//     rule is named by the path of the call-off the ledger stopped at, from
//     the index its credits.HistoryError carries.
//   - A trade-in the book refuses is named by its path, from the index its
//     tmip.EntryError carries.
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
package scenario
