package policy_test

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// TestOneEngineSharedByManyGoroutinesDecidesAsOne: Engine's doc promises
// that one Engine serves any number of goroutines. Eight goroutines share
// each engine and the facts its requests point to (licenses, orders,
// ledgers, books, license histories), deciding a mixed set of 4,000
// requests (all twelve kinds, some asked of a license's history, random
// worlds, instants at their boundaries) over and over, each
// in its own order, a million decisions in all under -race; every
// decision, reason and Until included, equals the one goroutine's. The race
// detector is what makes it a proof (a shared cache or lazily built index
// would show there), so without it, and with -short, it decides 100,000.
func TestOneEngineSharedByManyGoroutinesDecidesAsOne(t *testing.T) {
	worlds, perWorld, goroutines, total := 4, 1000, 8, 100_000
	if raceEnabled && !testing.Short() {
		total = 1_000_000
	}
	type job struct {
		e  policy.Engine
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
		sc, err := scenario.Decode("concurrency.json", bytes.NewReader(scenarioJSON(w, checks)))
		if err != nil {
			t.Fatalf("world %d: %v", i, err)
		}
		for _, c := range sc.Checks {
			jobs = append(jobs, job{sc.Engine(), c.Request, c.At})
		}
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
	kinds, histories := map[string]bool{}, 0
	for i, j := range jobs {
		want[i] = decide(j)
		r := j.r
		if w, ok := r.(policy.WithHistory); ok {
			r = w.Request
			histories++
		}
		kinds[fmt.Sprintf("%T", r)] = true
	}
	if len(kinds) != 12 || histories == 0 {
		t.Fatalf("the mixed set has %d kinds, want all 12, and %d asked of a license's history, want some: %v", len(kinds), histories, kinds)
	}
	// Each goroutine starts elsewhere, half of them walking backwards, so
	// the same request is decided by several at once.
	var wg sync.WaitGroup
	var decided atomic.Int64
	wrong := make(chan string, goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := len(jobs)
			for k := range total / goroutines {
				i := (g*n/goroutines + k) % n
				if g%2 == 1 {
					i = ((g*n/goroutines-k)%n + n) % n
				}
				if got := decide(jobs[i]); !sameAnswer(want[i], got) {
					wrong <- fmt.Sprintf("goroutine %d, request %d (%T at %s) decided otherwise than one goroutine:\n%s",
						g, i, jobs[i].r, ts(jobs[i].at), cmp.Diff(want[i], got, cmp.AllowUnexported(answer{}), decimalEqual))
					return
				}
				decided.Add(1)
			}
		}()
	}
	wg.Wait()
	close(wrong)
	for msg := range wrong {
		t.Fatal(msg)
	}
	if n := decided.Load(); n != int64(total/goroutines*goroutines) {
		t.Fatalf("%d decisions compared, want %d", n, total)
	}
}

// answer is a decision or the error deciding gave.
type answer struct {
	d   policy.Decision
	err string
}

// sameAnswer is cmp.Equal of two answers, cheap enough for a million.
func sameAnswer(a, b answer) bool {
	x, y := a.d, b.d
	return a.err == b.err && x.Outcome == y.Outcome && x.Reason == y.Reason && x.Until.Equal(y.Until) &&
		slices.Equal(x.Rules.IDs(), y.Rules.IDs()) &&
		slices.EqualFunc(x.Obligations.Slice(), y.Obligations.Slice(), func(p, q rule.Obligation) bool {
			return p.Kind == q.Kind && p.Rule == q.Rule && p.Subject == q.Subject && p.Due.Equal(q.Due)
		}) &&
		slices.EqualFunc(x.Values, y.Values, func(p, q policy.Value) bool { return p.Name == q.Name && p.Amount.Equal(q.Amount) })
}

// decimalEqual compares amounts by value: 10 and 10.0 are one amount.
var decimalEqual = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
