package tmip_test

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// An MX960 traded in toward an MX10008 ordered on 2021-07-01, with a
// two-year support contract worth 1000.00 half used, and a second MX960
// toward the same product.
func Example() {
	working := tmip.Condition{Working: true, Network: tmip.Production, Channel: tmip.Authorized}
	book, err := tmip.MustNewProgram(tmip.DefaultCatalog(), tmip.DefaultTerms()).NewBook([]tmip.TradeIn{
		{
			ID: "T1", SKU: "MX960-PREMIUM2-AC", Serial: "JN11", Condition: working, NewProduct: "MX10008",
			Support: &tmip.Contract{Serial: "JN11", Start: date("2020-07-01T00:00:00Z"),
				End: date("2022-07-01T00:00:00Z"), Value: decimal.RequireFromString("1000.00")},
			Ordered:             tmip.At(date("2021-07-01T00:00:00Z")),
			NewEquipmentShipped: tmip.At(date("2021-07-15T00:00:00Z")),
		},
		{ID: "T2", SKU: "MX960-PREMIUM2-AC", Serial: "JN12", Condition: working, NewProduct: "MX10008"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := book.Assess("T1", date("2021-07-01T00:00:00Z"))
	fmt.Println(a.Allowed, a.Rules.IDs(), "discount", a.Discount.StringFixed(2), "return by", a.Deadline.Format(time.DateOnly))
	a, _ = book.Assess("T2", date("2021-07-01T00:00:00Z"))
	fmt.Println(a.Err())
	c, _ := book.Compliance("T1", date("2021-11-20T00:00:00Z"))
	fmt.Println(c.Status, c.Rules.IDs(), "claw-back", c.Clawback.StringFixed(2), "until", c.Until.Format(time.DateOnly))
	// Output:
	// true [TMIP-SUPPORT TMIP-RETURN TMIP-AT-ORDER TMIP-SWAP] discount 500.00 return by 2021-10-15
	// TMIP-ONE-FOR-ONE: trade-in T2 earns no discount: trade-in T1 already counts toward MX10008, and one return earns credit toward one product
	// breach [TMIP-BREACH TMIP-RETURN] claw-back 500.00 until 2021-12-14
}

// The discount is the support contract's remaining value on the order's
// UTC date; Until says when, to the cent, it next drops.
func ExampleBook_Assess() {
	book, err := tmip.MustNewProgram(tmip.DefaultCatalog(), tmip.DefaultTerms()).NewBook([]tmip.TradeIn{{
		ID: "T1", SKU: "MPC7E-MRATE-FLEX", Serial: "JN21", NewProduct: "MX304", Partner: true,
		Condition: tmip.Condition{Working: true, Network: tmip.Lab, Channel: tmip.Direct},
		Support: &tmip.Contract{Serial: "JN21", Start: date("2021-01-01T00:00:00Z"),
			End: date("2022-01-01T00:00:00Z"), Value: decimal.RequireFromString("365.00")},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []string{"2020-12-01T00:00:00Z", "2021-09-30T18:00:00Z", "2021-10-01T00:00:00Z"} {
		a, _ := book.Assess("T1", date(at))
		fmt.Println(at, a.Allowed, a.Discount.StringFixed(2), a.Until.Format(time.RFC3339), a.Rules.IDs())
		for _, o := range a.Obligations.Slice() {
			fmt.Println("  ", o.Kind, o.Rule, o.Subject)
		}
	}
	// Output:
	// 2020-12-01T00:00:00Z true 365.00 2021-01-02T00:00:00Z [TMIP-SUPPORT TMIP-RETURN TMIP-AT-ORDER TMIP-SWAP TMIP-PASS-ON]
	//    advisory TMIP-PASS-ON T1
	// 2021-09-30T18:00:00Z true 93.00 2021-10-01T00:00:00Z [TMIP-SUPPORT TMIP-RETURN TMIP-AT-ORDER TMIP-SWAP TMIP-PASS-ON]
	//    advisory TMIP-PASS-ON T1
	// 2021-10-01T00:00:00Z false 0.00 0001-01-01T00:00:00Z [TMIP-WINDOW]
}

// A certificate of destruction signed by a director is no certificate: the
// trade-in falls in breach at its deadline, with a notice every 30 days.
func ExampleBook_Compliance() {
	book, err := tmip.MustNewProgram(tmip.DefaultCatalog(), tmip.DefaultTerms()).NewBook([]tmip.TradeIn{{
		ID: "T1", SKU: "MX480-PREMIUM2-AC", Serial: "JN31", NewProduct: "MX10004",
		Condition:           tmip.Condition{Working: true, Network: tmip.Production, Channel: tmip.Authorized},
		NewEquipmentShipped: tmip.At(date("2021-11-30T00:00:00Z")),
		Destruction:         &tmip.Certificate{Signed: date("2022-01-10T00:00:00Z"), SignerTitle: tmip.Director, LegalAuthority: true},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, at := range []string{"2022-01-01T00:00:00Z", "2022-02-01T00:00:00Z", "2022-04-01T00:00:00Z"} {
		c, _ := book.Compliance("T1", date(at))
		fmt.Println(at, c.Status, c.Rules.IDs(), "deadline", c.Deadline.Format(time.DateOnly), "until", c.Until.Format(time.RFC3339Nano))
		for _, o := range c.Obligations.Slice() {
			fmt.Println("  ", o.Kind, o.Rule, o.Due.Format(time.DateOnly))
		}
	}
	// Output:
	// 2022-01-01T00:00:00Z pending [TMIP-RETURN] deadline 2022-02-28 until 2022-01-10T00:00:00Z
	//    deadline TMIP-RETURN 2022-02-28
	// 2022-02-01T00:00:00Z pending [TMIP-RETURN TMIP-SIGNER] deadline 2022-02-28 until 2022-02-28T00:00:00Z
	//    deadline TMIP-RETURN 2022-02-28
	// 2022-04-01T00:00:00Z breach [TMIP-BREACH TMIP-SIGNER TMIP-RETURN] deadline 2022-02-28 until 2022-04-29T00:00:00Z
	//    notice TMIP-BREACH 2022-03-30
	//    clawback TMIP-BREACH 2022-02-28
}

func ExampleMarkNotForRenewal() {
	n, err := tmip.MarkNotForRenewal([]string{"JN11", "JN12"}, date("2021-12-31T00:00:00Z"))
	fmt.Println(n.Serials, n.Termination.Format(time.DateOnly), err)
	_, err = tmip.MarkNotForRenewal(nil, time.Time{})
	fmt.Println(err)
	// Output:
	// [JN11 JN12] 2021-12-31 <nil>
	// TMIP-NOT-RENEW: contract cannot be marked not for renewal: no serial number given; no contract termination date given
}

func ExampleCatalog_AddSKUs() {
	c, err := tmip.DefaultCatalog().AddSKUs("MX2008-PREMIUM")
	fmt.Println(c.Contains("MX2008-PREMIUM"), c.Contains("MX960-PREMIUM2-AC"), err)
	// Output:
	// true true <nil>
}
