package credits

import "github.com/licensepolicy/licensepolicy/internal/calendar"

// Quarter is a calendar quarter, such as 2025-Q1, the period a statement
// reports (CRD-STATEMENT). It is named here so that callers outside this
// module, who cannot import the internal calendar package, can hold one.
// The zero Quarter is invalid: Statement refuses it.
type Quarter = calendar.Quarter

// ParseQuarter parses a quarter written as SCENARIOS.md writes it: "2025-Q1".
func ParseQuarter(s string) (Quarter, error) { return calendar.ParseQuarter(s) }
