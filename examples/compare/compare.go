// Command compare encodes licensepolicy's feature-use rule in OPA Rego
// (use.rego, a prepared query) and in Cedar (use.cedar, cedar.Authorize),
// checks that both answer random questions exactly as the library does
// (decision and rule IDs), and prints how many agreed. Its tests prove the
// agreement on 10,000 questions; its benchmarks time the library, a plain
// hand-written function, Cedar and OPA on identical inputs. See README.md.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"slices"
	"time"

	"github.com/cedar-policy/cedar-go"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

//go:embed use.rego
var regoSource string

//go:embed use.cedar
var cedarSource []byte

// Question is one feature-use question: may Device use Feature under License
// at At? The license carries the facts every engine reads: kind, device,
// features, start, end of term, end of grace, a trial's warning window.
type Question struct {
	License         license.License
	Device, Feature string
	At              time.Time
}

// Answer is an engine's decision and the rule IDs behind it, sorted: Cedar
// reports its reasons in no particular order, so order is not compared.
type Answer struct {
	Allow bool
	Rules []string
}

func (a Answer) String() string { return fmt.Sprintf("allow=%v %v", a.Allow, a.Rules) }

// Equal reports whether a and b decide alike for the same rules.
func (a Answer) Equal(b Answer) bool { return a.Allow == b.Allow && slices.Equal(a.Rules, b.Rules) }

func answer(allow bool, rules []string) Answer {
	slices.Sort(rules)
	return Answer{Allow: allow, Rules: rules}
}

// nanos is an instant as the Rego and Cedar encodings take it: Unix
// nanoseconds, 0 for the zero time (a perpetual license's missing end).
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// Library answers with policy.Engine.Decide, the library's hot path.
func Library(e policy.Engine, q Question) Answer {
	d, err := e.Decide(policy.UseFeature{License: q.License, Device: q.Device, Feature: q.Feature}, q.At)
	if err != nil {
		panic(err) // a Question always has a license
	}
	rules := make([]string, d.Rules.Len())
	for i := range rules {
		rules[i] = d.Rules.At(i).String()
	}
	return answer(d.Outcome == policy.Allow, rules)
}

// Rego is use.rego prepared for evaluation.
type Rego struct{ query rego.PreparedEvalQuery }

// NewRego compiles use.rego and prepares the query for its decision.
func NewRego(ctx context.Context) (*Rego, error) {
	q, err := rego.New(rego.Query("data.licensepolicy.use.decision"), rego.Module("use.rego", regoSource)).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return &Rego{query: q}, nil
}

// RegoInput is q as use.rego's input, parsed once so that evaluating it
// costs only the evaluation.
func RegoInput(q Question) ast.Value {
	l := q.License
	features := make([]any, 0, 4)
	for _, f := range l.Features() {
		features = append(features, f)
	}
	v, err := ast.InterfaceToValue(map[string]any{
		"device": q.Device, "feature": q.Feature, "at": nanos(q.At),
		"license": map[string]any{
			"kind": l.Kind().String(), "device": l.Device(), "features": features,
			"start": nanos(l.Start()), "term_end": nanos(l.TermEnd()), "end": nanos(l.End()), "warn_from": nanos(l.WarningFrom()),
		},
	})
	if err != nil {
		panic(err)
	}
	return v
}

// Decide evaluates the prepared query on input.
func (r *Rego) Decide(ctx context.Context, input ast.Value) (Answer, error) {
	rs, err := r.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return Answer{}, err
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return Answer{}, fmt.Errorf("rego: %d results", len(rs))
	}
	m, ok := rs[0].Expressions[0].Value.(map[string]any)
	if !ok {
		return Answer{}, fmt.Errorf("rego: decision %v", rs[0].Expressions[0].Value)
	}
	allow, _ := m["allow"].(bool)
	ids, _ := m["rules"].([]any)
	rules := make([]string, 0, len(ids))
	for _, id := range ids {
		rules = append(rules, id.(string))
	}
	return answer(allow, rules), nil
}

// Cedar is use.cedar with each policy keyed by the rule ID of its @id
// annotation, so the decision's reasons are rule IDs.
type Cedar struct{ policies *cedar.PolicySet }

// NewCedar parses use.cedar.
func NewCedar() (*Cedar, error) {
	parsed, err := cedar.NewPolicySetFromBytes("use.cedar", cedarSource)
	if err != nil {
		return nil, err
	}
	ps := cedar.NewPolicySet()
	for _, p := range parsed.All() {
		id, ok := p.Annotations()["id"]
		if !ok {
			return nil, fmt.Errorf("use.cedar: a policy has no @id")
		}
		if !ps.Add(cedar.PolicyID(id), p) {
			return nil, fmt.Errorf("use.cedar: @id %q twice", id)
		}
	}
	return &Cedar{policies: ps}, nil
}

// CedarRequest is q as Cedar's entities and request, built once so that
// authorizing it costs only the authorization.
func CedarRequest(q Question) (cedar.EntityMap, cedar.Request) {
	l := q.License
	var features []cedar.Value
	for _, f := range l.Features() {
		features = append(features, cedar.String(f))
	}
	uid := cedar.NewEntityUID("License", cedar.String(l.ID()))
	entities := cedar.EntityMap{uid: {UID: uid, Attributes: cedar.NewRecord(cedar.RecordMap{
		"kind": cedar.String(l.Kind().String()), "device": cedar.String(l.Device()), "features": cedar.NewSet(features...),
		"start": cedar.Long(nanos(l.Start())), "termEnd": cedar.Long(nanos(l.TermEnd())),
		"end": cedar.Long(nanos(l.End())), "warnFrom": cedar.Long(nanos(l.WarningFrom())),
	})}}
	return entities, cedar.Request{
		Principal: cedar.NewEntityUID("Device", cedar.String(q.Device)),
		Action:    cedar.NewEntityUID("Action", "use"),
		Resource:  uid,
		Context: cedar.NewRecord(cedar.RecordMap{
			"device": cedar.String(q.Device), "feature": cedar.String(q.Feature), "at": cedar.Long(nanos(q.At)),
		}),
	}
}

// Decide authorizes req against entities.
func (c *Cedar) Decide(entities cedar.EntityMap, req cedar.Request) (Answer, error) {
	d, diag := cedar.Authorize(c.policies, entities, req)
	if len(diag.Errors) > 0 {
		return Answer{}, fmt.Errorf("cedar: %v", diag.Errors)
	}
	rules := make([]string, len(diag.Reasons))
	for i, r := range diag.Reasons {
		rules[i] = string(r.PolicyID)
	}
	return answer(d == cedar.Allow, rules), nil
}
