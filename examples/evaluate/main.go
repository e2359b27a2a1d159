// Evaluate decides the checks of scenario files (spec/SCENARIOS.md) and
// prints the decisions, as text, as JSON lines, or as a comparison with what
// each check expects.
//
// Usage:
//
//	go run ./examples/evaluate [-json | -check | -log] [-junit FILE] FILE...
//	go run ./examples/evaluate -check [-coverage] [-coverage-min PCT] [-coverage-json FILE] FILE...
//	go run ./examples/evaluate -calendar FROM/TO [-json] [-svg OUT.svg] [-at INSTANT] FILE...
//	go run ./examples/evaluate -impact TERMS.json [-from T] [-to T] [-json] FILE...
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
// With -calendar FROM/TO it prints, for every check, its request's
// timeline over [FROM, TO) as policy.Engine.Timeline builds it by chaining
// Until (never by sampling): the check in words, then one line per
// segment, its start, its end and its decision at its start (outcome,
// rules, values, obligations with their dues); a run whose dues move with
// the instant (a late renewal) is one segment marked drifting. With -json
// it writes one object per segment: {"file", "check", "request", "start",
// "end", "drifting", "decision"}. Each segment is written as it is found;
// a check with more than 100000 changes in the period is reported and the
// next check still runs. A run stops past 250000 changes, every check's of
// every file together (with -impact, both timelines' segments, whether or
// not they differ), reporting the check that passed the bound and the
// checks and files it leaves out: the work and the output stay in
// proportion to the input, not to its checks times its history. -svg
// OUT.svg draws the same timelines as one row of colored bars per check
// over a labelled time axis (bars narrower than a pixel side by side drawn
// as one), with -at (default FROM) marked "now".
//
// With -impact TERMS.json it reads new terms and catalog, {"terms": {...},
// "catalog": {...}} with a scenario file's keys, applies them over each
// file's own, and prints, for every check, each interval of [from, to) in
// which the two decisions differ (outcome, rules, obligations or values),
// split wherever either changes: the check in words, then per interval its
// bounds and the old and new decisions; with -json one object per
// interval, {"file", "check", "request", "from", "to", "old", "new"}, the
// decisions as at from. from is the check's at unless -from; to is 10
// calendar years after from unless -to. A fact the new terms make invalid
// is a line on standard error (with -json an object {"file", "fact",
// "error"}), and the checks that do not use it are still compared. Last
// comes "N compared, N changed, N intervals, N invalid" (with -json
// {"summary": {...}}); the exit status is 1 when a decision changes or a
// fact becomes invalid.
//
// Text from the files is printed quoted when it holds a character that
// does not print, so no input adds a line or a block. Only regular files
// are read: a FIFO is refused at once (it is opened non-blocking and its
// mode checked), never waited on. A write that fails is an error.
//
// -json, -check and -log are exclusive, and so are -calendar and -impact
// with each other and with -check, -log and -junit: two outputs would
// share standard output with no way to tell them apart.
//
// Errors go to standard error and, but for the run's bound of changes,
// never stop the other files: a file that cannot be read or decoded is
// reported as "FILE: PATH: what was expected"
// (PATH inside the file, such as checks[2].request.devise), a check the
// engine cannot decide as "FILE: checks[N]: error"; -check counts a file
// that could not be read apart and a check that could not be decided as
// failed, and a -check run of readable files that compared nothing says
// so and exits 2.
//
// Exit status: 0 when every file was evaluated and, with -check, every
// counted check passed; 1 when -check found a mismatch, or -impact a
// change, and nothing else went wrong; 2 on a usage error (no FILE, an
// unknown flag, -json with -check), a file that cannot be read or decoded,
// a check that cannot be decided or whose timeline passes its bound, even
// when mismatches were found too, since a count that left a file out is
// not a result to trust.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/licensepolicy/licensepolicy/policy/policytest"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
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

const usageHead = `usage: evaluate [-json | -check | -log] [flags] FILE...
       evaluate -calendar FROM/TO [-json] [-svg OUT.svg] [-at INSTANT] FILE...
       evaluate -impact TERMS.json [-from T] [-to T] [-json] FILE...

Evaluate decides every check of each scenario file (spec/SCENARIOS.md), in
file order. Without flags it prints one block per check: the request in
words, the outcome, the reason, the rules with their statements, the
obligations, the values and until.

`

const usageTail = `
Checks without an "expect" are decided but not counted by -check.
-json, -check and -log cannot be combined, nor -calendar and -impact with
-check or -log; the -coverage flags need -check; -svg and -at need
-calendar; -from and -to need -impact.
-calendar prints, for every check, its request's timeline over [FROM, TO):
maximal segments [start, end) in which the decision is the same, a run
whose dues move with the instant (a late renewal) as one drifting segment;
at most 100000 segments a check and 250000 a run, every file's checks
together; past that the run stops and names the checks and files left out.
-impact prints, for every check, each interval of [from, to) in which its
decision under the file's terms and under TERMS.json ({"terms", "catalog"}
applied over the file's own) differ, split where either changes; from is
the check's at unless -from, to 10 calendar years after from unless -to.
A fact the new terms make invalid is reported, not fatal. Last, a line
"N compared, N changed, N intervals, N invalid". Both timelines of a
check count against the run's 250000 segments, whether or not they differ.
Exit status: 0 when all is well; 1 when -check found a mismatch, coverage
is under -coverage-min, or -impact found a decision that changes or a
fact that becomes invalid; 2 on a usage error, a file that cannot be read
or decoded (reported as FILE: PATH: message), a check that cannot be
decided, a -check run that compared nothing, a timeline over its bound, or
output that could not be written, also when mismatches were found too.
The other files are always evaluated, unless a run passes its bound.
Bounds: a scenario or TERMS.json file is at most %d bytes (8 MiB), nested
at most six levels, its counts JSON integers within a million, its amounts
decimal strings of at most 40 digits; at most %d errors are reported a
file. A file of n bytes is read in O(n log n) time and about 25 bytes of
memory a byte, whatever its layout (one line or many); names that do not
print are quoted wherever they are printed.
`

// options are the command's flags.
type options struct {
	json, check, log    bool
	coverage            bool
	coverageMin         float64
	coverageJSON, junit string
	calendar, svg, at   string
	impact, from, to    string
}

// flags declares the command's flags into o.
func flags(o *options, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("evaluate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&o.json, "json", false, "print one JSON object per check and line: file, check, at, request, decision (with -calendar: per segment; with -impact: per interval)")
	fs.BoolVar(&o.check, "check", false, "compare each check with its expect; print one line per mismatch and \"N passed, M failed\"")
	fs.BoolVar(&o.log, "log", false, "print one JSON decision-log line per check through slog.NewJSONHandler")
	fs.BoolVar(&o.coverage, "coverage", false, "with -check: print, for every rule, the checks whose decisions cited it, and the rules none reached")
	fs.Float64Var(&o.coverageMin, "coverage-min", 0, "with -check: fail (exit 1) when under `PCT` percent of the rules are cited, naming the rest")
	fs.StringVar(&o.coverageJSON, "coverage-json", "", "with -check: write the rule coverage as JSON to `FILE`")
	fs.StringVar(&o.junit, "junit", "", "write JUnit XML to `FILE`: one testcase per check, mismatches as failures")
	fs.StringVar(&o.calendar, "calendar", "", "print every check's timeline over [`FROM/TO`) (RFC 3339): the segments in which its decision is the same")
	fs.StringVar(&o.svg, "svg", "", "with -calendar: draw every check's timeline over the period as SVG to `FILE`")
	fs.StringVar(&o.at, "at", "", "with -calendar: the `INSTANT` marked \"now\" in the SVG (default FROM)")
	fs.StringVar(&o.impact, "impact", "", "print where each check's decision under the new terms and catalog of `TERMS.json` differs from its file's")
	fs.StringVar(&o.from, "from", "", "with -impact: the first `INSTANT` compared (default each check's at)")
	fs.StringVar(&o.to, "to", "", "with -impact: the `INSTANT` the comparison ends before (default 10 calendar years after from)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageHead)
		fs.PrintDefaults()
		fmt.Fprintf(fs.Output(), usageTail, scenario.MaxSize, scenario.MaxErrors)
	}
	return fs
}

// conflict says what is wrong with a combination of flags; "" when
// nothing is.
func (o options) conflict() string {
	if msg := o.modes(); msg != "" {
		return msg
	}
	switch {
	case !o.check && (o.coverage || o.coverageMin != 0 || o.coverageJSON != ""):
		return "-coverage, -coverage-min and -coverage-json need -check"
	case o.coverageMin < 0 || o.coverageMin > 100:
		return "-coverage-min: want a percentage from 0 to 100"
	case o.calendar == "" && (o.svg != "" || o.at != ""):
		return "-svg and -at need -calendar"
	case o.impact == "" && (o.from != "" || o.to != ""):
		return "-from and -to need -impact"
	}
	return ""
}

// modes says which of the modes asked for cannot be combined.
func (o options) modes() string {
	timeline := o.calendar != "" || o.impact != ""
	switch {
	case o.json && o.check || o.json && o.log || o.check && o.log:
		return "-json, -check and -log cannot be combined"
	case o.calendar != "" && o.impact != "":
		return "-calendar and -impact cannot be combined"
	case timeline && (o.check || o.log):
		return "-calendar and -impact cannot be combined with -check or -log"
	case timeline && o.junit != "":
		return "-junit reports checks, not a -calendar or an -impact"
	}
	return ""
}

// run is the command with its arguments (without the program name) and
// outputs; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flags(&o, stderr)
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
	if msg := o.conflict(); msg != "" {
		return usage(msg)
	}
	switch {
	case o.calendar != "":
		return runCalendar(o, fs.Args(), stdout, stderr)
	case o.impact != "":
		return runImpact(o, fs.Args(), stdout, stderr)
	}
	return runChecks(o, fs.Args(), stdout, stderr)
}

// runChecks decides every check of the files and prints them as the mode
// asks.
func runChecks(o options, files []string, stdout, stderr io.Writer) int {
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
	for _, name := range files {
		e.file(name)
	}
	return e.finish(o)
}
