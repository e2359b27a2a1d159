package credits

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/shopspring/decimal"
)

// benchHistory is a valid history of lots purchases, one every 10 days, 60
// credits each, and callOffs call-offs of 5 credits spread between them; and
// the instant after it.
func benchHistory(lots, callOffs int) ([]Purchase, []CallOffRecord, time.Time) {
	ps := make([]Purchase, lots)
	for i := range ps {
		ps[i] = Purchase{ID: fmt.Sprintf("po-%d", i), At: base.Add(time.Duration(i*10) * calendar.Day), Order: local("60")}
	}
	cs := make([]CallOffRecord, callOffs)
	per := callOffs / lots
	five := dec("5")
	for i := range cs {
		lot, k := i/per, i%per
		at := base.Add(time.Duration(lot*10)*calendar.Day + time.Duration(k+1)*time.Hour)
		cs[i] = CallOffRecord{At: at, CallOff: CallOff{Credits: five, Engagement: fixed(Design)}}
	}
	return ps, cs, base.Add(time.Duration(lots*10) * calendar.Day)
}

func benchLedger(b *testing.B, lots, callOffs int) (*Ledger, time.Time) {
	b.Helper()
	ps, cs, end := benchHistory(lots, callOffs)
	l, err := newLedger(DefaultTerms(), Account{ID: "bench", Kind: Professional}, ps, cs)
	if err != nil {
		b.Fatal(err)
	}
	return l, end
}

// BenchmarkCallOff asks for a call-off at random instants over the history;
// the cost per query must not grow with it faster than linearly (it grows
// with its logarithm).
func BenchmarkCallOff(b *testing.B) {
	for _, size := range []struct{ lots, callOffs int }{{100, 1000}, {1000, 10000}} {
		b.Run(fmt.Sprintf("lots=%d/callOffs=%d", size.lots, size.callOffs), func(b *testing.B) {
			l, end := benchLedger(b, size.lots, size.callOffs)
			r := rand.New(rand.NewPCG(1, 2))
			ats := make([]time.Time, 1024)
			for i := range ats {
				ats[i] = base.Add(time.Duration(r.Int64N(int64(end.Sub(base)))))
			}
			c := CallOff{Credits: decimal.NewFromInt(20), Engagement: fixed(Design)}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, _ = l.CheckCallOff(c, ats[i%len(ats)])
			}
		})
	}
}

// BenchmarkNewLedger is the one-off cost of checking and replaying history.
func BenchmarkNewLedger(b *testing.B) {
	for _, size := range []struct{ lots, callOffs int }{{100, 1000}, {1000, 10000}} {
		b.Run(fmt.Sprintf("lots=%d/callOffs=%d", size.lots, size.callOffs), func(b *testing.B) {
			ps, cs, _ := benchHistory(size.lots, size.callOffs)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := newLedger(DefaultTerms(), Account{ID: "bench", Kind: Professional}, ps, cs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStatement asks for the statement of a random quarter.
func BenchmarkStatement(b *testing.B) {
	l, end := benchLedger(b, 1000, 10000)
	q := calendar.QuarterOf(base.AddDate(5, 0, 0))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = l.Statement(q, end)
	}
}
