package policy_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/licensepolicy/licensepolicy/tmip"
	"pgregory.net/rapid"
)

// TestTransitionsRefuseExactlyWhatDecideDenies: "Transitions as values,
// each refusing exactly what Decide denies, with the same rules": on random
// worlds, a license moved, renewed or changed in tier is refused exactly
// when Decide denies the request, citing the same rules; an allowed one is
// a new license and the old one answers as before.
func TestTransitionsRefuseExactlyWhatDecideDenies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		kind := rapid.SampledFrom([]string{"moveLicense", "renewLicense", "changeTier"}).Draw(t, "kind")
		req := drawRequestOf(t, w, kind)
		c := diffCheck{at: drawAt(t, w, req), req: req}
		file := scenarioJSON(w, []diffCheck{c})
		sc, err := scenario.Decode("transitions.json", bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		d, err := sc.Engine().Decide(sc.Checks[0].Request, c.at)
		if err != nil {
			t.Fatal(err)
		}
		var allowed bool
		var rules rule.List
		asked := sc.Checks[0].Request
		if w, ok := asked.(policy.WithHistory); ok {
			asked = asOfRequest(w, c.at)
		}
		switch r := asked.(type) {
		case policy.MoveLicense:
			before := r.License.StandingAt(c.at)
			moved, v := r.License.Move(r.To, r.Reason, c.at)
			allowed, rules = v.Allowed, v.Rules
			if v.Allowed && (moved.Device() != r.To.Serial || moved.End() != r.License.End()) {
				t.Fatalf("moved license on %s ending %s, want on %s keeping %s", moved.Device(), moved.End(), r.To.Serial, r.License.End())
			}
			if after := r.License.StandingAt(c.at); after.State != before.State || after.Until != before.Until {
				t.Fatal("moving changed the old license")
			}
		case policy.RenewLicense:
			_, v := r.License.Renew(r.TermYears, c.at)
			allowed, rules = v.Allowed, v.Rules
		case policy.ChangeTier:
			changed, v := r.License.ChangeTier(r.Tier, c.at)
			allowed, rules = v.Allowed, v.Rules
			if v.Allowed && (changed.Tier() != r.Tier || r.License.Tier() == r.Tier) {
				t.Fatalf("tier change gave %s from %s", changed.Tier(), r.License.Tier())
			}
		}
		if allowed != (d.Outcome == policy.Allow) || rules != d.Rules {
			t.Fatalf("%s: transition allowed %v citing %v; Decide %v", c, allowed, rules, d)
		}
	})
}

// TestTradeInTransitionsAreNewBooks: "a trade-in returned or with a
// certificate", as values: the old book answers as before; a certificate
// signed below vice president or without legal authority is refused citing
// TMIP-SIGNER, as Compliance would not count it.
func TestTradeInTransitionsAreNewBooks(t *testing.T) {
	e := engine(t)
	ti := tmip.TradeIn{ID: "T1", SKU: "MX480-PREMIUM2-AC", Serial: "JN1", NewProduct: "MX10008",
		Condition: tmip.Condition{Working: true, Network: tmip.Production, Channel: tmip.Authorized},
		Ordered:   tmip.At(zeroAt.AddDate(-1, 0, 0)), NewEquipmentShipped: tmip.At(zeroAt.AddDate(0, -1, 0))}
	book, err := e.NewBook([]tmip.TradeIn{ti})
	if err != nil {
		t.Fatal(err)
	}
	pending, _ := e.Decide(policy.TradeInCompliance{Book: book, ID: "T1"}, zeroAt)
	returned, err := book.WithReturn("T1", zeroAt)
	if err != nil {
		t.Fatal(err)
	}
	later := zeroAt.AddDate(0, 0, 1)
	if d, _ := e.Decide(policy.TradeInCompliance{Book: returned, ID: "T1"}, later); d.Outcome != policy.Allow || d.Obligations.Len() != 0 {
		t.Errorf("after the return: %v", d)
	}
	if d, _ := e.Decide(policy.TradeInCompliance{Book: book, ID: "T1"}, zeroAt); d.String() != pending.String() {
		t.Errorf("the old book changed: %v, was %v", d, pending)
	}
	if _, err := returned.WithReturn("T1", later); err == nil {
		t.Error("a second return was recorded")
	}
	if _, err := book.WithReturn("T9", later); err == nil {
		t.Error("an unknown trade-in was returned")
	}
	for _, c := range []tmip.Certificate{
		{Signed: zeroAt, SignerTitle: tmip.Director, LegalAuthority: true},
		{Signed: zeroAt, SignerTitle: tmip.VicePresident, LegalAuthority: false},
	} {
		if _, err := book.WithCertificate("T1", c); !errors.Is(err, rule.TmipSigner) {
			t.Errorf("certificate %+v: err = %v, want TMIP-SIGNER", c, err)
		}
	}
	destroyed, err := book.WithCertificate("T1", tmip.Certificate{Signed: zeroAt, SignerTitle: tmip.President, LegalAuthority: true})
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := e.Decide(policy.TradeInCompliance{Book: destroyed, ID: "T1"}, later); d.Outcome != policy.Allow || d.Obligations.Len() != 0 {
		t.Errorf("after a valid certificate: %v", d)
	}
}
