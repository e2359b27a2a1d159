// Command creditsyear follows a year of Professional Services Credits. The
// seed says credits, "purchased via purchase order, are available in blocks
// of 1, 10, 25, and 50" (CRD-BLOCKS); "The minimum order is 10 Professional
// Services Credits" (CRD-MIN-ORDER); "Credits are not discountable"
// (CRD-NO-DISCOUNT); "Credits must be ordered via the local entity"
// (CRD-LOCAL); "Credits are invoiced 100% at time of purchase" (CRD-INVOICE);
// they "can be used to prepay firm, fixed-price, fixed-scope engagements with
// defined deliverables. Credits may not be used for duration-based contracts
// with no predefined scope" (CRD-SCOPE); "each service engagement requires a
// purchase order applied against your Professional Services Credit balance,
// accompanied by a Juniper statement of work" (CRD-CALLOFF-PO); "Minimum
// call-off (use of credits) is equal to 5 credits; no partial credit spends
// are permitted" (CRD-MIN-CALLOFF); services "must be delivered within 12
// months of purchase" (CRD-VALIDITY); and "You will receive quarterly
// statements that report your current credit balance" (CRD-STATEMENT).
// Every answer comes from policy.Engine; a check sees the history dated at
// or before its instant, so a recorded call-off is asked about the instant
// before it happened.
//
//	go run ./examples/creditsyear
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/examples/internal/walkthrough"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "creditsyear:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	n := decimal.RequireFromString
	order := func(c string) credits.Order { return credits.Order{Credits: n(c), LocalEntity: true} }
	engagement := func(t credits.EngagementType) credits.Engagement {
		return credits.Engagement{Type: t, Pricing: credits.Fixed, DefinedScope: true, PurchaseOrder: true, StatementOfWork: true}
	}
	// The account's year as it happened: three purchases and three
	// call-offs, each allowed when it was made. The first lot, bought on
	// 2024-11-20, still holds 7 credits when it lapses on 2025-11-20.
	purchases := []credits.Purchase{
		{ID: "PO-7001", At: date(2024, 11, 20), Order: order("25")},
		{ID: "PO-7002", At: date(2025, 2, 3), Order: order("50")},
		{ID: "PO-7003", At: date(2025, 8, 11), Order: order("10")},
	}
	callOffs := []credits.CallOffRecord{
		{At: date(2025, 3, 10), CallOff: credits.CallOff{Credits: n("8"), Engagement: engagement(credits.Assessment)}},
		{At: date(2025, 5, 20), CallOff: credits.CallOff{Credits: n("10"), Engagement: engagement(credits.Design)}},
		{At: date(2025, 12, 1), CallOff: credits.CallOff{Credits: n("40"), Engagement: engagement(credits.Migration)}},
	}
	program, err := credits.NewProgram(e.Terms().Credits)
	if err != nil {
		return err
	}
	ledger, err := program.NewLedger(credits.Account{ID: "acme-ps", Kind: credits.Professional}, purchases, callOffs)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "account acme-ps, Professional Services Credits")
	for _, p := range purchases {
		fmt.Fprintf(w, "  purchase %s %s: %s credits\n", p.ID, walkthrough.Stamp(p.At), p.Credits)
	}
	for _, c := range callOffs {
		fmt.Fprintf(w, "  call-off %s: %s credits, %s\n", walkthrough.Stamp(c.At), c.Credits, c.Engagement.Type)
	}
	fmt.Fprintln(w)

	a := walkthrough.Asker{W: w, Engine: e}
	purchase := func(o credits.Order) policy.Request {
		return policy.PurchaseCredits{Kind: credits.Professional, Order: o}
	}
	fmt.Fprintln(w, "# purchases")
	a.Ask(date(2024, 11, 20), "order 25 credits through the local entity", purchase(order("25")))
	a.Ask(date(2025, 2, 3), "order 50 credits through the local entity", purchase(order("50")))
	a.Ask(date(2025, 1, 10), "order 5 credits", purchase(order("5")))
	a.Ask(date(2025, 1, 10), "order 37 credits (25+10+1+1)", purchase(order("37")))
	a.Ask(date(2025, 1, 10), "order 12.5 credits", purchase(order("12.5")))
	a.Ask(date(2025, 1, 10), "order 50 credits at a 10% discount",
		purchase(credits.Order{Credits: n("50"), Discount: n("0.10"), LocalEntity: true}))
	a.Ask(date(2025, 1, 10), "order 50 credits through the headquarters, not the local entity",
		purchase(credits.Order{Credits: n("50")}))

	callOff := func(c string, g credits.Engagement) policy.Request {
		return policy.CallOff{Ledger: ledger, CallOff: credits.CallOff{Credits: n(c), Engagement: g}}
	}
	fmt.Fprintln(w, "\n# call-offs")
	before := func(t time.Time) time.Time { return t.Add(-time.Nanosecond) }
	a.Ask(before(date(2025, 3, 10)), "call off 8 credits for an assessment, the instant before it was recorded", callOff("8", engagement(credits.Assessment)))
	a.Ask(date(2025, 4, 1), "call off 7.5 credits for a design, a partial credit", callOff("7.5", engagement(credits.Design)))
	a.Ask(date(2025, 4, 1), "call off 4 credits for a design", callOff("4", engagement(credits.Design)))
	timeAndMaterials := engagement(credits.Deployment)
	timeAndMaterials.Pricing, timeAndMaterials.DefinedScope = credits.Duration, false
	a.Ask(date(2025, 4, 1), "call off 20 credits for three months of a resident engineer, no predefined scope",
		callOff("20", timeAndMaterials))
	noPaper := engagement(credits.Deployment)
	noPaper.PurchaseOrder, noPaper.StatementOfWork = false, false
	a.Ask(date(2025, 4, 1), "call off 20 credits for a deployment without purchase order or statement of work",
		callOff("20", noPaper))
	a.Ask(before(date(2025, 5, 20)), "call off 10 credits for a design, the instant before it was recorded", callOff("10", engagement(credits.Design)))

	fmt.Fprintln(w, "\n# the first lot lapses on 2025-11-20 with 7 credits left")
	a.Ask(date(2025, 11, 20).Add(-time.Nanosecond), "call off all 67 credits at the first lot's last instant",
		callOff("67", engagement(credits.Deployment)))
	a.Ask(date(2025, 11, 20), "call off 67 credits when the first lot has lapsed", callOff("67", engagement(credits.Deployment)))
	a.Ask(before(date(2025, 12, 1)), "call off 40 credits for a migration, the instant before it was recorded", callOff("40", engagement(credits.Migration)))
	a.Ask(date(2025, 12, 1), "call off 40 more credits as the migration's 40 are recorded", callOff("40", engagement(credits.Migration)))

	fmt.Fprintln(w, "\n# quarterly statements")
	for _, s := range []string{"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"} {
		q, err := credits.ParseQuarter(s)
		if err != nil {
			return err
		}
		a.Ask(date(2026, 1, 15), "statement of "+s, policy.CreditStatement{Ledger: ledger, Quarter: q})
	}
	q4, err := credits.ParseQuarter("2025-Q4")
	if err != nil {
		return err
	}
	a.Ask(date(2025, 11, 1), "statement of 2025-Q4 asked on 2025-11-01, as of then", policy.CreditStatement{Ledger: ledger, Quarter: q4})
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
