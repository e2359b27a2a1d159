package policy

import (
	"errors"
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/shopspring/decimal"
)

// Terms are the published numbers the engine applies, per domain package.
type Terms struct {
	License license.Terms
}

// DefaultTerms returns the published terms.
func DefaultTerms() Terms { return Terms{License: license.DefaultTerms()} }

// Validate refuses terms any domain package refuses.
func (t Terms) Validate() error { return t.License.Validate() }

// Catalog is the product data the engine applies.
type Catalog struct {
	License license.Catalog
}

// DefaultCatalog returns the published catalog.
func DefaultCatalog() Catalog { return Catalog{License: license.DefaultCatalog()} }

// Engine decides Requests; it holds only terms and catalog.
type Engine struct {
	terms   Terms
	catalog Catalog
}

// NewEngine validates terms and catalog and returns an Engine.
func NewEngine(t Terms, c Catalog) (*Engine, error) {
	if err := t.Validate(); err != nil {
		return nil, fmt.Errorf("policy: terms: %w", err)
	}
	if err := c.License.Validate(); err != nil {
		return nil, fmt.Errorf("policy: catalog: %w", err)
	}
	return &Engine{terms: t, catalog: c}, nil
}

// Request is a question for the engine; the set of kinds is sealed.
type Request interface{ request() }

// UseFeature asks whether Device may use Feature under License.
type UseFeature struct {
	License *license.License
	Device  string
	Feature string
	Units   decimal.NullDecimal
}

// MoveLicense asks whether License may move to To for Reason.
type MoveLicense struct {
	License *license.License
	To      license.Device
	Reason  license.MoveReason
}

// RenewLicense asks whether License may be renewed for TermYears.
type RenewLicense struct {
	License   *license.License
	TermYears int
}

// ChangeTier asks whether License may change to Tier.
type ChangeTier struct {
	License *license.License
	Tier    license.Tier
}

// TrialAvailable asks whether a trial of Feature exists on Platform.
type TrialAvailable struct {
	Platform, Feature string
}

func (UseFeature) request()     {}
func (MoveLicense) request()    {}
func (RenewLicense) request()   {}
func (ChangeTier) request()     {}
func (TrialAvailable) request() {}

var errNoLicense = errors.New("policy: request without license")

// Decide answers r at at. The error is only for a malformed request, never a
// refusal.
func (e *Engine) Decide(r Request, at time.Time) (Decision, error) {
	var v license.Verdict
	switch r := r.(type) {
	case UseFeature:
		if r.License == nil {
			return Decision{}, errNoLicense
		}
		v = r.License.Use(r.Device, r.Feature, r.Units, at)
	case MoveLicense:
		if r.License == nil {
			return Decision{}, errNoLicense
		}
		if !r.Reason.IsValid() {
			return Decision{}, fmt.Errorf("policy: invalid move reason %d", r.Reason)
		}
		_, v = r.License.Move(r.To, r.Reason, at)
	case RenewLicense:
		if r.License == nil {
			return Decision{}, errNoLicense
		}
		_, v = r.License.Renew(e.terms.License, r.TermYears, at)
	case ChangeTier:
		if r.License == nil {
			return Decision{}, errNoLicense
		}
		if !r.Tier.IsValid() {
			return Decision{}, fmt.Errorf("policy: invalid tier %d", r.Tier)
		}
		_, v = r.License.ChangeTier(r.Tier, at)
	case TrialAvailable:
		v = e.catalog.License.TrialAvailable(r.Platform, r.Feature)
	default:
		return Decision{}, fmt.Errorf("policy: unknown request %T", r)
	}
	return fromVerdict(v), nil
}

func fromVerdict(v license.Verdict) Decision {
	d := Decision{Rules: v.Rules, Reason: v.Reason, Obligations: v.Obligations, Until: v.Until}
	if v.Allowed {
		d.Outcome = Allow
	}
	return d
}
