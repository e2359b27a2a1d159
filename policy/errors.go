package policy

import (
	"errors"
	"strings"
)

// RequestError is the error of a request Decide cannot ask: which kind of
// request (its name in lower camel case, such as "useFeature"; empty when
// there is no request), which of its fields (such as "License"), and why.
// It is never a refusal: a refusal is a Decision. Err, when set, is the
// cause, reachable with errors.Is and errors.As (ErrOtherTerms,
// ErrNoEngine). The zero RequestError says nothing of the request; Decide
// never returns one.
type RequestError struct {
	Kind   string
	Field  string
	Reason string
	Err    error
}

// Error formats the error as "policy: useFeature: License: no license".
func (e *RequestError) Error() string {
	var b strings.Builder
	b.WriteString("policy: ")
	if e.Kind != "" {
		b.WriteString(e.Kind)
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the cause, if any.
func (e *RequestError) Unwrap() error { return e.Err }

var (
	// ErrOtherTerms is the cause of a RequestError about a fact built under
	// other terms or another catalog than the engine's.
	ErrOtherTerms = errors.New("built under other terms or catalog than the engine's")
	// ErrNoEngine is the cause of a RequestError from a nil or zero Engine.
	ErrNoEngine = errors.New("no engine")
)

// kindOf returns the name of r's kind in spec/SCENARIOS.md, or "" for a
// request of no kind. A type switch, not a method: calling a method of r
// would make every request escape to the heap.
func kindOf(r Request) string {
	switch r := r.(type) {
	case WithHistory:
		return kindOf(r.Request)
	case UseFeature:
		return "useFeature"
	case MoveLicense:
		return "moveLicense"
	case RenewLicense:
		return "renewLicense"
	case ChangeTier:
		return "changeTier"
	case TrialAvailable:
		return "trialAvailable"
	case FulfilLine:
		return "fulfilLine"
	case ViewEntitlement:
		return "viewEntitlement"
	case PurchaseCredits:
		return "purchaseCredits"
	case CallOff:
		return "callOff"
	case CreditStatement:
		return "creditStatement"
	case TradeIn:
		return "tradeIn"
	case TradeInCompliance:
		return "tradeInCompliance"
	}
	return ""
}
