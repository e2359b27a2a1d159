package tmip

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

func TestNewBookNamesBadInput(t *testing.T) {
	with := func(change func(*TradeIn)) []TradeIn {
		ti := eligible(t, "T1", "MX10008")
		change(&ti)
		return []TradeIn{ti}
	}
	cases := []struct {
		name     string
		tradeIns []TradeIn
		rule     rule.ID
		mention  string
	}{
		{"no ID", with(func(ti *TradeIn) { ti.ID = "" }), rule.TmipSwap, "tradeIns[0] has no ID"},
		{"a repeated ID", append(with(func(*TradeIn) {}), eligible(t, "T1", "MX304")), rule.TmipSwap, "two trade-ins are named T1"},
		{"no SKU", with(func(ti *TradeIn) { ti.SKU = "" }), rule.TmipEligible, "no SKU"},
		{"no serial", with(func(ti *TradeIn) { ti.Serial = "" }), rule.TmipSwap, "no serial number"},
		{"no network", with(func(ti *TradeIn) { ti.Condition.Network = 0 }), rule.TmipCondition, "production, lab, other"},
		{"an unknown channel", with(func(ti *TradeIn) { ti.Condition.Channel = 9 }), rule.TmipCondition, "tmip.Channel(9)"},
		{"no new product", with(func(ti *TradeIn) { ti.NewProduct = "" }), rule.TmipOneForOne, "no new product"},
		{"a contract ending before it starts", with(func(ti *TradeIn) {
			ti.Support.Start, ti.Support.End = ti.Support.End, ti.Support.Start
		}), rule.TmipSupport, "support contract ends 2020-07-01T00:00:00Z, not after its start 2022-07-01T00:00:00Z"},
		{"a contract of zero days", with(func(ti *TradeIn) {
			ti.Support.End = ti.Support.Start.Add(23 * time.Hour)
		}), rule.TmipSupport, "at least one day"},
		{"a contract without expected end date", with(func(ti *TradeIn) { ti.Support.End = time.Time{} }), rule.TmipSupport, "no expected end date"},
		{"a contract without serial", with(func(ti *TradeIn) { ti.Support.Serial = "" }), rule.TmipSupport, "no serial number"},
		{"a negative value", with(func(ti *TradeIn) { ti.Support.Value = dec("-1.00") }), rule.TmipSupport, "value -1 is negative"},
		{"fractions of a cent", with(func(ti *TradeIn) { ti.Support.Value = dec("10.005") }), rule.TmipSupport, "not in whole cents"},
		{"an absurd value", with(func(ti *TradeIn) { ti.Support.Value = decimal.New(1, 100) }), rule.TmipSupport, "out of range"},
		{"a century-long contract", with(func(ti *TradeIn) { ti.Support.End = ti.Support.Start.AddDate(101, 0, 0) }), rule.TmipSupport, "over 36525"},
		{"an unknown signer title", with(func(ti *TradeIn) {
			ti.Destruction = &Certificate{Signed: ti.Ordered.Time, SignerTitle: 0, LegalAuthority: true}
		}), rule.TmipSigner, "unknown signer title tmip.Title(0)"},
		{"a certificate never signed", with(func(ti *TradeIn) {
			ti.Destruction = &Certificate{SignerTitle: President, LegalAuthority: true}
		}), rule.TmipReturn, "no signing instant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := MustNewProgram(DefaultCatalog(), DefaultTerms()).NewBook(c.tradeIns)
			var v *rule.Violation
			if !errors.As(err, &v) || !v.Cites(c.rule) || !strings.Contains(err.Error(), c.mention) {
				t.Fatalf("error %v: want a *rule.Violation citing %s and mentioning %q", err, c.rule, c.mention)
			}
			if !strings.HasPrefix(v.Subject, "T1") && !strings.HasPrefix(v.Subject, "tradeIns[") {
				t.Fatalf("subject %q does not name the trade-in", v.Subject)
			}
		})
	}
}

func TestNewBookNamesEveryProblemOfATradeIn(t *testing.T) {
	ti := eligible(t, "T1", "MX10008")
	ti.SKU, ti.Support.Value = "", dec("-3")
	ti.Destruction = &Certificate{Signed: ti.Ordered.Time, SignerTitle: 42}
	_, err := MustNewProgram(DefaultCatalog(), DefaultTerms()).NewBook([]TradeIn{ti})
	wantRules(t, err, rule.TmipEligible, rule.TmipSupport, rule.TmipSigner)
	if !strings.HasPrefix(err.Error(), "tmip: tradeIns[0] (T1): TMIP-ELIGIBLE, TMIP-SUPPORT, TMIP-SIGNER: trade-in T1: ") {
		t.Fatalf("error %q", err)
	}
	var ee *EntryError
	if !errors.As(err, &ee) || ee.Index != 0 || ee.ID != "T1" {
		t.Fatalf("error %v: want an *EntryError of index 0 and ID T1", err)
	}
}

func TestNewProgramRefusesBadTermsAndCatalog(t *testing.T) {
	terms := DefaultTerms()
	terms.ReturnMonths = 0
	if _, err := NewProgram(DefaultCatalog(), terms); err == nil || !strings.Contains(err.Error(), "ReturnMonths") {
		t.Fatalf("bad terms: %v", err)
	}
	if _, err := NewProgram(Catalog{}, DefaultTerms()); err == nil || !strings.Contains(err.Error(), "no SKU") {
		t.Fatalf("empty catalog: %v", err)
	}
	var none Program
	if _, err := none.NewBook(nil); err == nil {
		t.Fatal("a nil program built a book")
	}
}
