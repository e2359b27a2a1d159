package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/licensepolicy/licensepolicy/tmip"
)

// maxChanges bounds one request's chain, so a decision that changed every
// nanosecond could not run the command out of memory.
const maxChanges = 100000

// change is one instant at which a request's decision is not what it was
// just before (or, first, what it is at the period's start).
type change struct {
	At       time.Time
	Decision policy.Decision
}

// chain decides r at from and then at each Until, up to to, keeping the
// instants at which the decision differs from the one before: between two
// kept instants every decision is the first's. It never samples: each next
// instant is the one the engine says the decision can change at.
func chain(e policy.Engine, r policy.Request, from, to time.Time) ([]change, error) {
	var out []change
	last := ""
	for t, n := from, 0; t.Before(to); n++ {
		if n == maxChanges {
			return out, fmt.Errorf("more than %d changes; want a shorter period", maxChanges)
		}
		d, err := e.Decide(r, t)
		if err != nil {
			return out, err
		}
		if k := decisionKey(d); k != last || len(out) == 0 {
			out = append(out, change{At: t, Decision: d})
			last = k
		}
		if d.Until.IsZero() {
			break
		}
		if !d.Until.After(t) {
			return out, fmt.Errorf("until %s is not after %s", instant(d.Until), instant(t))
		}
		t = d.Until
	}
	return out, nil
}

// decisionKey is what a change is made of: outcome, rules, obligations and
// values. The reason is words about those, and until is when they change.
func decisionKey(d policy.Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s [%s]", d.Outcome, d.Rules)
	for o := range d.Obligations.All() {
		fmt.Fprintf(&b, "; %s (%s) %q %s", o.Kind, o.Rule, o.Subject, instant(o.Due))
	}
	for _, v := range d.Values {
		fmt.Fprintf(&b, "; %s %s", v.Name, v.Amount)
	}
	return b.String()
}

// summary is a decision as a change line shows it.
func summary(d policy.Decision) string {
	s := fmt.Sprintf("%s [%s]", d.Outcome, d.Rules)
	for _, v := range d.Values {
		s += fmt.Sprintf(" %s=%s", printable(v.Name), v.Amount)
	}
	if n := d.Obligations.Len(); n > 0 {
		s += fmt.Sprintf(" (%d obligations)", n)
	}
	return s
}

// calendarEvent is one line of -calendar's output.
type calendarEvent struct {
	at   time.Time
	line string
}

func runCalendar(o options, files []string, stdout, stderr io.Writer) int {
	out := &errWriter{w: stdout}
	fromS, toS, ok := strings.Cut(o.calendar, "/")
	from, err1 := time.Parse(time.RFC3339, fromS)
	to, err2 := time.Parse(time.RFC3339, toS)
	if !ok || err1 != nil || err2 != nil || !to.After(from) {
		fmt.Fprintf(stderr, "evaluate: -calendar %s: want FROM/TO, two RFC 3339 instants, FROM before TO\n", printable(o.calendar))
		return exitError
	}
	from, to = from.UTC(), to.UTC()
	now := from
	if o.at != "" {
		t, err := time.Parse(time.RFC3339, o.at)
		if err != nil {
			fmt.Fprintf(stderr, "evaluate: -at %s: want an RFC 3339 instant\n", printable(o.at))
			return exitError
		}
		now = t.UTC()
	}
	status := exitOK
	pic := &picture{from: from, to: to, now: now}
	for _, name := range files {
		s, err := decodeFile(name)
		if err != nil {
			for _, line := range errorLines(err) {
				fmt.Fprintln(stderr, printable(line))
			}
			status = exitError
			continue
		}
		var events []calendarEvent
		seen := map[string]bool{}
		for _, c := range s.Checks {
			var raw bytes.Buffer
			if json.Compact(&raw, c.Raw) != nil || seen[raw.String()] {
				continue
			}
			seen[raw.String()] = true
			pic.add(s, c.Request)
			cs, err := chain(s.Engine(), c.Request, from, to)
			if err != nil {
				fmt.Fprintf(stderr, "%s: checks[%d]: %v\n", printable(name), c.Index, err)
				status = exitError
			}
			for i, ch := range cs {
				verb := "is " + summary(ch.Decision)
				if i > 0 {
					verb = summary(cs[i-1].Decision) + " -> " + summary(ch.Decision)
				}
				events = append(events, calendarEvent{ch.At, fmt.Sprintf("%s  %s: %s: %s",
					instant(ch.At), printable(name), printable(c.Describe()), verb)})
			}
		}
		// Stable by instant: requests in file order at one instant.
		sortEvents(events)
		for _, ev := range events {
			fmt.Fprintln(out, ev.line)
		}
	}
	if o.svg != "" {
		if err := writeFile(o.svg, pic.write); err != nil {
			fmt.Fprintf(stderr, "evaluate: -svg: %v\n", err)
			status = exitError
		}
	}
	if out.err != nil {
		fmt.Fprintf(stderr, "evaluate: writing standard output: %v\n", out.err)
		status = exitError
	}
	return status
}

func sortEvents(evs []calendarEvent) {
	for i := 1; i < len(evs); i++ { // insertion sort: stable, and lists are short
		for j := i; j > 0 && evs[j].at.Before(evs[j-1].at); j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
}

// A row of the picture: one license, credit lot or trade-in, and its
// standing over the period as segments.
type row struct {
	label    string
	segments []segment
}

type segment struct {
	from, to time.Time
	standing string // a key of standingColors
}

// picture gathers the rows of the facts the checks ask about.
type picture struct {
	from, to, now time.Time
	rows          []row
	seen          map[any]bool
}

func (p *picture) once(key any) bool {
	if p.seen == nil {
		p.seen = map[any]bool{}
	}
	if p.seen[key] {
		return false
	}
	p.seen[key] = true
	return true
}

// add adds the rows of the facts r names: its license, the lots of its
// ledger, its trade-in.
func (p *picture) add(s *scenario.Scenario, r policy.Request) {
	switch r := r.(type) {
	case policy.UseFeature:
		p.license(r.License)
	case policy.MoveLicense:
		p.license(r.License)
	case policy.RenewLicense:
		p.license(r.License)
	case policy.ChangeTier:
		p.license(r.License)
	case policy.CallOff:
		p.ledger(r.Ledger)
	case policy.CreditStatement:
		p.ledger(r.Ledger)
	case policy.TradeIn:
		p.tradeIn(r.Book, r.ID)
	case policy.TradeInCompliance:
		p.tradeIn(r.Book, r.ID)
	}
}

// license: active from its start, then grace (an initial subscription's
// grace) or warning (a trial's window), expired from its end.
func (p *picture) license(l license.License) {
	if !l.IsValid() || !p.once(l.ID()) {
		return
	}
	var segs []segment
	add := func(a, b time.Time, st string) {
		if !a.IsZero() && (b.IsZero() || a.Before(b)) {
			segs = append(segs, segment{a, b, st})
		}
	}
	switch l.Kind() {
	case license.Perpetual:
		add(l.Start(), time.Time{}, "active")
	case license.Trial:
		add(l.Start(), l.WarningFrom(), "active")
		add(l.WarningFrom(), l.End(), "warning")
		add(l.End(), time.Time{}, "expired")
	default:
		add(l.Start(), l.TermEnd(), "active")
		add(l.TermEnd(), l.End(), "grace")
		add(l.End(), time.Time{}, "expired")
	}
	p.rows = append(p.rows, row{label: "license " + l.ID(), segments: segs})
}

// ledger: one row per lot, found by chaining Balance's Until over the
// period; a lot is valid from its purchase, expired from its end.
func (p *picture) ledger(l credits.Ledger) {
	if !l.IsValid() || !p.once(l) {
		return
	}
	lots := map[string]credits.Lot{}
	var order []string
	for t, n := p.from, 0; t.Before(p.to) && n < maxChanges; n++ {
		b, err := l.Balance(t)
		if err != nil {
			break // a ledger the decoder built answers; this is no ledger
		}
		for _, lt := range b.Lots {
			if _, ok := lots[lt.Purchase]; !ok {
				order = append(order, lt.Purchase)
			}
			lots[lt.Purchase] = lt
		}
		if b.Until.IsZero() || !b.Until.After(t) {
			break
		}
		t = b.Until
	}
	for _, id := range order {
		lt := lots[id]
		p.rows = append(p.rows, row{label: "lot " + l.Account().ID + "/" + id,
			segments: []segment{{lt.Purchased, lt.Ends, "valid"}, {lt.Ends, time.Time{}, "lot expired"}}})
	}
}

// tradeIn: pending, met or breach, by chaining Compliance's Until.
func (p *picture) tradeIn(b tmip.Book, id string) {
	if !b.IsValid() || !p.once(id) {
		return
	}
	var segs []segment
	for t, n := p.from, 0; t.Before(p.to) && n < maxChanges; n++ {
		c, err := b.Compliance(id, t)
		if err != nil {
			return
		}
		st := c.Status.String()
		if k := len(segs); k > 0 && segs[k-1].standing == st {
			segs[k-1].to = c.Until
		} else {
			if k > 0 {
				segs[k-1].to = t
			}
			segs = append(segs, segment{t, c.Until, st})
		}
		if c.Until.IsZero() || !c.Until.After(t) {
			break
		}
		t = c.Until
	}
	p.rows = append(p.rows, row{label: "trade-in " + id, segments: segs})
}
