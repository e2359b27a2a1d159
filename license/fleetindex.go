package license

import (
	"fmt"
	"iter"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// FleetIndex is a fleet's standing facts in columns: for every license its
// kind, tier, platform and the instants its standing changes at, and the
// changes of all of them sorted by instant. It answers the standing of every
// license at an instant (Summarize, Standings) and the changes in an
// interval (Changes) exactly as License.StandingAt does.
//
// Memory: 20 bytes a license in columns (start as int64 Unix seconds, the
// two later instants as uint32 second offsets from the one before, kind
// and whether a subscription is a renewal in one byte, tier and a uint16
// platform number) plus 4 bytes for each change instant (one for a
// perpetual license, at most three otherwise): at most 32 bytes a
// license. A license with a sub-second instant, or an offset beyond 136
// years, keeps its exact instants in a side table instead (about 50 bytes
// more each). The budget covers no IDs: a standing names the license by its
// position in the stream the index was built from, which the caller maps to
// its own records. Platform names are stored once each.
//
// Time: building reads the stream once, then sorts the changes by a count
// into buckets of about 32 changes each and a sort inside each bucket:
// at most 17 further ordered reads of the columns, O(n) for instants spread
// over time and O(n log n) at worst. Its scratch is 8 bytes for each of
// max(changes/8, the largest bucket) changes and 16 bytes a bucket, about 1.5
// bytes a change in all, freed when it returns. Summarize and Standings read
// every column once, O(n); Changes is O(log n + k) for k changes (the
// binary search reads the columns of log n licenses, then each change reads
// its own license's).
//
// A FleetIndex is immutable once built and safe for concurrent use. The zero
// FleetIndex is an empty index: no licenses, no changes, zero counts.
type FleetIndex struct {
	n      int
	chunks []indexChunk
	// platforms are the interned platform names; number 0 is no platform,
	// that of an invalid license.
	platforms []string
	// sideIdx lists, ascending, the licenses whose instants are kept exactly
	// in side; their columns hold only the kind (flagged) and start second.
	sideIdx []uint32
	side    [][3]instant
	// changes are the change instants of every license as license<<2 |
	// boundary (0 start, 1 the middle instant, 2 the end), sorted by instant,
	// then license, then boundary.
	changes []uint32
}

// indexChunk is a run of indexChunkSize licenses' columns; chunks never
// grow once full, so building copies nothing and leaves no garbage.
type indexChunk struct {
	start []int64
	// mid and end are the middle instant (a subscription's term end, a
	// trial's warning start) and the end, as seconds after the instant
	// before; zero for a perpetual or invalid license.
	mid, end []uint32
	kind     []uint8
	tier     []uint8
	plat     []uint16
}

const (
	indexChunkBits = 16
	indexChunkSize = 1 << indexChunkBits
	// maxIndexLicenses keeps a license number and its boundary in a uint32.
	maxIndexLicenses = 1 << 30
	// kindSide flags a license whose instants are in the side table.
	kindSide = 0x80
	// kindRenewal flags a subscription bought as a renewal, which gets no
	// grace under any terms (ENT-GRACE).
	kindRenewal = 0x40
	kindFlags   = kindSide | kindRenewal
	// nilStart is the start of a nil license: it never starts, so it stands
	// invalid at every instant, as Fleet has it.
	nilStart = math.MinInt64
)

// instant is an instant as Unix seconds and nanoseconds, compared inline;
// the index keeps its own type so that it depends on License only through
// its accessors.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{sec: t.Unix(), nsec: int32(t.Nanosecond())} }

func (m instant) before(o instant) bool { return m.sec < o.sec || m.sec == o.sec && m.nsec < o.nsec }

// phaseStates is the state of each kind by phase: how many of its start,
// middle and end instants are at or before the instant asked about.
var phaseStates = [4][4]State{
	{NotStarted, 0, 0, 0},
	Perpetual:    {NotStarted, Active, Active, Active},
	Subscription: {NotStarted, Active, InGrace, Expired},
	Trial:        {NotStarted, Active, InWarning, Expired},
}

// IndexedStanding is one license's standing in a FleetIndex: its position in
// the stream the index was built from, its state and the first instant
// at which the state changes (zero when it holds for good), in UTC. The
// zero IndexedStanding is license 0 in the invalid state, which grants
// nothing.
type IndexedStanding struct {
	Index int
	State State
	Until time.Time
}

// FleetChange is a change of one license's standing: its position in the
// stream, the instant (UTC) and the states before and from that instant.
// The zero FleetChange is license 0 going from the invalid state to the
// invalid state at the zero instant: no change, granting nothing.
type FleetChange struct {
	Index    int
	At       time.Time
	From, To State
}

// NewFleetIndex builds the index of the licenses of ls, read once, in order;
// no license is kept. It refuses more than 2^30 licenses or 65535
// platforms, and a license whose instants are out of order (LIC-KIND). An
// invalid license (the zero License) stands invalid at every instant and
// never changes, as it does in Fleet.
func NewFleetIndex(ls iter.Seq[License]) (*FleetIndex, error) {
	b := indexBuilder{x: &FleetIndex{platforms: []string{""}}, platNum: map[string]uint16{}, minSec: math.MaxInt64, maxSec: math.MinInt64}
	for l := range ls {
		if err := b.add(l); err != nil {
			return nil, err
		}
	}
	x := b.x
	if k := len(x.chunks); k > 0 {
		x.chunks[k-1].trim()
	}
	x.sortChanges(b.events, b.minSec, b.maxSec, runtime.GOMAXPROCS(0))
	return x, nil
}

type indexBuilder struct {
	x       *FleetIndex
	platNum map[string]uint16
	events  int
	minSec  int64
	maxSec  int64
}

func (b *indexBuilder) add(l License) error {
	x := b.x
	if x.n == maxIndexLicenses {
		return rule.Errorf([]rule.ID{rule.LicKind}, "fleet", "a fleet index holds at most %d licenses", maxIndexLicenses)
	}
	if x.n&(indexChunkSize-1) == 0 {
		x.chunks = append(x.chunks, newIndexChunk())
	}
	c := &x.chunks[len(x.chunks)-1]
	if !l.IsValid() {
		c.push(nilStart, 0, 0, 0, 0, 0)
		x.n++
		return nil
	}
	kind := l.Kind()
	start := instantOf(l.Start())
	mid, end := start, start
	switch kind {
	case Subscription:
		mid, end = instantOf(l.TermEnd()), instantOf(l.End())
	case Trial:
		mid, end = instantOf(l.WarningFrom()), instantOf(l.End())
	case Perpetual:
	default:
		return rule.Errorf([]rule.ID{rule.LicKind}, l.ID(), "license %s: the fleet index does not know kind %v", l.ID(), kind)
	}
	if mid.before(start) || end.before(mid) {
		return rule.Errorf([]rule.ID{rule.LicKind}, l.ID(), "license %s: its instants are out of order", l.ID())
	}
	flags := uint8(0)
	if kind == Subscription && !l.Initial() {
		flags = kindRenewal
	}
	tier := l.Tier()
	if tier > Premium {
		return rule.Errorf([]rule.ID{rule.LicTier}, l.ID(), "license %s: the fleet index does not know tier %v", l.ID(), tier)
	}
	plat, ok := b.platNum[l.Platform()]
	if !ok {
		if len(x.platforms) > math.MaxUint16 {
			return rule.Errorf([]rule.ID{rule.LicPlatform}, l.Platform(), "a fleet index holds at most %d platforms", math.MaxUint16)
		}
		plat = uint16(len(x.platforms))
		b.platNum[l.Platform()] = plat
		x.platforms = append(x.platforms, l.Platform())
	}
	dMid, dEnd := mid.sec-start.sec, end.sec-mid.sec
	if start.nsec != 0 || mid.nsec != 0 || end.nsec != 0 || dMid > math.MaxUint32 || dEnd > math.MaxUint32 {
		x.sideIdx = append(x.sideIdx, uint32(x.n))
		x.side = append(x.side, [3]instant{start, mid, end})
		c.push(start.sec, 0, 0, uint8(kind)|flags|kindSide, uint8(tier), plat)
	} else {
		c.push(start.sec, uint32(dMid), uint32(dEnd), uint8(kind)|flags, uint8(tier), plat)
	}
	b.change(start)
	if kind != Perpetual {
		if mid != start {
			b.change(mid)
		}
		if end != mid {
			b.change(end)
		}
	}
	x.n++
	return nil
}

func (b *indexBuilder) change(m instant) {
	b.events++
	b.minSec, b.maxSec = min(b.minSec, m.sec), max(b.maxSec, m.sec)
}

func newIndexChunk() indexChunk {
	return indexChunk{
		start: make([]int64, 0, indexChunkSize),
		mid:   make([]uint32, 0, indexChunkSize),
		end:   make([]uint32, 0, indexChunkSize),
		kind:  make([]uint8, 0, indexChunkSize),
		tier:  make([]uint8, 0, indexChunkSize),
		plat:  make([]uint16, 0, indexChunkSize),
	}
}

func (c *indexChunk) push(start int64, mid, end uint32, kind, tier uint8, plat uint16) {
	c.start = append(c.start, start)
	c.mid = append(c.mid, mid)
	c.end = append(c.end, end)
	c.kind = append(c.kind, kind)
	c.tier = append(c.tier, tier)
	c.plat = append(c.plat, plat)
}

// trim gives a partly filled chunk back the capacity it does not use.
func (c *indexChunk) trim() {
	c.start, c.mid, c.end = slices.Clip(slices.Clone(c.start)), slices.Clip(slices.Clone(c.mid)), slices.Clip(slices.Clone(c.end))
	c.kind, c.tier, c.plat = slices.Clip(slices.Clone(c.kind)), slices.Clip(slices.Clone(c.tier)), slices.Clip(slices.Clone(c.plat))
}

// Len returns the number of licenses in the index.
func (x *FleetIndex) Len() int { return x.n }

// Bytes returns the memory the index holds: its columns, side table,
// platform table and change list.
func (x *FleetIndex) Bytes() int {
	n := len(x.changes)*4 + len(x.sideIdx)*4 + len(x.side)*sizeofSide + len(x.chunks)*sizeofChunk
	for i := range x.chunks {
		c := &x.chunks[i]
		n += cap(c.start)*8 + cap(c.mid)*4 + cap(c.end)*4 + cap(c.kind) + cap(c.tier) + cap(c.plat)*2
	}
	for _, p := range x.platforms {
		n += len(p) + 16
	}
	return n
}

const (
	sizeofSide  = 3 * 16
	sizeofChunk = 6 * 24
)

// bounds returns license i's start, middle and end instants.
func (x *FleetIndex) bounds(i int) (start, mid, end instant) {
	c := &x.chunks[i>>indexChunkBits]
	j := i & (indexChunkSize - 1)
	if c.kind[j]&kindSide != 0 {
		k, _ := slices.BinarySearch(x.sideIdx, uint32(i))
		b := &x.side[k]
		return b[0], b[1], b[2]
	}
	s := c.start[j]
	m := s + int64(c.mid[j])
	return instant{sec: s}, instant{sec: m}, instant{sec: m + int64(c.end[j])}
}

func (x *FleetIndex) kindOf(i int) Kind {
	return Kind(x.chunks[i>>indexChunkBits].kind[i&(indexChunkSize-1)] &^ kindFlags)
}

// phaseAt is how many of start, mid and end are at or before now (strictly
// before when strict).
func phaseAt(now, start, mid, end instant, strict bool) int {
	ph := 0
	for _, b := range [3]instant{start, mid, end} {
		if strict && b.before(now) || !strict && !now.before(b) {
			ph++
		}
	}
	return ph
}

// untilOf is the instant a license in phase ph leaves it; zero for good.
func untilOf(kind Kind, ph int, start, mid, end instant) time.Time {
	switch {
	case ph == 0:
		return timeOf(start)
	case ph == 3 || kind == Perpetual || kind == 0:
		return time.Time{}
	case ph == 1:
		return timeOf(mid)
	}
	return timeOf(end)
}

func timeOf(m instant) time.Time {
	if m.sec == nilStart {
		return time.Time{}
	}
	return time.Unix(m.sec, int64(m.nsec)).UTC()
}

// sideCursor walks the side table in license order.
type sideCursor struct {
	x *FleetIndex
	k int
}

func (x *FleetIndex) sideFrom(i int) sideCursor {
	k, _ := slices.BinarySearch(x.sideIdx, uint32(i))
	return sideCursor{x, k}
}

// next returns the bounds of the next side license, which is license i.
func (s *sideCursor) next() *[3]instant {
	b := &s.x.side[s.k]
	s.k++
	return b
}

// countChunk adds the states of chunk ci at now to cnt, indexed by
// platform<<5 | tier<<3 | state.
func (x *FleetIndex) countChunk(ci int, now instant, cnt []uint64) {
	c := &x.chunks[ci]
	var side sideCursor
	sideReady := false
	start, mid, end, kind, tier, plat := c.start, c.mid, c.end, c.kind, c.tier, c.plat
	mid, end, kind, tier, plat = mid[:len(start)], end[:len(start)], kind[:len(start)], tier[:len(start)], plat[:len(start)]
	for j, s := range start {
		k := kind[j]
		var st State
		if k&kindSide == 0 {
			m := s + int64(mid[j])
			e := m + int64(end[j])
			ph := 0
			if now.sec >= s {
				ph++
			}
			if now.sec >= m {
				ph++
			}
			if now.sec >= e {
				ph++
			}
			st = phaseStates[k&3][ph&3]
		} else {
			if !sideReady {
				side, sideReady = x.sideFrom(ci<<indexChunkBits+j), true
			}
			b := side.next()
			st = phaseStates[k&3][phaseAt(now, b[0], b[1], b[2], false)]
		}
		cnt[int(plat[j])<<5|int(tier[j]&3)<<3|int(st&7)]++
	}
}

// indexParallelMin is the fewest licenses Summarize splits among workers:
// below it starting a goroutine costs more than it saves (BENCHMARKS.md,
// "Fleet index").
const indexParallelMin = 4 * indexChunkSize

// Summarize counts the standing of every license at instant at, for the
// whole fleet, by platform and by tier (invalid licenses count in the whole
// fleet only), as counting Fleet's standings of the same licenses would. It
// uses up to
// workers goroutines (all cores when workers <= 0), one when the index
// holds fewer than 262,144 licenses, and allocates only the counts.
func (x *FleetIndex) Summarize(at time.Time, workers int) FleetSummary {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if x.n < indexParallelMin {
		workers = 1
	}
	return x.summarize(at, workers)
}

// summarize is Summarize with exactly min(workers, chunks) workers.
func (x *FleetIndex) summarize(at time.Time, workers int) FleetSummary {
	workers = min(workers, len(x.chunks))
	now := instantOf(at)
	size := len(x.platforms) << 5
	cnt := make([]uint64, size)
	if workers <= 1 {
		for ci := range x.chunks {
			x.countChunk(ci, now, cnt)
		}
		return x.summary(cnt)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			own := make([]uint64, size)
			for {
				ci := int(next.Add(1) - 1)
				if ci >= len(x.chunks) {
					break
				}
				x.countChunk(ci, now, own)
			}
			mu.Lock()
			for i, v := range own {
				cnt[i] += v
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return x.summary(cnt)
}

func (x *FleetIndex) summary(cnt []uint64) FleetSummary {
	sum := FleetSummary{ByPlatform: map[string]Counts{}, ByTier: map[Tier]Counts{}}
	var byTier [4]Counts
	for p, name := range x.platforms {
		var byPlat Counts
		for t := range 4 {
			for s := range 8 {
				v := int(cnt[p<<5|t<<3|s])
				if v == 0 {
					continue
				}
				sum.Counts.addN(State(s), v)
				if p != 0 && t != 0 {
					byPlat.addN(State(s), v)
					byTier[t].addN(State(s), v)
				}
			}
		}
		if p != 0 && byPlat.Total() > 0 {
			sum.ByPlatform[name] = byPlat
		}
	}
	for t, c := range byTier {
		if c.Total() > 0 {
			sum.ByTier[Tier(t)] = c
		}
	}
	return sum
}

func (c *Counts) addN(s State, n int) {
	switch s {
	case NotStarted:
		c.NotStarted += n
	case Active:
		c.Active += n
	case InGrace:
		c.InGrace += n
	case InWarning:
		c.InWarning += n
	case Expired:
		c.Expired += n
	default:
		c.Invalid += n
	}
}

// Standings yields the standing of every license at instant at, in stream
// order, on the caller's goroutine. State and Until are those of
// License.StandingAt for the same license (Until in UTC).
func (x *FleetIndex) Standings(at time.Time) iter.Seq[IndexedStanding] {
	now := instantOf(at)
	return func(yield func(IndexedStanding) bool) {
		for ci := range x.chunks {
			c := &x.chunks[ci]
			base := ci << indexChunkBits
			var side sideCursor
			sideReady := false
			mids, ends, kinds := c.mid[:len(c.start)], c.end[:len(c.start)], c.kind[:len(c.start)]
			for j, s := range c.start {
				k := kinds[j]
				var st State
				var until time.Time
				if k&kindSide == 0 {
					// Whole seconds: the instant's seconds decide.
					m := s + int64(mids[j])
					e := m + int64(ends[j])
					switch {
					case now.sec < s:
						st, until = NotStarted, timeOf(instant{sec: s})
					case now.sec < m:
						st, until = phaseStates[k&3][1], time.Unix(m, 0).UTC()
					case now.sec < e:
						st, until = phaseStates[k&3][2], time.Unix(e, 0).UTC()
					default:
						st = phaseStates[k&3][3]
					}
				} else {
					if !sideReady {
						side, sideReady = x.sideFrom(base+j), true
					}
					b := side.next()
					kind := Kind(k &^ kindFlags)
					ph := phaseAt(now, b[0], b[1], b[2], false)
					st, until = phaseStates[kind&3][ph], untilOf(kind, ph, b[0], b[1], b[2])
				}
				if !yield(IndexedStanding{Index: base + j, State: st, Until: until}) {
					return
				}
			}
		}
	}
}

// changeAt returns the instant of change ref.
func (x *FleetIndex) changeAt(ref uint32) instant {
	s, m, e := x.bounds(int(ref >> 2))
	return [3]instant{s, m, e}[ref&3]
}

// Changes yields the changes of standing at instants in [from, to), ordered
// by instant, then by license: O(log n) to find the first, then O(1) each.
// The licenses that end in an interval are its changes to Expired.
func (x *FleetIndex) Changes(from, to time.Time) iter.Seq[FleetChange] {
	lo, hi := instantOf(from), instantOf(to)
	return func(yield func(FleetChange) bool) {
		first, _ := slices.BinarySearchFunc(x.changes, lo, func(ref uint32, m instant) int {
			if x.changeAt(ref).before(m) {
				return -1
			}
			return 1
		})
		// A batch's bounds are read first, all at once, so that the reads
		// of licenses scattered over the columns overlap.
		var batch [changeBatch]changeBounds
		for rest := x.changes[first:]; len(rest) > 0; {
			refs := rest[:min(len(rest), changeBatch)]
			rest = rest[len(refs):]
			for k, ref := range refs {
				b := &batch[k]
				b.s, b.m, b.e = x.bounds(int(ref >> 2))
				b.kind = x.kindOf(int(ref >> 2))
			}
			for k, ref := range refs {
				b := &batch[k]
				at := [3]instant{b.s, b.m, b.e}[ref&3]
				if !at.before(hi) {
					return
				}
				before := phaseStates[b.kind&3][phaseAt(at, b.s, b.m, b.e, true)]
				after := phaseStates[b.kind&3][phaseAt(at, b.s, b.m, b.e, false)]
				if !yield(FleetChange{Index: int(ref >> 2), At: timeOf(at), From: before, To: after}) {
					return
				}
			}
		}
	}
}

// changeBatch is how many changes Changes reads ahead.
const changeBatch = 64

type changeBounds struct {
	kind    Kind
	s, m, e instant
}

// sortChanges fills x.changes with every license's change instants, sorted.
// The changes are counted into buckets of 2^shift seconds, then scattered,
// a group of buckets at a time, into a scratch list of (offset in bucket,
// ref) pairs each bucket of which is sorted on its own; ties within a second
// are settled by the exact instant. Each group reads the columns once, in
// order; two workers scatter the two halves of a group's buckets.
func (x *FleetIndex) sortChanges(events int, minSec, maxSec int64, workers int) {
	if events == 0 {
		return
	}
	x.changes = make([]uint32, events)
	span := uint64(maxSec - minSec)
	target := uint64(max(1, events/32))
	shift := uint(0)
	for shift < 32 && span>>shift >= target {
		shift++
	}
	nb := int(span>>shift) + 1
	// ends[b] becomes the end of bucket b in x.changes.
	ends := make([]int, nb)
	x.scatter(minSec, shift, 0, nb, func(b int, _ uint64) { ends[b]++ })
	largest, total := 0, 0
	for b, n := range ends {
		largest = max(largest, n)
		total += n
		ends[b] = total
	}
	scratch := make([]uint64, max(largest, events/8, min(events, 1<<16)))
	startOf := func(b int) int {
		if b == 0 {
			return 0
		}
		return ends[b-1]
	}
	for b0 := 0; b0 < nb; {
		base := startOf(b0)
		b1 := b0 + 1
		for b1 < nb && ends[b1]-base <= len(scratch) {
			b1++
		}
		group := scratch[:ends[b1-1]-base]
		// Two workers when the group is large enough to pay for a second
		// read of the columns; each scatters its own half of the buckets.
		mid := b1
		if len(group) >= 1<<20 && workers > 1 {
			mid = b0 + (b1-b0)/2
		}
		var wg sync.WaitGroup
		for _, r := range [][2]int{{b0, mid}, {mid, b1}} {
			if r[0] == r[1] {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				cursor := make([]int, r[1]-r[0])
				for b := r[0]; b < r[1]; b++ {
					cursor[b-r[0]] = startOf(b) - base
				}
				x.scatter(minSec, shift, r[0], r[1], func(b int, v uint64) {
					group[cursor[b-r[0]]] = v
					cursor[b-r[0]]++
				})
				for b := r[0]; b < r[1]; b++ {
					seg := group[startOf(b)-base : ends[b]-base]
					slices.Sort(seg)
					if len(x.side) > 0 {
						x.settleTies(seg)
					}
				}
			}()
		}
		wg.Wait()
		for j, v := range group {
			x.changes[base+j] = uint32(v)
		}
		b0 = b1
	}
}

// scatter calls put with the bucket and (offset in bucket)<<32 | ref of
// every change of every license whose bucket is in [b0, b1), in license
// order.
func (x *FleetIndex) scatter(minSec int64, shift uint, b0, b1 int, put func(b int, v uint64)) {
	side := 0
	lo, width := uint64(b0)<<shift, uint64(b1-b0)<<shift
	emit := func(ref uint32, sec int64) {
		if off := uint64(sec-minSec) - lo; off < width {
			b := int(off >> shift)
			put(b0+b, (off-uint64(b)<<shift)<<32|uint64(ref))
		}
	}
	for ci := range x.chunks {
		c := &x.chunks[ci]
		base := ci << indexChunkBits
		mids, ends, kinds := c.mid[:len(c.start)], c.end[:len(c.start)], c.kind[:len(c.start)]
		for j, s := range c.start {
			k := kinds[j]
			ref := uint32(base+j) << 2
			if k&kindSide == 0 {
				if s == nilStart {
					continue
				}
				emit(ref, s)
				if Kind(k&^kindFlags) == Perpetual {
					continue
				}
				m := s + int64(mids[j])
				if m != s {
					emit(ref|1, m)
				}
				if e := m + int64(ends[j]); e != m {
					emit(ref|2, e)
				}
				continue
			}
			b := &x.side[side]
			side++
			emit(ref, b[0].sec)
			if Kind(k&^kindFlags) == Perpetual {
				continue
			}
			if b[1] != b[0] {
				emit(ref|1, b[1].sec)
			}
			if b[2] != b[1] {
				emit(ref|2, b[2].sec)
			}
		}
	}
}

// settleTies sorts runs of changes in the same second by exact instant when
// any of them is a side license's, which may be sub-second.
func (x *FleetIndex) settleTies(seg []uint64) {
	for i := 0; i < len(seg); {
		j := i + 1
		for j < len(seg) && seg[j]>>32 == seg[i]>>32 {
			j++
		}
		if j-i > 1 && slices.ContainsFunc(seg[i:j], func(v uint64) bool { return x.flagged(int(uint32(v) >> 2)) }) {
			slices.SortStableFunc(seg[i:j], func(a, b uint64) int {
				return int(x.changeAt(uint32(a)).nsec) - int(x.changeAt(uint32(b)).nsec)
			})
		}
		i = j
	}
}

func (x *FleetIndex) flagged(i int) bool {
	return x.chunks[i>>indexChunkBits].kind[i&(indexChunkSize-1)]&kindSide != 0
}

// String describes the index for logs: its size and memory.
func (x *FleetIndex) String() string {
	return fmt.Sprintf("fleet index: %d licenses, %d changes, %d platforms, %d bytes", x.n, len(x.changes), len(x.platforms)-1, x.Bytes())
}
