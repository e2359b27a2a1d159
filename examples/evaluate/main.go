// Evaluate decides the checks of scenario files (spec/SCENARIOS.md) and
// prints the decisions, as text, as JSON lines, or as a comparison with what
// each check expects.
//
// Usage:
//
//	go run ./examples/evaluate [-json] [-check] FILE...
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
// "N passed, M failed". Checks without an expect are decided but not
// counted.
//
// -json and -check together are a usage error: the two outputs would share
// standard output with no way to tell them apart.
//
// Errors go to standard error and never stop the other files: a file that
// cannot be read or decoded is reported as "FILE: PATH: what was expected"
// (PATH inside the file, such as checks[2].request.devise), a check the
// engine cannot decide as "FILE: checks[N]: error"; neither file's nor
// check's checks are counted by -check.
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

const usageHead = `usage: evaluate [-json] [-check] FILE...

Evaluate decides every check of each scenario file (spec/SCENARIOS.md), in
file order. Without flags it prints one block per check: the request in
words, the outcome, the reason, the rules with their statements, the
obligations, the values and until.

`

const usageTail = `
Checks without an "expect" are decided but not counted by -check.
-json and -check cannot be combined.

Exit status: 0 when all is well; 1 when -check found a mismatch; 2 on a
usage error, a file that cannot be read or decoded (reported as
FILE: PATH: message) or a check that cannot be decided, also when
mismatches were found too. The other files are always evaluated.
`

// run is the command with its arguments (without the program name) and
// outputs; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("evaluate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per check and line: file, check, at, request, decision")
	check := fs.Bool("check", false, "compare each check with its expect; print one line per mismatch and \"N passed, M failed\"")
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
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "evaluate: no scenario file given")
		fs.Usage()
		return exitError
	}
	if *asJSON && *check {
		fmt.Fprintln(stderr, "evaluate: -json and -check cannot be combined")
		fs.Usage()
		return exitError
	}
	e := newEvaluator(stdout, stderr, textMode)
	switch {
	case *asJSON:
		e.mode = jsonMode
	case *check:
		e.mode = checkMode
	}
	for _, name := range fs.Args() {
		e.file(name)
	}
	return e.finish()
}
