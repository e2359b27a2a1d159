package policy_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/vandal"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"pgregory.net/rapid"
)

// TestAnswersAreValuesNoEditChangesALaterDecision: "whatever a caller does
// to a Decision, error or report it was handed, no later answer changes".
// On random worlds, every answer of every kind (the Decision, and the
// domain answer behind it: verdicts, standings, fulfilments, statements,
// balances, assessments, compliance, trade-ins as recorded, errors) is
// edited everywhere a caller can reach; the same requests are then decided
// again, on the same engine and on another built from the same file, and
// must give the decisions they gave before any edit.
func TestAnswersAreValuesNoEditChangesALaterDecision(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := drawWorld(t)
		var checks []diffCheck
		for range checksPerWorld {
			req := drawRequest(t, w)
			checks = append(checks, diffCheck{at: drawAt(t, w, req), req: req})
		}
		file := scenarioJSON(w, checks)
		sc, err := scenario.Decode("values.json", bytes.NewReader(file))
		if err != nil {
			t.Fatalf("decode: %v\n%s", err, file)
		}
		before := make([]string, len(checks))
		for i, c := range checks {
			before[i] = decisionText(t, sc.Engine(), sc.Checks[i].Request, c.at)
		}
		for i, c := range checks {
			r := sc.Checks[i].Request
			d, err := sc.Engine().Decide(r, c.at)
			vandal.Edit(&d)
			vandal.Edit(&err)
			editDomainAnswers(r, c.at)
			if errors.Is(err, rule.ID(0)) { // keep err used after the edit
				t.Log(err)
			}
		}
		other, err := scenario.Decode("values.json", bytes.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range checks {
			for _, e := range []policy.Engine{sc.Engine(), other.Engine()} {
				r := sc.Checks[i].Request
				if e == other.Engine() {
					r = other.Checks[i].Request
				}
				if got := decisionText(t, e, r, c.at); got != before[i] {
					t.Fatalf("check %d %s: after editing answers\n got %s\nwant %s\n%s", i, c, got, before[i], file)
				}
			}
		}
	})
}

// decisionText is everything a decision says, or its error, as text: a
// string, which no edit reaches.
func decisionText(t *rapid.T, e policy.Engine, r policy.Request, at time.Time) string {
	d, err := e.Decide(r, at)
	if err != nil {
		return "error: " + err.Error()
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + " " + d.String()
}

// editDomainAnswers asks the domain packages what Decide asked them for r
// and edits every answer.
func editDomainAnswers(r policy.Request, at time.Time) {
	switch r := r.(type) {
	case policy.WithHistory:
		cur, latest, events := r.History.At(at), r.History.Latest(at), r.History.Events()
		vandal.Edit(&cur)
		vandal.Edit(&latest)
		vandal.Edit(&events)
		editDomainAnswers(asOfRequest(r, at), at)
	case policy.UseFeature:
		v := r.License.Use(r.Device, r.Feature, r.Units, at)
		vandal.Edit(&v)
		err := v.Err()
		vandal.Edit(&err)
		s := r.License.StandingAt(at)
		vandal.Edit(&s)
		g := r.License.GrantsAt(at)
		vandal.Edit(&g)
		f := r.License.Features()
		vandal.Edit(&f)
		ruling, _, warnings := r.License.UseRuling(r.Device, r.Feature, r.Units, at)
		vandal.Edit(&ruling)
		vandal.Edit(&warnings)
	case policy.MoveLicense:
		moved, v := r.License.Move(r.To, r.Reason, at)
		vandal.Edit(&v)
		mf := moved.Features()
		vandal.Edit(&mf)
	case policy.RenewLicense:
		_, v := r.License.Renew(r.TermYears, at)
		vandal.Edit(&v)
	case policy.ChangeTier:
		_, v := r.License.ChangeTier(r.Tier, at)
		vandal.Edit(&v)
	case policy.FulfilLine:
		f := r.Order.Fulfil(r.Line, at)
		vandal.Edit(&f)
		lines, accounts, emails := r.Order.Lines(), r.Order.Accounts(), r.Order.Emails()
		vandal.Edit(&lines)
		vandal.Edit(&accounts)
		vandal.Edit(&emails)
	case policy.ViewEntitlement:
		v := r.Order.View(r.Contact, r.Line, at)
		vandal.Edit(&v)
	case policy.CallOff:
		res, err := r.Ledger.CheckCallOff(r.CallOff, at)
		vandal.Edit(&res)
		vandal.Edit(&err)
		b, _ := r.Ledger.Balance(at)
		vandal.Edit(&b)
	case policy.CreditStatement:
		st, err := r.Ledger.Statement(r.Quarter, at)
		vandal.Edit(&st)
		vandal.Edit(&err)
	case policy.TradeIn:
		a, err := r.Book.Assess(r.ID, at)
		vandal.Edit(&a)
		vandal.Edit(&err)
		ti, _ := r.Book.TradeIn(r.ID)
		vandal.Edit(&ti)
	case policy.TradeInCompliance:
		c, err := r.Book.Compliance(r.ID, at)
		vandal.Edit(&c)
		vandal.Edit(&err)
		ti, _ := r.Book.TradeIn(r.ID)
		vandal.Edit(&ti)
	}
}

// TestVandalReachesWhatACallerCan holds the test asset to its word: an edit
// through a copy of a struct reaches the slices, maps and pointees it
// shares, so a shared answer would be caught.
func TestVandalReachesWhatACallerCan(t *testing.T) {
	type inner struct{ N int }
	type answer struct {
		S     []string
		M     map[string]int
		P     *inner
		Spare []int
	}
	shared := answer{S: []string{"a"}, M: map[string]int{"k": 1}, P: &inner{1}, Spare: make([]int, 1, 2)}
	handed := shared
	vandal.Edit(&handed)
	full := shared.Spare[:2]
	if shared.S[0] == "a" || shared.M["k"] == 1 || shared.P.N == 1 || full[1] == 0 {
		t.Fatalf("the edit did not reach what the copy shares: %+v spare %v", shared, full)
	}
}

// TestVandalZeroWritesThroughPointers holds Zero to its word: a pointer
// handed out, or one an interface or a struct holds, has its pointee
// zeroed, so a handle that shares the engine's memory would be caught.
func TestVandalZeroWritesThroughPointers(t *testing.T) {
	type inner struct{ n int }
	type outer struct{ P *inner }
	shared, held := &inner{1}, &inner{2}
	vandal.Zero(shared)
	var boxed any = outer{P: held}
	vandal.Zero(&boxed)
	if shared.n != 0 || held.n != 0 {
		t.Fatalf("Zero left %+v and %+v", *shared, *held)
	}
}
