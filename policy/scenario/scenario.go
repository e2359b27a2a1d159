package scenario

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
)

// Scenario is one decoded scenario file of SCENARIOS.md: the terms and
// catalog it runs under, the facts it describes and its checks. The zero
// Scenario has no engine and no checks; build one with Decode.
type Scenario struct {
	// File is the file name given to Decode.
	File string
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

	engine policy.Engine
}

// Engine returns the engine built from the scenario's Terms and Catalog,
// built once by Decode.
func (s *Scenario) Engine() policy.Engine { return s.engine }

// Check is one request of a scenario at an instant, with the decision
// expected of it. The zero Check asks nothing: its Request is nil, which
// Decide refuses.
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
	// Line and Column are where the check's request is in the file.
	Line, Column int

	off int
}

// Decide decides c with the scenario's engine; an error is an *Error naming
// the file, the request's path and place ("checks[3].request") and the
// check in words, with the engine's error behind it. The zero Scenario has
// no engine: its Decide fails closed with the engine's error.
func (s *Scenario) Decide(c Check) (policy.Decision, error) {
	d, err := s.Engine().Decide(c.Request, c.At)
	if err != nil {
		return d, &Error{File: s.File, Path: index("checks", c.Index) + ".request", Line: c.Line, Column: c.Column,
			Msg: "deciding " + strconv.Quote(c.Describe()) + ": " + err.Error(), Err: err, off: c.off}
	}
	return d, nil
}

// MaxErrors is the most errors Decode reports for one file; past it, it
// stops and says so.
const MaxErrors = 100

// Error is one error of decoding a scenario file: the file, the path inside
// it ("checks[2].request.devise"), the line and column (from 1, the column
// in characters) of the value or key it is about, and what was expected.
// The zero Error says nothing; Decode builds them. Line is 0 for an error
// about the whole file (it cannot be read, or is too large).
type Error struct {
	File, Path   string
	Line, Column int
	Msg          string
	// Err is the underlying error when a domain constructor refused the
	// facts (a *rule.Violation), nil otherwise.
	Err error

	off int // byte offset, for file order
}

// Error returns "file:line:column: path: msg", leaving out what is unknown;
// the file name is quoted when it holds a character that does not print.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(printable(e.File))
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the domain error behind e, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errors are the errors of one file, in file order, at most MaxErrors and a
// last one saying that more were not reported. Decode returns Errors only
// when there are two or more; errors.As finds the first *Error, and
// errors.Is and errors.As reach a domain error behind any of them. The zero
// Errors is no error.
type Errors []*Error

// Error returns each error's Error on its own line.
func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Decode reads one scenario file; name is the file name used in errors. It
// reports every error it finds (up to MaxErrors): a single *Error, or
// Errors when there are more.
func Decode(name string, r io.Reader) (*Scenario, error) {
	return decode(name, r)
}

// MaxFulfilled bounds, over a whole file, the entitlement records and
// emails its fulfilLine checks' decisions list: each such decision lists
// one per unit of its line and one per address of its order, so without a
// bound a few kilobytes of checks could ask for gigabytes of decisions. A
// file over it is refused at the check that crosses it.
const MaxFulfilled = 1_000_000
