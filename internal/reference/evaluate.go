package reference

import (
	"fmt"
	"sort"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Request is one of the twelve request kinds, spelled as SCENARIOS.md spells
// its fields.
type Request struct {
	Kind string
	// License, Device, Feature, Units: useFeature (and License for the other
	// license kinds). Units nil: none asked.
	License, Device, Feature string
	Units                    *decimal.Decimal
	To, Reason               string // moveLicense
	TermYears                int    // renewLicense
	Tier                     string // changeTier
	Platform                 string // trialAvailable (and Feature)
	Order, Line, Contact     string // fulfilLine, viewEntitlement
	CreditKind               string // purchaseCredits
	Credits                  decimal.Decimal
	Discount                 decimal.Decimal
	LocalEntity              bool
	Account                  string // callOff, creditStatement
	Engagement               Engagement
	QuarterYear, Quarter     int    // creditStatement
	TradeIn                  string // tradeIn, tradeInCompliance
}

// Decision is the reference's answer.
type Decision struct {
	Allow       bool
	Rules       []rule.ID
	Obligations []rule.Obligation
	Values      map[string]decimal.Decimal
	Until       time.Time // zero: never
}

// answer is a decision without Until, plus the instants after which it may
// change.
type answer struct {
	Decision
	candidates []time.Time
}

// Evaluate decides r at at against w.
func Evaluate(w *World, r Request, at time.Time) (Decision, error) {
	at = at.UTC()
	first, err := decide(w, r, at)
	if err != nil {
		return Decision{}, err
	}
	cands := first.candidates
	if r.Kind == "tradeIn" {
		cands = append(cands, supportMidnights(w, r, at)...)
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].Before(cands[j]) })
	for _, c := range cands {
		if !c.After(at) {
			continue
		}
		later, err := decide(w, r, c)
		if err != nil {
			return Decision{}, err
		}
		if !same(first.Decision, later.Decision) {
			first.Until = c
			break
		}
	}
	return first.Decision, nil
}

func decide(w *World, r Request, at time.Time) (answer, error) {
	switch r.Kind {
	case "useFeature":
		return useFeature(w, r, at)
	case "moveLicense":
		return moveLicense(w, r, at)
	case "renewLicense":
		return renewLicense(w, r, at)
	case "changeTier":
		return changeTier(w, r, at)
	case "trialAvailable":
		return trialAvailable(w, r), nil
	case "fulfilLine":
		return fulfilLine(w, r, at)
	case "viewEntitlement":
		return viewEntitlement(w, r, at)
	case "purchaseCredits":
		return purchaseCredits(w, r, at), nil
	case "callOff":
		return callOff(w, r, at)
	case "creditStatement":
		return creditStatement(w, r, at)
	case "tradeIn":
		return tradeIn(w, r, at)
	case "tradeInCompliance":
		return tradeInCompliance(w, r, at)
	}
	return answer{}, fmt.Errorf("unknown request kind %q", r.Kind)
}

// same compares two decisions as the differential test does: rule sets,
// obligation multisets, values numerically.
func same(a, b Decision) bool {
	return a.Allow == b.Allow && SameRules(a.Rules, b.Rules) &&
		SameObligations(a.Obligations, b.Obligations) && SameValues(a.Values, b.Values)
}

// SameRules reports whether a and b hold the same set of rules.
func SameRules(a, b []rule.ID) bool {
	set := func(ids []rule.ID) map[rule.ID]bool {
		m := map[rule.ID]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for id := range sa {
		if !sb[id] {
			return false
		}
	}
	return true
}

// SameObligations reports whether a and b are the same multiset of
// obligations (kind, rule, due, subject).
func SameObligations(a, b []rule.Obligation) bool {
	if len(a) != len(b) {
		return false
	}
	used := make([]bool, len(b))
outer:
	for _, x := range a {
		for i, y := range b {
			if !used[i] && x.Kind == y.Kind && x.Rule == y.Rule && x.Subject == y.Subject && x.Due.Equal(y.Due) {
				used[i] = true
				continue outer
			}
		}
		return false
	}
	return true
}

// SameValues reports whether a and b name the same values, numerically equal.
func SameValues(a, b map[string]decimal.Decimal) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !v.Equal(w) {
			return false
		}
	}
	return true
}

// plusNS is t plus one nanosecond: where a decision that moves with the
// instant asked (a late renewal) changes next.
func plusNS(t time.Time) time.Time { return t.Add(time.Nanosecond) }

func allow(rules ...rule.ID) answer {
	return answer{Decision: Decision{Allow: true, Rules: rules}}
}

func deny(rules ...rule.ID) answer {
	return answer{Decision: Decision{Allow: false, Rules: rules}}
}

func contains[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
