// Package walkthrough is what the scenario programs under examples/ share:
// asking an engine one question after another and printing each with the
// decision it got.
package walkthrough

import (
	"fmt"
	"io"
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
)

// Asker asks Engine questions in order and prints each to W as
//
//	2025-06-01T00:00:00Z  move bgp-sub to device-2
//	  allow [LIC-PORT] until ...: ...
//
// The first error (a malformed request) stops the questions and stays in Err.
type Asker struct {
	W      io.Writer
	Engine policy.Engine
	Err    error
}

// Ask decides r at at and prints question with the decision.
func (a *Asker) Ask(at time.Time, question string, r policy.Request) {
	if a.Err != nil {
		return
	}
	d, err := a.Engine.Decide(r, at)
	if err != nil {
		a.Err = fmt.Errorf("%s: %w", question, err)
		return
	}
	fmt.Fprintf(a.W, "%s  %s\n  %s\n", Stamp(at), question, d)
}

// Stamp writes an instant as the programs print it: RFC 3339 in UTC, with
// nanoseconds only when there are any.
func Stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
