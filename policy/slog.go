package policy

import (
	"log/slog"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// LogValue makes a Decision a log/slog group, so that
// logger.Info("decided", "decision", &d) writes it as typed attributes:
//
//	outcome      string: "allow" or "deny"
//	rules        []string: the rule IDs, most specific first
//	reason       string: the sentence that says why
//	until        time: the first instant the decision can change; the
//	             string "never" when it holds for good, as its JSON and text
//	             forms write it
//	obligations  array of {kind, rule, subject, due}, each present when set
//	             (due in RFC 3339), as the decision's JSON writes them;
//	             absent when there are none
//	values       group of name = decimal string (exact: a float would round
//	             an amount); absent when there are none
//
// The names are the decision's JSON names. OpenTelemetry's feature-flag
// evaluation names were weighed and none fits: feature_flag.result.reason
// is an enumeration (static, targeting_match, ...), not a sentence, and a
// rule list, a validity instant and obligations have no counterpart there.
//
// Log a pointer, as above: a Decision value is boxed into the call's
// ...any, one allocation made before slog can see that its handler is
// disabled; a pointer costs none, and LogValue then runs only when the
// record is handled.
func (d Decision) LogValue() slog.Value {
	attrs := make([]slog.Attr, 0, 6)
	attrs = append(attrs, slog.String("outcome", d.Outcome.String()), slog.Any("rules", ruleNames(d.Rules)),
		slog.String("reason", d.Reason))
	if d.Until.IsZero() {
		attrs = append(attrs, slog.String("until", "never"))
	} else {
		attrs = append(attrs, slog.Time("until", d.Until.UTC()))
	}
	if d.Obligations.Len() > 0 {
		obligations := make([]jsonObligation, 0, d.Obligations.Len())
		for o := range d.Obligations.All() {
			jo := jsonObligation{Kind: o.Kind, Rule: o.Rule, Subject: o.Subject}
			if !o.Due.IsZero() {
				jo.Due = formatInstant(o.Due)
			}
			obligations = append(obligations, jo)
		}
		attrs = append(attrs, slog.Any("obligations", obligations))
	}
	if len(d.Values) > 0 {
		values := make([]slog.Attr, len(d.Values))
		for i, v := range d.Values {
			values[i] = slog.String(v.Name, v.Amount.String())
		}
		attrs = append(attrs, slog.Attr{Key: "values", Value: slog.GroupValue(values...)})
	}
	return slog.GroupValue(attrs...)
}

func ruleNames(l rule.List) []string {
	names := make([]string, 0, l.Len())
	for id := range l.All() {
		names = append(names, id.String())
	}
	return names
}

// The requests log as a group of "kind" (its name in SCENARIOS.md, such as
// "useFeature") and the fields a scenario file gives it, under the file's
// names. Facts are logged by what names them, never by their contents: a
// license by its ID, an order by its ID, a ledger by its account's ID, a
// contact by its ID; a trade-in by its ID alone. A nil fact is left out.
// Amounts are decimal strings, instants times. Log a pointer for no
// allocation when the handler is disabled, as for Decision.

// LogValue is the request as a slog group: kind, license, device, feature
// and units when metered.
func (r UseFeature) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "useFeature")}
	attrs = appendLicense(attrs, r.License)
	attrs = append(attrs, slog.String("device", r.Device), slog.String("feature", r.Feature))
	if r.Units.Valid {
		attrs = append(attrs, slog.String("units", r.Units.Decimal.String()))
	}
	return slog.GroupValue(attrs...)
}

// LogValue is the request as a slog group: kind, license, to (the device's
// serial) and reason.
func (r MoveLicense) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "moveLicense")}
	attrs = appendLicense(attrs, r.License)
	return slog.GroupValue(append(attrs, slog.String("to", r.To.Serial), slog.String("reason", r.Reason.String()))...)
}

// LogValue is the request as a slog group: kind, license and termYears.
func (r RenewLicense) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "renewLicense")}
	attrs = appendLicense(attrs, r.License)
	return slog.GroupValue(append(attrs, slog.Int("termYears", r.TermYears))...)
}

// LogValue is the request as a slog group: kind, license and tier.
func (r ChangeTier) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "changeTier")}
	attrs = appendLicense(attrs, r.License)
	return slog.GroupValue(append(attrs, slog.String("tier", r.Tier.String()))...)
}

// LogValue is the request as a slog group: kind, platform and feature.
func (r TrialAvailable) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", "trialAvailable"), slog.String("platform", r.Platform),
		slog.String("feature", r.Feature))
}

// LogValue is the request as a slog group: kind, order (its ID) and line.
func (r FulfilLine) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "fulfilLine")}
	if r.Order.IsValid() {
		attrs = append(attrs, slog.String("order", r.Order.ID()))
	}
	return slog.GroupValue(append(attrs, slog.String("line", r.Line))...)
}

// LogValue is the request as a slog group: kind, contact and order (their
// IDs) and line.
func (r ViewEntitlement) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "viewEntitlement")}
	if r.Contact.IsValid() {
		attrs = append(attrs, slog.String("contact", r.Contact.ID()))
	}
	if r.Order.IsValid() {
		attrs = append(attrs, slog.String("order", r.Order.ID()))
	}
	return slog.GroupValue(append(attrs, slog.String("line", r.Line))...)
}

// LogValue is the request as a slog group: kind, creditKind, credits,
// discount and localEntity.
func (r PurchaseCredits) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", "purchaseCredits"), slog.String("creditKind", r.Kind.String()),
		slog.String("credits", r.Order.Credits.String()), slog.String("discount", r.Order.Discount.String()),
		slog.Bool("localEntity", r.Order.LocalEntity))
}

// LogValue is the request as a slog group: kind, account (the ledger's),
// credits and the group engagement (type, pricing, definedScope,
// purchaseOrder, statementOfWork, professionalServices).
func (r CallOff) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "callOff")}
	if r.Ledger.IsValid() {
		attrs = append(attrs, slog.String("account", r.Ledger.Account().ID))
	}
	e := r.CallOff.Engagement
	return slog.GroupValue(append(attrs, slog.String("credits", r.CallOff.Credits.String()),
		slog.Group("engagement", slog.String("type", e.Type.String()), slog.String("pricing", e.Pricing.String()),
			slog.Bool("definedScope", e.DefinedScope), slog.Bool("purchaseOrder", e.PurchaseOrder),
			slog.Bool("statementOfWork", e.StatementOfWork), slog.Bool("professionalServices", !e.OtherService)))...)
}

// LogValue is the request as a slog group: kind, account (the ledger's) and
// quarter ("2025-Q1").
func (r CreditStatement) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", "creditStatement")}
	if r.Ledger.IsValid() {
		attrs = append(attrs, slog.String("account", r.Ledger.Account().ID))
	}
	return slog.GroupValue(append(attrs, slog.String("quarter", r.Quarter.String()))...)
}

// LogValue is the request as a slog group: kind and tradeIn (its ID).
func (r TradeIn) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", "tradeIn"), slog.String("tradeIn", r.ID))
}

// LogValue is the request as a slog group: kind and tradeIn (its ID).
func (r TradeInCompliance) LogValue() slog.Value {
	return slog.GroupValue(slog.String("kind", "tradeInCompliance"), slog.String("tradeIn", r.ID))
}

func appendLicense(attrs []slog.Attr, l license.License) []slog.Attr {
	if !l.IsValid() {
		return attrs
	}
	return append(attrs, slog.String("license", l.ID()))
}
