package rule

// The seed documents rules are drawn from, as named in spec/RULES.md.
const (
	seedLicense = iota
	seedDelivery
	seedCredits
	seedTMIP
)

var seedFiles = [...]string{
	seedLicense:  "000_858b2c4013de9dc9.txt",
	seedDelivery: "001_9589870b9aa7db2e.txt",
	seedCredits:  "002_162daf9085a52f87.txt",
	seedTMIP:     "003_449023966ab905e9.txt",
}

type entry struct {
	name      string
	seed      int
	statement string
}

// catalog is indexed by ID. It is never written after initialisation.
var catalog = [endOfIDs]entry{
	LicTier:          {"LIC-TIER", seedLicense, "Licenses come in three tiers: Standard, Advanced and Premium; the catalog says which features each grants."},
	LicPlatform:      {"LIC-PLATFORM", seedLicense, "Platforms fall in three families (hardware, virtual and cloud, standalone software) and like-device classes."},
	LicKind:          {"LIC-KIND", seedLicense, "A license is perpetual, a subscription, or a trial."},
	LicPerpBind:      {"LIC-PERP-BIND", seedLicense, "A perpetual license is tied to the serial number of one device."},
	LicPerpTerm:      {"LIC-PERP-TERM", seedLicense, "A perpetual license never expires."},
	LicPerpRMA:       {"LIC-PERP-RMA", seedLicense, "A perpetual license moves only by RMA, to a device of the same like-device class."},
	LicSubTerm:       {"LIC-SUB-TERM", seedLicense, "A subscription runs for 1, 3 or 5 calendar years from its start."},
	LicSubSupport:    {"LIC-SUB-SUPPORT", seedLicense, "A subscription includes customer support."},
	LicPort:          {"LIC-PORT", seedLicense, "A subscription moves only across like-device classes and keeps its end date; other licenses do not move."},
	LicSubChange:     {"LIC-SUB-CHANGE", seedLicense, "A subscription may change tier, keeping its end date; a perpetual license may not."},
	LicSOD:           {"LIC-SOD", seedLicense, "Perpetual and subscription licenses grant their capacity and scale on demand."},
	LicCost:          {"LIC-COST", seedLicense, "A perpetual license is a capital expense; a subscription an operational one."},
	LicRenew:         {"LIC-RENEW", seedLicense, "Renewals are never automatic; a subscription ends at its end date unless renewed, and renewals get no grace."},
	LicSubExpiry:     {"LIC-SUB-EXPIRY", seedLicense, "When a subscription expires, the features and scale it granted are no longer usable."},
	LicTrialWarn:     {"LIC-TRIAL-WARN", seedLicense, "Before a trial expires the system raises alarms, syslog messages and warnings."},
	LicTrialExpiry:   {"LIC-TRIAL-EXPIRY", seedLicense, "At trial expiry the feature is no longer usable until a license is purchased."},
	LicTrialFeatures: {"LIC-TRIAL-FEATURES", seedLicense, "Extended license upgrades, capacity keys and VSYS licenses have no trial key."},
	LicTrialProducts: {"LIC-TRIAL-PRODUCTS", seedLicense, "Trial keys exist for virtual and cloud platforms and for PTX, QFX, EX and MX Series only."},

	EntOrder:      {"ENT-ORDER", seedDelivery, "A sales order may carry several account IDs, which decide what is assigned and visible."},
	EntShip:       {"ENT-SHIP", seedDelivery, "An order line is fulfilled on its requested ship date."},
	EntAuto:       {"ENT-AUTO", seedDelivery, "Fulfilling a line creates one entitlement record per unit automatically."},
	EntEmail:      {"ENT-EMAIL", seedDelivery, "Fulfilment sends an email with the license details to every address on the sales order."},
	EntVisible:    {"ENT-VISIBLE", seedDelivery, "A contact sees an entitlement only when associated with one of its account IDs."},
	EntTimer:      {"ENT-TIMER", seedDelivery, "The subscription timer starts when the subscription is fulfilled (shipped)."},
	EntGrace:      {"ENT-GRACE", seedDelivery, "An initial subscription adds a 30-day grace period to its term; renewals do not."},
	EntHeritage:   {"ENT-HERITAGE", seedDelivery, "Heritage products get a fulfilment email but no entitlement record."},
	CrdBlocks:     {"CRD-BLOCKS", seedCredits, "Professional Services Credits are bought by purchase order in blocks of 1, 10, 25 and 50."},
	CrdMinOrder:   {"CRD-MIN-ORDER", seedCredits, "The minimum order is 10 credits."},
	CrdNoDiscount: {"CRD-NO-DISCOUNT", seedCredits, "Credits are not discountable."},
	CrdInvoice:    {"CRD-INVOICE", seedCredits, "Credits are invoiced 100% at the time of purchase."},
	CrdLocal:      {"CRD-LOCAL", seedCredits, "Credits are ordered through the local entity under local delivery requirements."},
	CrdValidity:   {"CRD-VALIDITY", seedCredits, "Credits are used within 12 months of purchase, oldest first; what is unused then expires."},
	CrdScope:      {"CRD-SCOPE", seedCredits, "Credits pay only for firm, fixed-price, fixed-scope engagements or packaged services."},
	CrdTypes:      {"CRD-TYPES", seedCredits, "Engagements are Assessment, Design, Deployment or Migration."},
	CrdCallOffPO:  {"CRD-CALLOFF-PO", seedCredits, "Each call-off needs a purchase order against the balance and a statement of work."},
	CrdMinCallOff: {"CRD-MIN-CALLOFF", seedCredits, "The minimum call-off is 5 credits, in whole credits."},
	CrdStatement:  {"CRD-STATEMENT", seedCredits, "A quarterly statement reports credits purchased, used, expired and available."},
	CrdFlex:       {"CRD-FLEX", seedCredits, "Flexible Services Credits are bought and redeemed within 12 months for the same engagement types."},
	CrdFlexMin:    {"CRD-FLEX-MIN", seedCredits, "On a professional services engagement the minimum Flexible call-off is 10 whole credits."},

	TmipSwap:      {"TMIP-SWAP", seedTMIP, "Previously purchased equipment is traded for discount credits on new equipment."},
	TmipEligible:  {"TMIP-ELIGIBLE", seedTMIP, "Only MX Series equipment with the program's listed SKUs is eligible."},
	TmipWindow:    {"TMIP-WINDOW", seedTMIP, "Trade-ins are accepted only within the program's validation period."},
	TmipGlobal:    {"TMIP-GLOBAL", seedTMIP, "The program runs in every country of business."},
	TmipCombine:   {"TMIP-COMBINE", seedTMIP, "The incentive does not combine with other promotions unless the terms say so."},
	TmipCondition: {"TMIP-CONDITION", seedTMIP, "A trade-in must work, come from a production or lab network, be undamaged, and not be gray market."},
	TmipSupport:   {"TMIP-SUPPORT", seedTMIP, "The remaining value of the trade-in's support contract becomes discount credit."},
	TmipNotRenew:  {"TMIP-NOT-RENEW", seedTMIP, "A contract no longer needed is marked not for renewal, given serial numbers and termination date."},
	TmipReturn:    {"TMIP-RETURN", seedTMIP, "Within three months of shipment the trade-in is returned or a signed Certificate of Destruction delivered."},
	TmipBreach:    {"TMIP-BREACH", seedTMIP, "After the deadline, breach notices repeat and the TMIP credits are owed back."},
	TmipSigner:    {"TMIP-SIGNER", seedTMIP, "A Certificate of Destruction is signed by a vice president or above with legal authority."},
	TmipOneForOne: {"TMIP-ONE-FOR-ONE", seedTMIP, "One return earns credit toward one product; extra returns earn nothing."},
	TmipPassOn:    {"TMIP-PASS-ON", seedTMIP, "The discount is meant for end customers; a partner is expected to pass it on."},
	TmipAtOrder:   {"TMIP-AT-ORDER", seedTMIP, "The discount is applied when the new equipment is ordered and listed in the quote."},
}
