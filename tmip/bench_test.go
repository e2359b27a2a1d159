package tmip

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
)

// benchBook is a book of n trade-ins, a quarter of them refused, most with
// contracts and certificates, and instants spread over 2020 to 2022.
func benchBook(b *testing.B, n int) (Book, []string, []time.Time) {
	b.Helper()
	terms := DefaultTerms()
	terms.WindowEnd = Instant{}
	r := rand.New(rand.NewPCG(1, 2))
	tradeIns := make([]TradeIn, n)
	ids := make([]string, n)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return start.Add(time.Duration(d) * calendar.Day) }
	for i := range tradeIns {
		ti := eligible(b, fmt.Sprintf("T%d", i), fmt.Sprintf("P%d", i))
		ti.Condition.Damaged = i%4 == 0
		ti.Support.Value = dec(fmt.Sprintf("%d.%02d", r.IntN(100000), r.IntN(100)))
		ti.NewEquipmentShipped = At(day(r.IntN(900)))
		if i%3 == 0 {
			ti.Returned = At(ti.NewEquipmentShipped.Time.Add(time.Duration(r.IntN(150)) * calendar.Day))
		}
		if i%5 == 0 {
			ti.Destruction = &Certificate{Signed: ti.NewEquipmentShipped.Time.Add(40 * calendar.Day), SignerTitle: Title(1 + r.IntN(8)), LegalAuthority: true}
		}
		tradeIns[i], ids[i] = ti, ti.ID
	}
	book, err := MustNewProgram(DefaultCatalog(), terms).NewBook(tradeIns)
	if err != nil {
		b.Fatal(err)
	}
	ats := make([]time.Time, 1024)
	for i := range ats {
		ats[i] = start.Add(time.Duration(r.Int64N(int64(1200 * calendar.Day))))
	}
	return book, ids, ats
}

// BenchmarkAssess asks for the assessment of random trade-ins at random
// instants: a window check and, with a contract, integer arithmetic.
func BenchmarkAssess(b *testing.B) {
	book, ids, ats := benchBook(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = book.Assess(ids[i%len(ids)], ats[i%len(ats)])
	}
}

// BenchmarkCompliance asks whether the return obligation of random
// trade-ins is met at random instants.
func BenchmarkCompliance(b *testing.B) {
	book, ids, ats := benchBook(b, 1000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = book.Compliance(ids[i%len(ids)], ats[i%len(ats)])
	}
}

// BenchmarkNewBook is the one-off cost of checking a file's trade-ins.
func BenchmarkNewBook(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	tradeIns := make([]TradeIn, 1000)
	for i := range tradeIns {
		tradeIns[i] = eligible(b, fmt.Sprintf("T%d", i), fmt.Sprintf("P%d", r.IntN(500)))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := MustNewProgram(DefaultCatalog(), DefaultTerms()).NewBook(tradeIns); err != nil {
			b.Fatal(err)
		}
	}
}

// Issue 18 finding 3: 100,000 SKUs added to the catalog took seconds to
// check for repeats.
func BenchmarkAddSKUsOf100000(b *testing.B) {
	skus := make([]string, 100_000)
	for i := range skus {
		skus[i] = "SKU-" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := DefaultCatalog().AddSKUs(skus...)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
