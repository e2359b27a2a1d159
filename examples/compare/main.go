package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("n", 10000, "number of random questions")
	seed := flag.Uint64("seed", 1, "seed of the random questions")
	flag.Parse()
	if err := run(*n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// run asks the library, Rego and Cedar n random questions and fails on the
// first disagreement.
func run(n int, seed uint64) error {
	ctx := context.Background()
	e := Engine
	r, err := NewRego(ctx)
	if err != nil {
		return err
	}
	c, err := NewCedar()
	if err != nil {
		return err
	}
	allowed := 0
	for i, q := range RandomQuestions(n, seed) {
		lib := Library(e, q)
		reg, err := r.Decide(ctx, RegoInput(q))
		if err != nil {
			return err
		}
		entities, req := CedarRequest(q)
		ced, err := c.Decide(entities, req)
		if err != nil {
			return err
		}
		if !lib.Equal(reg) || !lib.Equal(ced) {
			return fmt.Errorf("question %d (%s %s on %s at %s): library %v, rego %v, cedar %v",
				i, q.License.ID(), q.Feature, q.Device, q.At.Format("2006-01-02T15:04:05.999999999Z"), lib, reg, ced)
		}
		if lib.Allow {
			allowed++
		}
	}
	fmt.Printf("%d questions (%d allowed, %d denied): the library, Rego and Cedar agree on every decision and rule ID\n",
		n, allowed, n-allowed)
	return nil
}
