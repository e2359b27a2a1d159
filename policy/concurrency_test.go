package policy_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestOneEngineSharedByManyGoroutinesDecidesAsOne: Engine's doc promises
// that one Engine serves any number of goroutines. Eight goroutines share
// each engine and the facts its requests point to (licenses, orders,
// ledgers, books), deciding every request of a mixed set (all twelve kinds,
// random worlds, instants at their boundaries), each in its own order; every
// decision, reason and Until included, equals the one goroutine's. Run it
// under -race: a shared cache or lazily built index would show there. Eight
// goroutines × 4,000 requests keep it near 5 s under -race.
func TestOneEngineSharedByManyGoroutinesDecidesAsOne(t *testing.T) {
	worlds, perWorld, goroutines := 4, 1000, 8
	if testing.Short() {
		perWorld = 250
	}
	type job struct {
		e  *policy.Engine
		r  policy.Request
		at time.Time
	}
	var jobs []job
	start := time.Now()
	for i := range worlds {
		w := rapid.Custom(drawWorld).Example(i)
		check := rapid.Custom(func(t *rapid.T) diffCheck {
			r := drawRequest(t, w)
			return diffCheck{at: drawAt(t, w, r), req: r}
		})
		checks := make([]diffCheck, perWorld)
		for j := range checks {
			checks[j] = check.Example(i*perWorld + j)
		}
		sc, err := policy.DecodeScenario("concurrency.json", bytes.NewReader(scenarioJSON(w, checks)))
		if err != nil {
			t.Fatalf("world %d: %v", i, err)
		}
		for _, c := range sc.Checks {
			jobs = append(jobs, job{sc.Engine(), c.Request, c.At})
		}
	}
	type answer struct {
		d   policy.Decision
		err string
	}
	decide := func(j job) answer {
		d, err := j.e.Decide(j.r, j.at)
		if err != nil {
			return answer{err: err.Error()}
		}
		return answer{d: d}
	}
	t.Logf("built %d requests in %v", len(jobs), time.Since(start))
	start = time.Now()
	defer func() { t.Logf("decided in %v", time.Since(start)) }()
	want := make([]answer, len(jobs))
	kinds := map[string]bool{}
	for i, j := range jobs {
		want[i] = decide(j)
		kinds[fmt.Sprintf("%T", j.r)] = true
	}
	if len(kinds) != 12 {
		t.Fatalf("the mixed set has %d kinds, want all 12: %v", len(kinds), kinds)
	}
	got := make([][]answer, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		got[g] = make([]answer, len(jobs))
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each goroutine starts elsewhere, half of them walking
			// backwards, so the same request is decided by several at once.
			n := len(jobs)
			for k := range n {
				i := (g*n/goroutines + k) % n
				if g%2 == 1 {
					i = (g*n/goroutines - k + n) % n
				}
				got[g][i] = decide(jobs[i])
			}
		}()
	}
	wg.Wait()
	opt := cmp.AllowUnexported(answer{})
	for g := range goroutines {
		for i := range jobs {
			if diff := cmp.Diff(want[i], got[g][i], opt, decimalEqual); diff != "" {
				t.Fatalf("goroutine %d, request %d (%T at %s) decided otherwise than one goroutine:\n%s",
					g, i, jobs[i].r, ts(jobs[i].at), diff)
			}
		}
	}
}

// decimalEqual compares amounts by value: 10 and 10.0 are one amount.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
