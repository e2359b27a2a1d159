package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/licensepolicy/licensepolicy/internal/wire"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// jsonLine is one line of -json: the check's place, its request as the file
// writes it, and the decision in policy.Decision's JSON.
type jsonLine struct {
	File     string          `json:"file"`
	Check    int             `json:"check"`
	At       string          `json:"at"`
	Request  json.RawMessage `json:"request"`
	Decision policy.Decision `json:"decision"`
}

func (e *evaluator) json(name string, c scenario.Check, d policy.Decision) {
	decision, err := d.MarshalJSON()
	if err != nil {
		e.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
		return
	}
	// The line is written as a json.Encoder without HTML escaping writes a
	// jsonLine (the file and request as written: "<" stays "<"), by hand,
	// so that the decision's JSON is not read over again: the request is
	// compacted onto the line, the decision is compact already.
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
