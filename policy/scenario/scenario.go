package scenario

import (
	"encoding/json"
	"io"
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
)

// Scenario is one decoded scenario file of SCENARIOS.md: the terms and
// catalog it runs under, the facts it describes and its checks. The zero
// Scenario has no engine and no checks; build one with Decode.
type Scenario struct {
	// Name is the file's short kebab-case name.
	Name string
	// Source is the seed file the scenario draws on, possibly empty.
	Source string
	// Terms are the default terms overridden by the file's "terms".
	Terms policy.Terms
	// Catalog is the default catalog plus the file's "catalog" additions.
	Catalog policy.Catalog
	// Checks are the file's checks in file order.
	Checks []Check

	engine *policy.Engine
}

// Engine returns the engine built from the scenario's Terms and Catalog,
// built once by Decode.
func (s *Scenario) Engine() *policy.Engine { return s.engine }

// Check is one request of a scenario at an instant, with the decision
// expected of it.
type Check struct {
	// Index is the check's position in the file's "checks", from 0.
	Index int
	// At is the instant the request is asked at.
	At time.Time
	// Request is ready for Engine().Decide(Request, At).
	Request policy.Request
	// Raw is the "request" object exactly as written in the file.
	Raw json.RawMessage
	// Expect is nil when the check has none.
	Expect *Expect
}

// Error is every error of decoding a scenario file: the file, the
// path inside it ("checks[2].request.devise") and what was expected.
type Error struct {
	File, Path, Msg string
	// Err is the underlying error when a domain constructor refused the
	// facts (a *rule.Violation), nil otherwise.
	Err error
}

// Error returns "file: path: msg".
func (e *Error) Error() string {
	if e.Path == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": " + e.Path + ": " + e.Msg
}

// Unwrap returns the domain error behind e, if any.
func (e *Error) Unwrap() error { return e.Err }

// Decode reads one scenario file; name is the file name used in
// errors. Every error is a *Error.
func Decode(name string, r io.Reader) (*Scenario, error) {
	return decode(name, r)
}
