package entitlement

import (
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Shared rule lists; never modify them.
var (
	rulesUnknownLine      = rule.ListOf(rule.EntOrder)
	rulesNotShipped       = rule.ListOf(rule.EntShip)
	rulesVisible          = rule.ListOf(rule.EntVisible)
	rulesHeritage         = rule.ListOf(rule.EntHeritage)
	rulesHeritageUnshiped = rule.ListOf(rule.EntHeritage, rule.EntShip)
)
