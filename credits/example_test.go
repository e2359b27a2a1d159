package credits_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// day is midnight UTC of a date: every instant of these examples is one.
func day(year int, month time.Month, d int) time.Time {
	return time.Date(year, month, d, 0, 0, 0, 0, time.UTC)
}

// program is the published program, for the examples.
var program, _ = credits.NewProgram(credits.DefaultTerms())

var design = credits.Engagement{
	Type: credits.Design, Pricing: credits.Fixed, DefinedScope: true,
	PurchaseOrder: true, StatementOfWork: true,
}

// The account of the services-credits sample: 25 credits bought in
// February, 5 called off in March.
func Example() {
	program, err := credits.NewProgram(credits.DefaultTerms())
	if err != nil {
		fmt.Println(err)
		return
	}
	ledger, err := program.NewLedger(credits.Account{ID: "psc-acme", Kind: credits.Professional},
		[]credits.Purchase{{ID: "po-1", At: day(2025, 2, 1),
			Order: credits.Order{Credits: decimal.NewFromInt(25), LocalEntity: true}}},
		[]credits.CallOffRecord{{At: day(2025, 3, 1),
			CallOff: credits.CallOff{Credits: decimal.NewFromInt(5), Engagement: design}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := day(2025, 4, 1)
	res, _ := ledger.CheckCallOff(credits.CallOff{Credits: decimal.RequireFromString("7.5"), Engagement: design}, at)
	fmt.Println(res.Err())
	res, _ = ledger.CheckCallOff(credits.CallOff{Credits: decimal.NewFromInt(8), Engagement: design}, at)
	fmt.Println(res.Err(), res.Rules.IDs(), "balance", res.Balance, "until", res.Until)

	q, _ := credits.ParseQuarter("2025-Q2")
	st, _ := ledger.Statement(q, day(2025, 7, 2))
	c := st.Closing
	fmt.Println(st.Quarter, "purchased", c.Purchased, "used", c.Used, "expired", c.Expired, "available", c.Available)
	// Output:
	// CRD-MIN-CALLOFF: call-off of 7.5 credits from account psc-acme: no partial credit spends, whole credits only
	// <nil> [CRD-VALIDITY] balance 12 until 2026-02-01 00:00:00 +0000 UTC
	// 2025-Q2 purchased 25 used 5 expired 0 available 20
}

func ExampleProgram_CheckPurchase() {
	at := day(2025, 1, 5)
	for _, o := range []credits.Order{
		{Credits: decimal.NewFromInt(37), LocalEntity: true},
		{Credits: decimal.NewFromInt(5), LocalEntity: true},
		{Credits: decimal.RequireFromString("37.5"), Discount: decimal.NewFromInt(2)},
	} {
		res, err := program.CheckPurchase(credits.Professional, o, at)
		if err == nil {
			err = res.Err() // a refusal
		}
		if err != nil {
			fmt.Println(err)
			continue
		}
		inv := res.Obligations.Slice()[0] // due on placing the order: no instant of its own
		fmt.Println(res.Rules.IDs(), res.Credits, inv.Kind, inv.Rule, inv.Subject, inv.Due.IsZero())
	}
	// Output:
	// [CRD-INVOICE] 37 invoice CRD-INVOICE professional true
	// CRD-MIN-ORDER: order of 5 professional credits: under the minimum order of 10
	// CRD-BLOCKS, CRD-NO-DISCOUNT, CRD-LOCAL: order of 37.5 professional credits: not a sum of blocks 1, 10, 25, 50; a discount of 2, and credits are not discountable; not placed through the local entity
}

// Terms are parameters: under blocks of 10, 25 and 50, 37 credits are no
// order but 35 are.
func ExampleTerms() {
	terms := credits.DefaultTerms()
	terms.Professional.Blocks = []decimal.Decimal{decimal.NewFromInt(10), decimal.NewFromInt(25), decimal.NewFromInt(50)}
	program, err := credits.NewProgram(terms)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range []int64{37, 35} {
		res, _ := program.CheckPurchase(credits.Professional,
			credits.Order{Credits: decimal.NewFromInt(n), LocalEntity: true}, day(2025, 1, 5))
		fmt.Println(n, errors.Is(res.Err(), rule.CrdBlocks))
	}
	// Output:
	// 37 true
	// 35 false
}

// A refused call-off still says when the answer changes and what was
// available; a flexible account's minimum is 10 on professional services.
func ExampleLedger_CheckCallOff() {
	ledger, _ := program.NewLedger(credits.Account{ID: "fsc-1", Kind: credits.Flexible},
		[]credits.Purchase{{ID: "po-7", At: day(2025, 1, 10),
			Order: credits.Order{Credits: decimal.NewFromInt(10), LocalEntity: true}}}, nil)
	for _, at := range []time.Time{day(2025, 1, 9), day(2025, 6, 1), day(2026, 1, 10)} {
		res, _ := ledger.CheckCallOff(credits.CallOff{Credits: decimal.NewFromInt(10), Engagement: design}, at)
		fmt.Println(at.Format(time.RFC3339), res.Rules.IDs(), "available", res.Available, "balance", res.Balance, "until", res.Until.Format(time.RFC3339Nano), !res.Allowed)
	}
	// Output:
	// 2025-01-09T00:00:00Z [CRD-VALIDITY CRD-FLEX] available 0 balance 0 until 2025-01-10T00:00:00Z true
	// 2025-06-01T00:00:00Z [CRD-VALIDITY CRD-FLEX] available 10 balance 0 until 2026-01-10T00:00:00Z false
	// 2026-01-10T00:00:00Z [CRD-VALIDITY CRD-FLEX] available 0 balance 0 until 0001-01-01T00:00:00Z true
}

// Balance lists the lots with credits left, oldest first, and when each lapses.
func ExampleLedger_Balance() {
	ledger, _ := program.NewLedger(credits.Account{ID: "psc-2", Kind: credits.Professional},
		[]credits.Purchase{
			{ID: "po-1", At: day(2025, 1, 31), Order: credits.Order{Credits: decimal.NewFromInt(10), LocalEntity: true}},
			{ID: "po-2", At: day(2025, 3, 15), Order: credits.Order{Credits: decimal.NewFromInt(25), LocalEntity: true}},
		},
		[]credits.CallOffRecord{{At: day(2025, 4, 1),
			CallOff: credits.CallOff{Credits: decimal.NewFromInt(12), Engagement: design}}})
	b, _ := ledger.Balance(day(2025, 5, 1))
	fmt.Println("available", b.Available, "used", b.Used)
	for _, l := range b.Lots {
		fmt.Println(l.Purchase, l.Remaining, "of", l.Credits, "ends", l.Ends.Format(time.DateOnly))
	}
	// Output:
	// available 23 used 12
	// po-2 23 of 25 ends 2026-03-15
}

// The statement's opening figures are the previous quarter's closing ones.
func ExampleLedger_Statement() {
	ledger, _ := program.NewLedger(credits.Account{ID: "psc-3", Kind: credits.Professional},
		[]credits.Purchase{{ID: "po-1", At: day(2025, 2, 1),
			Order: credits.Order{Credits: decimal.NewFromInt(25), LocalEntity: true}}},
		[]credits.CallOffRecord{{At: day(2025, 11, 1),
			CallOff: credits.CallOff{Credits: decimal.NewFromInt(20), Engagement: design}}})
	q, _ := credits.ParseQuarter("2025-Q4")
	for range 2 {
		st, _ := ledger.Statement(q, day(2027, 1, 1))
		fmt.Printf("%s opening %v moved %v closing %v\n", q, figures(st.Opening), figures(st.Movements), figures(st.Closing))
		q = q.Next()
	}
	// Output:
	// 2025-Q4 opening [25 0 0 25] moved [0 20 0 -20] closing [25 20 0 5]
	// 2026-Q1 opening [25 20 0 5] moved [0 0 5 -5] closing [25 20 5 0]
}

func figures(f credits.Figures) []decimal.Decimal {
	return []decimal.Decimal{f.Purchased, f.Used, f.Expired, f.Available}
}

// A history that broke a rule when it happened is refused, naming the entry.
func ExampleProgram_NewLedger() {
	_, err := program.NewLedger(credits.Account{ID: "psc-4", Kind: credits.Professional},
		[]credits.Purchase{{ID: "po-1", At: day(2025, 2, 1),
			Order: credits.Order{Credits: decimal.NewFromInt(10), LocalEntity: true}}},
		[]credits.CallOffRecord{{At: day(2026, 2, 1),
			CallOff: credits.CallOff{Credits: decimal.NewFromInt(5), Engagement: design}}})
	fmt.Println(err)
	var h *credits.HistoryError
	if errors.As(err, &h) {
		fmt.Println(h.Entry, h.Index, h.At.Format(time.DateOnly), errors.Is(err, rule.CrdValidity))
	}
	// Output:
	// CRD-VALIDITY: account psc-4 callOffs[0] of 5 credits at 2026-02-01T00:00:00Z: only 0 unexpired credits are available
	// callOffs 0 2026-02-01 true
}
