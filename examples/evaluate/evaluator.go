package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"syscall"
	"time"
	"unicode"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/policytest"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// mode is what the command prints for each check.
type mode uint8

const (
	textMode  mode = iota // one readable block per check
	jsonMode              // one JSON object per check and line
	checkMode             // one line per mismatch and a closing count
	logMode               // one slog JSON decision-log line per check
)

// decider answers a check of a decoded scenario; a field so that a test can
// make a check undecidable, which no file the decoder accepts does.
type decider func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error)

func engineDecide(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
	return s.Engine().Decide(c.Request, c.At)
}

// logReplace is the -log handler's ReplaceAttr; nil in the command, a test
// drops the record's wall-clock time with it.
var logReplace func(groups []string, a slog.Attr) slog.Attr

// evaluator runs the files one after the other and remembers what the exit
// status must say.
type evaluator struct {
	stdout *errWriter
	stderr io.Writer
	mode   mode
	decide decider
	line   bytes.Buffer // the -json line being written
	logger *slog.Logger
	// passed and failed count the checks compared with their expect;
	// failed also counts a check that could not be decided. unread counts
	// the files that could not be read or decoded, whose checks were not
	// run.
	passed, failed, unread int
	// broken is set by a file that could not be read or decoded, or a check
	// that could not be decided.
	broken bool
	// cov and junit are nil unless asked for.
	cov   *policytest.Coverage
	junit *junitReport
}

func newEvaluator(stdout, stderr io.Writer, m mode) *evaluator {
	out := &errWriter{w: stdout}
	logger := slog.New(slog.NewJSONHandler(out, &slog.HandlerOptions{ReplaceAttr: logReplace}))
	return &evaluator{stdout: out, stderr: stderr, mode: m, decide: engineDecide, logger: logger}
}

// errWriter keeps the first write error and writes nothing after it, so
// that a lost output is reported once, at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (w *errWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	w.err = err
	return n, err
}

// file evaluates every check of the scenario file name.
func (e *evaluator) file(name string) {
	start := clock()
	e.junit.begin(name, start)
	s, err := decodeFile(name)
	if err != nil {
		e.fail(err)
		e.unread++
		e.junit.broken(name, err, clock().Sub(start))
		e.junit.end(clock().Sub(start))
		return
	}
	defer func() { e.junit.end(clock().Sub(start)) }()
	for _, c := range s.Checks {
		began := clock()
		d, err := e.decide(s, c)
		if err != nil {
			err = fmt.Errorf("%s: checks[%d]: %w", printable(name), c.Index, err)
			e.fail(err)
			e.failed++
			e.junit.undecided(name, c, err, clock().Sub(began))
			continue
		}
		var ms []string
		if c.Expect != nil {
			ms = c.Expect.Mismatches(d)
			if len(ms) == 0 {
				e.passed++
			} else {
				e.failed++
			}
			if e.cov != nil {
				e.cov.Add(printable(name), c.Index, d)
			}
		}
		e.junit.check(name, c, ms, clock().Sub(began))
		switch e.mode {
		case textMode:
			e.text(name, c, d)
		case jsonMode:
			e.json(name, c, d)
		case checkMode:
			for _, m := range ms {
				fmt.Fprintf(e.stdout, "%s: check %d: %s\n", printable(name), c.Index, printable(m))
			}
		case logMode:
			e.logger.LogAttrs(context.Background(), slog.LevelInfo, "decision", slog.String("file", name),
				slog.Int("check", c.Index), slog.Time("at", c.At), slog.Any("request", c.Request),
				slog.Any("decision", &d))
		}
	}
}

// decodeFile opens and decodes name; every error names the file.
func decodeFile(name string) (*scenario.Scenario, error) {
	f, err := openRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return scenario.Decode(name, f)
}

// openRegular opens name for reading; every error names the file. Only a
// regular file is opened: it is opened without blocking, so that a FIFO
// with no writer is refused at once instead of waiting for one.
func openRegular(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		// *fs.PathError says "open NAME: ..."; the file leads like every
		// other error of the command.
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", printable(name), err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", printable(name), err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: not a regular file (%s); want a scenario file", printable(name), fi.Mode().Type())
	}
	return f, nil
}

// readRegular reads the regular file name, at most one byte more than a
// scenario file may hold (the decoder refuses a larger one).
func readRegular(name string) ([]byte, error) {
	f, err := openRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, scenario.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", printable(name), err)
	}
	return data, nil
}

// fail reports err on standard error, one line per error it joins (the
// decoder may report every error of a file), each line escaped.
func (e *evaluator) fail(err error) {
	e.broken = true
	for _, line := range errorLines(err) {
		fmt.Fprintln(e.stderr, printable(line))
	}
}

// errorLines flattens errors.Join-style lists: one line per leaf error.
func errorLines(err error) []string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, errorLines(e)...)
		}
		return lines
	}
	return []string{err.Error()}
}

// finish prints the closing count of -check and the coverage asked for,
// writes the files asked for, and returns the exit status.
func (e *evaluator) finish(o options) int {
	status := exitOK
	worse := func(s int) {
		status = max(status, s)
	}
	if e.mode == checkMode {
		fmt.Fprintf(e.stdout, "%d passed, %d failed", e.passed, e.failed)
		switch e.unread {
		case 0:
			fmt.Fprintln(e.stdout)
		case 1:
			fmt.Fprintln(e.stdout, ", 1 file could not be read")
		default:
			fmt.Fprintf(e.stdout, ", %d files could not be read\n", e.unread)
		}
		if e.passed+e.failed == 0 && e.unread == 0 {
			fmt.Fprintln(e.stderr, "evaluate: -check: no check has an expect; nothing was compared")
			worse(exitError)
		}
	}
	if e.cov != nil {
		rep := e.cov.Report()
		if o.coverage {
			if err := rep.WriteText(e.stdout); err != nil {
				worse(exitError) // reported below with the other lost output
			}
		}
		if o.coverageJSON != "" {
			if err := writeFile(o.coverageJSON, rep.WriteJSON); err != nil {
				fmt.Fprintf(e.stderr, "evaluate: -coverage-json: %v\n", err)
				worse(exitError)
			}
		}
		if err := rep.Below(o.coverageMin); o.coverageMin > 0 && err != nil {
			fmt.Fprintf(e.stderr, "evaluate: %v\n", err)
			worse(exitMismatch)
		}
	}
	if e.junit != nil {
		if err := writeFile(o.junit, e.junit.write); err != nil {
			fmt.Fprintf(e.stderr, "evaluate: -junit: %v\n", err)
			worse(exitError)
		}
	}
	if e.stdout.err != nil {
		fmt.Fprintf(e.stderr, "evaluate: writing standard output: %v\n", e.stdout.err)
		worse(exitError)
	}
	switch {
	case e.broken:
		worse(exitError)
	case e.failed > 0 && (e.mode == checkMode || e.junit != nil):
		worse(exitMismatch)
	}
	return status
}

// writeFile creates name and writes it with write; a failed write or close
// is an error.
func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// printable returns s when every rune of it prints, and s quoted with Go's
// escapes otherwise, so that text from a file (an ID with a newline, a
// terminal escape) can neither forge a line nor reach the terminal raw.
func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

// instant formats t as the decision JSON does: "never" for the zero time,
// RFC 3339 in UTC otherwise, with nanoseconds only when non-zero. An
// instant outside years 0000-9999, which RFC 3339 cannot write and so
// could not be read back, prints as what it is not.
func instant(t time.Time) string {
	if !t.IsZero() && !wire.Writable(t) {
		return fmt.Sprintf("unwritable (year %d, outside 0000-9999)", t.UTC().Year())
	}
	return wire.FormatInstant(t)
}
