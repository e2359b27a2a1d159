package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// impactCounts are -impact's closing figures.
type impactCounts struct {
	compared, changed, intervals, invalid int
}

// comparison is one -impact run: the new terms and the period flags.
type comparison struct {
	*timelines
	overlay  *scenario.Overlay
	from, to time.Time // zero when not given
	counts   impactCounts
}

// runImpact prints, for every check of the files, where its decision
// under the new terms and catalog of -impact differs from its file's, and
// the facts the new terms make invalid; then the counts.
func runImpact(o options, files []string, stdout, stderr io.Writer) int {
	cmp := &comparison{timelines: newTimelines(stdout, stderr, o.json)}
	var err error
	for _, f := range []struct {
		name, value string
		t           *time.Time
	}{{"-from", o.from, &cmp.from}, {"-to", o.to, &cmp.to}} {
		if f.value != "" {
			if *f.t, err = parseInstantFlag(f.value); err != nil {
				fmt.Fprintf(stderr, "evaluate: %s %v\n", f.name, err)
				return exitError
			}
		}
	}
	if o.from != "" && o.to != "" && !cmp.to.After(cmp.from) {
		fmt.Fprintf(stderr, "evaluate: -to %s is not after -from %s\n", instant(cmp.to), instant(cmp.from))
		return exitError
	}
	data, err := readRegular(o.impact)
	if err == nil {
		cmp.overlay, err = scenario.DecodeOverlay(o.impact, bytes.NewReader(data))
	}
	if err != nil {
		cmp.fail(err)
		return exitError
	}
	for _, name := range files {
		if cmp.spent {
			cmp.notRun(name, "")
			continue
		}
		cmp.file(name)
	}
	c := cmp.counts
	if cmp.json {
		fmt.Fprintf(cmp.out, `{"summary":{"compared":%d,"changed":%d,"intervals":%d,"invalid":%d}}`+"\n",
			c.compared, c.changed, c.intervals, c.invalid)
	} else {
		fmt.Fprintf(cmp.out, "%d compared, %d changed, %d intervals, %d invalid\n", c.compared, c.changed, c.intervals, c.invalid)
	}
	status := exitOK
	if c.changed > 0 || c.invalid > 0 {
		status = exitMismatch
	}
	return cmp.finish(status)
}

// file compares the checks of the scenario file name under its terms and
// under the new ones.
func (cmp *comparison) file(name string) {
	data, err := readRegular(name)
	if err != nil {
		cmp.fail(err)
		return
	}
	old, err := scenario.Decode(name, bytes.NewReader(data))
	if err != nil {
		cmp.fail(err)
		return
	}
	next, invalid, err := scenario.DecodeUnder(name, bytes.NewReader(data), cmp.overlay)
	if err != nil {
		cmp.fail(err)
		return
	}
	for _, e := range invalid {
		cmp.counts.invalid++
		cmp.invalidFact(name, e)
	}
	// The new scenario's checks are the old ones less those asking about
	// an invalid fact, in the same order.
	j := 0
	for _, c := range old.Checks {
		for j < len(next.Checks) && next.Checks[j].Index < c.Index {
			j++
		}
		if j == len(next.Checks) || next.Checks[j].Index != c.Index {
			continue
		}
		if cmp.spent {
			cmp.notRun(name, fmt.Sprintf("checks[%d] to checks[%d]: ", c.Index, old.Checks[len(old.Checks)-1].Index))
			return
		}
		cmp.check(name, policy.Question{Engine: old.Engine(), Request: c.Request},
			policy.Question{Engine: next.Engine(), Request: next.Checks[j].Request}, c)
	}
}

// period is the interval a check is compared over: from its at unless
// -from, to ten calendar years after from (clamped as LIC-SUB-TERM clamps,
// and to the last instant of year 9999) unless -to.
func (cmp *comparison) period(c scenario.Check) (from, to time.Time) {
	from, to = c.At, cmp.to
	if !cmp.from.IsZero() {
		from = cmp.from
	}
	if to.IsZero() {
		if to = calendar.AddYears(from, 10); !calendar.InRange(to) {
			to = calendar.Last
		}
	}
	return from, to
}

// check prints every interval in which old and next decide check c
// differently.
func (cmp *comparison) check(name string, old, next policy.Question, c scenario.Check) {
	cmp.counts.compared++
	from, to := cmp.period(c)
	// Where the two sides agree nothing is printed, but the pieces cost as
	// much: both timelines are counted against the run's bound first.
	for _, q := range []policy.Question{old, next} {
		for _, err := range q.Engine.Timeline(q.Request, from, to) {
			if err != nil {
				break // Impact yields it
			}
			if !cmp.spend(name, c) {
				return
			}
		}
	}
	n := 0
	for d, err := range policy.Impact(old, next, from, to) {
		if err != nil {
			cmp.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
			return
		}
		if n++; n > maxChanges {
			cmp.fail(fmt.Errorf("%s: checks[%d]: more than %d intervals in [%s, %s); want a shorter period",
				name, c.Index, maxChanges, instant(from), instant(to)))
			return
		}
		if n == 1 {
			cmp.counts.changed++
			if !cmp.json {
				fmt.Fprintf(cmp.out, "%s check %d: %s\n", printable(name), c.Index, printable(c.Describe()))
			}
		}
		cmp.counts.intervals++
		if cmp.json {
			cmp.differenceJSON(name, c, d)
			continue
		}
		fmt.Fprintf(cmp.out, "  %s  %s  %s -> %s\n", instant(d.From), instant(d.To), summary(d.Old), summary(d.New))
	}
}

// invalidFact reports a fact the new terms refuse: a JSON line with -json,
// else a line on standard error.
func (cmp *comparison) invalidFact(name string, e *scenario.Error) {
	if !cmp.json {
		fmt.Fprintln(cmp.stderr, printable(e.Error()))
		return
	}
	l := &cmp.line
	l.Reset()
	l.WriteString(`{"file":`)
	l.Write(wire.AppendJSONString(l.AvailableBuffer(), name, false))
	l.WriteString(`,"fact":`)
	l.Write(wire.AppendJSONString(l.AvailableBuffer(), e.Path, false))
	l.WriteString(`,"error":`)
	l.Write(wire.AppendJSONString(l.AvailableBuffer(), e.Msg, false))
	l.WriteString("}\n")
	cmp.out.Write(l.Bytes())
}

// differenceJSON writes -impact -json's line of one interval:
// {"file", "check", "request", "from", "to", "old", "new"}, the decisions
// as at from.
func (cmp *comparison) differenceJSON(name string, c scenario.Check, d policy.Difference) {
	old, err := d.Old.MarshalJSON()
	var next []byte
	if err == nil {
		next, err = d.New.MarshalJSON()
	}
	l := &cmp.line
	l.Reset()
	appendCheck(l, name, c)
	if err == nil {
		err = appendRequest(l, c)
	}
	if err != nil {
		cmp.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
		return
	}
	appendInstantKey(l, "from", d.From)
	appendInstantKey(l, "to", d.To)
	l.WriteString(`,"old":`)
	l.Write(old)
	l.WriteString(`,"new":`)
	l.Write(next)
	l.WriteString("}\n")
	cmp.out.Write(l.Bytes())
}
