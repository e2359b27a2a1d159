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
// Expect.Mismatches compares with a decision. Every error is a *Error
// naming the file, the line and column, the path inside it
// ("checks[2].request.devise") and what was expected; a file with several
// mistakes gives them all at once, as Errors in file order. A refusal by a
// domain constructor stays reachable with errors.As and errors.Is.
// Scenario.Decide decides a check and names it and its request's path and
// place in an error.
//
// The file's keys map onto the domain packages as their docs say:
//
//   - terms: subscriptionTermYears, trialWarningDays, initialGraceDays onto
//     license.Terms; creditBlocks, creditMinOrder, creditValidityMonths onto
//     both credits.Terms.Professional and .Flexible, professionalMinCallOff
//     onto Professional.MinCallOff, flexibleMinCallOff onto
//     Flexible.MinCallOff; tmipWindowStart, tmipWindowEnd, tmipReturnMonths,
//     tmipNoticeEveryDays, tmipCombinable onto tmip.Terms.
//   - catalog: platforms and features into license.Catalog (each validated
//     alone with AddPlatform, then placed: an entry replaces the default of
//     its name, else is appended, in one pass rather than a copy of the
//     catalog per entry), heritage into entitlement.Catalog and tmipSkus into
//     tmip.Catalog (each checked as AddHeritage and AddSKUs do, a name
//     already listed kept once).
//   - devices with Engine.NewDevice, licenses with Engine.NewLicense (and
//     a license's "history" with license.NewHistory), orders with
//     Engine.NewOrder, contacts with entitlement.NewContact,
//     credit accounts with Engine.NewLedger, trade-ins (in file order) with
//     Engine.NewBook: every fact under the scenario's one engine, so its
//     checks never mix two sets of terms.
//
// # New terms over a file
//
// DecodeUnder decodes a file with an Overlay (read by DecodeOverlay from
// {"terms": {...}, "catalog": {...}}) applied over the file's own terms and
// catalog, as a file's are applied over the defaults: what a suite's
// decisions would be under a new program year. A fact the new terms or
// catalog refuse is returned as an invalid fact naming its path, not as an
// error, and the checks that ask about it are left out; the evaluate
// command's -impact is built on it.
//
// Decoding walks a tree of the file built by a single-pass scanner over its
// bytes, which keeps each value's offset and its place in its parent;
// paths are built only for an error, so that every unknown key, wrong
// type, missing field and unknown reference is reported at its exact path
// and place, inside lists too ("licenses[3].features[1]"). Strings without
// escapes are slices of one copy of the file and the tree's nodes come from
// arenas grown at most once, so decoding allocates per fact, not per token. It
// never panics on any input.
//
// # Errors
//
//   - Every error of a file is reported, up to MaxErrors (100): past it
//     decoding stops and a last error says more were not reported. They are
//     in file order (by the offset of the value or key each is about); one
//     error is a *Error, more are Errors, whose Unwrap lets errors.As find
//     the first *Error and errors.Is and errors.As reach a domain error
//     behind any of them. Error() is "file:line:column: path: msg", one line
//     per error.
//   - A file name, key or ID an error says is quoted (Go's quoting, at most
//     80 characters of it) when it holds a character that does not print,
//     so that each error is one line whatever the file holds; in a path a
//     key is quoted too when it is empty or holds '.', '[', ']' or '"'
//     (licenses[0]."a.b").
//   - Line and column count from 1, the column in characters (Unicode code
//     points), not bytes. A syntax error is at the byte where the file stops
//     being JSON, with the path of the list or object it is in; a file cut
//     short is at its end. An invalid UTF-8 file is at its first bad byte.
//   - A missing field is reported at the end of its object; in an object
//     that has an unknown key it is not reported, since the unknown key is
//     most often that field misspelt.
//   - A fact the file defines that was itself refused is not reported
//     again where a check or another fact refers to it. When the terms or
//     catalog are refused, the facts and checks are not read, as there is
//     no engine to build them under; when one trade-in is refused there is
//     no book, and trade-in checks are not read further.
//   - An error quotes at most 80 characters of a value, and says its size
//     when it quotes less; a domain refusal's message longer than 640 bytes
//     keeps its first and last 320.
//
// # Bounds
//
// Decode reads at most MaxSize+1 bytes and refuses a file over MaxSize (8
// MiB). Within it, whatever the file's layout (8 MiB on one line or a value
// a line; one string, key or number as long as the file; an object of a
// million keys; a list of a million one-character values; a hundred errors
// at the end of a list of a million), a file of n bytes is answered or
// refused in O(n log n) time and O(n) memory:
//
//   - Nesting: six levels, what the format needs; a seventh is refused
//     where it opens.
//   - Strings and keys: any length. A \u escape is a character or a UTF-16
//     surrogate pair; half of a pair (which encoding/json reads as U+FFFD,
//     making "\ud800" and "\udfff" one ID) is refused at its escape, with
//     the path of its string, or of the object whose key holds it. An
//     error quotes at most 80 characters of a value or key, and keeps at
//     most 640 bytes of a domain refusal's message.
//   - Numbers: scanned once, whatever their digits; nothing is computed
//     from an exponent. A count is a JSON integer from -1,000,000 to
//     1,000,000, an amount a decimal string of at most 40 digits either
//     side of the point and 40 significant digits in all.
//   - Errors: at most MaxErrors (100), then decoding stops.
//   - Time: every byte is scanned a constant number of times. A check's or
//     an error's line and column cost O(1) each, counted from marks laid
//     every 256 bytes of the file, however long its lines; the index in a
//     path is found by bisection, and the IDs an unknown reference lists
//     once per kind of fact. A license's history is checked once by
//     license.NewHistory, in O(n) transitions for n events. The log n is
//     what sorts: an expect's values, and a credit account's history,
//     replayed once by credits.NewLedger and a broken one O(log n) more
//     times to find the call-off at fault.
//   - Memory: the file held twice, and a tree of at most one 36-byte node
//     per two bytes of the file, its arenas allocated at most twice (a
//     start that a scenario file of real checks does not outgrow, then the
//     most the file can need); at most about 25 bytes of heap per byte of
//     file at its peak, whatever the layout.
//   - Lists the domain constructors check pairwise are bounded, so that
//     their quadratic cost is at most a constant per byte: a license's and
//     a line's features, an order's accounts and emails, a contact's
//     accounts, a platform's classes at most 100 names each, repeats
//     refused at the repeat's path; an order's lines at most 1,000; each
//     list of "catalog" (platforms, features, heritage, tmipSkus) at most
//     1,000 entries.
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
//     MaxSize bytes is refused. The decisions a file's checks ask for are
//     bounded too: over the file, fulfilLine checks may list at most
//     MaxFulfilled entitlements and emails, so output stays proportional
//     to the file.
//   - Amounts are decimal strings -?digits(.digits)?, at most 40 digits each
//     side and at most 40 significant digits in all (what credits accepts,
//     so an amount the domain would refuse is refused at its own path): no
//     exponent, no "+", no ".5". Counts are JSON integers without fraction
//     or exponent, between -1,000,000 and 1,000,000.
//   - A useFeature check's "units" must be positive (LIC-SOD grants
//     capacity to scale into; zero or fewer units is not a use).
//   - The numbers of "terms" are counts: creditBlocks, creditMinOrder and the
//     call-off minimums are JSON integers, as SCENARIOS.md writes their
//     defaults; the instants are RFC 3339 strings. Terms and catalog that a
//     domain package refuses are an error at "terms" or "catalog".
//   - Instants are RFC 3339: YYYY-MM-DDTHH:MM:SS, an optional fraction
//     (digits past nanoseconds are dropped), then Z or an offset from -23:59
//     to +23:59 (+24:00 is refused); "T" and "Z" upper case. A date that
//     does not exist says which part is wrong ("day 30 does not exist:
//     February 2024 has 29 days"). Instants are converted to UTC and must
//     be within years 0000 to 9999 there, so that everything read can be
//     written back. A Decision's JSON and the evaluate command's flags read
//     instants the same way, accepting and refusing the same texts.
//   - The zero instant, 0001-01-01T00:00:00Z, is refused where the domain
//     packages read the zero time.Time as "none" (a check's, a purchase's
//     and a call-off's instant, a license's end, a support contract's
//     dates, a certificate's signing, an expected obligation's due), so
//     that a file giving it is never silently misread; where presence is
//     said apart (a license's start, a line's ship date, a trade-in's
//     optional instants, the trade-in window) it is an instant like any
//     other, and an expect's "until" of it means "never".
//   - References that must exist: a license's device, and in checks license,
//     device (useFeature's device too), to, order, line (of that order),
//     contact, account (a credit account) and tradeIn. A trialAvailable
//     check's platform and feature are not references: the engine answers
//     for unknown ones (LIC-PLATFORM).
//   - IDs that must be unique: device serials, license, order, line (within
//     its order), contact, credit account, purchase (within its account) and
//     trade-in IDs; catalog platform and feature names within their lists.
//   - A catalog entry naming a default platform replaces it, and every key
//     it leaves out keeps the default's value, as SCENARIOS.md says: its
//     family, class and classes, and "trial" as whether the default has
//     trials (license.TrialsOffered or TrialsNone), even under another
//     family. A platform added needs "family", and without "trial" follows
//     LIC-TRIAL-PRODUCTS by it (license.TrialsByFamily). A feature without
//     "trial" has a trial, like a feature not in the catalog. A device's
//     "class" must be its platform's "class" or one of its "classes"
//     (LIC-PORT).
//   - An order line's "features" may be left out or empty on a heritage
//     product's line only (ENT-HERITAGE: it creates no entitlement); a
//     platform's line without it is refused at the line's path as missing.
//   - An obligation's "subject" (SCENARIOS.md: "the license or line" for
//     an entitlement): a renewal's entitlement and a trial's alarm, syslog
//     and warning name the license ("L1"); a fulfilment's entitlements
//     name the record each unit creates, ORDER/LINE/UNIT counted from 1
//     ("SO1/L1/2"), so that an exact expect can tell the units apart; an
//     email names its address; a deadline, notice, claw-back and advisory
//     name the trade-in; an invoice names the kind of credits ("flexible").
//   - A credit account's "purchases" and "callOffs" may be absent (none).
//     Purchases are each checked with credits.Program.CheckPurchase so a
//     broken one is named by its path; a call-off history that breaks a
//     rule is named by the path of the call-off the ledger stopped at, from
//     the index its credits.HistoryError carries.
//   - A trade-in the book refuses is named by its path, from the index its
//     tmip.EntryError carries.
//   - A license's "history" is checked by license.NewHistory; an event it
//     refuses is named by its path ("licenses[2].history[1]"), the message
//     the rules' ("LIC-PORT: license L1: moveLicense to ptx-1 (rma) at
//     ...: ..."), from the index its license.HistoryError carries. An
//     event's "kind" decides its other keys, as a request's does; its "at"
//     refuses the zero instant like a check's. Events at one instant happen
//     in file order. "history": [] is a history of no events.
//   - A check of a license kind (useFeature, moveLicense, renewLicense,
//     changeTier) naming a license with a "history" is a
//     policy.WithHistory over the request, which names no license of its
//     own: Decide asks it about the license as the events at or before the
//     check's instant left it, and its until counts the events to come.
//   - Under an Overlay (DecodeUnder), an invalid fact is named by the most
//     specific path the refusal has: a recorded call-off or purchase by its
//     own ("creditAccounts[0].callOffs[1]"), which leaves its account
//     without a ledger; a trade-in the book refuses by its own, which
//     leaves no book. A check is left out when any fact it names (or the
//     license's device, or the book) was refused. Terms and catalog that
//     do not hold together once the overlay is applied over a file's own
//     are an error naming the overlay's file and "terms" or "catalog".
//   - An expect has the shape of the Decision object: "reason" is accepted
//     and not compared, since the matching rules leave it out; "until" is
//     "never" or an instant; an obligation needs "kind" and "rule"; "values"
//     is an object of decimal strings. "notRules" is a list of known rule
//     IDs, none of them also in "rules" (an expect wanting a rule both
//     cited and not could never be met); "exact" is true or false.
//   - Expect.Mismatches reports each difference on its own line ("outcome:
//     want deny, got allow", "rules: want X among [...]", "notRules: want X
//     absent, got [...]", "until: ...", "obligations: want ... among
//     [...]", "values: name: want a, got b", and with exact "obligations:
//     want none other (exact), got ..." and "values: name: want none
//     (exact), got b"). A list of the decision's obligations shows at most
//     ten and counts the rest, and an exact expect names at most ten
//     obligations it does not list, so the lines stay proportional to the
//     file however many obligations a decision carries; matching costs
//     O(listed + decision's obligations).
//   - An expected obligation may match the same decision obligation as
//     another one, and one that leaves out due or subject matches every
//     obligation of its kind and rule: with exact, an obligation is listed
//     when some expected obligation matches it (SCENARIOS.md: the decision
//     "carries no other obligation"); to pin how many obligations of one
//     kind and rule a decision carries, list each with its subject.
//   - Check.Describe says the request in words from the decoded request, not
//     the raw text. Check.Raw is a slice of one copy of the file made for
//     the scenario, capped at the request's end.
//
// # The JSON Schema
//
// scenario.schema.json (draft 2020-12) describes the format for editors and
// other tools. Module policy/scenario/schematest keeps it true: every
// scenario file in the repository validates, and every file of this
// package's tables of bad files is refused by the schema too, or is listed
// there with the reason a schema cannot say it: references to IDs the file
// defines, IDs unique by one field of objects in a list, repeated keys (a
// schema sees the parsed object), a rule listed in both rules and notRules,
// days a month does not have, years past 0000-9999 after the offset,
// whether a line is a heritage product's (which may list no features), and
// history or facts a domain rule refuses.
package scenario
