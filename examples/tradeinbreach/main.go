// Command tradeinbreach follows trade-ins whose equipment does not come back
// in time. The seed says "You have three months from shipment of your new
// Juniper equipment to either return the trade-in equipment or a signed CoD"
// (TMIP-RETURN); "Failure to comply within this time period will result in
// repeated notifications that you are in breach of contract, and Juniper will
// be owed the TMIP credits" (TMIP-BREACH, here a notice every 30 days until
// a late return or certificate ends them, and a claw-back of the discount
// granted at order, for good); and "Authorized signers must
// hold the official title of vice president or above and must have legal
// signoff authority" (TMIP-SIGNER): a certificate signed by a director is no
// certificate. Every answer comes from policy.Engine.
//
//	go run ./examples/tradeinbreach
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/walkthrough"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tradeinbreach:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	good := tmip.Condition{Working: true, Network: tmip.Production, Channel: tmip.Authorized}
	// Three years of support from 2020-01-01 (1096 days worth 10960.00):
	// ordered on 2021-05-01 with 610 days left, the discount is 6100.00.
	contract := func(serial string) *tmip.Contract {
		return &tmip.Contract{Serial: serial, Start: date(2020, 1, 1), End: date(2023, 1, 1), Value: decimal.RequireFromString("10960.00")}
	}
	// Each ordered on 2021-05-01 and its new equipment shipped on
	// 2021-05-31: the return deadline is 2021-08-31.
	tradeIn := func(id, serial, product string) tmip.TradeIn {
		return tmip.TradeIn{ID: id, SKU: "MX240-PREMIUM2-AC", Serial: serial, Condition: good, NewProduct: product,
			Support: contract(serial), Ordered: tmip.At(date(2021, 5, 1)), NewEquipmentShipped: tmip.At(date(2021, 5, 31))}
	}
	never := tradeIn("TB-1", "JN2001", "MX204 order SO-4001")
	late := tradeIn("TB-2", "JN2002", "MX204 order SO-4002")
	late.Returned = tmip.At(date(2021, 9, 15))
	director := tradeIn("TB-3", "JN2003", "MX204 order SO-4003")
	director.Destruction = &tmip.Certificate{Signed: date(2021, 7, 1), SignerTitle: tmip.Director, LegalAuthority: true}
	noAuthority := tradeIn("TB-4", "JN2004", "MX204 order SO-4004")
	noAuthority.Destruction = &tmip.Certificate{Signed: date(2021, 7, 1), SignerTitle: tmip.VicePresident}
	vp := tradeIn("TB-5", "JN2005", "MX204 order SO-4005")
	vp.Destruction = &tmip.Certificate{Signed: date(2021, 7, 1), SignerTitle: tmip.VicePresident, LegalAuthority: true}
	// Shipped on 2021-11-30: three months on is the end of February.
	clamp := tradeIn("TB-6", "JN2006", "MX204 order SO-4006")
	clamp.Ordered, clamp.NewEquipmentShipped = tmip.At(date(2021, 9, 20)), tmip.At(date(2021, 11, 30))

	tradeIns := []tmip.TradeIn{never, late, director, noAuthority, vp, clamp}
	book, err := e.NewBook(tradeIns)
	if err != nil {
		return err
	}
	for _, t := range tradeIns {
		fmt.Fprintf(w, "trade-in %s: %s ordered %s, new equipment shipped %s", t.ID, t.SKU, day(t.Ordered.Time), day(t.NewEquipmentShipped.Time))
		if t.Returned.Valid {
			fmt.Fprintf(w, ", returned %s", day(t.Returned.Time))
		}
		if c := t.Destruction; c != nil {
			fmt.Fprintf(w, ", certificate signed %s by a %s (legal authority %t)", day(c.Signed), c.SignerTitle, c.LegalAuthority)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)

	a := walkthrough.Asker{W: w, Engine: e}
	comply := func(id string) policy.Request { return policy.TradeInCompliance{Book: book, ID: id} }
	fmt.Fprintln(w, "# TB-1: never returned")
	a.Ask(date(2021, 5, 1), "the discount granted when TB-1's order was placed", policy.TradeIn{Book: book, ID: "TB-1"})
	a.Ask(date(2021, 8, 31).Add(-time.Nanosecond), "is TB-1's return obligation met, one instant before the deadline", comply("TB-1"))
	a.Ask(date(2021, 8, 31), "is TB-1's return obligation met, at the deadline", comply("TB-1"))
	a.Ask(date(2021, 9, 29), "is TB-1's return obligation met, 29 days on", comply("TB-1"))
	a.Ask(date(2021, 9, 30), "is TB-1's return obligation met, 30 days on", comply("TB-1"))
	a.Ask(date(2021, 12, 1), "is TB-1's return obligation met, three months on", comply("TB-1"))

	fmt.Fprintln(w, "\n# TB-2: returned two weeks late")
	a.Ask(date(2021, 9, 10), "is TB-2's return obligation met before its late return", comply("TB-2"))
	a.Ask(date(2021, 9, 20), "is TB-2's return obligation met after its late return, which ends the notices", comply("TB-2"))

	fmt.Fprintln(w, "\n# TB-3, TB-4, TB-5: certificates of destruction instead of returns")
	a.Ask(date(2021, 6, 15), "is TB-3's return obligation met, before its certificate", comply("TB-3"))
	a.Ask(date(2021, 7, 2), "is TB-3's return obligation met, with a certificate signed by a director", comply("TB-3"))
	a.Ask(date(2021, 9, 1), "is TB-3's return obligation met, past the deadline", comply("TB-3"))
	a.Ask(date(2021, 9, 1), "is TB-4's return obligation met, its certificate signed by a vice president without legal authority", comply("TB-4"))
	a.Ask(date(2021, 9, 1), "is TB-5's return obligation met, its certificate signed by a vice president with legal authority", comply("TB-5"))

	fmt.Fprintln(w, "\n# TB-6: shipped on 2021-11-30, due back by the end of February")
	a.Ask(date(2022, 2, 28).Add(-time.Nanosecond), "is TB-6's return obligation met, one instant before the deadline", comply("TB-6"))
	a.Ask(date(2022, 2, 28), "is TB-6's return obligation met, at the deadline", comply("TB-6"))
	return a.Err
}

func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
