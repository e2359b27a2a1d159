package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Outcome is a decision's answer. The zero value is Deny so that a Decision
// nobody filled in never grants anything.
type Outcome uint8

// Outcomes; append-only.
const (
	Deny  Outcome = iota // deny: the request is refused
	Allow                // allow: the request is granted
)

var outcomes = enum.New[Outcome]("policy", "Outcome", "outcome", rule.ID(0).UnknownName, "deny", "allow")

// ParseOutcome returns the outcome named s, "allow" or "deny".
func ParseOutcome(s string) (Outcome, error) { return outcomes.Parse(s) }

// IsValid reports whether o is Allow or Deny.
func (o Outcome) IsValid() bool { return outcomes.IsValid(o) }

// String returns "allow" or "deny", or "policy.Outcome(N)" for a value that
// is neither.
func (o Outcome) String() string { return outcomes.String(o) }

// AppendText appends "allow" or "deny"; any other value is an error.
func (o Outcome) AppendText(b []byte) ([]byte, error) { return outcomes.AppendText(b, o) }

// MarshalText returns "allow" or "deny"; an invalid outcome is an error.
func (o Outcome) MarshalText() ([]byte, error) { return o.AppendText(nil) }

// UnmarshalText accepts "allow" or "deny".
func (o *Outcome) UnmarshalText(b []byte) error { return outcomes.Unmarshal(o, b) }

// Value is a named amount a decision reports (a balance, a price). The zero
// Value has no name and an amount of zero.
type Value struct {
	Name   string
	Amount decimal.Decimal
}

// Decision is the engine's answer to a Request at an instant, translated
// from the domain's [rule.Verdict]:
//
//   - Outcome is Allow or Deny.
//   - Rules are the rule IDs behind it, most specific first; a denial
//     names every rule the request breaks.
//   - Reason says why in one sentence; its wording is not part of Until's
//     promise.
//   - Obligations are what it requires (alarms, emails, entitlement
//     records, invoices, deadlines, notices, claw-backs, advisories), each
//     with its rule and due instant.
//   - Values are named figures (a balance, a discount), sorted by Name.
//   - Until is the first instant after the one asked at which the outcome,
//     the rules, the obligations or the values can differ; the zero time
//     when it holds for good ("never" in its JSON and text forms).
//
// A Decision is a value: its Rules and Obligations are read-only values
// like strings, its Values its own, so a caller may keep and edit what it
// was handed without changing any later answer. The zero Decision is a
// denial citing no rule that holds for good, as Decide returns beside an
// error.
type Decision struct {
	Outcome     Outcome
	Rules       rule.List
	Reason      string
	Obligations rule.Obligations
	Values      []Value
	Until       time.Time
}

// Value returns the amount named name and whether the decision has it.
func (d Decision) Value(name string) (decimal.Decimal, bool) {
	i, ok := slices.BinarySearchFunc(d.Values, name, func(v Value, n string) int {
		switch {
		case v.Name < n:
			return -1
		case v.Name > n:
			return 1
		}
		return 0
	})
	if !ok {
		return decimal.Decimal{}, false
	}
	return d.Values[i].Amount, true
}

// String formats the decision on one line for people and logs:
// "allow [LIC-SUB-TERM] until 2025-03-01T00:00:00Z: <reason>", followed by
// its values and obligations when it has any.
func (d Decision) String() string {
	var b strings.Builder
	b.WriteString(d.Outcome.String())
	b.WriteString(" [")
	b.WriteString(d.Rules.String())
	b.WriteString("] until ")
	b.WriteString(formatInstant(d.Until))
	b.WriteString(": ")
	b.WriteString(d.Reason)
	for _, v := range d.Values {
		fmt.Fprintf(&b, "; %s %s", v.Name, v.Amount)
	}
	for o := range d.Obligations.All() {
		fmt.Fprintf(&b, "; %s (%s)", o.Kind, o.Rule)
		if o.Subject != "" {
			fmt.Fprintf(&b, " for %s", o.Subject)
		}
		if !o.Due.IsZero() {
			fmt.Fprintf(&b, " due %s", formatInstant(o.Due))
		}
	}
	return b.String()
}

type jsonObligation struct {
	Kind    rule.ObligationKind `json:"kind"`
	Rule    rule.ID             `json:"rule"`
	Due     string              `json:"due,omitempty"`
	Subject string              `json:"subject,omitempty"`
}

type jsonDecision struct {
	Outcome     Outcome           `json:"outcome"`
	Rules       rule.List         `json:"rules"`
	Reason      string            `json:"reason"`
	Until       string            `json:"until"`
	Obligations []jsonObligation  `json:"obligations"`
	Values      map[string]string `json:"values"`
}

func formatInstant(t time.Time) string { return wire.FormatInstant(t) }

// parseInstant reads the instant of field: "never" or what
// wire.ParseInstant reads, the one reader of instants for scenario files,
// decisions and the commands' flags.
func parseInstant(field, s string) (time.Time, error) {
	if s == "never" {
		return time.Time{}, nil
	}
	t, err := wire.ParseInstant(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want \"never\" or an instant: %w", field, err)
	}
	return t, nil
}

// MarshalJSON encodes the decision as an object of outcome, rules (names),
// reason, until (RFC 3339 in UTC, or "never"), obligations (kind, rule, due,
// subject) and values (decimal strings by name); obligations and values are
// present even when empty.
//
// An instant outside years 0000 to 9999 in UTC is an error: RFC 3339 cannot
// write it, and nothing is written that UnmarshalJSON could not read back.
func (d Decision) MarshalJSON() ([]byte, error) {
	// Written by hand, byte for byte as json.Marshal wrote jsonDecision
	// (decision_json_test.go holds the two together): reflection, a map of
	// the values and encoding/json's second pass over the output were most
	// of what writing a decision cost.
	if !wire.Writable(d.Until) {
		return nil, fmt.Errorf("policy: decision until %s: outside years 0000 to 9999", d.Until)
	}
	b := make([]byte, 0, 512)
	b = append(b, `{"outcome":"`...)
	b, err := d.Outcome.AppendText(b)
	if err != nil {
		return nil, fmt.Errorf("policy: decision outcome: %w", err)
	}
	b = append(b, `","rules":`...)
	if b, err = d.Rules.AppendJSON(b); err != nil {
		return nil, fmt.Errorf("policy: decision rules: %w", err)
	}
	b = append(b, `,"reason":`...)
	b = wire.AppendJSONString(b, d.Reason, true)
	b = append(b, `,"until":"`...)
	b = wire.AppendInstant(b, d.Until)
	b = append(b, `","obligations":[`...)
	i := 0
	for o := range d.Obligations.All() {
		if i > 0 {
			b = append(b, ',')
		}
		i++
		b = append(b, `{"kind":"`...)
		if b, err = o.Kind.AppendText(b); err != nil {
			return nil, fmt.Errorf("policy: decision obligation kind: %w", err)
		}
		b = append(b, `","rule":"`...)
		if !o.Rule.IsValid() {
			return nil, fmt.Errorf("policy: decision obligation %s: invalid rule %d", o.Kind, uint8(o.Rule))
		}
		b = append(b, o.Rule.String()...)
		b = append(b, '"')
		if !o.Due.IsZero() {
			if !wire.Writable(o.Due) {
				return nil, fmt.Errorf("policy: decision obligation %s due %s: outside years 0000 to 9999", o.Kind, o.Due)
			}
			b = append(b, `,"due":"`...)
			b = wire.AppendInstant(b, o.Due)
			b = append(b, '"')
		}
		if o.Subject != "" {
			b = append(b, `,"subject":`...)
			b = wire.AppendJSONString(b, o.Subject, true)
		}
		b = append(b, '}')
	}
	b = append(b, `],"values":{`...)
	for i, v := range valuesByName(d.Values) {
		if i > 0 {
			b = append(b, ',')
		}
		b = wire.AppendJSONString(b, v.Name, true)
		b = append(b, `:"`...)
		b = amount.Append(b, v.Amount)
		b = append(b, '"')
	}
	return append(b, "}}"...), nil
}

// valuesByName returns the values as a JSON object holds them: sorted by
// name, and of a name given twice the last. A decision's values are
// already sorted and unique, and are returned as they are.
func valuesByName(vs []Value) []Value {
	sorted := true
	for i := 1; i < len(vs) && sorted; i++ {
		sorted = vs[i-1].Name < vs[i].Name
	}
	if sorted {
		return vs
	}
	out := slices.Clone(vs)
	slices.SortStableFunc(out, func(a, b Value) int { return strings.Compare(a.Name, b.Name) })
	unique := out[:0]
	for _, v := range out {
		if n := len(unique); n > 0 && unique[n-1].Name == v.Name {
			unique[n-1] = v
			continue
		}
		unique = append(unique, v)
	}
	return unique
}

// UnmarshalJSON decodes what MarshalJSON encodes. Unknown keys are an
// error, and so is an instant that is not "never" or RFC 3339 as a
// scenario file writes it (Z or an offset from -23:59 to +23:59, a date
// that exists, years 0000 to 9999 in UTC), and an amount that is not a plain decimal string of at most
// 40 digits either side of the point (an exponent could ask for a
// billion-digit number).
func (d *Decision) UnmarshalJSON(b []byte) error {
	if err := noRepeatedKeys(b); err != nil {
		return fmt.Errorf("decision: %w", err)
	}
	var j jsonDecision
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("decision: %w", err)
	}
	until, err := parseInstant("until", j.Until)
	if err != nil {
		return err
	}
	out := Decision{Outcome: j.Outcome, Rules: j.Rules, Reason: j.Reason, Until: until}
	var obl rule.ObligationsBuilder
	for i, jo := range j.Obligations {
		// MarshalJSON writes both; a decision without them could not be
		// written back.
		if !jo.Kind.IsValid() || !jo.Rule.IsValid() {
			return fmt.Errorf("obligations[%d]: want a kind and a rule", i)
		}
		o := rule.Obligation{Kind: jo.Kind, Rule: jo.Rule, Subject: jo.Subject}
		if jo.Due != "" {
			if o.Due, err = parseInstant(fmt.Sprintf("obligations[%d].due", i), jo.Due); err != nil {
				return err
			}
		}
		obl.Add(o)
	}
	out.Obligations = obl.List()
	for n, s := range j.Values {
		a, err := decimal.NewFromString(s)
		if err != nil || !wire.IsDecimal(s) {
			return fmt.Errorf("values.%s: %q: want %s, at most %d digits either side of the point", wire.Clip(n), wire.Clip(s), wire.WantAmount, wire.MaxAmountDigits)
		}
		out.Values = append(out.Values, Value{Name: n, Amount: a})
	}
	slices.SortFunc(out.Values, func(a, b Value) int {
		if a.Name < b.Name {
			return -1
		}
		if a.Name > b.Name {
			return 1
		}
		return 0
	})
	*d = out
	return nil
}

// noRepeatedKeys refuses a JSON value in which an object names a key twice:
// encoding/json keeps the last, so {"outcome":"deny","outcome":"allow"}
// would decode as an allow.
func noRepeatedKeys(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	var walk func(depth int) error
	walk = func(depth int) error {
		if depth > 8 {
			return fmt.Errorf("nested deeper than a decision is")
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				if seen[key] {
					return fmt.Errorf("key %q given twice", wire.Clip(key))
				}
				seen[key] = true
				if err := walk(depth + 1); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for dec.More() {
				if err := walk(depth + 1); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	return walk(0)
}
