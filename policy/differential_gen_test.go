package policy_test

// The generator of the differential test: random terms, catalogs, facts,
// requests and instants, drawn as internal/reference values and rendered as
// a scenario file of SCENARIOS.md for the engine.

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/reference"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// anchors are the days instants cluster around: Feb 29, month ends, the TMIP
// window's end.
var anchors = []time.Time{
	utc(2024, 2, 29), utc(2023, 1, 31), utc(2021, 6, 30), utc(2020, 11, 30),
	utc(2021, 10, 1), utc(2025, 3, 1), utc(2021, 3, 31), utc(2028, 2, 29),
	utc(2000, 2, 29), utc(2100, 2, 28), utc(2025, 1, 1),
}

var (
	platformPool = []string{"MX", "MX", "MX-NG", "PTX", "QFX", "SRX", "vMX", "vSRX", "Contrail", "LabBox"}
	featurePool  = []string{"bgp", "evpn", "vsys", "capacity-key", "isis", "mpls"}
	tierPool     = []string{"standard", "advanced", "premium"}
	emailPool    = []string{"ops@acme.example", "OPS@acme.example", "noc@acme.example", "buyer@partner.example"}
	skuPool      = []string{"SKU-A", "SKU-B", "NOPE-1"}
	titlePool    = []string{"vice-president", "senior-vice-president", "executive-vice-president", "president",
		"chief-executive-officer", "director", "manager", "other"}
)

// drawInstant is a day near an anchor, at midnight, a random clock time, or a
// nanosecond before midnight.
func drawInstant(t *rapid.T, label string) time.Time {
	base := rapid.SampledFrom(anchors).Draw(t, label+".anchor")
	day := base.AddDate(0, 0, rapid.IntRange(-200, 400).Draw(t, label+".days"))
	switch rapid.IntRange(0, 3).Draw(t, label+".clock") {
	case 1:
		return day.Add(time.Duration(rapid.Int64Range(1, int64(24*time.Hour)-1).Draw(t, label+".ns")))
	case 2:
		return day.Add(-time.Nanosecond)
	}
	return day
}

func drawTerms(t *rapid.T) reference.Terms {
	tm := reference.DefaultTerms()
	if rapid.Bool().Draw(t, "defaultTerms") {
		return tm
	}
	years := rapid.SliceOfNDistinct(rapid.SampledFrom([]int{1, 2, 3, 4, 5, 7, 10}), 1, 3, rapid.ID[int]).Draw(t, "termYears")
	sort.Ints(years)
	tm.SubscriptionTermYears = years
	tm.TrialWarningDays = rapid.IntRange(0, 45).Draw(t, "trialWarningDays")
	tm.InitialGraceDays = rapid.IntRange(0, 40).Draw(t, "initialGraceDays")
	blocks := rapid.SliceOfNDistinct(rapid.SampledFrom([]int{1, 2, 3, 5, 7, 10, 25, 50, 6, 9, 20, 97, 331, 1000}), 1, 4, rapid.ID[int]).Draw(t, "blocks")
	sort.Ints(blocks)
	tm.CreditBlocks = blocks
	tm.CreditMinOrder = rapid.IntRange(0, 20).Draw(t, "creditMinOrder")
	tm.ProfessionalMinCallOff = rapid.IntRange(1, 12).Draw(t, "professionalMinCallOff")
	tm.FlexibleMinCallOff = rapid.IntRange(1, 12).Draw(t, "flexibleMinCallOff")
	tm.CreditValidityMonths = rapid.IntRange(1, 36).Draw(t, "creditValidityMonths")
	if rapid.Bool().Draw(t, "windowStart") {
		tm.TMIPWindowStart = drawInstant(t, "tmipWindowStart")
		tm.TMIPWindowEnd = tm.TMIPWindowStart.Add(time.Duration(rapid.Int64Range(1, int64(500*24*time.Hour)).Draw(t, "windowLength")))
	} else {
		tm.TMIPWindowEnd = drawInstant(t, "tmipWindowEnd")
	}
	tm.TMIPReturnMonths = rapid.IntRange(1, 24).Draw(t, "tmipReturnMonths")
	tm.TMIPNoticeEveryDays = rapid.IntRange(1, 40).Draw(t, "tmipNoticeEveryDays")
	tm.TMIPCombinable = rapid.Bool().Draw(t, "tmipCombinable")
	return tm
}

func drawCatalog(t *rapid.T) reference.Catalog {
	c := reference.DefaultCatalog()
	c.Platforms = append(c.Platforms,
		reference.Platform{Name: "MX-NG", Family: "hardware", Class: rapid.SampledFrom([]string{"MX", "MX-NG"}).Draw(t, "mxngClass"),
			Trial: rapid.Bool().Draw(t, "mxngTrial")},
		reference.Platform{Name: "LabBox", Family: rapid.SampledFrom([]string{"hardware", "virtual", "software"}).Draw(t, "labFamily"),
			Class: "LabBox", Trial: rapid.Bool().Draw(t, "labTrial")})
	if rapid.Bool().Draw(t, "replaceSRX") {
		c.Platforms = append(c.Platforms, reference.Platform{Name: "SRX", Family: "hardware", Class: "SRX", Trial: true})
	}
	for _, f := range []string{"isis", "vsys"} {
		if rapid.Bool().Draw(t, "feature."+f) {
			c.Features = append(c.Features, reference.Feature{Name: f, Trial: rapid.Bool().Draw(t, "trial."+f)})
		}
	}
	c.Heritage = []string{"Heritage-A"}
	c.TMIPSKUs = []string{"SKU-A", "SKU-B"}
	return c
}

func drawDecimal(t *rapid.T, label string, pool ...string) decimal.Decimal {
	return decimal.RequireFromString(rapid.SampledFrom(pool).Draw(t, label))
}

// drawWorld draws every kind of fact at once; a request then picks from them.
func drawWorld(t *rapid.T) *reference.World {
	w := &reference.World{Terms: drawTerms(t), Catalog: drawCatalog(t)}
	for i := range rapid.IntRange(2, 4).Draw(t, "devices") {
		d := reference.Device{Serial: fmt.Sprintf("dev-%d", i), Platform: rapid.SampledFrom(platformPool).Draw(t, "platform")}
		if rapid.IntRange(0, 5).Draw(t, "classOverride") == 0 {
			d.Class = "shared"
		}
		w.Devices = append(w.Devices, d)
	}
	for i := range rapid.IntRange(1, 3).Draw(t, "licenses") {
		dev := rapid.SampledFrom(w.Devices).Draw(t, "licenseDevice")
		l := reference.License{
			ID: fmt.Sprintf("L%d", i), Kind: rapid.SampledFrom([]string{"perpetual", "subscription", "trial"}).Draw(t, "kind"),
			Tier: rapid.SampledFrom(tierPool).Draw(t, "tier"), Platform: dev.Platform, Device: dev.Serial,
			Features: rapid.SliceOfNDistinct(rapid.SampledFrom(featurePool), 1, 3, rapid.ID[string]).Draw(t, "features"),
			Start:    drawInstant(t, "start"),
		}
		if l.Kind == "trial" {
			// A trial key exists only for trial platforms and features.
			var keyed []string
			for _, f := range l.Features {
				if w.TrialKey(l.Platform, f) {
					keyed = append(keyed, f)
				}
			}
			if len(keyed) == 0 {
				l.Kind = "subscription"
			} else {
				l.Features = keyed
			}
		}
		switch l.Kind {
		case "subscription":
			l.TermYears = rapid.SampledFrom(w.Terms.SubscriptionTermYears).Draw(t, "termYears")
			l.Initial = rapid.IntRange(0, 2).Draw(t, "initial") > 0
		case "trial":
			l.End = l.Start.Add(time.Duration(rapid.Int64Range(int64(time.Hour), int64(120*24*time.Hour)).Draw(t, "trialLength")))
			if rapid.Bool().Draw(t, "trialDayEnd") {
				l.End = l.Start.AddDate(0, 0, rapid.IntRange(1, 90).Draw(t, "trialDays"))
			}
		}
		if rapid.Bool().Draw(t, "capacity") {
			c := drawDecimal(t, "capacity", "1", "10", "100", "150.5")
			l.Capacity = &c
		}
		w.Licenses = append(w.Licenses, l)
		if rapid.IntRange(0, 2).Draw(t, "hasHistory") == 0 {
			w.Licenses[i].History = drawHistory(t, w, l)
			w.Licenses[i].History = reference.ValidHistory(w, l.ID)
		}
	}
	o := reference.Order{ID: "SO1",
		Accounts: rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"A1", "A2", "P7"}), 1, 3, rapid.ID[string]).Draw(t, "accounts"),
		Emails:   rapid.SliceOfN(rapid.SampledFrom(emailPool), 1, 3).Draw(t, "emails")}
	for i := range rapid.IntRange(1, 3).Draw(t, "lines") {
		ln := reference.Line{ID: fmt.Sprintf("ln%d", i),
			Product:  rapid.SampledFrom([]string{"MX", "vSRX", "Heritage-A", "PTX"}).Draw(t, "product"),
			Kind:     rapid.SampledFrom([]string{"perpetual", "subscription"}).Draw(t, "lineKind"),
			Tier:     rapid.SampledFrom(tierPool).Draw(t, "lineTier"),
			Features: rapid.SliceOfNDistinct(rapid.SampledFrom(featurePool), 1, 2, rapid.ID[string]).Draw(t, "lineFeatures"),
			Quantity: rapid.IntRange(1, 3).Draw(t, "quantity"), ShipDate: drawInstant(t, "shipDate")}
		if ln.Kind == "subscription" {
			ln.TermYears = rapid.SampledFrom(w.Terms.SubscriptionTermYears).Draw(t, "lineTerm")
			ln.Initial = rapid.IntRange(0, 2).Draw(t, "lineInitial") > 0
		}
		if w.Heritage(ln.Product) {
			// SCENARIOS.md: "a heritage line may list no features
			// ("features": [] or no key)".
			switch rapid.IntRange(0, 2).Draw(t, "heritageFeatures") {
			case 1:
				ln.Features = nil
			case 2:
				ln.Features = []string{}
			}
		}
		o.Lines = append(o.Lines, ln)
	}
	w.Orders = []reference.Order{o}
	w.Contacts = []reference.Contact{{ID: "C1", Accounts: []string{"A1"}}, {ID: "C2", Accounts: []string{"B9"}},
		{ID: "C3", Accounts: []string{"B9", "A2"}}}
	for _, kind := range []string{"professional", "flexible"} {
		acct := reference.CreditAccount{ID: kind[:1] + "-acct", Kind: kind}
		for i := range rapid.IntRange(0, 6).Draw(t, "purchases") {
			at := drawInstant(t, "purchaseAt")
			if rapid.IntRange(0, 3).Draw(t, "purchaseAtQuarter") == 0 {
				at = time.Date(at.Year(), time.Month(3*rapid.IntRange(0, 3).Draw(t, "purchaseQuarter")+1), 1, 0, 0, 0, 0, time.UTC)
			}
			p := reference.Purchase{ID: fmt.Sprintf("po-%d", i), At: at,
				Credits:     drawDecimal(t, "purchaseCredits", "10", "12", "25", "37", "50", "60", "15", "13", "17", "23", "41", "63", "99", "101"),
				LocalEntity: true}
			if reference.PurchaseAllowed(w.Terms, p) {
				acct.Purchases = append(acct.Purchases, p)
			}
		}
		for range rapid.IntRange(0, 10).Draw(t, "callOffs") {
			at := drawInstant(t, "callOffAt")
			if len(acct.Purchases) > 0 && rapid.IntRange(0, 3).Draw(t, "callOffNearPurchase") > 0 {
				p := rapid.SampledFrom(acct.Purchases).Draw(t, "callOffPurchase")
				lotEnd := reference.AddMonths(p.At, w.Terms.CreditValidityMonths)
				switch rapid.IntRange(0, 3).Draw(t, "callOffWhen") {
				case 0:
					at = p.At // at the purchase's own instant
				case 1:
					at = lotEnd.Add(time.Duration(rapid.IntRange(-1, 0).Draw(t, "lotEndNudge")))
				default:
					at = p.At.Add(time.Duration(rapid.Int64Range(0, int64(400*24*time.Hour)).Draw(t, "callOffAfter")))
				}
			}
			acct.CallOffs = append(acct.CallOffs, reference.CallOffRecord{At: at,
				Credits: drawDecimal(t, "callOffCredits", "1", "5", "7", "10", "12", "20", "30"), Engagement: drawEngagement(t, true)})
		}
		acct.CallOffs = reference.ValidCallOffs(w.Terms, acct)
		w.CreditAccounts = append(w.CreditAccounts, acct)
	}
	for i := range rapid.IntRange(1, 3).Draw(t, "tradeIns") {
		ti := reference.TradeIn{ID: fmt.Sprintf("T%d", i), SKU: rapid.SampledFrom(skuPool).Draw(t, "sku"), Serial: fmt.Sprintf("S%d", i),
			Network: "production", Channel: "authorized", Working: true}
		if rapid.Bool().Draw(t, "oddTradeIn") {
			ti.Network = rapid.SampledFrom([]string{"production", "lab", "other"}).Draw(t, "network")
			ti.Channel = rapid.SampledFrom([]string{"authorized", "direct", "gray"}).Draw(t, "channel")
			ti.Working = rapid.IntRange(0, 5).Draw(t, "working") > 0
			ti.Damaged = rapid.IntRange(0, 5).Draw(t, "damaged") == 0
		}
		ti.Partner, ti.OtherPromotion = rapid.Bool().Draw(t, "partner"), rapid.IntRange(0, 3).Draw(t, "otherPromotion") == 0
		ti.NewProduct = fmt.Sprintf("NP%d", i)
		if rapid.IntRange(0, 3).Draw(t, "sameProduct") == 0 {
			ti.NewProduct = "NP0"
		}
		if rapid.IntRange(0, 3).Draw(t, "support") > 0 {
			start := drawInstant(t, "supportStart")
			ti.Support = &reference.Support{Serial: ti.Serial, Start: start,
				End:   start.AddDate(0, 0, rapid.IntRange(1, 900).Draw(t, "supportDays")),
				Value: decimal.New(rapid.Int64Range(0, 10_000_000).Draw(t, "supportCents"), -2)}
			switch rapid.IntRange(0, 9).Draw(t, "supportOdd") {
			case 0: // beyond the engine's integer cents
				ti.Support.Value = decimal.New(rapid.Int64Range(0, 1<<62).Draw(t, "hugeCents"), -2).Mul(decimal.New(rapid.Int64Range(1, 1_000_000).Draw(t, "hugeFactor"), 0))
			case 1: // long and cheap: the value drops rarely
				ti.Support.End = start.AddDate(rapid.IntRange(3, 99).Draw(t, "supportYears"), 0, 0)
				ti.Support.Value = decimal.New(rapid.Int64Range(0, 5000).Draw(t, "smallCents"), -2)
			}
		}
		if rapid.IntRange(0, 3).Draw(t, "ordered") > 0 {
			ti.Ordered = drawInstant(t, "ordered")
		}
		if rapid.IntRange(0, 3).Draw(t, "shipped") > 0 {
			ti.Shipped = drawInstant(t, "shipped")
		}
		if rapid.Bool().Draw(t, "returned") {
			ti.Returned = drawInstant(t, "returnedAt")
		}
		if rapid.Bool().Draw(t, "destruction") {
			ti.Destruction = &reference.Destruction{Signed: drawInstant(t, "signed"),
				SignerTitle: rapid.SampledFrom(titlePool).Draw(t, "title"), LegalAuthority: rapid.IntRange(0, 3).Draw(t, "legal") > 0}
		}
		if !ti.Shipped.IsZero() && rapid.IntRange(0, 2).Draw(t, "nearDeadline") == 0 {
			// A return or certificate at the deadline, a nanosecond either
			// side, or some days late (TMIP-BREACH: a late one ends the
			// notices).
			near := reference.AddMonths(ti.Shipped, w.Terms.TMIPReturnMonths).
				AddDate(0, 0, rapid.IntRange(0, 3).Draw(t, "lateDays")*rapid.IntRange(0, 20).Draw(t, "lateBy")).
				Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "lateNudge")))
			if ti.Destruction != nil && rapid.Bool().Draw(t, "lateCertificate") {
				ti.Destruction.Signed = near
			} else {
				ti.Returned = near
			}
		}
		w.TradeIns = append(w.TradeIns, ti)
	}
	return w
}

// drawHistory draws events for l in time order, aimed at its start and
// its ends (moved, retiered and renewed just before, at and after them,
// renewals asked while another is to come, several at one instant), some
// of which the rules refuse: the caller keeps those reference.ValidHistory
// allows.
func drawHistory(t *rapid.T, w *reference.World, l reference.License) []reference.Event {
	ends := []time.Time{l.Start}
	if l.Kind == "subscription" {
		years := reference.AddMonths(l.Start, 12*l.TermYears)
		ends = append(ends, years, years.AddDate(0, 0, w.Terms.InitialGraceDays))
	}
	var events []reference.Event
	for range rapid.IntRange(1, 4).Draw(t, "events") {
		var at time.Time
		switch rapid.IntRange(0, 3).Draw(t, "eventWhen") {
		case 0:
			at = rapid.SampledFrom(ends).Draw(t, "eventEnd").Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "eventNudge")))
		case 1:
			if len(events) > 0 {
				at = events[len(events)-1].At // at one instant
				break
			}
			fallthrough
		default:
			at = l.Start.Add(time.Duration(rapid.Int64Range(-int64(30*24*time.Hour), int64(3*366*24*time.Hour)).Draw(t, "eventAfter")))
		}
		e := reference.Event{At: at, Kind: rapid.SampledFrom([]string{"moveLicense", "changeTier", "renewLicense"}).Draw(t, "eventKind")}
		switch e.Kind {
		case "moveLicense":
			e.To = rapid.SampledFrom(w.Devices).Draw(t, "eventTo").Serial
			e.Reason = rapid.SampledFrom([]string{"rma", "rebalance"}).Draw(t, "eventReason")
		case "changeTier":
			e.Tier = rapid.SampledFrom(tierPool).Draw(t, "eventTier")
		default:
			e.TermYears = rapid.SampledFrom(w.Terms.SubscriptionTermYears).Draw(t, "eventYears")
			if rapid.IntRange(0, 5).Draw(t, "eventYearsOdd") == 0 {
				e.TermYears = rapid.IntRange(0, 11).Draw(t, "eventYearsAny")
			}
		}
		events = append(events, e)
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].At.Before(events[j].At) })
	return events
}

func drawEngagement(t *rapid.T, mostlyValid bool) reference.Engagement {
	odd := func(label string) bool { return rapid.IntRange(0, 7).Draw(t, label) == 0 }
	return reference.Engagement{
		Type:            rapid.SampledFrom([]string{"assessment", "design", "deployment", "migration"}).Draw(t, "type"),
		Pricing:         map[bool]string{false: "fixed", true: "duration"}[odd("duration")],
		DefinedScope:    !odd("noScope"),
		PurchaseOrder:   !odd("noPO"),
		StatementOfWork: !odd("noSOW"),
		Professional:    !odd("otherService"),
	}
}

// boundaries are the instants of the world where decisions change: each is
// drawn exact, a nanosecond before or a nanosecond after.
func boundaries(w *reference.World) []time.Time {
	tm := w.Terms
	var b []time.Time
	add := func(ts ...time.Time) {
		for _, x := range ts {
			if !x.IsZero() {
				b = append(b, x)
			}
		}
	}
	for _, l := range w.Licenses {
		add(l.Start, l.End)
		if l.Kind == "subscription" {
			years := reference.AddMonths(l.Start, 12*l.TermYears)
			add(years, years.AddDate(0, 0, tm.InitialGraceDays))
		}
		if l.Kind == "trial" {
			add(l.End.AddDate(0, 0, -tm.TrialWarningDays))
		}
		if len(l.History) > 0 {
			add(reference.HistoryInstants(w, l)...)
		}
	}
	for _, ln := range w.Orders[0].Lines {
		add(ln.ShipDate)
	}
	for _, a := range w.CreditAccounts {
		for _, p := range a.Purchases {
			add(p.At, reference.AddMonths(p.At, tm.CreditValidityMonths))
		}
		for _, c := range a.CallOffs {
			add(c.At)
		}
	}
	add(tm.TMIPWindowStart, tm.TMIPWindowEnd)
	for _, ti := range w.TradeIns {
		add(ti.Ordered, ti.Shipped, ti.Returned)
		if !ti.Shipped.IsZero() {
			d := reference.AddMonths(ti.Shipped, tm.TMIPReturnMonths)
			add(d, d.AddDate(0, 0, tm.TMIPNoticeEveryDays), d.AddDate(0, 0, 2*tm.TMIPNoticeEveryDays))
		}
		if ti.Support != nil {
			add(ti.Support.Start, ti.Support.End)
		}
		if ti.Destruction != nil {
			add(ti.Destruction.Signed)
		}
	}
	return b
}

func drawAt(t *rapid.T, w *reference.World, r reference.Request) time.Time {
	b := boundaries(w)
	if r.Kind == "creditStatement" {
		start := time.Date(r.QuarterYear, time.Month(3*r.Quarter-2), 1, 0, 0, 0, 0, time.UTC)
		b = append(b, start, start.AddDate(0, 3, 0), start.AddDate(0, 3, 0), start.AddDate(0, 3, 0))
	}
	if len(b) == 0 || rapid.IntRange(0, 3).Draw(t, "randomAt") == 0 {
		return drawInstant(t, "at")
	}
	x := rapid.SampledFrom(b).Draw(t, "boundary")
	return x.Add(time.Duration(rapid.IntRange(-1, 1).Draw(t, "nudge")))
}

func drawRequest(t *rapid.T, w *reference.World) reference.Request {
	return drawRequestOf(t, w, rapid.SampledFrom(requestKinds).Draw(t, "kind"))
}

// drawRequestOf draws a request of the given kind about w's facts.
func drawRequestOf(t *rapid.T, w *reference.World, kind string) reference.Request {
	r := reference.Request{Kind: kind, LocalEntity: true}
	lic := rapid.SampledFrom(w.Licenses).Draw(t, "license")
	r.License = lic.ID
	o := w.Orders[0]
	switch kind {
	case "useFeature":
		r.Device = lic.Device
		if rapid.IntRange(0, 3).Draw(t, "otherDevice") == 0 {
			r.Device = rapid.SampledFrom(w.Devices).Draw(t, "device").Serial
		}
		r.Feature = lic.Features[0]
		if rapid.IntRange(0, 3).Draw(t, "otherFeature") == 0 {
			r.Feature = rapid.SampledFrom(featurePool).Draw(t, "feature")
		}
		if rapid.Bool().Draw(t, "units") {
			// Positive only: a scenario file refuses zero or fewer units (LIC-SOD).
			u := drawDecimal(t, "unitsAmount", "1", "10", "100", "150.5", "151", "0.5", "150.50")
			r.Units = &u
		}
	case "moveLicense":
		r.To = rapid.SampledFrom(w.Devices).Draw(t, "to").Serial
		r.Reason = rapid.SampledFrom([]string{"rma", "rebalance"}).Draw(t, "reason")
	case "renewLicense":
		// Not zero: a renewal for no term is a request Decide cannot ask.
		r.TermYears = rapid.IntRange(1, 11).Draw(t, "renewYears")
		if rapid.Bool().Draw(t, "renewListed") {
			r.TermYears = rapid.SampledFrom(w.Terms.SubscriptionTermYears).Draw(t, "renewTerm")
		}
	case "changeTier":
		r.Tier = rapid.SampledFrom(tierPool).Draw(t, "newTier")
	case "trialAvailable":
		r.Platform = rapid.SampledFrom(append(platformPool, "Zeta", "cRPD", "EX", "ACX")).Draw(t, "trialPlatform")
		r.Feature = rapid.SampledFrom(append(featurePool, "extended-upgrade")).Draw(t, "trialFeature")
	case "fulfilLine", "viewEntitlement":
		r.Order = o.ID
		r.Line = rapid.SampledFrom(o.Lines).Draw(t, "line").ID
		r.Contact = rapid.SampledFrom(w.Contacts).Draw(t, "contact").ID
	case "purchaseCredits":
		r.CreditKind = rapid.SampledFrom([]string{"professional", "flexible"}).Draw(t, "creditKind")
		if rapid.IntRange(0, 3).Draw(t, "buyAny") == 0 {
			r.Credits = decimal.NewFromInt(int64(rapid.IntRange(0, 5000).Draw(t, "buyInt")))
			break
		}
		r.Credits = drawDecimal(t, "buyCredits", "10", "37", "9", "7.5", "0", "-10", "25", "11", "50", "3", "13", "17", "23", "41", "63", "10.0", "-0", "1234567")
		r.Discount = drawDecimal(t, "discount", "0", "0", "0", "5", "-1", "0.00", "-0", "0.001")
		r.LocalEntity = rapid.IntRange(0, 4).Draw(t, "local") > 0
	case "callOff", "creditStatement":
		r.Account = rapid.SampledFrom(w.CreditAccounts).Draw(t, "account").ID
		r.Credits = drawDecimal(t, "callCredits", "5", "4", "10", "9", "7.5", "8.0", "1", "20", "100", "0", "12", "-5", "25", "37", "0.5")
		r.Engagement = drawEngagement(t, true)
		q := drawInstant(t, "quarterOf")
		if acct := accountOf(w, r.Account); len(acct.Purchases) > 0 && rapid.Bool().Draw(t, "quarterNearPurchase") {
			q = rapid.SampledFrom(acct.Purchases).Draw(t, "quarterPurchase").At.AddDate(0, 3*rapid.IntRange(-1, 4).Draw(t, "quarters"), 0)
		}
		r.QuarterYear, r.Quarter = q.Year(), (int(q.Month())-1)/3+1
	case "tradeIn", "tradeInCompliance":
		r.TradeIn = rapid.SampledFrom(w.TradeIns).Draw(t, "tradeIn").ID
	default:
		t.Fatalf("unknown kind %q", kind)
	}
	return r
}

var requestKinds = []string{"useFeature", "moveLicense", "renewLicense", "changeTier", "trialAvailable",
	"fulfilLine", "viewEntitlement", "purchaseCredits", "callOff", "creditStatement", "tradeIn", "tradeInCompliance"}

// The scenario file: the same facts, as SCENARIOS.md spells them.

type obj = map[string]any

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// offsets are the UTC offsets instants are written with in the scenario
// file: RULES.md LIC-SUB-TERM, "an RFC 3339 offset only names the instant",
// so the engine must decide as the reference does on the UTC instants.
var offsets = []*time.Location{time.UTC, time.FixedZone("", 5*3600), time.FixedZone("", -8*3600),
	time.FixedZone("", 14*3600), time.FixedZone("", -(11*3600 + 30*60)), time.FixedZone("", 5*3600+45*60)}

// stamp writes t for the scenario file, with an offset picked from t itself
// so that the same instant is written the same way wherever it appears.
func stamp(t time.Time) string {
	k := (uint64(t.Unix()/60) + uint64(t.Nanosecond())) % uint64(len(offsets))
	return t.In(offsets[k]).Format(time.RFC3339Nano)
}

// termsJSON is a "terms" object giving every key of tm.
func termsJSON(tm reference.Terms) obj {
	terms := obj{"subscriptionTermYears": tm.SubscriptionTermYears, "trialWarningDays": tm.TrialWarningDays,
		"initialGraceDays": tm.InitialGraceDays, "creditBlocks": tm.CreditBlocks, "creditMinOrder": tm.CreditMinOrder,
		"professionalMinCallOff": tm.ProfessionalMinCallOff, "flexibleMinCallOff": tm.FlexibleMinCallOff,
		"creditValidityMonths": tm.CreditValidityMonths, "tmipWindowEnd": stamp(tm.TMIPWindowEnd),
		"tmipReturnMonths": tm.TMIPReturnMonths, "tmipNoticeEveryDays": tm.TMIPNoticeEveryDays, "tmipCombinable": tm.TMIPCombinable}
	if !tm.TMIPWindowStart.IsZero() {
		terms["tmipWindowStart"] = stamp(tm.TMIPWindowStart)
	}
	return terms
}

func scenarioJSON(w *reference.World, checks []diffCheck) []byte {
	terms := termsJSON(w.Terms)
	def := reference.DefaultCatalog()
	// Every platform, as the reference reads it (the last of a name wins),
	// declares the class "shared" that drawWorld gives some devices: the
	// engine refuses a device in a class its platform does not declare.
	var platforms, features []obj
	effective, names := map[string]reference.Platform{}, []string{}
	for _, p := range w.Catalog.Platforms {
		if _, ok := effective[p.Name]; !ok {
			names = append(names, p.Name)
		}
		effective[p.Name] = p
	}
	// An entry naming a default platform leaves out some keys whose value
	// is the default's: SCENARIOS.md, "every key it leaves out keeps the
	// default's value".
	defaults := map[string]reference.Platform{}
	for _, p := range def.Platforms {
		defaults[p.Name] = p
	}
	for i, name := range names {
		p := effective[name]
		o := obj{"name": p.Name, "family": p.Family, "class": p.Class, "trial": p.Trial}
		if d, ok := defaults[name]; ok {
			if d.Family == p.Family && i%2 == 0 {
				delete(o, "family")
			}
			if d.Class == p.Class {
				delete(o, "class")
			}
			if d.Trial == p.Trial {
				delete(o, "trial")
			}
		}
		if p.Class != "shared" {
			o["classes"] = []string{"shared"}
		}
		platforms = append(platforms, o)
	}
	for _, f := range w.Catalog.Features[len(def.Features):] {
		features = append(features, obj{"name": f.Name, "trial": f.Trial})
	}
	catalog := obj{"platforms": platforms, "heritage": w.Catalog.Heritage, "tmipSkus": w.Catalog.TMIPSKUs}
	if len(features) > 0 {
		catalog["features"] = features
	}
	var devices, licenses, orders, contacts, accounts, tradeIns, cs []obj
	for _, d := range w.Devices {
		o := obj{"serial": d.Serial, "platform": d.Platform}
		if d.Class != "" {
			o["class"] = d.Class
		}
		devices = append(devices, o)
	}
	for _, l := range w.Licenses {
		o := obj{"id": l.ID, "kind": l.Kind, "tier": l.Tier, "platform": l.Platform, "device": l.Device,
			"features": l.Features, "start": stamp(l.Start)}
		switch l.Kind {
		case "subscription":
			o["termYears"], o["initial"] = l.TermYears, l.Initial
		case "trial":
			o["end"] = stamp(l.End)
		}
		if l.Capacity != nil {
			o["capacity"] = l.Capacity.String()
		}
		if l.History != nil {
			o["history"] = historyJSON(l.History)
		}
		licenses = append(licenses, o)
	}
	for _, od := range w.Orders {
		var lines []obj
		for _, ln := range od.Lines {
			o := obj{"id": ln.ID, "product": ln.Product, "kind": ln.Kind, "tier": ln.Tier, "features": ln.Features,
				"quantity": ln.Quantity, "shipDate": stamp(ln.ShipDate)}
			if ln.Features == nil {
				delete(o, "features")
			}
			if ln.Kind == "subscription" {
				o["termYears"], o["initial"] = ln.TermYears, ln.Initial
			}
			lines = append(lines, o)
		}
		orders = append(orders, obj{"id": od.ID, "accounts": od.Accounts, "emails": od.Emails, "lines": lines})
	}
	for _, c := range w.Contacts {
		contacts = append(contacts, obj{"id": c.ID, "accounts": c.Accounts})
	}
	for _, a := range w.CreditAccounts {
		purchases, callOffs := []obj{}, []obj{}
		for _, p := range a.Purchases {
			purchases = append(purchases, obj{"id": p.ID, "at": stamp(p.At), "credits": p.Credits.String(),
				"discount": p.Discount.String(), "localEntity": p.LocalEntity})
		}
		for _, c := range a.CallOffs {
			callOffs = append(callOffs, obj{"at": stamp(c.At), "credits": c.Credits.String(), "engagement": engagementJSON(c.Engagement)})
		}
		accounts = append(accounts, obj{"id": a.ID, "kind": a.Kind, "purchases": purchases, "callOffs": callOffs})
	}
	for _, ti := range w.TradeIns {
		o := obj{"id": ti.ID, "partner": ti.Partner, "sku": ti.SKU, "serial": ti.Serial, "newProduct": ti.NewProduct,
			"otherPromotion": ti.OtherPromotion,
			"condition":      obj{"working": ti.Working, "network": ti.Network, "damaged": ti.Damaged, "channel": ti.Channel}}
		if s := ti.Support; s != nil {
			o["support"] = obj{"serial": s.Serial, "start": stamp(s.Start), "end": stamp(s.End), "value": s.Value.StringFixed(2)}
		}
		for k, v := range map[string]time.Time{"ordered": ti.Ordered, "newEquipmentShipped": ti.Shipped, "returned": ti.Returned} {
			if !v.IsZero() {
				o[k] = stamp(v)
			}
		}
		if d := ti.Destruction; d != nil {
			o["destruction"] = obj{"signed": stamp(d.Signed), "signerTitle": d.SignerTitle, "legalAuthority": d.LegalAuthority}
		}
		tradeIns = append(tradeIns, o)
	}
	for _, c := range checks {
		cs = append(cs, obj{"at": stamp(c.at), "request": requestJSON(c.req)})
	}
	file := obj{"name": "differential", "terms": terms, "catalog": catalog, "devices": devices, "licenses": licenses,
		"orders": orders, "contacts": contacts, "creditAccounts": accounts, "tradeIns": tradeIns, "checks": cs}
	b, err := json.Marshal(file)
	if err != nil {
		panic(err)
	}
	return b
}

// historyJSON is a license's history as SCENARIOS.md spells it.
func historyJSON(events []reference.Event) []obj {
	out := []obj{}
	for _, e := range events {
		o := obj{"at": ts(e.At), "kind": e.Kind}
		switch e.Kind {
		case "moveLicense":
			o["to"], o["reason"] = e.To, e.Reason
		case "changeTier":
			o["tier"] = e.Tier
		case "renewLicense":
			o["termYears"] = e.TermYears
		}
		out = append(out, o)
	}
	return out
}

func engagementJSON(e reference.Engagement) obj {
	return obj{"type": e.Type, "pricing": e.Pricing, "definedScope": e.DefinedScope, "purchaseOrder": e.PurchaseOrder,
		"statementOfWork": e.StatementOfWork, "professionalServices": e.Professional}
}

func requestJSON(r reference.Request) obj {
	o := obj{"kind": r.Kind}
	switch r.Kind {
	case "useFeature":
		o["license"], o["device"], o["feature"] = r.License, r.Device, r.Feature
		if r.Units != nil {
			o["units"] = r.Units.String()
		}
	case "moveLicense":
		o["license"], o["to"], o["reason"] = r.License, r.To, r.Reason
	case "renewLicense":
		o["license"], o["termYears"] = r.License, r.TermYears
	case "changeTier":
		o["license"], o["tier"] = r.License, r.Tier
	case "trialAvailable":
		o["platform"], o["feature"] = r.Platform, r.Feature
	case "fulfilLine":
		o["order"], o["line"] = r.Order, r.Line
	case "viewEntitlement":
		o["contact"], o["order"], o["line"] = r.Contact, r.Order, r.Line
	case "purchaseCredits":
		o["creditKind"], o["credits"], o["discount"], o["localEntity"] = r.CreditKind, r.Credits.String(), r.Discount.String(), r.LocalEntity
	case "callOff":
		o["account"], o["credits"], o["engagement"] = r.Account, r.Credits.String(), engagementJSON(r.Engagement)
	case "creditStatement":
		o["account"], o["quarter"] = r.Account, fmt.Sprintf("%d-Q%d", r.QuarterYear, r.Quarter)
	case "tradeIn", "tradeInCompliance":
		o["tradeIn"] = r.TradeIn
	}
	return o
}

type diffCheck struct {
	at  time.Time
	req reference.Request
}

func (c diffCheck) String() string {
	b, _ := json.Marshal(requestJSON(c.req))
	return fmt.Sprintf("at %s %s", ts(c.at), strings.TrimSpace(string(b)))
}

func accountOf(w *reference.World, id string) reference.CreditAccount {
	for _, a := range w.CreditAccounts {
		if a.ID == id {
			return a
		}
	}
	panic("no account " + id)
}
