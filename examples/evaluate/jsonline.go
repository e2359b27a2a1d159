package main

import (
	"encoding/json"
	"fmt"

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
	// The encoder compacts Request onto the line.
	err := e.enc.Encode(jsonLine{File: name, Check: c.Index, At: instant(c.At), Request: c.Raw, Decision: d})
	// A lost write is reported once, by finish.
	if err != nil && e.stdout.err == nil {
		e.fail(fmt.Errorf("%s: checks[%d]: %w", name, c.Index, err))
	}
}
