package policytest

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Coverage gathers which rules of the catalog (rule.All) the decisions of a
// suite's checks cite, as `opa test --coverage` does for Rego: a rule no
// check's decision cites is a rule the suite does not pin. Only checks with
// an expect count, since a check without one pins nothing. The zero
// Coverage is empty and ready to use; it is not safe for concurrent use.
type Coverage struct {
	cited map[rule.ID]*RuleCoverage
}

// CheckRef names one check of a scenario file. The zero CheckRef names
// check 0 of no file.
type CheckRef struct {
	File  string `json:"file"`
	Check int    `json:"check"`
}

// String returns "FILE#N".
func (c CheckRef) String() string { return fmt.Sprintf("%s#%d", c.File, c.Check) }

// RuleCoverage is the checks whose decisions cited one rule, by outcome.
// The zero RuleCoverage is of no rule, cited by no check.
type RuleCoverage struct {
	Rule  rule.ID    `json:"rule"`
	Allow []CheckRef `json:"allow"`
	Deny  []CheckRef `json:"deny"`
}

// Add records that check index of file was decided as d.
func (c *Coverage) Add(file string, index int, d policy.Decision) {
	if c.cited == nil {
		c.cited = map[rule.ID]*RuleCoverage{}
	}
	ref := CheckRef{File: file, Check: index}
	for id := range d.Rules.All() {
		rc := c.cited[id]
		if rc == nil {
			rc = &RuleCoverage{Rule: id}
			c.cited[id] = rc
		}
		if d.Outcome == policy.Allow {
			rc.Allow = append(rc.Allow, ref)
		} else {
			rc.Deny = append(rc.Deny, ref)
		}
	}
}

// CoverageReport is a Coverage summed up over the catalog. The zero
// CoverageReport covers no rule of an empty catalog.
type CoverageReport struct {
	// Rules has one entry per rule of the catalog, in catalog order; a rule
	// no check cited has empty Allow and Deny.
	Rules []RuleCoverage `json:"rules"`
	// Covered counts the rules some check cited, out of Total.
	Covered int `json:"covered"`
	Total   int `json:"total"`
	// Percent is 100 × Covered / Total.
	Percent float64 `json:"percent"`
	// Missing are the rules no check cited, in catalog order.
	Missing []rule.ID `json:"missing"`
}

// Report sums c up over every rule of the catalog.
func (c *Coverage) Report() CoverageReport {
	all := rule.All()
	r := CoverageReport{Total: len(all), Rules: make([]RuleCoverage, 0, len(all)), Missing: []rule.ID{}}
	for _, id := range all {
		rc := RuleCoverage{Rule: id, Allow: []CheckRef{}, Deny: []CheckRef{}}
		if got := c.cited[id]; got != nil {
			rc.Allow = append(rc.Allow, got.Allow...)
			rc.Deny = append(rc.Deny, got.Deny...)
		}
		if len(rc.Allow)+len(rc.Deny) > 0 {
			r.Covered++
		} else {
			r.Missing = append(r.Missing, id)
		}
		r.Rules = append(r.Rules, rc)
	}
	if r.Total > 0 {
		r.Percent = 100 * float64(r.Covered) / float64(r.Total)
	}
	return r
}

// Below reports whether the coverage is under min percent, and if so an
// error naming the rules missing.
func (r CoverageReport) Below(min float64) error {
	if r.Percent >= min {
		return nil
	}
	return fmt.Errorf("rule coverage %.1f%% (%d of %d rules) is under %.1f%%; no check cites %s",
		r.Percent, r.Covered, r.Total, min, idList(r.Missing))
}

func idList(ids []rule.ID) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.String()
	}
	return strings.Join(names, ", ")
}

// WriteText writes the report for people: one line per rule, its ID, how
// many allow and deny decisions cited it and which checks ("FILE#N"), then
// the rules no check reached and the total.
//
//	LIC-TIER            allow 2  deny 1  a.json#0 a.json#3 | b.json#1
//	...
//	not reached: LIC-COST, TMIP-SIGNER
//	rule coverage: 51 of 53 rules (96.2%)
func (r CoverageReport) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, rc := range r.Rules {
		fmt.Fprintf(&b, "%-18s allow %-3d deny %-3d", rc.Rule, len(rc.Allow), len(rc.Deny))
		if len(rc.Allow)+len(rc.Deny) == 0 {
			b.WriteString(" not reached\n")
			continue
		}
		for _, c := range rc.Allow {
			b.WriteString(" " + c.String())
		}
		if len(rc.Deny) > 0 {
			b.WriteString(" |")
			for _, c := range rc.Deny {
				b.WriteString(" " + c.String())
			}
		}
		b.WriteByte('\n')
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "not reached: %s\n", idList(r.Missing))
	}
	fmt.Fprintf(&b, "rule coverage: %d of %d rules (%.1f%%)\n", r.Covered, r.Total, r.Percent)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as one indented JSON object: rules (rule,
// allow, deny: lists of {file, check}), covered, total, percent, missing.
func (r CoverageReport) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
