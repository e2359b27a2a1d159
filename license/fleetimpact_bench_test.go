package license

import (
	"fmt"
	"iter"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"
	"time"
)

// The fleet impact benchmarks, beside the fleet index's (whose generator,
// indexes and opt-in 100M run they share). BenchmarkFleetImpact100M
// builds a 100-million-license index and needs about 4 GiB and minutes; it
// runs only when asked:
//
//	LICENSEPOLICY_BENCH_100M=1 go test ./license -run '^$' -bench FleetImpact100M -benchtime 1x -timeout 60m

// benchImpactTerms are the published terms with grace halved, warnings 45
// days ahead and the five-year term withdrawn: every initial subscription,
// every trial and every five-year term of the generated fleet is touched.
var benchImpactTerms = Terms{SubscriptionTermYears: []int{1, 3}, TrialWarningDays: 45, InitialGraceDays: 15}

// impactCounts is what a pass over an impact counts: the licenses that
// differ and the refused ones, and the sum of the instants (Unix seconds)
// from which they differ, so that each one's From is read and compared.
type impactCounts struct {
	differ, refused int
	fromSum         int64
}

// indexImpact ranges over the impact as a caller asking "whose standing
// differs, and from when" does.
func indexImpact(seq iter.Seq[IndexedImpact]) impactCounts {
	var n impactCounts
	for li := range seq {
		if li.Refused() != 0 {
			n.refused++
			continue
		}
		n.differ++
		n.fromSum += li.From().Unix()
	}
	return n
}

// plainImpact is the plain struct-of-arrays loop: the same columns, the
// same comparison of each license under the new terms, counting what
// indexImpact counts, written out for the common case only (no side
// table, no iterator, no time.Time): the floor the impact is measured
// against.
func plainImpact(x *FleetIndex, t Terms) impactCounts {
	var listed [4]uint64
	for _, y := range t.SubscriptionTermYears {
		listed[y>>6] |= 1 << (y & 63)
	}
	grace, warn := int64(t.InitialGraceDays)*daySeconds, int64(t.TrialWarningDays)*daySeconds
	var n impactCounts
	for ci := range x.chunks {
		c := &x.chunks[ci]
		mids, ends, kinds := c.mid[:len(c.start)], c.end[:len(c.start)], c.kind[:len(c.start)]
		for j, s := range c.start {
			k := kinds[j]
			if k&kindSide != 0 {
				continue
			}
			switch Kind(k & 3) {
			case Subscription:
				dm, de := int64(mids[j]), int64(ends[j])
				y := (dm + yearSeconds/2) / yearSeconds
				de2 := grace
				if k&kindRenewal != 0 {
					de2 = 0
				}
				if listed[y>>6&3]>>(y&63)&1 == 0 || s+dm+de2 > lastSec {
					n.refused++
				} else if de2 != de {
					// Expired under the terms that end it first.
					n.differ++
					n.fromSum += s + dm + min(de, de2)
				}
			case Trial:
				m := s + int64(mids[j])
				e := m + int64(ends[j])
				if m2 := max(s, e-warn); m2 != m {
					// Warned under the terms that open the window first.
					n.differ++
					n.fromSum += min(m, m2)
				}
			}
		}
	}
	return n
}

// BenchmarkFleetImpact is the impact of benchImpactTerms on the
// generated fleet (both iterators ranged over), paired in every iteration
// with the plain loop doing the same comparison and with one standing pass
// (Summarize) over the same index, with one worker and with two, so that
// each ratio is measured in one run whatever the machine's load does
// meanwhile. ns/op is the four together. The cpu- figures are the thread's
// CPU time (Linux) for the three single-goroutine passes: the machine's
// load leaves them nearly unchanged.
func BenchmarkFleetImpact(b *testing.B) {
	for _, n := range []int{1_000_000, 10_000_000} {
		x := benchIndex(b, n)
		seq, err := x.Impact(benchImpactTerms)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("licenses=%d", n), func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			b.ReportAllocs()
			var wall, cpu [4]time.Duration
			var got, floor impactCounts
			passes := [4]func(){
				func() { got = indexImpact(seq) },
				func() { floor = plainImpact(x, benchImpactTerms) },
				func() { benchSink = x.Summarize(benchIndexAt, 1).Usable() },
				func() { benchSink = x.Summarize(benchIndexAt, 2).Usable() },
			}
			round := 0
			for b.Loop() {
				// Each round starts with the next pass, so that none is
				// always first after the others have filled the caches.
				for k := range passes {
					i := (round + k) % len(passes)
					t0, c0 := time.Now(), threadCPU()
					passes[i]()
					wall[i] += time.Since(t0)
					cpu[i] += threadCPU() - c0
				}
				round++
			}
			// The plain loop leaves the side table out (a test holds it
			// to the impact on the rest).
			if d := got.differ + got.refused - floor.differ - floor.refused; d < 0 || d > len(x.side) {
				b.Fatalf("the index counts %+v, the plain loop %+v (%d side licenses)", got, floor, len(x.side))
			}
			per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) / float64(n) }
			b.ReportMetric(per(wall[0]), "impact-ns/license")
			b.ReportMetric(per(wall[1]), "plain-ns/license")
			b.ReportMetric(per(wall[2]), "standing1-ns/license")
			b.ReportMetric(per(wall[3]), "standing2-ns/license")
			b.ReportMetric(wall[0].Seconds()/wall[2].Seconds(), "impact/standing1")
			b.ReportMetric(wall[0].Seconds()/wall[3].Seconds(), "impact/standing2")
			b.ReportMetric(wall[0].Seconds()/wall[1].Seconds(), "impact/plain")
			if cpu[2] > 0 {
				b.ReportMetric(per(cpu[0]), "impact-cpu-ns/license")
				b.ReportMetric(per(cpu[1]), "plain-cpu-ns/license")
				b.ReportMetric(per(cpu[2]), "standing1-cpu-ns/license")
				b.ReportMetric(cpu[0].Seconds()/cpu[2].Seconds(), "impact/standing1-cpu")
				b.ReportMetric(cpu[0].Seconds()/cpu[1].Seconds(), "impact/plain-cpu")
			}
			b.ReportMetric(float64(got.differ), "differ")
			b.ReportMetric(float64(got.refused), "refused")
		})
	}
}

// BenchmarkFleetImpact100M is the impact at 100 million licenses, built
// from the index's generator: the build, the process's peak resident
// memory, the bytes one impact pass allocates, and the impact beside one
// standing pass with one worker and two. It runs only with
// LICENSEPOLICY_BENCH_100M=1 (see the top of this file).
func BenchmarkFleetImpact100M(b *testing.B) {
	if os.Getenv("LICENSEPOLICY_BENCH_100M") == "" {
		b.Skip("set LICENSEPOLICY_BENCH_100M=1 to build the 100M-license index (about 4 GiB, minutes)")
	}
	const n = 100_000_000
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(benchMemoryLimit))
	b.ReportMetric(benchMemoryLimit>>20, "memory-limit-MiB")
	for b.Loop() {
		debug.FreeOSMemory()
		t0 := time.Now()
		x, err := NewFleetIndex(generatedFleet(n))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(t0).Seconds(), "build-s")
		runtime.GC()
		b.ReportMetric(float64(x.Bytes())/n, "index-bytes/license")
		seq, err := x.Impact(benchImpactTerms)
		if err != nil {
			b.Fatal(err)
		}
		// Five rounds, each the impact and one standing pass with one worker
		// and with two, back to back; the ratios are the rounds' medians.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		const reps = 5
		var impact, standing1, standing2, impactCPU, standing1CPU []float64
		var got impactCounts
		var before, after runtime.MemStats
		var allocated uint64
		for range reps {
			runtime.ReadMemStats(&before)
			t0, c0 := time.Now(), threadCPU()
			got = indexImpact(seq)
			t1, c1 := time.Now(), threadCPU()
			runtime.ReadMemStats(&after)
			allocated += after.TotalAlloc - before.TotalAlloc
			t2, c2 := time.Now(), threadCPU()
			benchSink = x.Summarize(benchIndexAt, 1).Usable()
			t3, c3 := time.Now(), threadCPU()
			benchSink = x.Summarize(benchIndexAt, 2).Usable()
			t4 := time.Now()
			impact, standing1, standing2 = append(impact, t1.Sub(t0).Seconds()), append(standing1, t3.Sub(t2).Seconds()), append(standing2, t4.Sub(t3).Seconds())
			impactCPU, standing1CPU = append(impactCPU, (c1-c0).Seconds()), append(standing1CPU, (c3-c2).Seconds())
		}
		median := func(v []float64) float64 { v = slices.Clone(v); slices.Sort(v); return v[len(v)/2] }
		ratio := func(a, b []float64) float64 {
			r := make([]float64, len(a))
			for i := range a {
				r[i] = a[i] / b[i]
			}
			return median(r)
		}
		b.ReportMetric(median(impact)*1000, "impact-ms")
		b.ReportMetric(median(standing1)*1000, "summarize-ms/workers=1")
		b.ReportMetric(median(standing2)*1000, "summarize-ms/workers=2")
		b.ReportMetric(ratio(impact, standing1), "impact/standing1")
		b.ReportMetric(ratio(impact, standing2), "impact/standing2")
		if standing1CPU[0] > 0 {
			b.ReportMetric(median(impactCPU)*1000, "impact-cpu-ms")
			b.ReportMetric(ratio(impactCPU, standing1CPU), "impact/standing1-cpu")
		}
		b.ReportMetric(float64(allocated)/reps, "impact-alloc-bytes")
		b.ReportMetric(float64(got.differ), "differ")
		b.ReportMetric(float64(got.refused), "refused")
		b.ReportMetric(float64(peakRSS(b))/(1<<20), "peak-RSS-MiB")
	}
}
