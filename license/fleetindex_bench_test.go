package license

import (
	"bufio"
	"fmt"
	"iter"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fleet index benchmarks. They sit inside the package so that the plain
// loop reads the very columns the index reads.
//
// BenchmarkFleetIndex100M builds a 100-million-license index and needs
// about 4 GiB and a few minutes; it runs only when asked:
//
//	LICENSEPOLICY_BENCH_100M=1 go test ./license -run '^$' -bench FleetIndex100M -benchtime 1x -timeout 30m

var (
	benchIndexAt   = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	benchMonthFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	benchMonthTo   = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
)

// generatedFleet streams n licenses made one at a time by New from a hash of
// their position, reusing one License value, so that no more than one
// License exists at once: starts over 2016 to mid-2026 on whole minutes
// (one in ten thousand with nanoseconds), 40% perpetual, 45% subscriptions
// of one, three or five years (a quarter of them renewals), 15% trials of 30
// to 90 days, three tiers, six platforms.
func generatedFleet(n int) iter.Seq[License] {
	return func(yield func(License) bool) {
		prog := DefaultProgram()
		platforms := []string{"MX", "QFX", "PTX", "EX", "vMX", "vSRX"}
		devices := make([]Device, len(platforms))
		for i, p := range platforms {
			d, err := prog.NewDevice("dev-"+p, p, "")
			if err != nil {
				panic(err)
			}
			devices[i] = d
		}
		features := []string{"bgp"}
		base := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
		var l License
		for i := range n {
			h := mix(uint64(i))
			p := int(h % 6)
			spec := Spec{ID: "L", Tier: Tier(1 + (h>>8)%3), Platform: platforms[p], Device: devices[p], Features: features,
				Start: base.Add(time.Duration((h>>16)%(10*525_960+262_980)) * time.Minute)}
			if (h>>40)%10_000 == 0 {
				spec.Start = spec.Start.Add(time.Duration(1 + (h>>20)%999_999_999))
			}
			switch k := (h >> 54) % 20; {
			case k < 8:
				spec.Kind = Perpetual
			case k < 17:
				spec.Kind, spec.TermYears, spec.Renewal = Subscription, []int{1, 3, 5}[(h>>60)%3], (h>>62)%4 == 0
			default:
				spec.Kind, spec.End = Trial, spec.Start.Add(time.Duration(30+(h>>58)%61)*24*time.Hour)
			}
			var err error
			if l, err = prog.NewLicense(spec); err != nil {
				panic(err)
			}
			if !yield(l) {
				return
			}
		}
	}
}

// mix is splitmix64's finaliser: a position's pseudo-random bits.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

var (
	benchIndexOnce sync.Once
	benchIndexes   map[int]*FleetIndex
	benchSink      int
)

func benchIndex(b *testing.B, n int) *FleetIndex {
	benchIndexOnce.Do(func() {
		benchIndexes = map[int]*FleetIndex{}
		for _, n := range []int{1_000_000, 10_000_000} {
			x, err := NewFleetIndex(generatedFleet(n))
			if err != nil {
				panic(err)
			}
			benchIndexes[n] = x
		}
		runtime.GC()
	})
	return benchIndexes[n]
}

func perLicense(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/license")
}

// plainCount is the plain struct-of-arrays loop: the same columns, the
// same count by platform, tier and state, written out for the common case
// only (no side table, no chunk scheduling, no summary built), with the
// state chosen as a switch (branchy) or as the index chooses it, by
// counting the instants passed (phase): the floor Summarize is measured
// against. Workers take every workers-th chunk.
func plainCount(x *FleetIndex, at time.Time, workers int, phase bool) int {
	now := at.Unix()
	cnts := make([][]uint64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cnt := make([]uint64, len(x.platforms)<<5)
			for ci := w; ci < len(x.chunks); ci += workers {
				c := &x.chunks[ci]
				if phase {
					plainPhase(c, now, cnt)
				} else {
					plainSwitch(c, now, cnt)
				}
			}
			cnts[w] = cnt
		}()
	}
	wg.Wait()
	total := 0
	for _, cnt := range cnts {
		total += int(cnt[len(cnt)-1])
	}
	return total
}

func plainSwitch(c *indexChunk, now int64, cnt []uint64) {
	for j, s := range c.start {
		var st State
		switch m := s + int64(c.mid[j]); {
		case now < s:
			st = NotStarted
		case c.kind[j] == uint8(Perpetual):
			st = Active
		case now < m:
			st = Active
		case now < m+int64(c.end[j]):
			st = InGrace
		default:
			st = Expired
		}
		cnt[int(c.plat[j])<<5|int(c.tier[j])<<3|int(st)]++
	}
}

func plainPhase(c *indexChunk, now int64, cnt []uint64) {
	for j, s := range c.start {
		m := s + int64(c.mid[j])
		ph := 0
		if now >= s {
			ph++
		}
		if now >= m {
			ph++
		}
		if now >= m+int64(c.end[j]) {
			ph++
		}
		cnt[int(c.plat[j])<<5|int(c.tier[j])<<3|int(phaseStates[c.kind[j]&3][ph&3])]++
	}
}

// BenchmarkFleetIndexSummarize is the standing of every license at one
// instant, counted by state, platform and tier, beside the plain loop over
// the same columns in the same run, with one and two workers.
func BenchmarkFleetIndexSummarize(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		x := benchIndex(b, n)
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("licenses=%d/workers=%d/index", n, workers), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSink = x.Summarize(benchIndexAt, workers).Usable()
				}
				perLicense(b, n)
			})
			for _, phase := range []bool{false, true} {
				name := map[bool]string{false: "plain-switch", true: "plain-phase"}[phase]
				b.Run(fmt.Sprintf("licenses=%d/workers=%d/%s", n, workers, name), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						benchSink = plainCount(x, benchIndexAt, workers, phase)
					}
					perLicense(b, n)
				})
			}
		}
	}
}

// BenchmarkFleetIndexSummarizeSmall measures where a second worker starts
// to pay, which sets indexParallelMin: the first n licenses of the
// million-license fleet, one worker against two forced.
func BenchmarkFleetIndexSummarizeSmall(b *testing.B) {
	full := benchIndex(b, 1_000_000)
	for _, chunks := range []int{1, 2, 4, 8} {
		x := *full
		x.chunks = full.chunks[:chunks]
		x.n = chunks * indexChunkSize
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("licenses=%d/workers=%d", x.n, workers), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSink = x.summarize(benchIndexAt, workers).Usable()
				}
				perLicense(b, x.n)
			})
		}
	}
}

// BenchmarkFleetIndexSortChanges is the sort of a built index's changes
// again, with one worker and two: whether the second scattering worker
// pays.
func BenchmarkFleetIndexSortChanges(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		full := benchIndex(b, n)
		events := len(full.changes)
		lo, hi := full.changeAt(full.changes[0]).sec, full.changeAt(full.changes[events-1]).sec
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("licenses=%d/workers=%d", n, workers), func(b *testing.B) {
				x := *full
				b.ReportAllocs()
				for b.Loop() {
					x.sortChanges(events, lo, hi, workers)
				}
				if !slices.Equal(x.changes, full.changes) {
					b.Fatal("the sort again differs from the first")
				}
				perLicense(b, n)
			})
		}
	}
}

// BenchmarkFleetIndexStandings streams every license's state and Until.
func BenchmarkFleetIndexStandings(b *testing.B) {
	x := benchIndex(b, 1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		for s := range x.Standings(benchIndexAt) {
			if s.State.Usable() {
				benchSink++
			}
		}
	}
	perLicense(b, x.Len())
}

// BenchmarkFleetIndexChanges is every change of standing in one month.
func BenchmarkFleetIndexChanges(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		x := benchIndex(b, n)
		b.Run(fmt.Sprintf("licenses=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			k := 0
			for b.Loop() {
				k = 0
				for range x.Changes(benchMonthFrom, benchMonthTo) {
					k++
				}
			}
			b.ReportMetric(float64(k), "changes")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(k), "ns/change")
		})
	}
}

// BenchmarkFleetIndexBuild builds a million-license index from the
// generator; bytes/license is the heap the index keeps (measured by
// runtime.MemStats after collection), index-bytes/license its own account.
// BenchmarkFleetGenerator is the generator alone, to subtract.
func BenchmarkFleetIndexBuild(b *testing.B) {
	const n = 1_000_000
	b.ReportAllocs()
	var held float64
	var x *FleetIndex
	for b.Loop() {
		x = nil
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var err error
		if x, err = NewFleetIndex(generatedFleet(n)); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = float64(after.HeapAlloc-before.HeapAlloc) / n
	}
	perLicense(b, n)
	b.ReportMetric(held, "bytes/license")
	b.ReportMetric(float64(x.Bytes())/n, "index-bytes/license")
}

func BenchmarkFleetGenerator(b *testing.B) {
	const n = 1_000_000
	for b.Loop() {
		for l := range generatedFleet(n) {
			benchSink += int(l.Kind())
		}
	}
	perLicense(b, n)
}

// BenchmarkFleetIndex100M is the acceptance run: a 100-million-license
// index built from the generator, its peak resident memory, the standing
// of all 100M at one instant and the changes in one month. It runs only
// with LICENSEPOLICY_BENCH_100M=1 (see the top of this file).
func BenchmarkFleetIndex100M(b *testing.B) {
	if os.Getenv("LICENSEPOLICY_BENCH_100M") == "" {
		b.Skip("set LICENSEPOLICY_BENCH_100M=1 to build the 100M-license index (about 4 GiB, minutes)")
	}
	const n = 100_000_000
	// The index and its build scratch reach about 3 GiB live; by default
	// the runtime lets the generator's garbage (New allocates) grow toward
	// as much again before collecting it, so a process holding such an
	// index sets a soft memory limit, as this one does.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(benchMemoryLimit))
	b.ReportMetric(benchMemoryLimit>>20, "memory-limit-MiB")
	for b.Loop() {
		debug.FreeOSMemory()
		t0 := time.Now()
		x, err := NewFleetIndex(generatedFleet(n))
		if err != nil {
			b.Fatal(err)
		}
		build := time.Since(t0)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(build.Seconds(), "build-s")
		b.ReportMetric(float64(x.Bytes())/n, "index-bytes/license")
		b.ReportMetric(float64(ms.HeapAlloc)/n, "heap-bytes/license")
		b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-RSS-MiB")
		for _, workers := range []int{1, 2} {
			t0 = time.Now()
			const reps = 5
			for range reps {
				benchSink = x.Summarize(benchIndexAt, workers).Usable()
			}
			b.ReportMetric(float64(time.Since(t0).Milliseconds())/reps, fmt.Sprintf("summarize-ms/workers=%d", workers))
		}
		t0 = time.Now()
		k := 0
		for range x.Changes(benchMonthFrom, benchMonthTo) {
			k++
		}
		b.ReportMetric(float64(time.Since(t0).Milliseconds()), "month-changes-ms")
		b.ReportMetric(float64(k), "month-changes")
	}
}

// benchMemoryLimit is BenchmarkFleetIndex100M's soft memory limit.
const benchMemoryLimit = 3584 << 20

// peakRSS is the process's peak resident set (VmHWM) in bytes.
func peakRSS(b *testing.B) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				b.Fatal(err)
			}
			return kb << 10
		}
	}
	b.Fatal("no VmHWM in /proc/self/status")
	return 0
}
