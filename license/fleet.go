package license

import (
	"iter"
	"runtime"
	"sync"
	"time"
)

// FleetStanding is one license's standing in a fleet evaluation: its
// position in the input (from 0), the license and its standing at the
// fleet's instant. The zero FleetStanding is the standing of the zero
// License: invalid, not usable.
type FleetStanding struct {
	Index   int
	License License
	Standing
}

// fleetBatchSize is how many licenses a worker takes at once: large enough
// that handing batches between goroutines costs nothing per license, small
// enough that the batches in flight stay in cache.
const fleetBatchSize = 1024

// Fleet streams the standing of every license of ls at instant at, in input
// order, computed by workers goroutines (all cores when workers <= 0).
//
// ls is read once, on the goroutine that ranges over the result; the
// standings are computed in batches of a thousand licenses by the
// workers, at most two batches per worker in flight. Memory is that fixed
// set of batches: it does not grow with the fleet, and nothing of a batch is
// kept once its standings are yielded. Stopping early (break) stops reading
// ls and waits for the workers before returning, leaving no goroutine
// behind.
//
// The zero License stands invalid, not usable (LIC-KIND). Each standing is
// [License.StandingAt]'s, so its Until, rules and warnings are exactly
// those of that license alone. [FleetIndex.Summarize] counts a fleet's
// standings.
func Fleet(ls iter.Seq[License], at time.Time, workers int) iter.Seq[FleetStanding] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(FleetStanding) bool) {
		if workers == 1 {
			i := 0
			for l := range ls {
				if !yield(FleetStanding{Index: i, License: l, Standing: l.StandingAt(at)}) {
					return
				}
				i++
			}
			return
		}
		runFleet(ls, at, workers, func(b *fleetBatch) bool {
			for _, s := range b.out {
				if !yield(s) {
					return false
				}
			}
			return true
		})
	}
}

// fleetBatch is a run of consecutive licenses and, once done is signalled,
// their standings.
type fleetBatch struct {
	first int
	ls    []License
	out   []FleetStanding
	done  chan struct{}
}

func (b *fleetBatch) run(at time.Time) {
	b.out = b.out[:len(b.ls)]
	for i := range b.ls {
		o := &b.out[i]
		o.Index, o.License = b.first+i, b.ls[i]
		o.Standing = b.ls[i].StandingAt(at)
	}
	b.done <- struct{}{}
}

// runFleet reads ls in batches, has workers decide them and hands each
// decided batch, in input order, to consume, until ls ends or consume
// returns false. It returns once every worker has stopped.
func runFleet(ls iter.Seq[License], at time.Time, workers int, consume func(*fleetBatch) bool) {
	f := newFleetRun(workers, at)
	defer f.stop()
	for l := range ls {
		f.cur.ls = append(f.cur.ls, l)
		if len(f.cur.ls) == fleetBatchSize && !f.dispatch(consume) {
			return
		}
	}
	if len(f.cur.ls) > 0 && !f.dispatch(consume) {
		return
	}
	for f.len > 0 {
		if !f.drain(consume) {
			return
		}
	}
}

// fleetRun is one run of runFleet: the workers, the ring of batches in
// flight (oldest at head) and the batch being filled.
type fleetRun struct {
	work chan *fleetBatch
	wg   sync.WaitGroup
	ring []*fleetBatch
	head int
	len  int
	free []*fleetBatch
	cur  *fleetBatch
	next int // index of the first license of cur
}

func newFleetRun(workers int, at time.Time) *fleetRun {
	inFlight := 2 * workers
	f := &fleetRun{work: make(chan *fleetBatch, inFlight), ring: make([]*fleetBatch, inFlight)}
	for range inFlight + 1 {
		b := &fleetBatch{ls: make([]License, 0, fleetBatchSize), out: make([]FleetStanding, 0, fleetBatchSize), done: make(chan struct{}, 1)}
		f.free = append(f.free, b)
	}
	f.cur = f.take()
	f.wg.Add(workers)
	for range workers {
		go func() {
			defer f.wg.Done()
			for b := range f.work {
				b.run(at)
			}
		}()
	}
	return f
}

func (f *fleetRun) take() *fleetBatch {
	b := f.free[len(f.free)-1]
	f.free = f.free[:len(f.free)-1]
	b.first, b.ls = f.next, b.ls[:0]
	return b
}

// dispatch hands the current batch to the workers, first consuming the
// oldest batch when the ring is full. It reports false when the consumer
// stopped.
func (f *fleetRun) dispatch(consume func(*fleetBatch) bool) bool {
	if f.len == len(f.ring) && !f.drain(consume) {
		return false
	}
	b := f.cur
	f.next += len(b.ls)
	f.work <- b
	f.ring[(f.head+f.len)%len(f.ring)] = b
	f.len++
	f.cur = f.take()
	return true
}

// drain waits for the oldest batch in flight and consumes it.
func (f *fleetRun) drain(consume func(*fleetBatch) bool) bool {
	b := f.ring[f.head]
	f.ring[f.head] = nil
	f.head = (f.head + 1) % len(f.ring)
	f.len--
	<-b.done
	ok := consume(b)
	clear(b.ls) // drop the caller's licenses: a batch keeps nothing it handed on
	clear(b.out)
	f.free = append(f.free, b)
	return ok
}

// stop lets the workers finish the batches in flight and waits for them.
func (f *fleetRun) stop() {
	close(f.work)
	f.wg.Wait()
}
