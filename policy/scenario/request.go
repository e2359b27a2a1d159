package scenario

import (
	"fmt"
	"strings"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// requestKeys are the fields of each request kind of SCENARIOS.md.
var requestKeys = map[string][]string{
	"useFeature":        {"kind", "license", "device", "feature", "units"},
	"moveLicense":       {"kind", "license", "to", "reason"},
	"renewLicense":      {"kind", "license", "termYears"},
	"changeTier":        {"kind", "license", "tier"},
	"trialAvailable":    {"kind", "platform", "feature"},
	"fulfilLine":        {"kind", "order", "line"},
	"viewEntitlement":   {"kind", "contact", "order", "line"},
	"purchaseCredits":   {"kind", "creditKind", "credits", "discount", "localEntity"},
	"callOff":           {"kind", "account", "credits", "engagement"},
	"creditStatement":   {"kind", "account", "quarter"},
	"tradeIn":           {"kind", "tradeIn"},
	"tradeInCompliance": {"kind", "tradeIn"},
}

const requestKinds = "useFeature, moveLicense, renewLicense, changeTier, trialAvailable, fulfilLine, " +
	"viewEntitlement, purchaseCredits, callOff, creditStatement, tradeIn, tradeInCompliance"

// request decodes a check's request against the scenario's facts.
func (d *decoder) request(n *jnode, path loc, f *facts) policy.Request {
	if n.kind != jObject {
		d.fail(n.off, path, "want an object, not %s", n.kind)
		return nil
	}
	k := d.t.get(n, "kind")
	if k == nil {
		d.fail(n.end-1, loc{n, "kind"}, "missing; want one of %s", requestKinds)
		return nil
	}
	if !d.typed(k, loc{n, "kind"}, jString, "one of "+requestKinds) {
		return nil
	}
	keys, ok := requestKeys[d.str(k)]
	if !ok {
		d.fail(k.off, loc{n, "kind"}, "unknown request kind %s; want one of %s", quote(d.str(k)), requestKinds)
		return nil
	}
	r := requestReader{d: d, o: d.object(n, path, keys...), n: n, path: path, f: f}
	switch kind := d.str(k); kind {
	case "useFeature", "moveLicense", "renewLicense", "changeTier", "trialAvailable":
		return r.license(kind)
	case "fulfilLine", "viewEntitlement":
		return r.entitlement(kind)
	case "purchaseCredits", "callOff", "creditStatement":
		return r.credits(kind)
	case "tradeIn", "tradeInCompliance":
		id := r.o.id("tradeIn", "trade-in ID")
		ref(d, f, f.tradeIns, id, r.o.get("tradeIn"), "trade-in")
		if kind == "tradeIn" {
			return policy.TradeIn{Book: f.book, ID: id}
		}
		return policy.TradeInCompliance{Book: f.book, ID: id}
	}
	return nil
}

// requestReader reads the fields of request object n, at path, whose keys
// were checked against its kind's.
type requestReader struct {
	d    *decoder
	o    obj
	n    *jnode
	path loc
	f    *facts
}

// lic reads the license the request names.
func (r requestReader) lic() license.License {
	l, _ := ref(r.d, r.f, r.f.licenses, r.o.id("license", "license ID"), r.o.get("license"), "license")
	return l
}

// license reads a request of the license domain.
func (r requestReader) license(kind string) policy.Request {
	d, o, n, f := r.d, r.o, r.n, r.f
	switch kind {
	case "useFeature":
		q := policy.UseFeature{License: r.lic()}
		dev, _ := ref(d, f, f.devices, o.id("device", "device serial number"), o.get("device"), "device")
		q.Device = dev.Serial
		q.Feature = o.id("feature", "feature name")
		if a, ok := o.amount("units", false); ok {
			// LIC-SOD grants capacity to scale into: a use of none or
			// less is not a use.
			if a.Sign() <= 0 {
				d.fail(o.get("units").off, loc{n, "units"}, "%s: want a positive number of units (%s)", a, rule.LicSOD)
			}
			q.Units = decimal.NewNullDecimal(a)
		}
		return withHistory(f, q)
	case "moveLicense":
		q := policy.MoveLicense{License: r.lic()}
		q.To, _ = ref(d, f, f.devices, o.id("to", "device serial number"), o.get("to"), "device")
		o.enum("reason", true, &q.Reason, `"rma" or "rebalance"`)
		return withHistory(f, q)
	case "renewLicense":
		q := policy.RenewLicense{License: r.lic()}
		q.TermYears, _ = o.integer("termYears", true)
		return withHistory(f, q)
	case "changeTier":
		q := policy.ChangeTier{License: r.lic()}
		o.enum("tier", true, &q.Tier, `"standard", "advanced" or "premium"`)
		return withHistory(f, q)
	}
	return policy.TrialAvailable{Platform: o.id("platform", "platform name"), Feature: o.id("feature", "feature name")}
}

// entitlement reads a fulfilLine or viewEntitlement request.
func (r requestReader) entitlement(kind string) policy.Request {
	d, o, n, f := r.d, r.o, r.n, r.f
	var q policy.ViewEntitlement
	if kind == "viewEntitlement" {
		q.Contact, _ = ref(d, f, f.contacts, o.id("contact", "contact ID"), o.get("contact"), "contact")
	}
	q.Order, _ = ref(d, f, f.orders, o.id("order", "order ID"), o.get("order"), "order")
	q.Line = o.id("line", "line ID")
	if q.Order.IsValid() && q.Line != "" {
		if _, ok := q.Order.Line(q.Line); !ok {
			lines := []string{}
			for _, l := range q.Order.Lines() {
				if len(lines) == 10 {
					lines = append(lines, "...")
					break
				}
				lines = append(lines, shown(l.ID))
			}
			d.fail(o.get("line").off, loc{n, "line"}, "unknown line %s of order %s; want one of %v", quote(q.Line), shown(q.Order.ID()), lines)
		}
	}
	if kind == "viewEntitlement" {
		return q
	}
	// Each fulfilLine decision lists an entitlement per unit and an
	// email per address: bounded over the file, so that a small
	// file cannot ask for gigabytes of decisions.
	if !q.Order.IsValid() {
		return policy.FulfilLine{Line: q.Line}
	}
	if l, ok := q.Order.Line(q.Line); ok {
		d.fulfilled += l.Quantity + len(q.Order.Emails())
		if d.fulfilled > MaxFulfilled {
			d.fail(n.off, r.path, "the file's fulfilLine checks would list more than %d entitlements and emails (MaxFulfilled); split the file", MaxFulfilled)
		}
	}
	return policy.FulfilLine{Order: q.Order, Line: q.Line}
}

// credits reads a request of the services-credits domain.
func (r requestReader) credits(kind string) policy.Request {
	d, o, n, f := r.d, r.o, r.n, r.f
	switch kind {
	case "purchaseCredits":
		var q policy.PurchaseCredits
		o.enum("creditKind", true, &q.Kind, `"professional" or "flexible"`)
		q.Order.Credits, _ = o.amount("credits", true)
		q.Order.Discount, _ = o.amount("discount", false)
		q.Order.LocalEntity = o.boolean("localEntity", false, true)
		return q
	case "callOff":
		q := policy.CallOff{}
		q.Ledger, _ = ref(d, f, f.ledgers, o.id("account", "credit account ID"), o.get("account"), "credit account")
		q.CallOff.Credits, _ = o.amount("credits", true)
		q.CallOff.Engagement = d.engagement(o.sub("engagement", true, engagementKeys...))
		return q
	}
	q := policy.CreditStatement{}
	q.Ledger, _ = ref(d, f, f.ledgers, o.id("account", "credit account ID"), o.get("account"), "credit account")
	if s := o.id("quarter", `quarter such as "2025-Q1"`); s != "" {
		var err error
		if q.Quarter, err = credits.ParseQuarter(s); err != nil {
			d.fail(o.get("quarter").off, loc{n, "quarter"}, "%s: want a quarter such as \"2025-Q1\"", quote(s))
		}
	}
	return q
}

// Describe returns the request in words, such as
// "may device mx-1 use feature bgp under license L1?".
func (c Check) Describe() string { return describe(c.Request) }

func describe(r policy.Request) string {
	switch r := r.(type) {
	case policy.WithHistory:
		return describeWithHistory(r)
	case policy.UseFeature:
		s := fmt.Sprintf("may device %s use feature %s under license %s", r.Device, r.Feature, licenseID(r.License))
		if r.Units.Valid {
			s += fmt.Sprintf(" for %s units", r.Units.Decimal)
		}
		return s + "?"
	case policy.MoveLicense:
		return fmt.Sprintf("may license %s move to device %s (%s)?", licenseID(r.License), r.To.Serial, r.Reason)
	case policy.RenewLicense:
		return fmt.Sprintf("may license %s be renewed for %d years?", licenseID(r.License), r.TermYears)
	case policy.ChangeTier:
		return fmt.Sprintf("may license %s change to tier %s?", licenseID(r.License), r.Tier)
	case policy.TrialAvailable:
		return fmt.Sprintf("is there a trial key for feature %s on platform %s?", r.Feature, r.Platform)
	case policy.FulfilLine:
		return fmt.Sprintf("may line %s of order %s be fulfilled?", r.Line, orderID(r.Order))
	case policy.ViewEntitlement:
		c := "?"
		if r.Contact.IsValid() {
			c = r.Contact.ID()
		}
		return fmt.Sprintf("may contact %s see the entitlement of line %s of order %s?", c, r.Line, orderID(r.Order))
	case policy.PurchaseCredits:
		var b strings.Builder
		fmt.Fprintf(&b, "may an order of %s %s credits be placed", r.Order.Credits, r.Kind)
		if !r.Order.Discount.IsZero() {
			fmt.Fprintf(&b, " at a discount of %s", r.Order.Discount)
		}
		if !r.Order.LocalEntity {
			b.WriteString(" outside the local entity")
		}
		return b.String() + "?"
	case policy.CallOff:
		return fmt.Sprintf("may %s credits be called off from account %s for a %s engagement?",
			r.CallOff.Credits, ledgerID(r.Ledger), r.CallOff.Engagement.Type)
	case policy.CreditStatement:
		return fmt.Sprintf("what does the %s statement of account %s say?", r.Quarter, ledgerID(r.Ledger))
	case policy.TradeIn:
		return fmt.Sprintf("may trade-in %s earn a discount on an order placed now?", r.ID)
	case policy.TradeInCompliance:
		return fmt.Sprintf("is the return obligation of trade-in %s met?", r.ID)
	}
	return fmt.Sprintf("%T?", r)
}

func licenseID(l license.License) string {
	if !l.IsValid() {
		return "?"
	}
	return l.ID()
}

func orderID(o entitlement.Order) string {
	if !o.IsValid() {
		return "?"
	}
	return o.ID()
}

func ledgerID(l credits.Ledger) string {
	if !l.IsValid() {
		return "?"
	}
	return l.Account().ID
}
