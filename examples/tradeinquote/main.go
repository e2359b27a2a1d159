// Command tradeinquote follows trade-ins under the Technology Migration
// Incentive Program from quote to return. The seed says TMIP allows "you to
// swap previously purchased equipment for discount credits on new equipment"
// (TMIP-SWAP) for "MX Series 5G Universal Routing Platforms with the SKUs
// identified" (TMIP-ELIGIBLE); "The validation period is scheduled to end in
// the third calendar quarter of 2021" (TMIP-WINDOW); "Returned equipment must
// be in working condition from a production or lab network. No damaged
// equipment is eligible ... No gray market equipment is allowed"
// (TMIP-CONDITION); "If there is any remaining value left on the existing
// Juniper support contract ... discount credits can be applied to the new
// Juniper equipment purchased" (TMIP-SUPPORT), "At the time new equipment is
// ordered. The discount is listed in the quote" (TMIP-AT-ORDER); "You have
// three months from shipment of your new Juniper equipment to either return
// the trade-in equipment or a signed CoD" (TMIP-RETURN); "you will not
// receive additional credit beyond a '1 return for 1 product' order"
// (TMIP-ONE-FOR-ONE); and a partner's discount is meant for the end customer
// (TMIP-PASS-ON). Once ordered, a trade-in is judged as of its order, for
// good; until then it is quoted on an order placed at the instant asked.
// Every answer comes from policy.Engine.
//
//	go run ./examples/tradeinquote
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
		fmt.Fprintln(os.Stderr, "tradeinquote:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		return err
	}
	good := tmip.Condition{Working: true, Network: tmip.Production, Channel: tmip.Authorized}
	tradeIns := []tmip.TradeIn{
		// An MX480 with two years of support bought on 2020-07-01 (730 days
		// worth 7300.00), traded toward an MX10008 ordered on 2021-03-15,
		// shipped 2021-04-01, returned 2021-06-10.
		{ID: "TI-1", SKU: "MX480-PREMIUM2-AC", Serial: "JN11A4F2", Condition: good, NewProduct: "MX10008 order SO-3001",
			Support: &tmip.Contract{Serial: "JN11A4F2", Start: date(2020, 7, 1), End: date(2022, 7, 1), Value: decimal.RequireFromString("7300.00")},
			Ordered: tmip.At(date(2021, 3, 15)), NewEquipmentShipped: tmip.At(date(2021, 4, 1)), Returned: tmip.At(date(2021, 6, 10))},
		// A partner's full-bandwidth Flex MPC7E from a lab, without a support
		// contract, destroyed with a certificate signed by a vice president
		// with legal sign-off authority.
		{ID: "TI-2", Partner: true, SKU: "MPC7E-MRATE-FLEX", Serial: "CAFX2217", NewProduct: "MX304 order SO-3002",
			Condition: tmip.Condition{Working: true, Network: tmip.Lab, Channel: tmip.Direct},
			Ordered:   tmip.At(date(2021, 5, 3)), NewEquipmentShipped: tmip.At(date(2021, 5, 31)),
			Destruction: &tmip.Certificate{Signed: date(2021, 7, 15), SignerTitle: tmip.VicePresident, LegalAuthority: true}},
		// A second return toward the MX10008 of TI-1.
		{ID: "TI-3", SKU: "MX480-PREMIUM2-AC", Serial: "JN11A4F9", Condition: good, NewProduct: "MX10008 order SO-3001"},
		// Damaged, from no production or lab network, off the gray market.
		{ID: "TI-4", SKU: "MX960-PREMIUM2-AC", Serial: "JN12B001", NewProduct: "MX10008 order SO-3003",
			Condition: tmip.Condition{Working: false, Network: tmip.OtherNetwork, Damaged: true, Channel: tmip.Gray}},
		// A switch, not an MX SKU, on an order with another promotion.
		{ID: "TI-5", SKU: "EX4300-48T", Serial: "PE3714", Condition: good, NewProduct: "MX204 order SO-3004", OtherPromotion: true},
		// An MX960 quoted but not ordered before the window closes.
		{ID: "TI-6", SKU: "MX960-PREMIUM2-AC", Serial: "JN12B077", Condition: good, NewProduct: "MX304 order SO-3005"},
	}
	book, err := e.NewBook(tradeIns)
	if err != nil {
		return err
	}
	for _, t := range tradeIns {
		fmt.Fprintf(w, "trade-in %s: %s %s toward %s\n", t.ID, t.SKU, t.Serial, t.NewProduct)
	}
	fmt.Fprintln(w)

	a := walkthrough.Asker{W: w, Engine: e}
	quote := func(id string) policy.Request { return policy.TradeIn{Book: book, ID: id} }
	comply := func(id string) policy.Request { return policy.TradeInCompliance{Book: book, ID: id} }

	fmt.Fprintln(w, "# TI-1: quoted, ordered, shipped, returned")
	a.Ask(date(2021, 3, 1), "quote TI-1 on an order placed now", quote("TI-1"))
	a.Ask(date(2021, 3, 14), "quote TI-1 the day before its order", quote("TI-1"))
	a.Ask(date(2021, 3, 15), "order with TI-1: the discount listed in the quote", quote("TI-1"))
	a.Ask(date(2021, 9, 30), "TI-1 on the last day of the window, judged at its order", quote("TI-1"))
	a.Ask(date(2021, 10, 1), "TI-1 once the window has closed, still judged at its order", quote("TI-1"))
	a.Ask(date(2021, 4, 15), "is TI-1's return obligation met, before its return", comply("TI-1"))
	a.Ask(date(2021, 6, 10), "is TI-1's return obligation met, at the instant it is returned", comply("TI-1"))
	a.Ask(date(2021, 6, 11), "is TI-1's return obligation met, the day after its return", comply("TI-1"))
	if a.Err == nil {
		nfr, err := tmip.MarkNotForRenewal([]string{"JN11A4F2"}, date(2021, 6, 10))
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "TI-1's contract no longer needed: mark %v not for renewal from %s (TMIP-NOT-RENEW)\n",
			nfr.Serials, walkthrough.Stamp(nfr.Termination))
	}

	fmt.Fprintln(w, "\n# TI-2: a partner's trade-in, destroyed instead of returned")
	a.Ask(date(2021, 5, 3), "order with TI-2", quote("TI-2"))
	a.Ask(date(2021, 7, 1), "is TI-2's return obligation met, before the certificate", comply("TI-2"))
	a.Ask(date(2021, 7, 16), "is TI-2's return obligation met, after the certificate", comply("TI-2"))

	fmt.Fprintln(w, "\n# trade-ins that earn nothing")
	a.Ask(date(2021, 3, 15), "order with TI-3, a second return toward SO-3001", quote("TI-3"))
	a.Ask(date(2021, 3, 15), "order with TI-4, damaged gray-market equipment", quote("TI-4"))
	a.Ask(date(2021, 3, 15), "order with TI-5, a switch, with another promotion", quote("TI-5"))
	a.Ask(date(2021, 11, 1), "order with TI-5 after the window", quote("TI-5"))

	fmt.Fprintln(w, "\n# TI-6: quoted, not ordered, as the window closes")
	a.Ask(date(2021, 9, 30), "quote TI-6 on the last day of the window", quote("TI-6"))
	a.Ask(date(2021, 10, 1), "quote TI-6 once the window has closed", quote("TI-6"))
	return a.Err
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
