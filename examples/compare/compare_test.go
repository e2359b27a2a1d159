package main

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cedar-policy/cedar-go"
	"github.com/licensepolicy/licensepolicy/internal/plainuse"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/open-policy-agent/opa/v1/ast"
)

type engines struct {
	lib   policy.Engine
	rego  *Rego
	cedar *Cedar
}

func newEngines(t testing.TB) engines {
	e := Engine
	r, err := NewRego(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCedar()
	if err != nil {
		t.Fatal(err)
	}
	return engines{e, r, c}
}

// agree asks all four (library, plain function, Rego, Cedar) and fails on
// any disagreement; it returns the library's answer.
func (e engines) agree(t testing.TB, i int, q Question) Answer {
	lib := Library(e.lib, q)
	reg, err := e.rego.Decide(context.Background(), RegoInput(q))
	if err != nil {
		t.Fatal(err)
	}
	ent, req := CedarRequest(q)
	ced, err := e.cedar.Decide(ent, req)
	if err != nil {
		t.Fatal(err)
	}
	p := plainuse.UnixOf(q.License)
	ok, first := plainuse.UseUnix(&p, q.Device, q.Feature, nanos(q.At))
	if !lib.Equal(reg) || !lib.Equal(ced) || ok != lib.Allow || !slices.Contains(lib.Rules, first.String()) {
		t.Fatalf("question %d (%s, %s on %s at %s): library %v, rego %v, cedar %v, plain %v %v", i, q.License.ID(),
			q.Feature, q.Device, q.At.Format(time.RFC3339Nano), lib, reg, ced, ok, first)
	}
	return lib
}

// TestAgreeOnRandomQuestions: on 10,000 random questions, boundaries
// included, the library, Rego and Cedar give the same decision for the same
// rule IDs, and every rule of the feature-use question is met, so the
// agreement is not vacuous.
func TestAgreeOnRandomQuestions(t *testing.T) {
	e := newEngines(t)
	seen := map[string]int{}
	allowed := 0
	for i, q := range RandomQuestions(10_000, 1) {
		a := e.agree(t, i, q)
		for _, id := range a.Rules {
			seen[id]++
		}
		if a.Allow {
			allowed++
		}
	}
	for _, id := range []rule.ID{rule.LicPerpBind, rule.LicPort, rule.LicTier, rule.EntTimer, rule.LicPerpTerm,
		rule.LicSubTerm, rule.EntGrace, rule.LicSubExpiry, rule.LicRenew, rule.LicKind, rule.LicTrialWarn, rule.LicTrialExpiry} {
		if seen[id.String()] == 0 {
			t.Errorf("no random question met %s", id)
		}
	}
	if allowed < 1000 || allowed > 9000 {
		t.Errorf("%d of 10,000 allowed: the questions are lopsided", allowed)
	}
	t.Logf("%d allowed; rules met: %v", allowed, seen)
}

// TestAgreeOnMixedQuestions: the benchmark's inputs are answered alike too.
func TestAgreeOnMixedQuestions(t *testing.T) {
	e := newEngines(t)
	for i, q := range MixedQuestions() {
		e.agree(t, i, q)
	}
}

func TestRun(t *testing.T) {
	if err := run(100, 7); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUseFeature times the feature-use question on the same twelve
// inputs, one per iteration in turn, for each engine. Each engine gets its
// input prepared once, outside the loop, in its own form: the library a
// boxed policy.UseFeature, the plain function its fields, OPA a parsed
// ast.Value for its prepared query, Cedar its entities and request. So
// each figure is the decision alone.
func BenchmarkUseFeature(b *testing.B) {
	e := newEngines(b)
	qs := MixedQuestions()
	n := len(qs)
	b.Run("engine=library", func(b *testing.B) {
		reqs := make([]policy.Request, n)
		for i, q := range qs {
			reqs[i] = policy.UseFeature{License: q.License, Device: q.Device, Feature: q.Feature}
		}
		b.ReportAllocs()
		i, allowed := 0, 0
		for b.Loop() {
			if d, _ := e.lib.Decide(reqs[i], qs[i].At); d.Outcome == policy.Allow {
				allowed++
			}
			if i++; i == n {
				i = 0
			}
		}
		sink = allowed
	})
	b.Run("engine=library-into", func(b *testing.B) {
		reqs := make([]policy.Request, n)
		for i, q := range qs {
			reqs[i] = policy.UseFeature{License: q.License, Device: q.Device, Feature: q.Feature}
		}
		b.ReportAllocs()
		i, allowed := 0, 0
		var d policy.Decision
		for b.Loop() {
			if _ = e.lib.DecideInto(reqs[i], qs[i].At, &d); d.Outcome == policy.Allow {
				allowed++
			}
			if i++; i == n {
				i = 0
			}
		}
		sink = allowed
	})
	b.Run("engine=license.Use", func(b *testing.B) {
		b.ReportAllocs()
		i, allowed := 0, 0
		for b.Loop() {
			q := &qs[i]
			if q.License.Use(q.Device, q.Feature, noUnits, q.At).Allowed {
				allowed++
			}
			if i++; i == n {
				i = 0
			}
		}
		sink = allowed
	})
	b.Run("engine=plain", func(b *testing.B) {
		ps := make([]plainuse.Unix, n)
		ats := make([]int64, n)
		for i, q := range qs {
			ps[i], ats[i] = plainuse.UnixOf(q.License), nanos(q.At)
		}
		b.ReportAllocs()
		i, allowed := 0, 0
		for b.Loop() {
			if ok, _ := plainuse.UseUnix(&ps[i], qs[i].Device, qs[i].Feature, ats[i]); ok {
				allowed++
			}
			if i++; i == n {
				i = 0
			}
		}
		sink = allowed
	})
	b.Run("engine=cedar", func(b *testing.B) {
		ents := make([]cedar.EntityMap, n)
		reqs := make([]cedar.Request, n)
		for i, q := range qs {
			ents[i], reqs[i] = CedarRequest(q)
		}
		b.ReportAllocs()
		i, allowed := 0, 0
		for b.Loop() {
			if d, _ := cedar.Authorize(e.cedar.policies, ents[i], reqs[i]); d == cedar.Allow {
				allowed++
			}
			if i++; i == n {
				i = 0
			}
		}
		sink = allowed
	})
	b.Run("engine=opa", func(b *testing.B) {
		ctx := context.Background()
		ins := make([]ast.Value, n)
		for i, q := range qs {
			ins[i] = RegoInput(q)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := e.rego.Decide(ctx, ins[i]); err != nil {
				b.Fatal(err)
			}
			if i++; i == n {
				i = 0
			}
		}
	})
}

// BenchmarkUseFeatureFromQuestion times the same question as a Go service
// asks it: from the same Go values (a license, a device, a feature, an
// instant) to the same answer (the decision and its rule IDs). Each engine
// builds its own input on every call, as it must when the question arrives:
// the library a policy.UseFeature, Cedar its entities and request, OPA its
// input value; and reads the rule IDs back from its own answer.
func BenchmarkUseFeatureFromQuestion(b *testing.B) {
	e := newEngines(b)
	qs := MixedQuestions()
	ctx := context.Background()
	// ask answers one question and says how many rule IDs came back.
	run := func(name string, ask func(q Question) (int, error)) {
		b.Run("engine="+name, func(b *testing.B) {
			b.ReportAllocs()
			i, rules := 0, 0
			for b.Loop() {
				n, err := ask(qs[i])
				if err != nil {
					b.Fatal(err)
				}
				rules += n
				if i++; i == len(qs) {
					i = 0
				}
			}
			sink = rules
		})
	}
	run("library", func(q Question) (int, error) {
		d, err := e.lib.Decide(policy.UseFeature{License: q.License, Device: q.Device, Feature: q.Feature}, q.At)
		return d.Rules.Len(), err
	})
	run("cedar", func(q Question) (int, error) {
		a, err := e.cedar.Decide(CedarRequest(q))
		return len(a.Rules), err
	})
	run("opa", func(q Question) (int, error) {
		a, err := e.rego.Decide(ctx, RegoInput(q))
		return len(a.Rules), err
	})
}

var sink int
