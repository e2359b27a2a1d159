package tmip

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDefaultTermsAreTheFAQ(t *testing.T) {
	d := DefaultTerms()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		quote     string
		got, want any
	}{
		{"The validation period is scheduled to end in the third calendar quarter of 2021 (TMIP-WINDOW)", d.WindowEnd, At(time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC))},
		{"no start is published", d.WindowStart, Instant{}},
		{"You have three months from shipment of your new Juniper equipment (TMIP-RETURN)", d.ReturnMonths, 3},
		{"repeated notifications that you are in breach of contract (TMIP-BREACH): every 30 days", d.NoticeEveryDays, 30},
		{"Can this program incentive be combined with any other promotion program? (TMIP-COMBINE): no", d.Combinable, false},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.quote, c.got, c.want)
		}
	}
}

func TestTermsValidateRefusesNonsense(t *testing.T) {
	cases := []struct {
		name    string
		change  func(*Terms)
		mention string
	}{
		{"a window ending at its start", func(t *Terms) { t.WindowStart = t.WindowEnd }, "WindowEnd 2021-10-01T00:00:00Z is not after WindowStart"},
		{"a window ending before its start", func(t *Terms) { t.WindowStart = At(t.WindowEnd.Time.Add(time.Hour)) }, "not after WindowStart"},
		{"no months to return", func(t *Terms) { t.ReturnMonths = 0 }, "ReturnMonths = 0"},
		{"negative months to return", func(t *Terms) { t.ReturnMonths = -3 }, "ReturnMonths = -3"},
		{"centuries to return", func(t *Terms) { t.ReturnMonths = 1201 }, "ReturnMonths = 1201"},
		{"no notice cadence", func(t *Terms) { t.NoticeEveryDays = 0 }, "NoticeEveryDays = 0"},
		{"a negative notice cadence", func(t *Terms) { t.NoticeEveryDays = -30 }, "NoticeEveryDays = -30"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := DefaultTerms()
			c.change(&terms)
			err := terms.Validate()
			if err == nil || !strings.Contains(err.Error(), c.mention) || !strings.HasPrefix(err.Error(), "tmip: terms ") {
				t.Fatalf("Validate = %v, want an error mentioning %q", err, c.mention)
			}
		})
	}
	open := DefaultTerms()
	open.WindowEnd = Instant{}
	if err := open.Validate(); err != nil {
		t.Fatalf("a window without end: %v", err)
	}
	all := Terms{WindowStart: At(time.Unix(10, 0)), WindowEnd: At(time.Unix(5, 0))}
	if err := all.Validate(); err == nil || strings.Count(err.Error(), "tmip: terms") != 3 {
		t.Fatalf("every problem is named: %v", err)
	}
}

func TestWindowIsHalfOpen(t *testing.T) {
	terms := DefaultTerms()
	terms.WindowStart = At(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{terms.WindowStart.Time.Add(-time.Nanosecond), false},
		{terms.WindowStart.Time, true},
		{terms.WindowEnd.Time.Add(-time.Nanosecond), true},
		{terms.WindowEnd.Time, false},
	} {
		if got := terms.Window(c.at); got != c.want {
			t.Errorf("Window(%v) = %v, want %v", c.at, got, c.want)
		}
	}
	if !(Terms{}).Window(time.Time{}) {
		t.Error("a window without bounds refuses")
	}
}

func TestDefaultCatalogListsMXAndFullBandwidthFlexSKUs(t *testing.T) {
	// "MX Series 5G Universal Routing Platforms with the SKUs identified"
	// (TMIP-ELIGIBLE); "Full bandwidth Flex SKUs are supported" on MPC7E.
	c := DefaultCatalog()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, sku := range []string{"MX960-PREMIUM2-AC", "MPC7E-MRATE", "MPC7E-MRATE-FLEX", "MPC7E-10G-FLEX"} {
		if !c.Contains(sku) {
			t.Errorf("%s is not listed", sku)
		}
	}
	for _, sku := range []string{"PTX10008", "mx960-premium2-ac", "MX960-PREMIUM2-AC ", ""} {
		if c.Contains(sku) {
			t.Errorf("%q is listed", sku)
		}
	}
	for _, sku := range c.SKUs {
		if !strings.HasPrefix(sku, "MX") && !strings.HasPrefix(sku, "MPC") {
			t.Errorf("%s is not MX Series equipment", sku)
		}
	}
	// Two calls share nothing.
	a, b := DefaultCatalog(), DefaultCatalog()
	a.SKUs[0] = "changed"
	if b.SKUs[0] == "changed" {
		t.Fatal("DefaultCatalog shares its SKUs")
	}
}

func TestAddSKUs(t *testing.T) {
	// catalog.tmipSkus adds to the default catalog.
	d := DefaultCatalog()
	c, err := d.AddSKUs("MX2008-PREMIUM", "MX960-PREMIUM2-AC", "MX2008-PREMIUM")
	if err != nil {
		t.Fatal(err)
	}
	if want := append(slices.Clone(d.SKUs), "MX2008-PREMIUM"); !slices.Equal(c.SKUs, want) {
		t.Fatalf("SKUs %v, want %v", c.SKUs, want)
	}
	if len(d.SKUs) != len(DefaultCatalog().SKUs) {
		t.Fatal("AddSKUs changed the catalog it was called on")
	}
	for _, bad := range []string{"", " MX204", "MX204\t"} {
		if _, err := d.AddSKUs("MX204", bad); err == nil || !strings.Contains(err.Error(), "catalog addition [1]") {
			t.Errorf("AddSKUs(%q) = %v, want an error naming it", bad, err)
		}
	}
	b := mustBookCatalog(t, c, TradeIn{ID: "T", SKU: "MX2008-PREMIUM", Serial: "S", Condition: good, NewProduct: "MX10008"})
	if a := mustAssess(t, b, "T", time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)); !a.Allowed {
		t.Fatalf("an added SKU is refused: %v", a.Err())
	}
}

func TestCatalogValidateRefusesNonsense(t *testing.T) {
	for _, c := range []struct {
		skus    []string
		mention string
	}{
		{nil, "lists no SKU"},
		{[]string{"MX204", ""}, "SKUs[1]: empty SKU"},
		{[]string{" MX204"}, "spaces around it"},
		{[]string{"MX204", "MX304", "MX204"}, `lists SKU "MX204" twice`},
	} {
		if err := (Catalog{SKUs: c.skus}).Validate(); err == nil || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("Validate(%q) = %v, want %q", c.skus, err, c.mention)
		}
	}
}

func mustBookCatalog(t fataler, c Catalog, tradeIns ...TradeIn) Book {
	t.Helper()
	b, err := MustNewProgram(c, DefaultTerms()).NewBook(tradeIns)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTermsValidateAcceptsTheLimitsInclusive(t *testing.T) {
	// Terms: ReturnMonths "From 1 to 1200", NoticeEveryDays "From 1 to
	// 36,600" (TMIP-RETURN, TMIP-BREACH): both ends are allowed, one past
	// either is refused.
	cases := []struct {
		name    string
		months  int
		days    int
		mention string // "" valid
	}{
		{"the shortest return period and cadence", 1, 1, ""},
		{"the longest return period and cadence", maxReturnMonths, maxNoticeEveryDays, ""},
		{"a return period past the limit", maxReturnMonths + 1, 30, "ReturnMonths = 1201"},
		{"a cadence past the limit", 3, maxNoticeEveryDays + 1, "NoticeEveryDays = 36601"},
	}
	for _, c := range cases {
		terms := DefaultTerms()
		terms.ReturnMonths, terms.NoticeEveryDays = c.months, c.days
		err := terms.Validate()
		if c.mention == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("%s: Validate = %v, want an error mentioning %q", c.name, err, c.mention)
		}
	}
}
