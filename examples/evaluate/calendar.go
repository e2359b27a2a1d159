package main

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// maxChanges bounds one check's timeline: a decision that changed every
// day for three hundred years is not a calendar anyone reads, and the
// bound keeps the command's time and output in proportion.
const maxChanges = 100000

// maxRunChanges bounds a whole run's timelines, every check of every file
// together: a file of many checks over one long history would otherwise
// make output and time grow with checks times history, not with the input.
const maxRunChanges = 250000

// timelines prints what -calendar and -impact print, to out: lost output
// is reported once, at the end.
type timelines struct {
	out    *errWriter
	stderr io.Writer
	json   bool
	line   bytes.Buffer
	buf    []byte // the text line being written
	// timeline gives a check's segments; a field so that a test can watch
	// each segment being printed before the next is found.
	timeline func(s *scenario.Scenario, c scenario.Check, from, to time.Time) iter.Seq2[policy.Segment, error]
	// broken is set by a file that could not be read or a check whose
	// timeline could not be made.
	broken bool
	// changes counts the run's segments (with -impact, both sides'), up to
	// maxRunChanges; spent says the bound is passed and nothing more runs.
	changes int
	spent   bool
}

func newTimelines(stdout, stderr io.Writer, json bool) *timelines {
	return &timelines{out: &errWriter{w: stdout}, stderr: stderr, json: json, timeline: engineTimeline}
}

func engineTimeline(s *scenario.Scenario, c scenario.Check, from, to time.Time) iter.Seq2[policy.Segment, error] {
	return s.Engine().Timeline(c.Request, from, to)
}

func (tl *timelines) fail(err error) {
	tl.broken = true
	for _, line := range errorLines(err) {
		fmt.Fprintln(tl.stderr, printable(line))
	}
}

// runCalendar prints every check's timeline over -calendar's period, each
// segment as soon as it is found, and draws them as SVG with -svg.
func runCalendar(o options, files []string, stdout, stderr io.Writer) int {
	from, to, err := period(o.calendar)
	if err != nil {
		fmt.Fprintf(stderr, "evaluate: %v\n", err)
		return exitError
	}
	now := from
	if o.at != "" {
		if now, err = parseInstantFlag(o.at); err != nil {
			fmt.Fprintf(stderr, "evaluate: -at %v\n", err)
			return exitError
		}
	}
	tl := newTimelines(stdout, stderr, o.json)
	var pic *picture
	if o.svg != "" {
		pic = &picture{from: from, to: to, now: now}
	}
	for _, name := range files {
		if tl.spent {
			tl.notRun(name, "")
			continue
		}
		s, err := decodeFile(name)
		if err != nil {
			tl.fail(err)
			continue
		}
		if pic != nil {
			pic.file(name)
		}
		for _, c := range s.Checks {
			if tl.spent {
				tl.notRun(name, fmt.Sprintf("checks[%d] to checks[%d]: ", c.Index, s.Checks[len(s.Checks)-1].Index))
				break
			}
			tl.calendar(name, s, c, from, to, pic)
		}
	}
	status := exitOK
	if pic != nil {
		if err := writeFile(o.svg, pic.write); err != nil {
			fmt.Fprintf(stderr, "evaluate: -svg: %v\n", err)
			status = exitError
		}
	}
	return tl.finish(status)
}

// spend counts one more segment of the run, and reports the check that
// passes the run's bound: false from then on.
func (tl *timelines) spend(name string, c scenario.Check) bool {
	if tl.changes++; tl.changes <= maxRunChanges {
		return true
	}
	tl.spent = true
	tl.fail(fmt.Errorf("%s: checks[%d]: more than %d changes in the run, every check's together; want a shorter period or fewer checks",
		name, c.Index, maxRunChanges))
	return false
}

// notRun reports what a spent run leaves out: a file's remaining checks
// (what names them), or a whole file.
func (tl *timelines) notRun(name, what string) {
	tl.fail(fmt.Errorf("%s: %snot run: the run passed its bound of %d changes", name, what, maxRunChanges))
}

// finish reports lost output and returns the exit status, at least status.
func (tl *timelines) finish(status int) int {
	if tl.out.err != nil {
		fmt.Fprintf(tl.stderr, "evaluate: writing standard output: %v\n", tl.out.err)
		status = exitError
	}
	if tl.broken {
		status = exitError
	}
	return status
}

// calendar prints check c's timeline over [from, to), and adds it to pic
// when there is one.
func (tl *timelines) calendar(name string, s *scenario.Scenario, c scenario.Check, from, to time.Time, pic *picture) {
	if !tl.json {
		fmt.Fprintf(tl.out, "%s check %d: %s\n", printable(name), c.Index, printable(c.Describe()))
	}
	if pic != nil {
		pic.check(c)
	}
	n := 0
	for seg, err := range tl.timeline(s, c, from, to) {
		if err != nil {
			tl.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
			return
		}
		if n++; n > maxChanges+1 {
			tl.fail(fmt.Errorf("%s: checks[%d]: more than %d changes in [%s, %s); want a shorter period",
				name, c.Index, maxChanges, instant(from), instant(to)))
			return
		}
		if !tl.spend(name, c) {
			return
		}
		if pic != nil {
			pic.segment(seg)
		}
		if tl.json {
			tl.segmentJSON(name, c, seg)
			continue
		}
		tl.buf = append(appendInstant(append(tl.buf[:0], "  "...), seg.Start), "  "...)
		tl.buf = append(appendSegment(append(appendInstant(tl.buf, seg.End), "  "...), seg), '\n')
		tl.out.Write(tl.buf)
	}
}

// segmentSummary is a segment's decision on one line: outcome, rules,
// values and obligations (each with its due, up to four of them), marked
// when it drifts.
func segmentSummary(s policy.Segment) string {
	return string(appendSegment(nil, s))
}

func appendSegment(b []byte, s policy.Segment) []byte {
	if s.Drifting {
		b = append(b, "drifting, dues moving with the instant, from "...)
	}
	return appendSummary(b, s.Decision)
}

// appendInstant appends t as instant writes it.
func appendInstant(b []byte, t time.Time) []byte {
	if !t.IsZero() && !wire.Writable(t) {
		return append(b, instant(t)...)
	}
	return wire.AppendInstant(b, t)
}

// summary is a decision on one line, as the calendar and the impact print
// it.
func summary(d policy.Decision) string { return string(appendSummary(nil, d)) }

func appendSummary(b []byte, d policy.Decision) []byte {
	b = append(b, d.Outcome.String()...)
	b = append(b, " ["...)
	b = append(b, d.Rules.String()...)
	b = append(b, ']')
	for _, v := range d.Values {
		b = append(b, ' ')
		b = append(b, printable(v.Name)...)
		b = append(b, '=')
		b = append(b, v.Amount.String()...)
	}
	if n := d.Obligations.Len(); n > 4 {
		return fmt.Appendf(b, " (%d obligations)", n)
	}
	for o := range d.Obligations.All() {
		b = append(b, "; "...)
		b = append(b, o.Kind.String()...)
		b = append(b, ' ')
		b = append(b, o.Rule.String()...)
		if o.Subject != "" {
			b = append(b, " for "...)
			b = append(b, printable(o.Subject)...)
		}
		if !o.Due.IsZero() {
			b = appendInstant(append(b, " due "...), o.Due)
		}
	}
	return b
}
