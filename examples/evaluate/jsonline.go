package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

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
	appendCheck(l, name, c)
	appendInstantKey(l, "at", c.At)
	if err := appendRequest(l, c); err != nil {
		e.fail(fmt.Errorf("%s: checks[%d]: request: %w", name, c.Index, err))
		return
	}
	l.WriteString(`,"decision":`)
	l.Write(decision)
	l.WriteString("}\n")
	// A lost write is reported once, by finish.
	e.stdout.Write(l.Bytes())
}

// appendCheck opens a line about check c of file name: {"file":...,"check":N.
func appendCheck(l *bytes.Buffer, name string, c scenario.Check) {
	l.WriteString(`{"file":`)
	l.Write(wire.AppendJSONString(l.AvailableBuffer(), name, false))
	l.WriteString(`,"check":`)
	l.Write(strconv.AppendInt(l.AvailableBuffer(), int64(c.Index), 10))
}

// appendRequest writes ,"request": and the check's request as the file
// writes it, compacted onto the line.
func appendRequest(l *bytes.Buffer, c scenario.Check) error {
	l.WriteString(`,"request":`)
	if len(c.Raw) == 0 {
		l.WriteString("null")
		return nil
	}
	return json.Compact(l, c.Raw)
}

// appendInstantKey writes ,"key":"instant".
func appendInstantKey(l *bytes.Buffer, key string, t time.Time) {
	l.WriteString(`,"` + key + `":`)
	l.Write(wire.AppendJSONString(l.AvailableBuffer(), instant(t), false))
}

// segmentJSON writes -calendar -json's line of one segment of check c's
// timeline: {"file", "check", "request", "start", "end", "drifting",
// "decision"}, the decision as at start.
func (tl *timelines) segmentJSON(name string, c scenario.Check, s policy.Segment) {
	decision, err := s.Decision.MarshalJSON()
	l := &tl.line
	l.Reset()
	appendCheck(l, name, c)
	if err == nil {
		err = appendRequest(l, c)
	}
	if err != nil {
		tl.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
		return
	}
	appendInstantKey(l, "start", s.Start)
	appendInstantKey(l, "end", s.End)
	l.WriteString(`,"drifting":` + strconv.FormatBool(s.Drifting) + `,"decision":`)
	l.Write(decision)
	l.WriteString("}\n")
	tl.out.Write(l.Bytes())
}
