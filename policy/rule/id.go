package rule

import (
	"fmt"
)

// ID is a rule's stable identifier. Its zero value is no rule.
type ID uint8

// The rules, in the order of spec/RULES.md. The list is append-only: a value
// is never reordered or reused, so an ID stored as a number keeps its meaning.
const (
	_ ID = iota

	LicTier
	LicPlatform
	LicKind
	LicPerpBind
	LicPerpTerm
	LicPerpRMA
	LicSubTerm
	LicSubSupport
	LicPort
	LicSubChange
	LicSOD
	LicCost
	LicRenew
	LicSubExpiry
	LicTrialWarn
	LicTrialExpiry
	LicTrialFeatures
	LicTrialProducts

	EntOrder
	EntShip
	EntAuto
	EntEmail
	EntVisible
	EntTimer
	EntGrace
	EntHeritage

	CrdBlocks
	CrdMinOrder
	CrdNoDiscount
	CrdInvoice
	CrdLocal
	CrdValidity
	CrdScope
	CrdTypes
	CrdCallOffPO
	CrdMinCallOff
	CrdStatement
	CrdFlex
	CrdFlexMin

	TmipSwap
	TmipEligible
	TmipWindow
	TmipGlobal
	TmipCombine
	TmipCondition
	TmipSupport
	TmipNotRenew
	TmipReturn
	TmipBreach
	TmipSigner
	TmipOneForOne
	TmipPassOn
	TmipAtOrder

	endOfIDs // keep last
)

// All returns every rule ID in catalog order.
func All() []ID {
	ids := make([]ID, 0, endOfIDs-1)
	for id := ID(1); id < endOfIDs; id++ {
		ids = append(ids, id)
	}
	return ids
}

// IsValid reports whether id names a rule of the catalog.
func (id ID) IsValid() bool { return id > 0 && id < endOfIDs }

// String returns the rule's ID as spec/RULES.md writes it, such as "LIC-PORT".
func (id ID) String() string {
	if !id.IsValid() {
		return fmt.Sprintf("rule.ID(%d)", uint8(id))
	}
	return catalog[id].name
}

// Error makes an ID usable as the target of errors.Is: a *Violation matches
// every ID it cites.
func (id ID) Error() string { return id.String() }

// Source returns the seed file the rule is drawn from.
func (id ID) Source() string {
	if !id.IsValid() {
		return ""
	}
	return seedFiles[catalog[id].seed]
}

// Statement returns the rule in one line.
func (id ID) Statement() string {
	if !id.IsValid() {
		return ""
	}
	return catalog[id].statement
}

// MarshalText encodes the ID as its name; an invalid ID is an error.
func (id ID) MarshalText() ([]byte, error) {
	if !id.IsValid() {
		return nil, fmt.Errorf("rule: invalid ID %d", uint8(id))
	}
	return []byte(catalog[id].name), nil
}

// UnmarshalText decodes a rule name such as "LIC-PORT".
func (id *ID) UnmarshalText(text []byte) error {
	parsed, err := Parse(string(text))
	if err != nil {
		return err
	}
	*id = parsed
	return nil
}

// Parse returns the ID named s, exactly as spec/RULES.md writes it. An
// unknown name is a *NameError that lists the known ones.
func Parse(s string) (ID, error) {
	for id := ID(1); id < endOfIDs; id++ {
		if catalog[id].name == s {
			return id, nil
		}
	}
	names := make([]string, 0, endOfIDs-1)
	for id := ID(1); id < endOfIDs; id++ {
		names = append(names, catalog[id].name)
	}
	return 0, ID(0).UnknownName("rule", "rule ID", s, names)
}
