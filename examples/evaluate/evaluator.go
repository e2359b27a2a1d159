package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// mode is what the command prints for each check.
type mode uint8

const (
	textMode  mode = iota // one readable block per check
	jsonMode              // one JSON object per check and line
	checkMode             // one line per mismatch and a closing count
)

// decider answers a check of a decoded scenario; a field so that a test can
// make a check undecidable, which no file the decoder accepts does.
type decider func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error)

func engineDecide(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
	return s.Engine().Decide(c.Request, c.At)
}

// evaluator runs the files one after the other and remembers what the exit
// status must say.
type evaluator struct {
	stdout, stderr io.Writer
	mode           mode
	decide         decider
	enc            *json.Encoder

	passed, failed int
	// broken is set by a file that could not be read or decoded, or a check
	// that could not be decided.
	broken bool
}

func newEvaluator(stdout, stderr io.Writer, m mode) *evaluator {
	enc := json.NewEncoder(stdout)
	// The request and reason are echoed as written: "<" stays "<".
	enc.SetEscapeHTML(false)
	return &evaluator{stdout: stdout, stderr: stderr, mode: m, decide: engineDecide, enc: enc}
}

// file evaluates every check of the scenario file name.
func (e *evaluator) file(name string) {
	s, err := decodeFile(name)
	if err != nil {
		e.fail(err)
		return
	}
	for _, c := range s.Checks {
		d, err := e.decide(s, c)
		if err != nil {
			e.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
			continue
		}
		switch e.mode {
		case textMode:
			e.text(name, c, d)
		case jsonMode:
			e.json(name, c, d)
		case checkMode:
			e.check(name, c, d)
		}
	}
}

// decodeFile opens and decodes name; every error names the file.
func decodeFile(name string) (*scenario.Scenario, error) {
	f, err := os.Open(name)
	if err != nil {
		// *fs.PathError says "open NAME: ..."; the file leads like every
		// other error of the command.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	return scenario.Decode(name, f)
}

func (e *evaluator) fail(err error) {
	e.broken = true
	fmt.Fprintln(e.stderr, err)
}

// check counts c when it has an expect and prints each mismatch.
func (e *evaluator) check(name string, c scenario.Check, d policy.Decision) {
	if c.Expect == nil {
		return
	}
	ms := c.Expect.Mismatches(d)
	if len(ms) == 0 {
		e.passed++
		return
	}
	e.failed++
	for _, m := range ms {
		fmt.Fprintf(e.stdout, "%s: check %d: %s\n", name, c.Index, m)
	}
}

// finish prints the closing count of -check and returns the exit status.
func (e *evaluator) finish() int {
	if e.mode == checkMode {
		fmt.Fprintf(e.stdout, "%d passed, %d failed\n", e.passed, e.failed)
	}
	switch {
	case e.broken:
		return exitError
	case e.failed > 0:
		return exitMismatch
	}
	return exitOK
}
