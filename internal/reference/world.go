package reference

import (
	"time"

	"github.com/shopspring/decimal"
)

// Terms are the numbers of RULES.md, named as SCENARIOS.md's "terms" keys.
type Terms struct {
	SubscriptionTermYears  []int
	TrialWarningDays       int
	InitialGraceDays       int
	CreditBlocks           []int
	CreditMinOrder         int
	ProfessionalMinCallOff int
	FlexibleMinCallOff     int
	// FlexibleOtherMinCallOff is the credits package's choice for a flexible
	// call-off on another service (not in SCENARIOS.md); default 1.
	FlexibleOtherMinCallOff int
	CreditValidityMonths    int
	TMIPWindowStart         time.Time // zero: none
	TMIPWindowEnd           time.Time
	TMIPReturnMonths        int
	TMIPNoticeEveryDays     int
	TMIPCombinable          bool
}

// DefaultTerms are the defaults SCENARIOS.md lists.
func DefaultTerms() Terms {
	return Terms{
		SubscriptionTermYears:   []int{1, 3, 5},
		TrialWarningDays:        30,
		InitialGraceDays:        30,
		CreditBlocks:            []int{1, 10, 25, 50},
		CreditMinOrder:          10,
		ProfessionalMinCallOff:  5,
		FlexibleMinCallOff:      10,
		FlexibleOtherMinCallOff: 1,
		CreditValidityMonths:    12,
		TMIPWindowEnd:           time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC),
		TMIPReturnMonths:        3,
		TMIPNoticeEveryDays:     30,
	}
}

// Platform is a catalog platform: its family, like-device class and whether
// trial keys exist for it.
type Platform struct {
	Name, Family, Class string
	Trial               bool
}

// Catalog is the product data: platforms, features without trials, heritage
// products and TMIP SKUs.
type Catalog struct {
	Platforms []Platform
	// Features lists features with whether a temporary key exists; a later
	// entry replaces an earlier one, and a feature not listed has a trial.
	Features []Feature
	Heritage []string
	TMIPSKUs []string
}

// DefaultPlatforms are the platforms of SCENARIOS.md: each series its own
// class; trials for virtual and cloud platforms and PTX, QFX, EX, MX.
func DefaultPlatforms() []Platform {
	var ps []Platform
	for _, n := range []string{"PTX", "MX", "QFX", "EX", "SRX", "NFX", "ACX"} {
		trial := n == "PTX" || n == "MX" || n == "QFX" || n == "EX"
		ps = append(ps, Platform{n, "hardware", n, trial})
	}
	for _, n := range []string{"vMX", "vSRX", "cSRX", "cRPD"} {
		ps = append(ps, Platform{n, "virtual", n, true})
	}
	for _, n := range []string{"Contrail", "Paragon Automation", "Wi-Fi Assurance", "Wired Assurance", "WAN Assurance"} {
		ps = append(ps, Platform{n, "software", n, false})
	}
	return ps
}

// Feature is a catalog feature.
type Feature struct {
	Name  string
	Trial bool
}

// DefaultFeatures are the seed's features without a temporary key
// (LIC-TRIAL-FEATURES).
func DefaultFeatures() []Feature {
	return []Feature{{"extended-upgrade", false}, {"capacity-key", false}, {"vsys", false}}
}

// DefaultCatalog is the default platforms and features, no heritage products
// and no TMIP SKUs: the domain packages' own defaults for those are their
// picks, so the differential test names its own.
func DefaultCatalog() Catalog {
	return Catalog{Platforms: DefaultPlatforms(), Features: DefaultFeatures()}
}

// Device is a chassis or instance with a serial number.
type Device struct {
	Serial, Platform string
	Class            string // empty: the platform's class
}

// License is SCENARIOS.md's license object.
type License struct {
	ID, Kind, Tier, Platform, Device string
	Features                         []string
	Start                            time.Time
	TermYears                        int       // subscription
	End                              time.Time // trial
	Initial                          bool      // subscription
	Capacity                         *decimal.Decimal
	// History is what happened to it after it was issued, in the order
	// listed (SCENARIOS.md, License, history).
	History []Event
}

// Order is a sales order.
type Order struct {
	ID       string
	Accounts []string
	Emails   []string
	Lines    []Line
}

// Line is one order line.
type Line struct {
	ID, Product, Kind, Tier string
	TermYears               int
	Features                []string
	Quantity                int
	ShipDate                time.Time
	Initial                 bool
}

// Contact is a portal user with the account IDs it is associated with.
type Contact struct {
	ID       string
	Accounts []string
}

// CreditAccount is a Professional or Flexible Services Credit account.
type CreditAccount struct {
	ID, Kind  string
	Purchases []Purchase
	CallOffs  []CallOffRecord
}

// Purchase is a recorded purchase of credits.
type Purchase struct {
	ID          string
	At          time.Time
	Credits     decimal.Decimal
	Discount    decimal.Decimal
	LocalEntity bool
}

// CallOffRecord is a recorded call-off.
type CallOffRecord struct {
	At         time.Time
	Credits    decimal.Decimal
	Engagement Engagement
}

// Engagement is what credits are called off for.
type Engagement struct {
	Type, Pricing                                              string
	DefinedScope, PurchaseOrder, StatementOfWork, Professional bool
}

// TradeIn is SCENARIOS.md's trade-in.
type TradeIn struct {
	ID, SKU, Serial, NewProduct string
	Partner, OtherPromotion     bool
	Working, Damaged            bool
	Network, Channel            string
	Support                     *Support
	Ordered, Shipped, Returned  time.Time // zero: not recorded
	Destruction                 *Destruction
}

// Support is a trade-in's support contract.
type Support struct {
	Serial     string
	Start, End time.Time
	Value      decimal.Decimal
}

// Destruction is a Certificate of Destruction.
type Destruction struct {
	Signed         time.Time
	SignerTitle    string
	LegalAuthority bool
}

// World is everything a request is decided against.
type World struct {
	Terms          Terms
	Catalog        Catalog
	Devices        []Device
	Licenses       []License
	Orders         []Order
	Contacts       []Contact
	CreditAccounts []CreditAccount
	TradeIns       []TradeIn // in file order
}
