package tmip

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// The trade-in parts of a scenario file (SCENARIOS.md), decoded the way the
// policy engine maps them, to prove the mapping doc.go describes.
type scenarioFile struct {
	Name    string `json:"name"`
	Source  string `json:"source"`
	Catalog struct {
		TmipSkus []string `json:"tmipSkus"`
	} `json:"catalog"`
	TradeIns []scenarioTradeIn `json:"tradeIns"`
	Checks   []struct {
		At      time.Time `json:"at"`
		Request struct {
			Kind    string `json:"kind"`
			TradeIn string `json:"tradeIn"`
		} `json:"request"`
		Expect struct {
			Outcome     string    `json:"outcome"`
			Rules       []rule.ID `json:"rules"`
			Until       string    `json:"until"`
			Obligations []struct {
				Kind    rule.ObligationKind `json:"kind"`
				Rule    rule.ID             `json:"rule"`
				Due     *time.Time          `json:"due"`
				Subject *string             `json:"subject"`
			} `json:"obligations"`
			Values map[string]decimal.Decimal `json:"values"`
		} `json:"expect"`
	} `json:"checks"`
}

type scenarioTradeIn struct {
	ID        string `json:"id"`
	Partner   bool   `json:"partner"`
	SKU       string `json:"sku"`
	Serial    string `json:"serial"`
	Condition struct {
		Working bool    `json:"working"`
		Network Network `json:"network"`
		Damaged bool    `json:"damaged"`
		Channel Channel `json:"channel"`
	} `json:"condition"`
	NewProduct     string `json:"newProduct"`
	OtherPromotion bool   `json:"otherPromotion"`
	Support        *struct {
		Serial string          `json:"serial"`
		Start  time.Time       `json:"start"`
		End    time.Time       `json:"end"`
		Value  decimal.Decimal `json:"value"`
	} `json:"support"`
	Ordered             time.Time `json:"ordered"`
	NewEquipmentShipped time.Time `json:"newEquipmentShipped"`
	Returned            time.Time `json:"returned"`
	Destruction         *struct {
		Signed         time.Time `json:"signed"`
		SignerTitle    Title     `json:"signerTitle"`
		LegalAuthority bool      `json:"legalAuthority"`
	} `json:"destruction"`
}

// given reads an instant the test file leaves out as absent.
func given(t time.Time) Instant {
	if t.IsZero() {
		return Instant{}
	}
	return At(t)
}

func (s scenarioTradeIn) tradeIn() TradeIn {
	t := TradeIn{
		ID: s.ID, Partner: s.Partner, SKU: s.SKU, Serial: s.Serial, NewProduct: s.NewProduct, OtherPromotion: s.OtherPromotion,
		Condition: Condition(s.Condition),
		Ordered:   given(s.Ordered), NewEquipmentShipped: given(s.NewEquipmentShipped), Returned: given(s.Returned),
	}
	if c := s.Support; c != nil {
		t.Support = &Contract{Serial: c.Serial, Start: c.Start, End: c.End, Value: c.Value}
	}
	if d := s.Destruction; d != nil {
		t.Destruction = &Certificate{Signed: d.Signed, SignerTitle: d.SignerTitle, LegalAuthority: d.LegalAuthority}
	}
	return t
}

// TestTradeInsSample evaluates testdata/trade-ins.json: every check's
// expectation, matched as SCENARIOS.md says evaluate -check matches.
func TestTradeInsSample(t *testing.T) {
	data, err := os.ReadFile("testdata/trade-ins.json")
	if err != nil {
		t.Fatal(err)
	}
	var f scenarioFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	catalog, err := DefaultCatalog().AddSKUs(f.Catalog.TmipSkus...)
	if err != nil {
		t.Fatal(err)
	}
	var tradeIns []TradeIn
	for _, s := range f.TradeIns {
		tradeIns = append(tradeIns, s.tradeIn())
	}
	book, err := MustNewProgram(catalog, DefaultTerms()).NewBook(tradeIns)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Checks) == 0 {
		t.Fatal("no checks")
	}
	for i, c := range f.Checks {
		var (
			allowed     bool
			rules       []rule.ID
			obligations []rule.Obligation
			until       time.Time
			values      = map[string]decimal.Decimal{}
		)
		switch c.Request.Kind {
		case "tradeIn":
			a, err := book.Assess(c.Request.TradeIn, c.At)
			if err != nil {
				t.Fatal(err)
			}
			allowed, rules, obligations, until = a.Allowed, a.Rules.IDs(), a.Obligations.Slice(), a.Until
			values["discount"] = a.Discount
		case "tradeInCompliance":
			r, err := book.Compliance(c.Request.TradeIn, c.At)
			if err != nil {
				t.Fatal(err)
			}
			allowed, rules, obligations, until = r.Allowed, r.Rules.IDs(), r.Obligations.Slice(), r.Until
			if r.Status == Breach {
				values["clawback"] = r.Clawback
			}
		default:
			t.Fatalf("check %d: unknown kind %q", i, c.Request.Kind)
		}
		e := c.Expect
		if outcome := map[bool]string{true: "allow", false: "deny"}[allowed]; outcome != e.Outcome {
			t.Errorf("check %d: outcome %s, want %s", i, outcome, e.Outcome)
		}
		for _, id := range e.Rules {
			if !slices.Contains(rules, id) {
				t.Errorf("check %d: rules %v lack %s", i, rules, id)
			}
		}
		switch {
		case e.Until == "":
		case e.Until == "never":
			if !until.IsZero() {
				t.Errorf("check %d: until %v, want never", i, until)
			}
		default:
			if want := instant(t, e.Until); !until.Equal(want) {
				t.Errorf("check %d: until %v, want %v", i, until, want)
			}
		}
		for _, want := range e.Obligations {
			if !slices.ContainsFunc(obligations, func(o rule.Obligation) bool {
				return o.Kind == want.Kind && o.Rule == want.Rule &&
					(want.Due == nil || o.Due.Equal(*want.Due)) && (want.Subject == nil || o.Subject == *want.Subject)
			}) {
				t.Errorf("check %d: obligations %+v lack %+v", i, obligations, want)
			}
		}
		for k, want := range e.Values {
			if got, ok := values[k]; !ok || !got.Equal(want) {
				t.Errorf("check %d: value %s = %s, want %s", i, k, got, want)
			}
		}
	}
}
