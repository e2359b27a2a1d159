package policy_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// kindInput is one check of a scenario file: the engine it runs under, its
// request and its instant.
type kindInput struct {
	engine policy.Engine
	req    policy.Request
	at     time.Time
}

// kindInputs returns every check of the repository's scenario files by
// request kind: allowed and refused questions of all twelve kinds.
func kindInputs(tb testing.TB) map[string][]kindInput {
	files, err := filepath.Glob("scenario/testdata/scenarios/*.json")
	if err != nil {
		tb.Fatal(err)
	}
	files = append(files, "../tmip/testdata/trade-ins.json")
	ins := map[string][]kindInput{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc, err := scenario.Decode(name, f)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		for _, c := range sc.Checks {
			k := kindName(c.Request)
			ins[k] = append(ins[k], kindInput{engine: sc.Engine(), req: c.Request, at: c.At})
		}
	}
	return ins
}

// domainCall returns the bare domain call a request of kind wraps, asked
// of in; its result is discarded but for whether it allowed, so the call is
// not optimized away.
func domainCall(in kindInput) func() bool {
	at := in.at
	switch r := in.req.(type) {
	case policy.UseFeature:
		return func() bool {
			ruling, _, _ := r.License.UseRuling(r.Device, r.Feature, r.Units, at)
			return ruling.Allowed()
		}
	case policy.MoveLicense:
		return func() bool { _, v := r.License.Move(r.To, r.Reason, at); return v.Allowed }
	case policy.RenewLicense:
		return func() bool { _, v := r.License.Renew(r.TermYears, at); return v.Allowed }
	case policy.ChangeTier:
		return func() bool { _, v := r.License.ChangeTier(r.Tier, at); return v.Allowed }
	case policy.TrialAvailable:
		lp := in.engine.License()
		return func() bool { return lp.TrialAvailable(r.Platform, r.Feature).Allowed }
	case policy.FulfilLine:
		return func() bool { return r.Order.Fulfil(r.Line, at).Verdict.Allowed }
	case policy.ViewEntitlement:
		return func() bool { return r.Order.View(r.Contact, r.Line, at).Allowed }
	case policy.PurchaseCredits:
		p := in.engine.Credits()
		return func() bool { _, err := p.CheckPurchase(r.Kind, r.Order, at); return err == nil }
	case policy.CallOff:
		return func() bool { _, err := r.Ledger.CheckCallOff(r.CallOff, at); return err == nil }
	case policy.CreditStatement:
		return func() bool { _, err := r.Ledger.Statement(r.Quarter, at); return err == nil }
	case policy.TradeIn:
		return func() bool { a, _ := r.Book.Assess(r.ID, at); return a.Allowed }
	case policy.TradeInCompliance:
		return func() bool { c, _ := r.Book.Compliance(r.ID, at); return c.Allowed }
	}
	panic("no domain call for " + kindName(in.req))
}

// TestKindInputsCoverEveryKind: the per-kind benchmark measures all twelve
// kinds, and every input is a question Decide answers.
func TestKindInputsCoverEveryKind(t *testing.T) {
	ins := kindInputs(t)
	for _, k := range requestKinds {
		if len(ins[k]) == 0 {
			t.Errorf("no scenario check of kind %s", k)
		}
		for _, in := range ins[k] {
			if _, err := in.engine.Decide(in.req, in.at); err != nil {
				t.Errorf("%s at %s: %v", k, in.at, err)
			}
			domainCall(in)()
		}
	}
}

// BenchmarkDecideVsDomain measures, per request kind, Decide beside the
// domain call it wraps, on the same scenario checks in the same order, so
// the ratio of the two is what the engine adds (issue 22: within 1.5x).
// Besides ns/op each reports cpu-ns/op, the process's CPU time per
// operation, which a busy neighbour does not inflate.
func BenchmarkDecideVsDomain(b *testing.B) {
	ins := kindInputs(b)
	for _, k := range requestKinds {
		in := ins[k]
		b.Run(k+"/decide", func(b *testing.B) {
			b.ReportAllocs()
			i, allowed := 0, 0
			var d policy.Decision
			defer reportCPU(b)()
			for b.Loop() {
				c := &in[i]
				_ = c.engine.DecideInto(c.req, c.at, &d)
				if d.Outcome == policy.Allow {
					allowed++
				}
				if i++; i == len(in) {
					i = 0
				}
			}
			sinkInt = allowed
		})
		b.Run(k+"/domain", func(b *testing.B) {
			calls := make([]func() bool, len(in))
			for j := range in {
				calls[j] = domainCall(in[j])
			}
			b.ReportAllocs()
			i, allowed := 0, 0
			defer reportCPU(b)()
			for b.Loop() {
				if calls[i]() {
					allowed++
				}
				if i++; i == len(calls) {
					i = 0
				}
			}
			sinkInt = allowed
		})
	}
}

// kindName is the request kind's name in SCENARIOS.md.
func kindName(r policy.Request) string {
	switch r.(type) {
	case policy.UseFeature:
		return "useFeature"
	case policy.MoveLicense:
		return "moveLicense"
	case policy.RenewLicense:
		return "renewLicense"
	case policy.ChangeTier:
		return "changeTier"
	case policy.TrialAvailable:
		return "trialAvailable"
	case policy.FulfilLine:
		return "fulfilLine"
	case policy.ViewEntitlement:
		return "viewEntitlement"
	case policy.PurchaseCredits:
		return "purchaseCredits"
	case policy.CallOff:
		return "callOff"
	case policy.CreditStatement:
		return "creditStatement"
	case policy.TradeIn:
		return "tradeIn"
	case policy.TradeInCompliance:
		return "tradeInCompliance"
	}
	return ""
}

// reportCPU starts counting the process's CPU time; the function it
// returns reports it per operation as cpu-ns/op.
func reportCPU(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		if end, ok2 := processCPU(); ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
