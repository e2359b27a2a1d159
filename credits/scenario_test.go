package credits

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// The credit parts of a scenario file, decoded the way the policy engine
// will map them, to prove the package gives what the sample expects.
type scenarioFile struct {
	CreditAccounts []struct {
		ID        string `json:"id"`
		Kind      Kind   `json:"kind"`
		Purchases []struct {
			ID          string           `json:"id"`
			At          time.Time        `json:"at"`
			Credits     decimal.Decimal  `json:"credits"`
			Discount    *decimal.Decimal `json:"discount"`
			LocalEntity *bool            `json:"localEntity"`
		} `json:"purchases"`
		CallOffs []struct {
			At         time.Time          `json:"at"`
			Credits    decimal.Decimal    `json:"credits"`
			Engagement scenarioEngagement `json:"engagement"`
		} `json:"callOffs"`
	} `json:"creditAccounts"`
	Checks []struct {
		At      time.Time `json:"at"`
		Request struct {
			Kind        string             `json:"kind"`
			CreditKind  Kind               `json:"creditKind"`
			Account     string             `json:"account"`
			Credits     decimal.Decimal    `json:"credits"`
			Discount    *decimal.Decimal   `json:"discount"`
			LocalEntity *bool              `json:"localEntity"`
			Engagement  scenarioEngagement `json:"engagement"`
			Quarter     Quarter            `json:"quarter"`
		} `json:"request"`
		Expect struct {
			Outcome string                     `json:"outcome"`
			Rules   []rule.ID                  `json:"rules"`
			Values  map[string]decimal.Decimal `json:"values"`
		} `json:"expect"`
	} `json:"checks"`
}

type scenarioEngagement struct {
	Type                 EngagementType `json:"type"`
	Pricing              Pricing        `json:"pricing"`
	DefinedScope         bool           `json:"definedScope"`
	PurchaseOrder        bool           `json:"purchaseOrder"`
	StatementOfWork      bool           `json:"statementOfWork"`
	ProfessionalServices *bool          `json:"professionalServices"`
}

func (e scenarioEngagement) engagement() Engagement {
	return Engagement{
		Type: e.Type, Pricing: e.Pricing, DefinedScope: e.DefinedScope,
		PurchaseOrder: e.PurchaseOrder, StatementOfWork: e.StatementOfWork,
		OtherService: e.ProfessionalServices != nil && !*e.ProfessionalServices,
	}
}

func order(credits decimal.Decimal, discount *decimal.Decimal, localEntity *bool) Order {
	o := Order{Credits: credits, LocalEntity: localEntity == nil || *localEntity}
	if discount != nil {
		o.Discount = *discount
	}
	return o
}

// TestServicesCreditsSample evaluates testdata/services-credits.json, a copy
// of shared/scenarios/services-credits.json.
func TestServicesCreditsSample(t *testing.T) {
	data, err := os.ReadFile("testdata/services-credits.json")
	if err != nil {
		t.Fatal(err)
	}
	var f scenarioFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	terms := DefaultTerms()
	ledgers := map[string]Ledger{}
	for _, a := range f.CreditAccounts {
		var ps []Purchase
		for _, p := range a.Purchases {
			ps = append(ps, Purchase{ID: p.ID, At: p.At, Order: order(p.Credits, p.Discount, p.LocalEntity)})
		}
		var cs []CallOffRecord
		for _, c := range a.CallOffs {
			cs = append(cs, CallOffRecord{At: c.At, CallOff: CallOff{Credits: c.Credits, Engagement: c.Engagement.engagement()}})
		}
		l, err := newLedger(terms, Account{ID: a.ID, Kind: a.Kind}, ps, cs)
		if err != nil {
			t.Fatal(err)
		}
		ledgers[a.ID] = l
	}
	if len(f.Checks) == 0 {
		t.Fatal("no checks")
	}
	for i, c := range f.Checks {
		var (
			err    error
			rules  []rule.ID
			values = map[string]decimal.Decimal{}
		)
		r := c.Request
		switch r.Kind {
		case "purchaseCredits":
			var res PurchaseResult
			res, err = checkPurchase(terms, r.CreditKind, order(r.Credits, r.Discount, r.LocalEntity), c.At)
			rules = res.Rules.IDs()
			values["credits"] = res.Credits
		case "callOff":
			var res CallOffResult
			res, err = asError(ledgers[r.Account].CheckCallOff(CallOff{Credits: r.Credits, Engagement: r.Engagement.engagement()}, c.At))
			rules = res.Rules.IDs()
			values["balance"] = res.Balance
		case "creditStatement":
			var st Statement
			st, err = ledgers[r.Account].Statement(r.Quarter, c.At)
			if err != nil {
				t.Fatal(err)
			}
			rules = st.Rules.IDs()
			values["purchased"] = st.Closing.Purchased
			values["used"] = st.Closing.Used
			values["expired"] = st.Closing.Expired
			values["available"] = st.Closing.Available
		default:
			continue
		}
		outcome := "allow"
		if got := rulesOf(t, err); got != nil {
			outcome, rules = "deny", got
		}
		if outcome != c.Expect.Outcome {
			t.Errorf("check %d: outcome %s (%v), want %s", i, outcome, err, c.Expect.Outcome)
		}
		for _, id := range c.Expect.Rules {
			if !slices.Contains(rules, id) {
				t.Errorf("check %d: rules %v lack %s", i, rules, id)
			}
		}
		for k, want := range c.Expect.Values {
			if got, ok := values[k]; !ok || !got.Equal(want) {
				t.Errorf("check %d: value %s = %s, want %s", i, k, got, want)
			}
		}
	}
}
