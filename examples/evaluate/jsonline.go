package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// json writes the -json line of check c of file name: its place, its
// request as the file writes it, and its decision in policy.Decision's JSON.
func (e *evaluator) json(name string, c scenario.Check, d policy.Decision) {
	decision, err := d.MarshalJSON()
	if err != nil {
		e.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
		return
	}
	// The line is written by hand, as a json.Encoder without HTML escaping
	// writes a jsonLine (jsonline_test.go; the file and request as written:
	// "<" stays "<"), so that the decision's JSON is not read over again:
	// the request is compacted onto the line, the decision is compact
	// already.
	l := &e.line
	l.Reset()
	l.WriteString(`{"file":`)
	l.Write(wire.AppendJSONString(l.AvailableBuffer(), name, false))
	l.WriteString(`,"check":`)
	l.Write(strconv.AppendInt(l.AvailableBuffer(), int64(c.Index), 10))
	l.WriteString(`,"at":`)
	l.Write(wire.AppendJSONString(l.AvailableBuffer(), instant(c.At), false))
	l.WriteString(`,"request":`)
	if len(c.Raw) == 0 {
		l.WriteString("null")
	} else if err := json.Compact(l, c.Raw); err != nil {
		e.fail(fmt.Errorf("%s: checks[%d]: request: %w", name, c.Index, err))
		return
	}
	l.WriteString(`,"decision":`)
	l.Write(decision)
	l.WriteString("}\n")
	// A lost write is reported once, by finish.
	e.stdout.Write(l.Bytes())
}
