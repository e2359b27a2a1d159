package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// The expectations of this file are worked out by hand from RULES.md and
// SCENARIOS.md, never read off the command's output: the dates are the
// rules' arithmetic on the facts of testdata/timelines, and the shapes
// are SCENARIOS.md's words. A decision is pinned as a scenario expect pins
// one (rules at least, since a decision may cite more; notRules absent),
// and its until, obligations and values whole; its reason is free.

// wantDecision is a decision computed by hand.
type wantDecision struct {
	outcome  string
	rules    []string // cited, at least
	notRules []string // not cited
	until    string   // "never" or the instant as written
	obls     []wantObligation
	values   map[string]string // every value, compared numerically
}

// wantObligation is an obligation computed by hand; anyValue as due or
// subject leaves it free, "" wants it absent.
type wantObligation struct{ kind, rule, due, subject string }

const anyValue = "*"

// gotDecision is a Decision object as the command writes it.
type gotDecision struct {
	Outcome     string   `json:"outcome"`
	Rules       []string `json:"rules"`
	Reason      string   `json:"reason"`
	Until       string   `json:"until"`
	Obligations []struct {
		Kind    string `json:"kind"`
		Rule    string `json:"rule"`
		Due     string `json:"due"`
		Subject string `json:"subject"`
	} `json:"obligations"`
	Values map[string]string `json:"values"`
}

// decisionKeys are the Decision object's keys in SCENARIOS.md's order.
var decisionKeys = []string{"outcome", "rules", "reason", "until", "obligations", "values"}

// differences lists how got differs from want, each prefixed by what.
func (w wantDecision) differences(what string, raw json.RawMessage) []string {
	var out []string
	if keys := objectKeys(raw); !slices.Equal(keys, decisionKeys) {
		out = append(out, fmt.Sprintf("%s: keys %v, want %v", what, keys, decisionKeys))
	}
	var g gotDecision
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil {
		return append(out, fmt.Sprintf("%s: %v", what, err))
	}
	if g.Outcome != w.outcome {
		out = append(out, fmt.Sprintf("%s: outcome %s, want %s", what, g.Outcome, w.outcome))
	}
	for _, r := range w.rules {
		if !slices.Contains(g.Rules, r) {
			out = append(out, fmt.Sprintf("%s: rules %v, want %s among them", what, g.Rules, r))
		}
	}
	for _, r := range w.notRules {
		if slices.Contains(g.Rules, r) {
			out = append(out, fmt.Sprintf("%s: rules %v, want no %s", what, g.Rules, r))
		}
	}
	if g.Until != w.until {
		out = append(out, fmt.Sprintf("%s: until %s, want %s", what, g.Until, w.until))
	}
	if g.Until != "never" {
		out = append(out, instantForm(what+": until", g.Until)...)
	}
	// Obligations: the same multiset, each matched once.
	left := slices.Clone(w.obls)
	for _, o := range g.Obligations {
		if o.Due != "" {
			out = append(out, instantForm(what+": due", o.Due)...)
		}
		i := slices.IndexFunc(left, func(x wantObligation) bool {
			return x.kind == o.Kind && x.rule == o.Rule &&
				(x.due == anyValue || x.due == o.Due) && (x.subject == anyValue || x.subject == o.Subject)
		})
		if i < 0 {
			out = append(out, fmt.Sprintf("%s: obligation %+v not expected (want %+v)", what, o, w.obls))
			continue
		}
		left = slices.Delete(left, i, i+1)
	}
	for _, x := range left {
		out = append(out, fmt.Sprintf("%s: obligation %+v missing", what, x))
	}
	if len(g.Values) != len(w.values) {
		out = append(out, fmt.Sprintf("%s: values %v, want %v", what, g.Values, w.values))
	}
	for name, want := range w.values {
		got, ok := g.Values[name]
		gd, err := decimal.NewFromString(got)
		if !ok || err != nil || !gd.Equal(decimal.RequireFromString(want)) {
			out = append(out, fmt.Sprintf("%s: value %s %q, want %s", what, name, got, want))
		}
	}
	return out
}

// instantForm checks SCENARIOS.md's form of an instant the command
// writes: RFC 3339 in UTC, with nanoseconds only when non-zero.
func instantForm(what, s string) []string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.UTC().Format(time.RFC3339Nano) != s {
		return []string{fmt.Sprintf("%s %q: want RFC 3339 in UTC, nanoseconds only when non-zero", what, s)}
	}
	return nil
}

// objectKeys returns the keys of the JSON object raw, in order.
func objectKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		keys = append(keys, fmt.Sprint(tok))
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

// fileRequests returns each check's request of a scenario file, compacted
// as the file writes it.
func fileRequests(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Checks []struct {
			Request json.RawMessage `json:"request"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(f.Checks))
	for i, c := range f.Checks {
		out[i] = string(compact(t, c.Request))
	}
	return out
}

// jsonLines splits output into its lines, each a JSON object.
func jsonLines(t *testing.T, out []byte) [][]byte {
	t.Helper()
	var lines [][]byte
	for _, l := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		if !json.Valid(l) {
			t.Fatalf("not a JSON line: %s", l)
		}
		lines = append(lines, l)
	}
	return lines
}

// wantSegment is one segment of a check's timeline, computed by hand.
type wantSegment struct {
	check      int
	start, end string
	drifting   bool
	decision   wantDecision
}

var segmentKeys = []string{"file", "check", "request", "start", "end", "drifting", "decision"}

// checkCalendar runs evaluate -json -calendar period over file and
// compares every line with want, in order.
func checkCalendar(t *testing.T, file, period string, want []wantSegment) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if exit := run([]string{"-json", "-calendar", period, file}, &stdout, &stderr); exit != exitOK || stderr.Len() != 0 {
		t.Fatalf("exit %d, stderr %s", exit, stderr.String())
	}
	requests := fileRequests(t, file)
	lines := jsonLines(t, stdout.Bytes())
	for i, l := range lines {
		if i >= len(want) {
			t.Errorf("line %d not expected: %s", i, l)
			continue
		}
		w := want[i]
		what := fmt.Sprintf("line %d (check %d [%s, %s))", i, w.check, w.start, w.end)
		if keys := objectKeys(l); !slices.Equal(keys, segmentKeys) {
			t.Errorf("%s: keys %v, want %v", what, keys, segmentKeys)
		}
		var g struct {
			File     string          `json:"file"`
			Check    int             `json:"check"`
			Request  json.RawMessage `json:"request"`
			Start    string          `json:"start"`
			End      string          `json:"end"`
			Drifting bool            `json:"drifting"`
			Decision json.RawMessage `json:"decision"`
		}
		if err := json.Unmarshal(l, &g); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var diffs []string
		if g.File != file || g.Check != w.check || g.Start != w.start || g.End != w.end || g.Drifting != w.drifting {
			diffs = append(diffs, fmt.Sprintf("file %s check %d [%s, %s) drifting %t, want %s %d [%s, %s) %t",
				g.File, g.Check, g.Start, g.End, g.Drifting, file, w.check, w.start, w.end, w.drifting))
		}
		if g.Check >= 0 && g.Check < len(requests) && string(g.Request) != requests[g.Check] {
			diffs = append(diffs, fmt.Sprintf("request %s, want the file's %s", g.Request, requests[g.Check]))
		}
		diffs = append(diffs, instantForm("start", g.Start)...)
		diffs = append(diffs, instantForm("end", g.End)...)
		diffs = append(diffs, w.decision.differences("decision", g.Decision)...)
		for _, d := range diffs {
			t.Errorf("%s: %s", what, d)
		}
	}
	if len(lines) < len(want) {
		t.Errorf("%d lines, want %d: the segments from %+v on are missing", len(lines), len(want), want[len(lines)])
	}
}

func allow(until string, rules ...string) wantDecision {
	return wantDecision{outcome: "allow", rules: rules, until: until, values: map[string]string{}}
}

func deny(until string, rules ...string) wantDecision {
	return wantDecision{outcome: "deny", rules: rules, until: until, values: map[string]string{}}
}

func (w wantDecision) without(rules ...string) wantDecision { w.notRules = rules; return w }

func (w wantDecision) with(obls ...wantObligation) wantDecision { w.obls = obls; return w }

func (w wantDecision) valued(kv ...string) wantDecision {
	w.values = map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		w.values[kv[i]] = kv[i+1]
	}
	return w
}

// The license's facts: a 1-year initial subscription shipped 2025-01-31
// (its years end 2026-01-31, its grace 30 days later, 2026-03-02), renewed
// late on 2026-04-01 (a year from then, no grace); a trial of
// [2025-03-01, 2025-05-01), warned 30 days before its end.
const licenseTimelines = "testdata/timelines/license.json"

// TestCalendarOfALicenseLife: SCENARIOS.md, -calendar: "maximal segments
// [start, end) in which the decision is the same (a segment whose dues move
// with the instant is one segment, marked so, and printed with its
// decision at its start)", one JSON object per segment with "end" at most
// TO; RULES.md's table gives each decision and its until.
func TestCalendarOfALicenseLife(t *testing.T) {
	renewal := func(due string) wantObligation { return wantObligation{"entitlement", "LIC-RENEW", due, "sub"} }
	warn := func(kind string) wantObligation {
		return wantObligation{kind, "LIC-TRIAL-WARN", "2025-05-01T00:00:00Z", anyValue}
	}
	checkCalendar(t, licenseTimelines, "2025-02-01T00:00:00Z/2027-06-01T00:00:00Z", []wantSegment{
		// useFeature: within its years (LIC-SUB-TERM), in grace (ENT-GRACE),
		// expired until the late renewal, the renewal's year without grace.
		{0, "2025-02-01T00:00:00Z", "2026-01-31T00:00:00Z", false, allow("2026-01-31T00:00:00Z", "LIC-SUB-TERM").without("ENT-GRACE")},
		{0, "2026-01-31T00:00:00Z", "2026-03-02T00:00:00Z", false, allow("2026-03-02T00:00:00Z", "ENT-GRACE")},
		{0, "2026-03-02T00:00:00Z", "2026-04-01T00:00:00Z", false, deny("2026-04-01T00:00:00Z", "LIC-SUB-EXPIRY", "LIC-RENEW")},
		{0, "2026-04-01T00:00:00Z", "2027-04-01T00:00:00Z", false, allow("2027-04-01T00:00:00Z", "LIC-SUB-TERM").without("ENT-GRACE")},
		{0, "2027-04-01T00:00:00Z", "2027-06-01T00:00:00Z", false, deny("never", "LIC-SUB-EXPIRY", "LIC-RENEW")},
		// renewLicense: on time from the old end (grace included) until
		// then; late, its term moves with the instant (one drifting
		// segment, its decision at its start, holding 1 ns); after the
		// recorded renewal, on time again from that renewal's end.
		{1, "2025-02-01T00:00:00Z", "2026-03-02T00:00:00Z", false,
			allow("2026-03-02T00:00:00Z", "LIC-RENEW").without("ENT-GRACE", "LIC-SUB-EXPIRY").with(renewal("2027-03-02T00:00:00Z"))},
		{1, "2026-03-02T00:00:00Z", "2026-04-01T00:00:00Z", true,
			allow("2026-03-02T00:00:00.000000001Z", "LIC-RENEW").without("ENT-GRACE").with(renewal("2027-03-02T00:00:00Z"))},
		{1, "2026-04-01T00:00:00Z", "2027-04-01T00:00:00Z", false,
			allow("2027-04-01T00:00:00Z", "LIC-RENEW").without("ENT-GRACE", "LIC-SUB-EXPIRY").with(renewal("2028-04-01T00:00:00Z"))},
		{1, "2027-04-01T00:00:00Z", "2027-06-01T00:00:00Z", true,
			allow("2027-04-01T00:00:00.000000001Z", "LIC-RENEW").with(renewal("2028-04-01T00:00:00Z"))},
		// moveLicense: allowed while active ("the end", grace included).
		{2, "2025-02-01T00:00:00Z", "2026-03-02T00:00:00Z", false, allow("2026-03-02T00:00:00Z", "LIC-PORT")},
		{2, "2026-03-02T00:00:00Z", "2026-04-01T00:00:00Z", false, deny("2026-04-01T00:00:00Z", "LIC-SUB-EXPIRY")},
		{2, "2026-04-01T00:00:00Z", "2027-04-01T00:00:00Z", false, allow("2027-04-01T00:00:00Z", "LIC-PORT")},
		{2, "2027-04-01T00:00:00Z", "2027-06-01T00:00:00Z", false, deny("never", "LIC-SUB-EXPIRY")},
		// The trial: not started (ENT-TIMER), active (LIC-KIND), warned
		// for its last 30 days, expired.
		{3, "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", false, deny("2025-03-01T00:00:00Z", "ENT-TIMER")},
		{3, "2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z", false, allow("2025-04-01T00:00:00Z", "LIC-KIND").without("LIC-TRIAL-WARN")},
		{3, "2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z", false,
			allow("2025-05-01T00:00:00Z", "LIC-TRIAL-WARN").with(warn("alarm"), warn("syslog"), warn("warning"))},
		{3, "2025-05-01T00:00:00Z", "2027-06-01T00:00:00Z", false, deny("never", "LIC-TRIAL-EXPIRY")},
	})
}

// TestCalendarOfCreditsAndAQuote: the period's FROM written with an offset
// is the same instant in UTC; a recorded call-off 1 ns before a quarter
// ends makes boundaries with nanoseconds; a trade-in quoted day by day
// (TMIP-SUPPORT: 4.00 over the 4 days of [06-01, 06-05), full before the
// start) until the window ends (TMIP-WINDOW, 2021-10-01).
func TestCalendarOfCreditsAndAQuote(t *testing.T) {
	const lastOfQ1 = "2021-03-31T23:59:59.999999999Z"
	quote := func(until, discount string) wantDecision {
		return allow(until, "TMIP-SWAP", "TMIP-SUPPORT").valued("discount", discount)
	}
	checkCalendar(t, "testdata/timelines/credits-tradein.json", "2021-01-01T01:00:00+01:00/2022-01-01T00:00:00Z", []wantSegment{
		// callOff of 10: no credits before the purchase; 25 bought, 10
		// left 15 by the recorded call-off; the lot lapses 2022-02-01.
		{0, "2021-01-01T00:00:00Z", "2021-02-01T00:00:00Z", false, deny("2021-02-01T00:00:00Z", "CRD-VALIDITY")},
		{0, "2021-02-01T00:00:00Z", lastOfQ1, false, allow(lastOfQ1, "CRD-VALIDITY").valued("balance", "15")},
		{0, lastOfQ1, "2022-01-01T00:00:00Z", false, allow("2022-02-01T00:00:00Z", "CRD-VALIDITY").valued("balance", "5")},
		// Q1's statement: as of the instant asked until the quarter ends,
		// then as of its last instant, for good.
		{1, "2021-01-01T00:00:00Z", "2021-02-01T00:00:00Z", false,
			allow("2021-02-01T00:00:00Z", "CRD-STATEMENT").valued("purchased", "0", "used", "0", "expired", "0", "available", "0")},
		{1, "2021-02-01T00:00:00Z", lastOfQ1, false,
			allow(lastOfQ1, "CRD-STATEMENT").valued("purchased", "25", "used", "0", "expired", "0", "available", "25")},
		{1, lastOfQ1, "2022-01-01T00:00:00Z", false,
			allow("never", "CRD-STATEMENT").valued("purchased", "25", "used", "10", "expired", "0", "available", "15")},
		// tradeIn quoted at each instant: the value drops each UTC day of
		// the contract, nothing is left from its end, and the window's end
		// refuses it.
		{2, "2021-01-01T00:00:00Z", "2021-06-02T00:00:00Z", false, quote("2021-06-02T00:00:00Z", "4.00")},
		{2, "2021-06-02T00:00:00Z", "2021-06-03T00:00:00Z", false, quote("2021-06-03T00:00:00Z", "3.00")},
		{2, "2021-06-03T00:00:00Z", "2021-06-04T00:00:00Z", false, quote("2021-06-04T00:00:00Z", "2.00")},
		{2, "2021-06-04T00:00:00Z", "2021-06-05T00:00:00Z", false, quote("2021-06-05T00:00:00Z", "1.00")},
		{2, "2021-06-05T00:00:00Z", "2021-10-01T00:00:00Z", false, allow("2021-10-01T00:00:00Z", "TMIP-SWAP").valued("discount", "0")},
		{2, "2021-10-01T00:00:00Z", "2022-01-01T00:00:00Z", false, deny("never", "TMIP-WINDOW").valued("discount", "0")},
	})
}

// TestCalendarOfABreach: a return due 2021-06-15 (three months after the
// shipment), made 2021-08-01: the deadline, then a notice at the deadline
// and every 30 days after, ended by the late return, which cures nothing
// (TMIP-BREACH: the claw-back is the discount granted at order, 334 of
// 365 days of 365.00 left on 2021-02-01).
func TestCalendarOfABreach(t *testing.T) {
	clawback := wantObligation{"clawback", "TMIP-BREACH", anyValue, "late"}
	notice := func(due string) wantObligation { return wantObligation{"notice", "TMIP-BREACH", due, "late"} }
	checkCalendar(t, "testdata/timelines/compliance.json", "2021-06-01T00:00:00Z/2022-01-01T00:00:00Z", []wantSegment{
		{0, "2021-06-01T00:00:00Z", "2021-06-15T00:00:00Z", false,
			allow("2021-06-15T00:00:00Z", "TMIP-RETURN").without("TMIP-BREACH").with(wantObligation{"deadline", "TMIP-RETURN", "2021-06-15T00:00:00Z", "late"})},
		{0, "2021-06-15T00:00:00Z", "2021-07-15T00:00:00Z", false,
			deny("2021-07-15T00:00:00Z", "TMIP-BREACH").with(notice("2021-06-15T00:00:00Z"), clawback).valued("clawback", "334.00")},
		{0, "2021-07-15T00:00:00Z", "2021-08-01T00:00:00Z", false,
			deny("2021-08-01T00:00:00Z", "TMIP-BREACH").with(notice("2021-07-15T00:00:00Z"), clawback).valued("clawback", "334.00")},
		{0, "2021-08-01T00:00:00Z", "2022-01-01T00:00:00Z", false,
			deny("never", "TMIP-BREACH").with(clawback).valued("clawback", "334.00")},
		{1, "2021-06-01T00:00:00Z", "2022-01-01T00:00:00Z", false,
			allow("never", "TMIP-SUPPORT", "TMIP-AT-ORDER").with(wantObligation{"deadline", "TMIP-RETURN", "2021-06-15T00:00:00Z", "late"}).valued("discount", "334.00")},
	})
}

// TestCalendarTextMarksDriftingSegments: without -json, the late renewal's
// two drifting runs are each one segment, marked so, and the other
// segments are not.
func TestCalendarTextMarksDriftingSegments(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if exit := run([]string{"-calendar", "2025-02-01T00:00:00Z/2027-06-01T00:00:00Z", licenseTimelines}, &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit %d: %s", exit, stderr.String())
	}
	segments, drifting := 0, 0
	for _, l := range strings.Split(stdout.String(), "\n") {
		if strings.HasPrefix(l, "  2") {
			segments++
			if strings.Contains(l, "drifting") {
				drifting++
			}
		}
	}
	if segments != 17 || drifting != 2 {
		t.Fatalf("%d segments, %d marked drifting, want 17 and 2:\n%s", segments, drifting, stdout.String())
	}
}

// TestCalendarOfAFulfilment: before its ship date a line is refused
// (ENT-SHIP) until then; from it, for good, an email per address and an
// entitlement per unit, "due the end of its period (absent when
// perpetual)": three years and 30 days of grace for the initial
// subscription, none for a heritage product (ENT-HERITAGE); an order of
// credits is invoiced on placing it, "no instant of its own".
func TestCalendarOfAFulfilment(t *testing.T) {
	email := wantObligation{"email", "ENT-EMAIL", anyValue, "ops@acme.example"}
	unit := func(due string) wantObligation { return wantObligation{"entitlement", "ENT-AUTO", due, anyValue} }
	checkCalendar(t, "testdata/timelines/fulfilment.json", "2025-02-01T00:00:00Z/2025-06-01T00:00:00Z", []wantSegment{
		{0, "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", false, deny("2025-03-01T00:00:00Z", "ENT-SHIP")},
		{0, "2025-03-01T00:00:00Z", "2025-06-01T00:00:00Z", false, allow("never", "ENT-AUTO", "ENT-EMAIL").with(email, unit(""), unit(""))},
		{1, "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", false, deny("2025-03-01T00:00:00Z", "ENT-SHIP")},
		{1, "2025-03-01T00:00:00Z", "2025-06-01T00:00:00Z", false,
			allow("never", "ENT-AUTO", "ENT-EMAIL").with(email, unit("2028-03-31T00:00:00Z"))},
		{2, "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", false, deny("2025-03-01T00:00:00Z", "ENT-SHIP")},
		{2, "2025-03-01T00:00:00Z", "2025-06-01T00:00:00Z", false, allow("never", "ENT-HERITAGE", "ENT-EMAIL").without("ENT-AUTO").with(email)},
		{3, "2025-02-01T00:00:00Z", "2025-06-01T00:00:00Z", false,
			allow("never", "CRD-INVOICE").with(wantObligation{"invoice", "CRD-INVOICE", "", anyValue}).valued("credits", "37")},
	})
}

// wantInterval is one interval of an impact, computed by hand.
type wantInterval struct {
	check    int
	from, to string
	old, new wantDecision
}

var intervalKeys = []string{"file", "check", "request", "from", "to", "old", "new"}

// impactRun is what evaluate -impact -json printed: its interval lines,
// its invalid facts and its summary line, in order of kind.
type impactRun struct {
	exit      int
	intervals [][]byte
	facts     [][]byte
	summary   string
	stderr    string
}

func runImpactJSON(t *testing.T, args ...string) impactRun {
	t.Helper()
	var stdout, stderr bytes.Buffer
	r := impactRun{exit: run(append([]string{"-json"}, args...), &stdout, &stderr), stderr: stderr.String()}
	lines := jsonLines(t, stdout.Bytes())
	if len(lines) == 0 {
		t.Fatalf("no output; stderr %s", stderr.String())
	}
	r.summary = string(lines[len(lines)-1])
	for _, l := range lines[:len(lines)-1] {
		if bytes.HasPrefix(l, []byte(`{"file":`)) && bytes.Contains(l, []byte(`,"fact":`)) {
			r.facts = append(r.facts, l)
		} else {
			r.intervals = append(r.intervals, l)
		}
	}
	return r
}

// checkIntervals compares the interval lines of file with want, in order.
func checkIntervals(t *testing.T, file string, got [][]byte, want []wantInterval) {
	t.Helper()
	requests := fileRequests(t, file)
	for i, l := range got {
		if i >= len(want) {
			t.Errorf("interval %d not expected: %s", i, l)
			continue
		}
		w := want[i]
		what := fmt.Sprintf("interval %d (check %d [%s, %s))", i, w.check, w.from, w.to)
		if keys := objectKeys(l); !slices.Equal(keys, intervalKeys) {
			t.Errorf("%s: keys %v, want %v", what, keys, intervalKeys)
		}
		var g struct {
			File     string          `json:"file"`
			Check    int             `json:"check"`
			Request  json.RawMessage `json:"request"`
			From     string          `json:"from"`
			To       string          `json:"to"`
			Old, New json.RawMessage
		}
		if err := json.Unmarshal(l, &g); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var diffs []string
		if g.File != file || g.Check != w.check || g.From != w.from || g.To != w.to {
			diffs = append(diffs, fmt.Sprintf("file %s check %d [%s, %s), want %s %d [%s, %s)", g.File, g.Check, g.From, g.To, file, w.check, w.from, w.to))
		}
		if g.Check >= 0 && g.Check < len(requests) && string(g.Request) != requests[g.Check] {
			diffs = append(diffs, fmt.Sprintf("request %s, want the file's %s", g.Request, requests[g.Check]))
		}
		diffs = append(diffs, instantForm("from", g.From)...)
		diffs = append(diffs, instantForm("to", g.To)...)
		diffs = append(diffs, w.old.differences("old", g.Old)...)
		diffs = append(diffs, w.new.differences("new", g.New)...)
		for _, d := range diffs {
			t.Errorf("%s: %s", what, d)
		}
	}
	if len(got) < len(want) {
		t.Errorf("%d intervals, want %d: from %+v on they are missing", len(got), len(want), want[len(got)])
	}
}

// The license's intervals under 10 days of grace and of trial warning
// instead of 30, each from its check's at (2025-02-01) to ten years
// later: the grace now ends 2026-02-10, the warning starts 2025-04-21.
func graceAndWarningIntervals() []wantInterval {
	renewal := func(due string) wantObligation { return wantObligation{"entitlement", "LIC-RENEW", due, "sub"} }
	warn := func(kind string) wantObligation {
		return wantObligation{kind, "LIC-TRIAL-WARN", "2025-05-01T00:00:00Z", anyValue}
	}
	return []wantInterval{
		{0, "2026-02-10T00:00:00Z", "2026-03-02T00:00:00Z",
			allow("2026-03-02T00:00:00Z", "ENT-GRACE"), deny("2026-04-01T00:00:00Z", "LIC-SUB-EXPIRY", "LIC-RENEW")},
		// On time, the renewal starts at the old end, which is 20 days
		// earlier; between the two ends the new renewal is late (its term
		// moves with the instant), the old one on time; from the old end
		// both are late and equal.
		{1, "2025-02-01T00:00:00Z", "2026-02-10T00:00:00Z",
			allow("2026-03-02T00:00:00Z", "LIC-RENEW").with(renewal("2027-03-02T00:00:00Z")),
			allow("2026-02-10T00:00:00Z", "LIC-RENEW").with(renewal("2027-02-10T00:00:00Z"))},
		{1, "2026-02-10T00:00:00Z", "2026-03-02T00:00:00Z",
			allow("2026-03-02T00:00:00Z", "LIC-RENEW").with(renewal("2027-03-02T00:00:00Z")),
			allow("2026-02-10T00:00:00.000000001Z", "LIC-RENEW").with(renewal("2027-02-10T00:00:00Z"))},
		{2, "2026-02-10T00:00:00Z", "2026-03-02T00:00:00Z",
			allow("2026-03-02T00:00:00Z", "LIC-PORT"), deny("2026-04-01T00:00:00Z", "LIC-SUB-EXPIRY")},
		{3, "2025-04-01T00:00:00Z", "2025-04-21T00:00:00Z",
			allow("2025-05-01T00:00:00Z", "LIC-TRIAL-WARN").with(warn("alarm"), warn("syslog"), warn("warning")),
			allow("2025-04-21T00:00:00Z", "LIC-KIND").without("LIC-TRIAL-WARN")},
	}
}

// TestImpactOfShorterGraceAndWarning: SCENARIOS.md, -impact: "every
// interval where the two decisions differ, split wherever either changes"
// with "each decision as at from", from the check's at to 10 calendar
// years after it; then {"summary": {"compared", "changed", "intervals",
// "invalid"}}; exit 1 when a decision changes.
func TestImpactOfShorterGraceAndWarning(t *testing.T) {
	r := runImpactJSON(t, "-impact", "testdata/timelines/grace-warning-terms.json", licenseTimelines)
	if r.exit != exitMismatch || r.stderr != "" || len(r.facts) != 0 {
		t.Fatalf("exit %d, facts %q, stderr %s", r.exit, r.facts, r.stderr)
	}
	checkIntervals(t, licenseTimelines, r.intervals, graceAndWarningIntervals())
	if want := `{"summary":{"compared":4,"changed":4,"intervals":5,"invalid":0}}`; r.summary != want {
		t.Errorf("summary %s, want %s", r.summary, want)
	}
	// The same run as text: the intervals, then the closing line.
	var stdout, stderr bytes.Buffer
	exit := run([]string{"-impact", "testdata/timelines/grace-warning-terms.json", licenseTimelines}, &stdout, &stderr)
	if want := "4 compared, 4 changed, 5 intervals, 0 invalid\n"; exit != exitMismatch || !strings.HasSuffix(stdout.String(), "\n"+want) || stderr.Len() != 0 {
		t.Errorf("text: exit %d, stdout\n%s, want it to end %q; stderr %s", exit, stdout.String(), want, stderr.String())
	}
}

// TestImpactBetweenFromAndTo: -from and -to bound every check's period,
// whatever its at: each interval is cut to [from, to), its decisions as
// at from (the late renewal's due is a year after from).
func TestImpactBetweenFromAndTo(t *testing.T) {
	r := runImpactJSON(t, "-impact", "testdata/timelines/grace-warning-terms.json",
		"-from", "2026-02-15T00:00:00Z", "-to", "2026-02-20T00:00:00Z", licenseTimelines)
	if r.exit != exitMismatch || r.stderr != "" {
		t.Fatalf("exit %d, stderr %s", r.exit, r.stderr)
	}
	checkIntervals(t, licenseTimelines, r.intervals, []wantInterval{
		{0, "2026-02-15T00:00:00Z", "2026-02-20T00:00:00Z",
			allow("2026-03-02T00:00:00Z", "ENT-GRACE"), deny("2026-04-01T00:00:00Z", "LIC-SUB-EXPIRY")},
		{1, "2026-02-15T00:00:00Z", "2026-02-20T00:00:00Z",
			allow("2026-03-02T00:00:00Z", "LIC-RENEW").with(wantObligation{"entitlement", "LIC-RENEW", "2027-03-02T00:00:00Z", "sub"}),
			allow("2026-02-15T00:00:00.000000001Z", "LIC-RENEW").with(wantObligation{"entitlement", "LIC-RENEW", "2027-02-15T00:00:00Z", "sub"})},
		{2, "2026-02-15T00:00:00Z", "2026-02-20T00:00:00Z",
			allow("2026-03-02T00:00:00Z", "LIC-PORT"), deny("2026-04-01T00:00:00Z", "LIC-SUB-EXPIRY")},
	})
	if want := `{"summary":{"compared":4,"changed":3,"intervals":3,"invalid":0}}`; r.summary != want {
		t.Errorf("summary %s, want %s", r.summary, want)
	}
}

const impactFacts = "testdata/timelines/impact-facts.json"

// TestImpactReportsFactsItMakesInvalid: SCENARIOS.md: "A fact the new
// terms make invalid (a license term no longer in the list, a recorded
// call-off the new validity breaks) is reported, not fatal: {"file",
// "fact": "licenses[1]", "error": "..."} ... and that file's checks that do
// not use it are still compared." Terms of 3 or 5 years only refuse the
// 1-year license; 6 months of validity lapse the lot a recorded call-off
// of 2025-09-01 spends; combinable promotions let the trade-in earn.
func TestImpactReportsFactsItMakesInvalid(t *testing.T) {
	r := runImpactJSON(t, "-impact", "testdata/timelines/impact-facts-terms.json", impactFacts)
	if r.exit != exitMismatch || r.stderr != "" {
		t.Fatalf("exit %d, stderr %s", r.exit, r.stderr)
	}
	wantFacts := []struct{ fact, rule string }{{"licenses[0]", "LIC-SUB-TERM"}, {"creditAccounts[0]", "CRD-VALIDITY"}}
	if len(r.facts) != len(wantFacts) {
		t.Fatalf("invalid facts %q, want %v", r.facts, wantFacts)
	}
	for i, l := range r.facts {
		var g struct{ File, Fact, Error string }
		dec := json.NewDecoder(bytes.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&g); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		w := wantFacts[i]
		if keys := objectKeys(l); !slices.Equal(keys, []string{"file", "fact", "error"}) || g.File != impactFacts ||
			(g.Fact != w.fact && !strings.HasPrefix(g.Fact, w.fact+".")) || !strings.Contains(g.Error, w.rule) {
			t.Errorf("invalid fact %s, want file %s, fact %s, an error naming %s", l, impactFacts, w.fact, w.rule)
		}
	}
	checkIntervals(t, impactFacts, r.intervals, []wantInterval{
		// tradeIn judged at its order, for good: refused as combined, then
		// earning (no contract, so no discount) with its return deadline.
		{3, "2021-05-01T00:00:00Z", "2031-05-01T00:00:00Z",
			deny("never", "TMIP-COMBINE").valued("discount", "0"),
			allow("never", "TMIP-SWAP", "TMIP-RETURN").without("TMIP-COMBINE").
				with(wantObligation{"deadline", "TMIP-RETURN", "2021-08-15T00:00:00Z", "promo"}).valued("discount", "0")},
		// callOff of 5 from a lot of 10 bought 2025-01-01: it lapses
		// 2025-07-01 instead of 2026-01-01.
		{5, "2025-07-01T00:00:00Z", "2026-01-01T00:00:00Z",
			allow("2026-01-01T00:00:00Z", "CRD-VALIDITY").valued("balance", "5"),
			deny("never", "CRD-VALIDITY")},
		// renewLicense for 1 year of the 3-year license (its end
		// 2028-01-31 with grace): allowed before and after the end (late,
		// drifting), refused for good under the new list.
		{6, "2025-06-01T00:00:00Z", "2028-01-31T00:00:00Z",
			allow("2028-01-31T00:00:00Z", "LIC-RENEW").with(wantObligation{"entitlement", "LIC-RENEW", "2029-01-31T00:00:00Z", "three"}),
			deny("never", "LIC-SUB-TERM")},
		{6, "2028-01-31T00:00:00Z", "2035-06-01T00:00:00Z",
			allow("2028-01-31T00:00:00.000000001Z", "LIC-RENEW").with(wantObligation{"entitlement", "LIC-RENEW", "2029-01-31T00:00:00Z", "three"}),
			deny("never", "LIC-SUB-TERM")},
	})
	// Checks 0 and 2 use an invalid fact and are not compared.
	if want := `{"summary":{"compared":5,"changed":3,"intervals":4,"invalid":2}}`; r.summary != want {
		t.Errorf("summary %s, want %s", r.summary, want)
	}
	// Without -json the invalid facts are lines on standard error, each
	// naming the file and the fact.
	var stdout, stderr bytes.Buffer
	exit := run([]string{"-impact", "testdata/timelines/impact-facts-terms.json", impactFacts}, &stdout, &stderr)
	errs := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if exit != exitMismatch || len(errs) != 2 || !strings.HasSuffix(stdout.String(), "\n5 compared, 3 changed, 4 intervals, 2 invalid\n") {
		t.Fatalf("text: exit %d\n%s\nstderr:\n%s", exit, stdout.String(), stderr.String())
	}
	for i, e := range errs {
		if !strings.Contains(e, impactFacts) || !strings.Contains(e, wantFacts[i].fact) {
			t.Errorf("stderr line %q does not name %s and %s", e, impactFacts, wantFacts[i].fact)
		}
	}
}

// TestImpactOverlaysTheFilesOwn: SCENARIOS.md: TERMS.json is "applied over
// each file's own as a file's are over the defaults (terms keys replace;
// catalog entries replace by name, others are added)", and an entry
// replacing one keeps the keys it leaves out. Here the file's SRX entry
// (its class SRX-branch) stays under the new one (trials), and the file's
// 20 days of grace stay under new warning days; to is 10 calendar years
// after each check's at, clamped as LIC-SUB-TERM clamps (Feb 29 + 10 years
// is Feb 28), on the UTC instant (02:00+05:00 is 21:00Z the day before).
func TestImpactOverlaysTheFilesOwn(t *testing.T) {
	const file = "testdata/timelines/impact-catalog.json"
	r := runImpactJSON(t, "-impact", "testdata/timelines/impact-catalog-terms.json", file)
	if r.exit != exitMismatch || r.stderr != "" || len(r.facts) != 0 {
		t.Fatalf("exit %d, facts %q, stderr %s", r.exit, r.facts, r.stderr)
	}
	noTrials := deny("never", "LIC-TRIAL-PRODUCTS")
	trials := allow("never")
	checkIntervals(t, file, r.intervals, []wantInterval{
		{0, "2024-02-29T00:00:00Z", "2034-02-28T00:00:00Z", noTrials, trials},
		{1, "2024-02-28T21:00:00Z", "2034-02-28T21:00:00Z", noTrials, trials},
	})
	if want := `{"summary":{"compared":4,"changed":2,"intervals":2,"invalid":0}}`; r.summary != want {
		t.Errorf("summary %s, want %s", r.summary, want)
	}
}

// TestImpactOfTheSameTermsChangesNothing: nothing differs, exit 0, and the
// summary still closes the output.
func TestImpactOfTheSameTermsChangesNothing(t *testing.T) {
	r := runImpactJSON(t, "-impact", "testdata/timelines/same-terms.json", licenseTimelines, impactFacts,
		"testdata/timelines/credits-tradein.json", "testdata/timelines/compliance.json",
		"testdata/timelines/fulfilment.json", "testdata/timelines/impact-catalog.json")
	if want := `{"summary":{"compared":24,"changed":0,"intervals":0,"invalid":0}}`; r.exit != exitOK || r.summary != want || len(r.intervals)+len(r.facts) != 0 {
		t.Fatalf("exit %d, summary %s, want 0 and %s; lines %q %q", r.exit, r.summary, want, r.intervals, r.facts)
	}
}

// TestImpactExitsTwoOnWhatItCannotRead: "2 when a file or flag cannot be
// read"; a file that cannot be read does not stop the others, which are
// still compared and counted.
func TestImpactExitsTwoOnWhatItCannotRead(t *testing.T) {
	for _, args := range [][]string{
		{"-impact", "testdata/timelines/no-such-terms.json", licenseTimelines},
		{"-impact", "testdata/timelines/grace-warning-terms.json", "-from", "2026-02-30T00:00:00Z", licenseTimelines},
		{"-impact", "testdata/timelines/grace-warning-terms.json", "-to", "yesterday", licenseTimelines},
		{"-impact", licenseTimelines, licenseTimelines},
	} {
		var stdout, stderr bytes.Buffer
		if exit := run(args, &stdout, &stderr); exit != exitError || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, exit, stderr.String())
		}
	}
	r := runImpactJSON(t, "-impact", "testdata/timelines/grace-warning-terms.json", "testdata/timelines/no-such-file.json", licenseTimelines)
	if want := `{"summary":{"compared":4,"changed":4,"intervals":5,"invalid":0}}`; r.exit != exitError || r.summary != want ||
		!strings.Contains(r.stderr, "no-such-file.json") {
		t.Fatalf("exit %d, summary %s, stderr %s; want 2, %s and the file named", r.exit, r.summary, r.stderr, want)
	}
	checkIntervals(t, licenseTimelines, r.intervals, graceAndWarningIntervals())
}
