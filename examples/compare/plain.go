package main

import "github.com/shopspring/decimal"

// noUnits asks a use for no particular scale.
//
// The floor every engine is measured against is the library's own, the one
// its benchmarks use: internal/plainuse's UseUnix, the same comparisons
// written by hand over Unix nanoseconds, like the Rego and Cedar inputs,
// returning the first rule ID as a constant and building nothing else (no
// list of every rule, no until, reason or obligations).
var noUnits = decimal.NullDecimal{}
