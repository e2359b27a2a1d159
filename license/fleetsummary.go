package license

import (
	"maps"
	"slices"
)

// Counts is how many licenses of a fleet stand in each state. The zero
// Counts counts nothing.
type Counts struct {
	NotStarted, Active, InGrace, InWarning, Expired int
	// Invalid counts licenses that are not valid: the zero License.
	Invalid int
}

// Total is the number of licenses counted.
func (c Counts) Total() int {
	return c.NotStarted + c.Active + c.InGrace + c.InWarning + c.Expired + c.Invalid
}

// Usable is the number of licenses that grant their features: active, in
// grace or in warning.
func (c Counts) Usable() int { return c.Active + c.InGrace + c.InWarning }

// FleetSummary is a fleet report's counts, as [FleetIndex.Summarize]
// counts them: for the whole fleet, by platform and by tier. Invalid
// licenses count in the whole fleet only. The zero FleetSummary counts
// nothing.
type FleetSummary struct {
	Counts
	ByPlatform map[string]Counts
	ByTier     map[Tier]Counts
}

// Platforms returns the summary's platforms, sorted.
func (s FleetSummary) Platforms() []string { return slices.Sorted(maps.Keys(s.ByPlatform)) }
