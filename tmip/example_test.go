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
	book, err := tmip.NewBook(tmip.DefaultTerms(), tmip.DefaultCatalog(), []tmip.TradeIn{
		{
			ID: "T1", SKU: "MX960-PREMIUM2-AC", Serial: "JN11", Condition: working, NewProduct: "MX10008",
			Support: &tmip.Contract{Serial: "JN11", Start: date("2020-07-01T00:00:00Z"),
				End: date("2022-07-01T00:00:00Z"), Value: decimal.RequireFromString("1000.00")},
			Ordered:             date("2021-07-01T00:00:00Z"),
			NewEquipmentShipped: date("2021-07-15T00:00:00Z"),
		},
		{ID: "T2", SKU: "MX960-PREMIUM2-AC", Serial: "JN12", Condition: working, NewProduct: "MX10008"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := book.Assess("T1", date("2021-07-01T00:00:00Z"))
	fmt.Println(a.Allowed, a.Rules, "discount", a.Discount.StringFixed(2), "return by", a.Deadline.Format(time.DateOnly))
	a, _ = book.Assess("T2", date("2021-07-01T00:00:00Z"))
	fmt.Println(a.Err())
	c, _ := book.Compliance("T1", date("2021-11-20T00:00:00Z"))
	fmt.Println(c.Status, c.Rules, "claw-back", c.Clawback.StringFixed(2), "until", c.Until.Format(time.DateOnly))
	// Output:
	// true [TMIP-SUPPORT TMIP-RETURN TMIP-AT-ORDER TMIP-SWAP] discount 500.00 return by 2021-10-15
	// TMIP-ONE-FOR-ONE: trade-in T2 earns no discount: trade-in T1 already counts toward MX10008, and one return earns credit toward one product
	// breach [TMIP-BREACH TMIP-RETURN] claw-back 500.00 until 2021-12-14
}
