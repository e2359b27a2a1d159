package license_test

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/license"
	"pgregory.net/rapid"
)

// fleetPlatforms are the platforms generated fleets are spread over.
var fleetPlatforms = []string{"MX", "QFX", "PTX", "EX", "vMX", "vSRX"}

// genFleet builds n licenses with a fixed seed: every kind and tier, starts
// from 2021 to mid-2026, one-, three- and five-year initial subscriptions
// and renewals, trials of 30 to 90 days, so that at 2026-01-01 every state
// occurs.
func genFleet(n int, seed uint64) []license.License {
	cat, terms := license.DefaultCatalog(), license.DefaultTerms()
	r := rand.New(rand.NewPCG(seed, 1))
	features := []string{"bgp", "ospf", "isis", "mpls", "evpn-vxlan"}
	devices := make([]license.Device, len(fleetPlatforms))
	for i, p := range fleetPlatforms {
		devices[i] = mustDevice("dev-"+p, p)
	}
	base := date(2021, 1, 1)
	out := make([]license.License, 0, n)
	for i := range n {
		p := r.IntN(len(fleetPlatforms))
		s := license.Spec{
			ID: fmt.Sprintf("L%d", i), Kind: license.Kind(1 + r.IntN(3)), Tier: license.Tier(1 + r.IntN(3)),
			Platform: fleetPlatforms[p], Device: devices[p],
			Features: features[:1+r.IntN(len(features))],
			Start:    base.Add(time.Duration(r.IntN((5*365+180)*24)) * time.Hour),
		}
		switch s.Kind {
		case license.Subscription:
			s.TermYears = []int{1, 3, 5}[r.IntN(3)]
			s.Renewal = r.IntN(4) == 0
		case license.Trial:
			s.End = s.Start.AddDate(0, 0, 30+r.IntN(61))
		}
		l, err := license.MustNewProgram(cat, terms).NewLicense(s)
		if err != nil {
			panic(err)
		}
		out = append(out, l)
	}
	return out
}

// countFleet counts the standings of ls at at one by one, as a caller of
// Fleet would: the summary FleetIndex.Summarize must give.
func countFleet(ls iter.Seq[license.License], at time.Time) license.FleetSummary {
	sum := license.FleetSummary{ByPlatform: map[string]license.Counts{}, ByTier: map[license.Tier]license.Counts{}}
	count := func(c *license.Counts, st license.State) {
		switch st {
		case license.NotStarted:
			c.NotStarted++
		case license.Active:
			c.Active++
		case license.InGrace:
			c.InGrace++
		case license.InWarning:
			c.InWarning++
		case license.Expired:
			c.Expired++
		default:
			c.Invalid++
		}
	}
	for s := range license.Fleet(ls, at, 1) {
		count(&sum.Counts, s.State)
		if !s.License.IsValid() {
			continue
		}
		p, tier := sum.ByPlatform[s.License.Platform()], sum.ByTier[s.License.Tier()]
		count(&p, s.State)
		count(&tier, s.State)
		sum.ByPlatform[s.License.Platform()], sum.ByTier[s.License.Tier()] = p, tier
	}
	return sum
}

// summary is FleetIndex.Summarize of ls at at.
func summary(t testing.TB, ls iter.Seq[license.License], at time.Time, workers int) license.FleetSummary {
	x, err := license.NewFleetIndex(ls)
	if err != nil {
		t.Fatal(err)
	}
	return x.Summarize(at, workers)
}

var fleetAt = date(2026, 1, 1)

// TestFleetStreamsEveryStandingInInputOrder: whatever the fleet's size
// (across batch boundaries) and the number of workers, Fleet yields one
// standing per license, in input order, equal to that license's StandingAt;
// the zero License stands invalid.
func TestFleetStreamsEveryStandingInInputOrder(t *testing.T) {
	pool := genFleet(64, 7)
	rapid.Check(t, func(t *rapid.T) {
		ls, at, workers := drawFleet(t, pool, 3000)
		i := 0
		for s := range license.Fleet(slices.Values(ls), at, workers) {
			if s.Index != i || s.License != ls[i] {
				t.Fatalf("result %d: index %d, license %s; want %d, %s", i, s.Index, s.License.ID(), i, ls[i].ID())
			}
			want := ls[i].StandingAt(at)
			if s.State != want.State || s.Allowed != want.Allowed || !slices.Equal(s.Rules.IDs(), want.Rules.IDs()) ||
				!s.Until.Equal(want.Until) || s.Reason != want.Reason || s.Subject != want.Subject ||
				!cmp.Equal(s.Obligations.Slice(), want.Obligations.Slice()) {
				t.Fatalf("license %d at %v: fleet says %+v, StandingAt %+v", i, at, s.Standing, want)
			}
			i++
		}
		if i != len(ls) {
			t.Fatalf("%d standings for %d licenses", i, len(ls))
		}
	})
}

// TestFleetStopsWhenTheCallerStops: breaking out of the stream stops
// reading the input within the batches in flight and leaves no goroutine
// running.
func TestFleetStopsWhenTheCallerStops(t *testing.T) {
	pool := genFleet(16, 3)
	before := runtime.NumGoroutine()
	read := 0
	endless := func(yield func(license.License) bool) {
		for i := 0; ; i++ {
			read++
			if !yield(pool[i%len(pool)]) {
				return
			}
		}
	}
	got := 0
	for s := range license.Fleet(endless, fleetAt, 2) {
		if s.Index != got {
			t.Fatalf("index %d, want %d", s.Index, got)
		}
		if got++; got == 5000 {
			break
		}
	}
	if limit := 5000 + 6*1024; read > limit {
		t.Errorf("read %d licenses to yield 5000; want at most %d", read, limit)
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Errorf("%d goroutines after the fleet stopped, %d before", runtime.NumGoroutine(), before)
}

// TestFleetMemoryDoesNotGrowWithTheFleet: evaluating ten times more
// licenses allocates no more: the batches in flight are all the memory a
// fleet run takes.
func TestFleetMemoryDoesNotGrowWithTheFleet(t *testing.T) {
	fleet := genFleet(100_000, 5)
	measure := func(n int) (allocs, bytes uint64) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		usable := 0
		for s := range license.Fleet(slices.Values(fleet[:n]), fleetAt, 2) {
			if s.Allowed {
				usable++
			}
		}
		runtime.ReadMemStats(&after)
		return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
	}
	measure(1000) // warm up
	smallAllocs, smallBytes := measure(10_000)
	bigAllocs, bigBytes := measure(100_000)
	t.Logf("10,000 licenses: %d allocs, %d B; 100,000: %d allocs, %d B", smallAllocs, smallBytes, bigAllocs, bigBytes)
	if bigAllocs > smallAllocs+50 || bigBytes > smallBytes+64<<10 {
		t.Errorf("memory grows with the fleet: 10,000 licenses %d allocs %d B; 100,000 licenses %d allocs %d B",
			smallAllocs, smallBytes, bigAllocs, bigBytes)
	}
}

// TestSummarizeCountsEveryLicenseOnce: the summary's counts add up to the
// fleet, by state, by platform and by tier, as counted one by one.
func TestSummarizeCountsEveryLicenseOnce(t *testing.T) {
	fleet := genFleet(5000, 11)
	sum := summary(t, slices.Values(fleet), fleetAt, 0)
	if stream := countFleet(slices.Values(fleet), fleetAt); !cmp.Equal(stream, sum) {
		t.Errorf("counted from Fleet %+v, Summarize %+v", stream, sum)
	}
	var want license.Counts
	byPlatform := map[string]int{}
	byTierUsable := map[license.Tier]int{}
	for i := range fleet {
		st := fleet[i].StandingAt(fleetAt).State
		switch st {
		case license.NotStarted:
			want.NotStarted++
		case license.Active:
			want.Active++
		case license.InGrace:
			want.InGrace++
		case license.InWarning:
			want.InWarning++
		case license.Expired:
			want.Expired++
		}
		byPlatform[fleet[i].Platform()]++
		if st.Usable() {
			byTierUsable[fleet[i].Tier()]++
		}
	}
	if sum.Counts != want {
		t.Errorf("counts %+v, want %+v", sum.Counts, want)
	}
	for _, c := range []int{want.NotStarted, want.Active, want.InGrace, want.InWarning, want.Expired} {
		if c == 0 {
			t.Errorf("generated fleet misses a state: %+v", want)
		}
	}
	if !slices.Equal(sum.Platforms(), slices.Sorted(slices.Values(fleetPlatforms))) {
		t.Errorf("platforms %v", sum.Platforms())
	}
	for p, n := range byPlatform {
		if sum.ByPlatform[p].Total() != n {
			t.Errorf("platform %s: %d licenses counted, want %d", p, sum.ByPlatform[p].Total(), n)
		}
	}
	for tier, n := range byTierUsable {
		if sum.ByTier[tier].Usable() != n {
			t.Errorf("tier %s: %d usable, want %d", tier, sum.ByTier[tier].Usable(), n)
		}
	}
}

func TestSummarizeCountsTheZeroLicenseAsInvalid(t *testing.T) {
	invalid := slices.Values([]license.License{{}, {}})
	for _, sum := range []license.FleetSummary{summary(t, invalid, fleetAt, 1), summary(t, invalid, fleetAt, 2), countFleet(invalid, fleetAt)} {
		if sum.Invalid != 2 || sum.Total() != 2 || len(sum.ByPlatform) != 0 || len(sum.ByTier) != 0 {
			t.Errorf("summary of two invalid licenses: %+v", sum)
		}
	}
}

func ExampleFleet() {
	cat, terms := license.DefaultCatalog(), license.DefaultTerms()
	mx, _ := license.MustNewProgram(cat, license.DefaultTerms()).NewDevice("mx-1", "MX", "")
	sub := license.MustNewProgram(cat, terms).MustNewLicense(license.Spec{ID: "sub-1y", Kind: license.Subscription, Tier: license.Advanced,
		Platform: "MX", Device: mx, Features: []string{"bgp"}, Start: date(2025, 1, 1), TermYears: 1})
	trial := license.MustNewProgram(cat, terms).MustNewLicense(license.Spec{ID: "trial", Kind: license.Trial, Tier: license.Standard,
		Platform: "MX", Device: mx, Features: []string{"bgp"}, Start: date(2025, 12, 1), End: date(2026, 1, 15)})
	fleet := []license.License{sub, trial}

	at := date(2026, 1, 10)
	for s := range license.Fleet(slices.Values(fleet), at, 0) {
		fmt.Println(s.Index, s.License.ID(), s.State, s.Rules.IDs())
	}
	x, err := license.NewFleetIndex(slices.Values(fleet))
	if err != nil {
		panic(err)
	}
	sum := x.Summarize(at, 0)
	fmt.Println("in grace:", sum.InGrace, "in warning:", sum.InWarning, "on MX:", sum.ByPlatform["MX"].Total())
	// Output:
	// 0 sub-1y in-grace [ENT-GRACE LIC-SUB-TERM]
	// 1 trial in-warning [LIC-TRIAL-WARN]
	// in grace: 1 in warning: 1 on MX: 2
}

var (
	benchFleetOnce sync.Once
	benchFleet     []license.License
)

// genBenchFleet builds the benchmarks' million licenses once, and collects
// the garbage of building them so the first run does not pay for it.
func genBenchFleet() {
	benchFleet = genFleet(1_000_000, 42)
	runtime.GC()
}

// BenchmarkFleetStanding streams the standing of every license of a
// generated fleet at one instant over all cores; ns/license states the cost
// per license, which stays flat from 100,000 to 1,000,000 licenses when the
// fleet scales linearly.
func BenchmarkFleetStanding(b *testing.B) {
	benchFleetOnce.Do(genBenchFleet)
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("licenses=%d", n), func(b *testing.B) {
			fleet := benchFleet[:n]
			b.ReportAllocs()
			usable := 0
			for b.Loop() {
				for s := range license.Fleet(slices.Values(fleet), fleetAt, 0) {
					if s.Allowed {
						usable++
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/license")
			sinkAllowed = usable
		})
	}
}

// drawFleet draws up to most licenses from pool, some of them the zero
// License, an instant in 2021-2027 and a number of workers, -1 (all cores)
// to 4.
func drawFleet(t *rapid.T, pool []license.License, most int) ([]license.License, time.Time, int) {
	n := rapid.IntRange(0, most).Draw(t, "n")
	workers := rapid.IntRange(-1, 4).Draw(t, "workers")
	at := date(2021, 1, 1).Add(time.Duration(rapid.IntRange(0, 7*365).Draw(t, "day")) * 24 * time.Hour)
	ls := make([]license.License, n)
	for i := range ls {
		if k := rapid.IntRange(-1, len(pool)-1).Draw(t, "license"); k >= 0 {
			ls[i] = pool[k]
		}
	}
	return ls, at, workers
}
