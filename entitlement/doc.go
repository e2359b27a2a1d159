// Package entitlement is license delivery: sales orders with their account
// IDs, email addresses and lines, the fulfilment of a line on its ship date
// (entitlement records and fulfilment emails), heritage products, the
// subscription timer and grace, and who may see an entitlement.
//
// Build a [Program] ([NewProgram] of this package's [Catalog] and [Terms]
// over a [license.Program]; [DefaultProgram] for the published ones), an
// [Order] with [Program.NewOrder] and a [Contact] with [NewContact]; then
// ask:
//
//   - [Order.Fulfil]: may the line be fulfilled now, and the entitlements
//     and emails fulfilment creates, as a [Fulfilment].
//   - [Order.View]: may the contact see the line's entitlement, as a
//     [rule.Verdict].
//   - [Entitlement.License]: the [license.License] an entitlement grants
//     once installed on a device.
//
// An Order remembers its Program, so fulfilment and visibility answer under
// the terms and catalog the order was built under. A Program and an Order
// are handles and a Contact a comparable value: nothing a holder does to
// its copy reaches another's.
//
// Every answer is a [rule.Verdict] citing the rule IDs of package rule and
// carrying Until, the first instant after at at which it can change (zero:
// never); [rule.Verdict.Err] turns a refusal into a *[rule.Violation].
//
// # Rules applied
//
//   - ENT-ORDER: an order carries one or more account IDs; they are copied
//     onto every entitlement and decide who sees it.
//   - ENT-SHIP: a line is fulfilled on its ship date: refused before it
//     (Until the ship date), the same fulfilment at any instant from it on.
//   - ENT-AUTO: fulfilment creates one entitlement per unit, named
//     "order/line/unit" so fulfilling twice names the same records.
//   - ENT-EMAIL: one fulfilment email per distinct address of the order,
//     with the line's license details and the entitlement IDs.
//   - ENT-TIMER: an entitlement's period starts at the ship instant, not at
//     installation.
//   - ENT-GRACE: an initial subscription ends license.Terms.InitialGraceDays
//     after its years; a renewal at the end of its years. The period is
//     computed by license.Program.NewLicense, so it is the license's own.
//   - ENT-HERITAGE: a heritage product gets its emails and no entitlement;
//     viewing it is refused citing ENT-HERITAGE.
//   - ENT-VISIBLE: a contact sees an entitlement only when one of its
//     account IDs is among the entitlement's.
//
// # Choices where the rules are silent
//
//   - An order needs at least one email address: for a heritage product the
//     fulfilment email is the only delivery, so an order telling no one is
//     refused (ENT-EMAIL). Addresses must be bare ("ops@example.com", not
//     "Ops <ops@example.com>"); repeats are sent once, compared without case
//     (addresses are lower-cased), as mail systems treat them.
//   - Trial lines are refused (LIC-KIND): trial keys are temporary keys, not
//     sold on sales orders, and an order line has no end date.
//   - Every line grants at least one feature, named once (LIC-TIER), heritage
//     lines included; a subscription's term must be in the license terms'
//     list (LIC-SUB-TERM); a perpetual line has no term and is no renewal.
//   - Order and line IDs may not contain "/", the separator of entitlement
//     IDs; account IDs are distinct within an order and a contact.
//   - A product named both as a platform and as a heritage product is
//     heritage: the catalog says it does not use the licensing system.
//   - The default heritage products (DefaultCatalog) are plausible picks
//     from the seed's product list; scenario files add others.
//   - Quantity is bounded by Terms.MaxLineQuantity (10,000), a guard of the
//     library, not a published number.
//   - An entitlement is not bound to a device: License builds the license
//     when it is installed. Until then its period is computed on a stand-in
//     device, which does not change it.
//   - A view of a line that does not exist, or of an invalid order, by a
//     contact sharing no account, gets the same ENT-VISIBLE refusal as any
//     other line: the answer tells such a contact nothing. To a contact who
//     shares an account, a heritage line not yet shipped is refused citing
//     ENT-HERITAGE and ENT-SHIP until its ship date, then ENT-HERITAGE.
//   - An unknown line in Fulfil is refused citing ENT-ORDER, for good.
//   - Line.ShipDate is always present: the zero time.Time is a ship date
//     like any other. A ship date outside years 0000 to 9999 is refused
//     (ENT-SHIP), and so is a line whose subscription would end after
//     9999-12-31 (LIC-SUB-TERM, ENT-GRACE, from the license package).
//   - An allowed fulfilment cites ENT-AUTO (or ENT-HERITAGE), ENT-SHIP and
//     ENT-EMAIL, and, for a subscription, ENT-TIMER and, when initial,
//     ENT-GRACE.
//
// # Cost
//
// NewOrder is linear in the size of the spec: repeats of accounts, lines
// and features are found through maps, so 100,000 of each take well under
// a second. Fulfil builds a line's fulfilment (records, emails and
// obligations) on the first allowed ask, in time and memory linear in its
// quantity (at most Terms.MaxLineQuantity) plus the order's addresses, and
// the order keeps it, read-only: an Order is a handle, and every handle to
// one order shares what it worked out, so every later Fulfil of the line
// takes constant time and allocates nothing, however often it is asked.
// An order never asked holds no fulfilment. The Verdict shares the kept
// obligations, which no caller can change (rule.Obligations);
// Fulfilment.Entitlements and Fulfilment.Emails return fresh copies,
// linear in the quantity, so no answer shares writable memory with
// another. View is linear in the contact's accounts (the order's are a
// set).
//
// # Scenario files
//
// An order of a scenario file is an [OrderSpec]: "accounts" are Accounts,
// "emails" Emails, a line's "shipDate" its ShipDate and "initial": false its
// Renewal (absent or true: an initial subscription). "contacts" are
// [Contact] values ([NewContact]); "catalog.heritage" is added with
// [Catalog.AddHeritage]; "initialGraceDays" and "subscriptionTermYears" are
// [license.Terms] fields, of the licensing program the [Program] is built
// over ([Program.License]). A fulfilLine check is [Order.Fulfil], a
// viewEntitlement check [Order.View].
package entitlement
