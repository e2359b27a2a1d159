package credits

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/shopspring/decimal"
)

// benchHistory is a valid history of lots purchases, one a day (100,000
// lots span 274 years), 60 credits each, and callOffs call-offs of 5 credits spread between them; and
// the instant after it.
func benchHistory(lots, callOffs int) ([]Purchase, []CallOffRecord, time.Time) {
	ps := make([]Purchase, lots)
	for i := range ps {
		ps[i] = Purchase{ID: fmt.Sprintf("po-%d", i), At: base.Add(time.Duration(i) * calendar.Day), Order: local("60")}
	}
	cs := make([]CallOffRecord, callOffs)
	per := callOffs / lots
	five := dec("5")
	for i := range cs {
		lot, k := i/per, i%per
		at := base.Add(time.Duration(lot)*calendar.Day + time.Duration(k+1)*time.Hour)
		cs[i] = CallOffRecord{At: at, CallOff: CallOff{Credits: five, Engagement: fixed(Design)}}
	}
	return ps, cs, base.Add(time.Duration(lots) * calendar.Day)
}

func benchLedger(b *testing.B, lots, callOffs int) (Ledger, time.Time) {
	b.Helper()
	ps, cs, end := benchHistory(lots, callOffs)
	l, err := newLedger(DefaultTerms(), Account{ID: "bench", Kind: Professional}, ps, cs)
	if err != nil {
		b.Fatal(err)
	}
	return l, end
}

// eventSizes are the history sizes the ledger's benchmarks run at: a tenth
// purchases, the rest call-offs.
var eventSizes = []int{100, 10_000, 1_000_000}

// BenchmarkCallOff asks for a call-off at random instants over the history,
// one that is allowed (20 credits, usually available) and one refused (a
// million credits: no balance ever covers it, so the refusal's Until is a
// search to the end of the history). Both must cost O(log n): the growth
// exponent across sizes, log(t2/t1)/log(n2/n1), stays under 0.2.
func BenchmarkCallOff(b *testing.B) {
	for _, ask := range []struct {
		name    string
		credits int64
	}{{"allowed", 20}, {"refused", 1_000_000}} {
		for _, events := range eventSizes {
			b.Run(fmt.Sprintf("%s/events=%d", ask.name, events), func(b *testing.B) {
				l, end := benchLedger(b, events/10, events-events/10)
				r := rand.New(rand.NewPCG(1, 2))
				ats := make([]time.Time, 1024)
				for i := range ats {
					ats[i] = base.Add(time.Duration(r.Int64N(int64(end.Sub(base)))))
				}
				c := CallOff{Credits: decimal.NewFromInt(ask.credits), Engagement: fixed(Design)}
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					_, _ = asError(l.CheckCallOff(c, ats[i%len(ats)]))
				}
			})
		}
	}
}

// BenchmarkNewLedger is the one-off cost of checking and replaying history,
// reported per event too.
func BenchmarkNewLedger(b *testing.B) {
	program, _ := NewProgram(DefaultTerms())
	for _, events := range eventSizes {
		b.Run(fmt.Sprintf("events=%d", events), func(b *testing.B) {
			ps, cs, _ := benchHistory(events/10, events-events/10)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := program.NewLedger(Account{ID: "bench", Kind: Professional}, ps, cs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events), "ns/event")
		})
	}
}

// BenchmarkStatement asks for the statement of a random quarter as known
// at a random instant.
func BenchmarkStatement(b *testing.B) {
	for _, events := range eventSizes {
		b.Run(fmt.Sprintf("events=%d", events), func(b *testing.B) {
			l, end := benchLedger(b, events/10, events-events/10)
			r := rand.New(rand.NewPCG(3, 4))
			ats := make([]time.Time, 1024)
			for i := range ats {
				ats[i] = base.Add(time.Duration(r.Int64N(int64(end.Sub(base)))))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				at := ats[i%len(ats)]
				_, _ = l.Statement(QuarterOf(at), at)
			}
		})
	}
}

// BenchmarkNewProgramBlocks builds the blocks check at the caps' worst: the
// smallest block 10,000 and up to 100 blocks, none a sum of the others. It
// costs O(k·m), a few milliseconds at most; terms over the caps are refused
// before any table is built (TestBlocksOverTheCapAreRefusedNamingIt).
func BenchmarkNewProgramBlocks(b *testing.B) {
	for _, k := range []int{4, 10, 100} {
		b.Run(fmt.Sprintf("blocks=%d", k), func(b *testing.B) {
			terms := DefaultTerms()
			terms.Professional.Blocks = distinctBlocks(k, 10_000)
			terms.Flexible.Blocks = terms.Professional.Blocks
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := NewProgram(terms); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRecordedPurchasesUnderWideBlocks is the hostile file's history:
// 20,000 purchases under blocks [2, 10000], each checked when the ledger is
// built, under one program's table (it took 26 s when the table was rebuilt
// for every purchase).
func BenchmarkRecordedPurchasesUnderWideBlocks(b *testing.B) {
	terms := DefaultTerms()
	terms.Professional.Blocks = []decimal.Decimal{decimal.NewFromInt(2), decimal.NewFromInt(10_000)}
	program, err := NewProgram(terms)
	if err != nil {
		b.Fatal(err)
	}
	ps := make([]Purchase, 20_000)
	for i := range ps {
		ps[i] = Purchase{ID: fmt.Sprintf("po-%d", i), At: base.Add(time.Duration(i) * time.Hour), Order: local("10010")}
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := program.NewLedger(Account{ID: "wide", Kind: Professional}, ps, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallOffGrowth asks the same call-offs of ledgers of 100, 10k and
// 1M events in turn, 64 at a time, so that whatever else the machine runs
// weighs on every size alike, and reports each size's cost per call-off and
// the growth exponent from 100 to 1M events, log(t1M/t100)/log(10^4). The
// exponent must stay under 0.2 (O(log n) gives about 0.1 here).
func BenchmarkCallOffGrowth(b *testing.B) {
	for _, ask := range []struct {
		name    string
		credits int64
	}{{"allowed", 20}, {"refused", 1_000_000}, {"statement", 0}} {
		b.Run(ask.name, func(b *testing.B) {
			ledgers := make([]Ledger, len(eventSizes))
			ats := make([][]time.Time, len(eventSizes))
			for k, events := range eventSizes {
				var end time.Time
				ledgers[k], end = benchLedger(b, events/10, events-events/10)
				r := rand.New(rand.NewPCG(1, 2))
				ats[k] = make([]time.Time, 4096)
				for i := range ats[k] {
					ats[k][i] = base.Add(time.Duration(r.Int64N(int64(end.Sub(base)))))
				}
			}
			c := CallOff{Credits: decimal.NewFromInt(ask.credits), Engagement: fixed(Design)}
			spent := make([]time.Duration, len(eventSizes))
			const batch = 64
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k, l := range ledgers {
					start := time.Now()
					for j := range batch {
						at := ats[k][(i*batch+j)%len(ats[k])]
						if ask.credits == 0 {
							_, _ = l.Statement(QuarterOf(at), at)
						} else {
							_, _ = asError(l.CheckCallOff(c, at))
						}
					}
					spent[k] += time.Since(start)
				}
			}
			per := func(k int) float64 { return float64(spent[k].Nanoseconds()) / float64(b.N*batch) }
			for k, events := range eventSizes {
				b.ReportMetric(per(k), fmt.Sprintf("ns/q@%d", events))
			}
			last := len(eventSizes) - 1
			b.ReportMetric(math.Log(per(last)/per(0))/math.Log(float64(eventSizes[last])/float64(eventSizes[0])), "exponent")
		})
	}
}
