package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// text prints one readable block for check c of file name:
//
//	testdata/a.json check 0 at 2025-06-01T00:00:00Z
//	  may license L1 move to device d2 (rebalance)?
//	  outcome      allow
//	  reason       ...
//	  rules        LIC-PORT  a license moves only within its like-device class
//	  obligations  none
//	  values       none
//	  until        2026-02-09T00:00:00Z
//
// Lists print one item a line under their label, "none" when empty.
// Anything that came from the file (the name, IDs in the request and the
// reason, subjects, value names) goes through printable, so a block is
// always these lines and no input can add one.
func (e *evaluator) text(name string, c scenario.Check, d policy.Decision) {
	w := e.stdout
	fmt.Fprintf(w, "%s check %d at %s\n", printable(name), c.Index, instant(c.At))
	fmt.Fprintf(w, "  %s\n", printable(c.Describe()))
	field(w, "outcome", d.Outcome.String())
	field(w, "reason", printable(d.Reason))
	var rules []string
	for id := range d.Rules.All() {
		rules = append(rules, id.String()+"  "+id.Statement())
	}
	list(w, "rules", rules)
	obligations := make([]string, d.Obligations.Len())
	for i, o := range d.Obligations.Slice() {
		s := o.Kind.String() + " " + o.Rule.String()
		if o.Subject != "" {
			s += " for " + printable(o.Subject)
		}
		if !o.Due.IsZero() {
			s += " due " + instant(o.Due)
		}
		obligations[i] = s
	}
	list(w, "obligations", obligations)
	values := make([]string, len(d.Values))
	for i, v := range d.Values {
		values[i] = printable(v.Name) + " " + v.Amount.String()
	}
	list(w, "values", values)
	field(w, "until", instant(d.Until))
	fmt.Fprintln(w)
}

const labelWidth = len("obligations  ")

func field(w io.Writer, label, value string) {
	fmt.Fprintf(w, "  %-*s%s\n", labelWidth, label, value)
}

func list(w io.Writer, label string, items []string) {
	if len(items) == 0 {
		field(w, label, "none")
		return
	}
	field(w, label, items[0])
	pad := strings.Repeat(" ", labelWidth)
	for _, it := range items[1:] {
		fmt.Fprintf(w, "  %s%s\n", pad, it)
	}
}
