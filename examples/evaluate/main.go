// Evaluate decides the checks of scenario files (spec/SCENARIOS.md) and
// prints the decisions, as text, as JSON lines, or as a comparison with what
// each check expects.
//
// Usage:
//
//	go run ./examples/evaluate [-json | -check | -log] [-junit FILE] FILE...
//	go run ./examples/evaluate -check [-coverage] [-coverage-min PCT] [-coverage-json FILE] FILE...
//	go run ./examples/evaluate -calendar FROM/TO [-svg OUT.svg] [-at INSTANT] FILE...
//
// Without flags it prints one block per check: the file, the check's index
// and instant, the request in words, the outcome, the reason, each rule with
// its statement, the obligations (kind, rule, subject, due), the values and
// until ("never" or an RFC 3339 instant in UTC).
//
// With -json it prints one JSON object per check and line, in file order:
// {"file", "check", "at", "request", "decision"}, where "file" is the path as
// given, "request" the request exactly as the file writes it (compacted onto
// the line) and "decision" policy.Decision's JSON.
//
// With -check it prints nothing for a check that meets its expect, one line
// "FILE: check N: what differed" per mismatch, and a closing line
// "N passed, M failed", followed by ", K files could not be read" when
// some could not: their checks did not run, so they are neither passed nor
// failed. Checks without an expect are decided but not counted.
//
// With -log it prints one JSON decision-log line per check through
// slog.NewJSONHandler: file, check, at, request and decision as the
// policy package's slog.LogValuers give them.
//
// With -check -coverage it prints, after the closing line, every rule of
// the catalog with the checks (with an expect) whose decisions cited it,
// by outcome, the rules no check reached and the percentage;
// -coverage-json FILE writes the same as JSON; -coverage-min PCT exits 1,
// naming the rules missing, under PCT percent of the rules cited by the
// whole run (every file given). -junit FILE writes JUnit XML as the Ant
// JUnit schema that CI systems read: one testsuite per file, with its
// timestamp (UTC, without a zone) and time; one testcase per check, with
// its time, the file's path and a classname built from the file's name
// ("../scen/mine2.json" is "mine2": no dot for a tool to split it at); the
// mismatch lines as the failure; a check without expect skipped; and a file
// that cannot be read or decoded an error in a testcase "decode", counted
// in errors.
//
// With -calendar FROM/TO it prints, for the requests of the files' checks,
// every instant in [FROM, TO) at which a decision changes, found by
// chaining Until (never by sampling): one line each, RFC 3339, the request
// and what the decision was and becomes. -svg OUT.svg draws the licenses,
// credit lots and trade-ins the checks name as one row each, colored by
// standing over a time axis, with -at (default FROM) marked "now".
//
// Text from the files is printed quoted when it holds a character that
// does not print, so no input adds a line or a block. Only regular files
// are read: a FIFO is refused at once (it is opened non-blocking and its
// mode checked), never waited on. A write that fails is an error.
//
// -json and -check together are a usage error: the two outputs would share
// standard output with no way to tell them apart.
//
// Errors go to standard error and never stop the other files: a file that
// cannot be read or decoded is reported as "FILE: PATH: what was expected"
// (PATH inside the file, such as checks[2].request.devise), a check the
// engine cannot decide as "FILE: checks[N]: error"; -check counts a file
// that could not be read apart and a check that could not be decided as
// failed, and a -check run of readable files that compared nothing says
// so and exits 2.
//
// Exit status: 0 when every file was evaluated and, with -check, every
// counted check passed; 1 when -check found a mismatch and nothing else went
// wrong; 2 on a usage error (no FILE, an unknown flag, -json with -check), a
// file that cannot be read or decoded, or a check that cannot be decided,
// even when mismatches were found too, since a mismatch count that left a
// file out is not a result to trust.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/licensepolicy/licensepolicy/policy/policytest"
)

// Exit statuses of run.
const (
	exitOK       = 0
	exitMismatch = 1
	exitError    = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usageHead = `usage: evaluate [-json | -check | -log | -calendar FROM/TO] [flags] FILE...

Evaluate decides every check of each scenario file (spec/SCENARIOS.md), in
file order. Without flags it prints one block per check: the request in
words, the outcome, the reason, the rules with their statements, the
obligations, the values and until.

`

const usageTail = `
Checks without an "expect" are decided but not counted by -check.
-json, -check, -log and -calendar cannot be combined; the -coverage flags
need -check; -svg and -at need -calendar.
Exit status: 0 when all is well; 1 when -check found a mismatch or
coverage is under -coverage-min; 2 on a usage error, a file that cannot
be read or decoded (reported as FILE: PATH: message), a check that cannot
be decided, a -check run that compared nothing, or output that could not
be written, also when mismatches were found too. The other files are
always evaluated.
`

// options are the command's flags.
type options struct {
	json, check, log    bool
	coverage            bool
	coverageMin         float64
	coverageJSON, junit string
	calendar, svg, at   string
}

// run is the command with its arguments (without the program name) and
// outputs; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("evaluate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.json, "json", false, "print one JSON object per check and line: file, check, at, request, decision")
	fs.BoolVar(&o.check, "check", false, "compare each check with its expect; print one line per mismatch and \"N passed, M failed\"")
	fs.BoolVar(&o.log, "log", false, "print one JSON decision-log line per check through slog.NewJSONHandler")
	fs.BoolVar(&o.coverage, "coverage", false, "with -check: print, for every rule, the checks whose decisions cited it, and the rules none reached")
	fs.Float64Var(&o.coverageMin, "coverage-min", 0, "with -check: fail (exit 1) when under `PCT` percent of the rules are cited, naming the rest")
	fs.StringVar(&o.coverageJSON, "coverage-json", "", "with -check: write the rule coverage as JSON to `FILE`")
	fs.StringVar(&o.junit, "junit", "", "write JUnit XML to `FILE`: one testcase per check, mismatches as failures")
	fs.StringVar(&o.calendar, "calendar", "", "print every instant in [`FROM/TO`) (RFC 3339) at which a decision of the files' checks changes")
	fs.StringVar(&o.svg, "svg", "", "with -calendar: draw the licenses, credit lots and trade-ins over the period as SVG to `FILE`")
	fs.StringVar(&o.at, "at", "", "with -calendar: the `INSTANT` marked \"now\" in the SVG (default FROM)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageHead)
		fs.PrintDefaults()
		fmt.Fprint(fs.Output(), usageTail)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "evaluate: "+msg)
		fs.Usage()
		return exitError
	}
	if fs.NArg() == 0 {
		return usage("no scenario file given")
	}
	modes := 0
	for _, on := range []bool{o.json, o.check, o.log, o.calendar != ""} {
		if on {
			modes++
		}
	}
	switch {
	case modes > 1:
		return usage("-json, -check, -log and -calendar cannot be combined")
	case !o.check && (o.coverage || o.coverageMin != 0 || o.coverageJSON != ""):
		return usage("-coverage, -coverage-min and -coverage-json need -check")
	case o.coverageMin < 0 || o.coverageMin > 100:
		return usage("-coverage-min: want a percentage from 0 to 100")
	case o.calendar == "" && (o.svg != "" || o.at != ""):
		return usage("-svg and -at need -calendar")
	case o.calendar != "" && o.junit != "":
		return usage("-junit reports checks, not a -calendar")
	}
	if o.calendar != "" {
		return runCalendar(o, fs.Args(), stdout, stderr)
	}
	e := newEvaluator(stdout, stderr, textMode)
	switch {
	case o.json:
		e.mode = jsonMode
	case o.check:
		e.mode = checkMode
	case o.log:
		e.mode = logMode
	}
	if o.coverage || o.coverageMin > 0 || o.coverageJSON != "" {
		e.cov = &policytest.Coverage{}
	}
	if o.junit != "" {
		e.junit = newJUnitReport()
	}
	for _, name := range fs.Args() {
		e.file(name)
	}
	return e.finish(o)
}
