package license

import (
	"iter"
	"maps"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// FleetStanding is one license's standing in a fleet evaluation: its
// position in the input (from 0), the license and its standing at the
// fleet's instant. The zero FleetStanding is the standing of a nil license:
// invalid, not usable.
type FleetStanding struct {
	Index   int
	License *License
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
// A nil license stands as the zero License does: invalid, not usable
// (LIC-KIND). Each standing is License.StandingAt's, so its Until, rules and
// warnings are exactly those of that license alone.
func Fleet(ls iter.Seq[*License], at time.Time, workers int) iter.Seq[FleetStanding] {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return func(yield func(FleetStanding) bool) {
		if workers == 1 {
			i := 0
			for l := range ls {
				if !yield(FleetStanding{Index: i, License: l, Standing: standingOf(l, at)}) {
					return
				}
				i++
			}
			return
		}
		runFleet(ls, at, workers, false, func(b *fleetBatch) bool {
			for _, s := range b.out {
				if !yield(s) {
					return false
				}
			}
			return true
		})
	}
}

// SummarizeFleet is Summarize(Fleet(ls, at, workers)) with the counting
// done by the workers too: each batch is counted where its standings are
// decided, and only the counts come back, so a fleet report costs about
// what deciding the standings costs. Memory is Fleet's: a fixed set of
// batches.
func SummarizeFleet(ls iter.Seq[*License], at time.Time, workers int) FleetSummary {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var total tally
	if workers == 1 {
		for l := range ls {
			total.add(l, standingOf(l, at).State)
		}
		return total.summary()
	}
	runFleet(ls, at, workers, true, func(b *fleetBatch) bool {
		total.merge(&b.sum)
		return true
	})
	return total.summary()
}

// standingOf is StandingAt without copying the license; nil stands as the
// zero License.
func standingOf(l *License, at time.Time) Standing {
	if l == nil {
		return Standing{Verdict: Verdict{Rules: rulesInvalid, Reason: reasonInvalid}}
	}
	row, until := l.stand(at)
	return Standing{State: rowStates[row], Verdict: l.verdict(row, until)}
}

// fleetBatch is a run of consecutive licenses and, once done is signalled,
// their standings, or their counts when the run only counts.
type fleetBatch struct {
	first int
	ls    []*License
	out   []FleetStanding
	sum   tally
	done  chan struct{}
}

func (b *fleetBatch) run(at time.Time, count bool) {
	if count {
		for _, l := range b.ls {
			if l == nil {
				b.sum.add(nil, 0)
				continue
			}
			row, _ := l.stand(at)
			b.sum.add(l, rowStates[row])
		}
		b.done <- struct{}{}
		return
	}
	b.out = b.out[:len(b.ls)]
	for i, l := range b.ls {
		// Field by field into place: building a Standing and copying it
		// would cost more than deciding it.
		o := &b.out[i]
		o.Index, o.License = b.first+i, l
		if l == nil {
			o.Standing = Standing{Verdict: Verdict{Rules: rulesInvalid, Reason: reasonInvalid}}
			continue
		}
		row, until := l.stand(at)
		r := &rulings[row]
		o.State, o.Allowed, o.Rules, o.Reason, o.Until, o.subject = rowStates[row], r.allowed, r.rules, r.reason, until, l.id
		o.Obligations = rule.Obligations{}
		if row == rowTrialWarn {
			o.Obligations = l.warnings
		}
	}
	b.done <- struct{}{}
}

// runFleet reads ls in batches, has workers decide them and hands each
// decided batch, in input order, to consume, until ls ends or consume
// returns false. It returns once every worker has stopped.
func runFleet(ls iter.Seq[*License], at time.Time, workers int, count bool, consume func(*fleetBatch) bool) {
	f := newFleetRun(workers, at, count)
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

func newFleetRun(workers int, at time.Time, count bool) *fleetRun {
	inFlight := 2 * workers
	f := &fleetRun{work: make(chan *fleetBatch, inFlight), ring: make([]*fleetBatch, inFlight)}
	for range inFlight + 1 {
		b := &fleetBatch{ls: make([]*License, 0, fleetBatchSize), done: make(chan struct{}, 1)}
		if !count {
			b.out = make([]FleetStanding, 0, fleetBatchSize)
		}
		f.free = append(f.free, b)
	}
	f.cur = f.take()
	f.wg.Add(workers)
	for range workers {
		go func() {
			defer f.wg.Done()
			for b := range f.work {
				b.run(at, count)
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
	b.sum.reset()
	f.free = append(f.free, b)
	return ok
}

// stop lets the workers finish the batches in flight and waits for them.
func (f *fleetRun) stop() {
	close(f.work)
	f.wg.Wait()
}

// Counts is how many licenses of a fleet stand in each state.
type Counts struct {
	NotStarted, Active, InGrace, InWarning, Expired int
	// Invalid counts licenses that are not valid: nil or the zero License.
	Invalid int
}

func (c *Counts) add(s State) {
	switch s {
	case NotStarted:
		c.NotStarted++
	case Active:
		c.Active++
	case InGrace:
		c.InGrace++
	case InWarning:
		c.InWarning++
	case Expired:
		c.Expired++
	default:
		c.Invalid++
	}
}

func (c *Counts) merge(o Counts) {
	c.NotStarted += o.NotStarted
	c.Active += o.Active
	c.InGrace += o.InGrace
	c.InWarning += o.InWarning
	c.Expired += o.Expired
	c.Invalid += o.Invalid
}

// Total is the number of licenses counted.
func (c Counts) Total() int {
	return c.NotStarted + c.Active + c.InGrace + c.InWarning + c.Expired + c.Invalid
}

// Usable is the number of licenses that grant their features: active, in
// grace or in warning.
func (c Counts) Usable() int { return c.Active + c.InGrace + c.InWarning }

// FleetSummary is a fleet report's counts: for the whole fleet, by platform
// and by tier. Invalid licenses count in the whole fleet only. The zero
// FleetSummary counts nothing.
type FleetSummary struct {
	Counts
	ByPlatform map[string]Counts
	ByTier     map[Tier]Counts
}

// Summarize counts the standings of a fleet, typically Fleet's stream.
// Only the counts are kept, never the standings. SummarizeFleet does the
// same over all cores when nothing but the counts is wanted.
func Summarize(standings iter.Seq[FleetStanding]) FleetSummary {
	var t tally
	for s := range standings {
		t.add(s.License, s.State)
	}
	return t.summary()
}

// Platforms returns the summary's platforms, sorted.
func (s FleetSummary) Platforms() []string { return slices.Sorted(maps.Keys(s.ByPlatform)) }

// tally is a FleetSummary being counted. A fleet has few platforms, so they
// are a short list scanned from the last one found, not a map.
type tally struct {
	all       Counts
	platforms []string
	byPlat    []Counts
	byTier    [Premium + 1]Counts
	last      int
}

func (t *tally) add(l *License, s State) {
	t.all.add(s)
	if l == nil || !l.IsValid() {
		return
	}
	t.byTier[l.tier].add(s)
	t.platform(l.platform).add(s)
}

func (t *tally) platform(p string) *Counts {
	if t.last < len(t.platforms) && t.platforms[t.last] == p {
		return &t.byPlat[t.last]
	}
	t.last = slices.Index(t.platforms, p)
	if t.last < 0 {
		t.platforms, t.byPlat = append(t.platforms, p), append(t.byPlat, Counts{})
		t.last = len(t.platforms) - 1
	}
	return &t.byPlat[t.last]
}

func (t *tally) merge(o *tally) {
	t.all.merge(o.all)
	for i := range o.byTier {
		t.byTier[i].merge(o.byTier[i])
	}
	for i, p := range o.platforms {
		t.platform(p).merge(o.byPlat[i])
	}
}

// reset empties t and keeps its platform list's storage.
func (t *tally) reset() {
	*t = tally{platforms: t.platforms[:0], byPlat: t.byPlat[:0]}
}

func (t *tally) summary() FleetSummary {
	sum := FleetSummary{Counts: t.all, ByPlatform: make(map[string]Counts, len(t.platforms)), ByTier: map[Tier]Counts{}}
	for i, p := range t.platforms {
		sum.ByPlatform[p] = t.byPlat[i]
	}
	for tier, c := range t.byTier {
		if c.Total() > 0 {
			sum.ByTier[Tier(tier)] = c
		}
	}
	return sum
}
