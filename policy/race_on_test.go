//go:build race

package policy_test

// raceEnabled: the race detector is on, so the concurrency test decides
// its full million.
const raceEnabled = true
