package credits

import (
	"strings"

	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// EngagementType is what a call-off buys (CRD-TYPES). The zero value is
// invalid and has no text form: a call-off for an engagement of no known
// type is refused.
type EngagementType uint8

// The engagement types of the datasheet. The list is append-only: a value is
// never reordered or reused.
const (
	Assessment EngagementType = iota + 1
	Design
	Deployment
	Migration
)

var engagementTypes = enum.New[EngagementType]("credits", "EngagementType", "engagement type", rule.ID(0).UnknownName,
	"", "assessment", "design", "deployment", "migration")

// ParseEngagementType returns the type named s: "assessment", "design",
// "deployment" or "migration"; any other text is an error listing them.
func ParseEngagementType(s string) (EngagementType, error) { return engagementTypes.Parse(s) }

// IsValid reports whether t is one of the four engagement types.
func (t EngagementType) IsValid() bool { return engagementTypes.IsValid(t) }

// String returns the name SCENARIOS.md uses, such as "assessment", or
// "credits.EngagementType(N)" for a value without one.
func (t EngagementType) String() string { return engagementTypes.String(t) }

// AppendText appends t's name to b; an invalid type is an error.
func (t EngagementType) AppendText(b []byte) ([]byte, error) { return engagementTypes.AppendText(b, t) }

// MarshalText encodes t by its name; an invalid type is an error.
func (t EngagementType) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// UnmarshalText decodes "assessment", "design", "deployment" or "migration";
// any other text is an error listing them, and leaves t as it was.
func (t *EngagementType) UnmarshalText(text []byte) error { return engagementTypes.Unmarshal(t, text) }

// Pricing is how an engagement is priced (CRD-SCOPE). The zero value is
// invalid, has no text form, and is refused like a duration-based contract:
// credits pay only for what is known to be fixed-price.
type Pricing uint8

// The pricings. The list is append-only: a value is never reordered or reused.
const (
	// Fixed is a firm, fixed-price engagement (or a packaged service).
	Fixed Pricing = iota + 1
	// Duration is a time-and-materials contract: never paid with credits.
	Duration
)

var pricings = enum.New[Pricing]("credits", "Pricing", "pricing", rule.ID(0).UnknownName, "", "fixed", "duration")

// ParsePricing returns the pricing named s, "fixed" or "duration"; any other
// text is an error listing both.
func ParsePricing(s string) (Pricing, error) { return pricings.Parse(s) }

// IsValid reports whether p is Fixed or Duration.
func (p Pricing) IsValid() bool { return pricings.IsValid(p) }

// String returns the name SCENARIOS.md uses, "fixed" or "duration", or
// "credits.Pricing(N)" for a value that is neither.
func (p Pricing) String() string { return pricings.String(p) }

// AppendText appends p's name to b; an invalid pricing is an error.
func (p Pricing) AppendText(b []byte) ([]byte, error) { return pricings.AppendText(b, p) }

// MarshalText encodes p by its name; an invalid pricing is an error.
func (p Pricing) MarshalText() ([]byte, error) { return p.AppendText(nil) }

// UnmarshalText decodes "fixed" or "duration"; any other text is an error
// listing both, and leaves p as it was.
func (p *Pricing) UnmarshalText(text []byte) error { return pricings.Unmarshal(p, text) }

// Engagement describes the services a call-off pays for. Its zero value is
// refused on every count: each field must be set for a call-off to pass, so
// a field nobody filled in never grants anything.
type Engagement struct {
	// Type is one of the four engagement types (CRD-TYPES).
	Type EngagementType
	// Pricing must be Fixed (CRD-SCOPE).
	Pricing Pricing
	// DefinedScope says the engagement has a predefined scope with defined
	// deliverables (CRD-SCOPE).
	DefinedScope bool
	// PurchaseOrder says a purchase order is applied against the balance
	// (CRD-CALLOFF-PO).
	PurchaseOrder bool
	// StatementOfWork says a statement of work accompanies it (CRD-CALLOFF-PO).
	StatementOfWork bool
	// OtherService marks a qualified service that is not a professional
	// services engagement: it is the negation of SCENARIOS.md's
	// professionalServices (default true), so the zero value is the
	// professional services engagement and its stricter Flexible minimum
	// (CRD-FLEX-MIN). Professional Services Credits ignore it.
	OtherService bool
}

// check returns the violation of the rules about the engagement alone:
// CRD-SCOPE, CRD-TYPES and CRD-CALLOFF-PO, in that order, or nil.
func (e Engagement) check(subject string) *rule.Violation {
	var vs []*rule.Violation
	// CRD-SCOPE: firm, fixed-price, fixed-scope engagements with defined
	// deliverables only; never duration-based contracts.
	var scope []string
	switch e.Pricing {
	case Fixed:
	case Duration:
		scope = append(scope, "it is a duration-based contract")
	default:
		scope = append(scope, "its pricing is not given")
	}
	if !e.DefinedScope {
		scope = append(scope, "it has no predefined scope")
	}
	if len(scope) > 0 {
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdScope}, subject,
			"credits pay only for firm fixed-price, fixed-scope engagements, and %s", strings.Join(scope, " and ")))
	}
	// CRD-TYPES: assessment, design, deployment or migration.
	if !e.Type.IsValid() {
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdTypes}, subject,
			"the engagement is of no type credits pay for (assessment, design, deployment or migration)"))
	}
	// CRD-CALLOFF-PO: a purchase order against the balance and a statement of work.
	var missing []string
	if !e.PurchaseOrder {
		missing = append(missing, "a purchase order")
	}
	if !e.StatementOfWork {
		missing = append(missing, "a statement of work")
	}
	if len(missing) > 0 {
		vs = append(vs, rule.Errorf([]rule.ID{rule.CrdCallOffPO}, subject,
			"a call-off needs %s", strings.Join(missing, " and ")))
	}
	return rule.Merge(vs...)
}
