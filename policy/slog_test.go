package policy_test

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/golden"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
)

// TestDecisionLogsAsJSONOfEveryKind logs, through slog.NewJSONHandler, the
// request and decision of the first check of each request kind in five of
// the project's scenario files, and compares the lines with
// testdata/slog.golden. All twelve kinds must be there. The files are
// named, not globbed, so that a scenario file added does not move the
// golden.
func TestDecisionLogsAsJSONOfEveryKind(t *testing.T) {
	var files []string
	for _, name := range []string{"license-history-moved-renewed-late", "license-history-renewal-chain",
		"order-fulfilment", "services-credits-refusals", "settled-boundaries"} {
		files = append(files, filepath.Join("scenario/testdata/scenarios", name+".json"))
	}
	var out bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{
		// The record's own time would change every run.
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	seen := map[string]bool{}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		s, err := scenario.Decode(filepath.Base(file), f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range s.Checks {
			kind := requestKind(t, c.Request)
			if seen[kind] {
				continue
			}
			seen[kind] = true
			d, err := s.Engine().Decide(c.Request, c.At)
			if err != nil {
				t.Fatal(err)
			}
			logger.Info("decided", "file", s.Name, "check", c.Index, "request", c.Request, "decision", &d)
		}
	}
	if len(seen) != 12 {
		t.Errorf("logged %d request kinds, want all 12: %v", len(seen), seen)
	}
	golden.Check(t, "testdata/slog.golden", out.Bytes())
}

// requestKind is the "kind" attribute of r's LogValue, which every kind
// must give.
func requestKind(t *testing.T, r policy.Request) string {
	t.Helper()
	lv, ok := r.(slog.LogValuer)
	if !ok {
		t.Fatalf("%T is not a slog.LogValuer", r)
	}
	for _, a := range lv.LogValue().Group() {
		if a.Key == "kind" {
			return a.Value.String()
		}
	}
	t.Fatalf("%T logs no kind", r)
	return ""
}

// TestZeroRequestsLogWithoutPanic: a request naming no facts logs its kind
// and what it has, leaving the nil facts out.
func TestZeroRequestsLogWithoutPanic(t *testing.T) {
	var out bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&out, nil))
	for _, r := range []policy.Request{policy.UseFeature{}, policy.MoveLicense{}, policy.RenewLicense{},
		policy.ChangeTier{}, policy.TrialAvailable{}, policy.FulfilLine{}, policy.ViewEntitlement{},
		policy.PurchaseCredits{}, policy.CallOff{}, policy.CreditStatement{}, policy.TradeIn{},
		policy.TradeInCompliance{}} {
		out.Reset()
		logger.Info("zero", "request", r, "decision", &policy.Decision{})
		if !bytes.Contains(out.Bytes(), []byte(`"request":{"kind":"`)) ||
			!bytes.Contains(out.Bytes(), []byte(`"decision":{"outcome":"deny","rules":[],"reason":"","until":"never"}`)) {
			t.Errorf("%T: %s", r, out.Bytes())
		}
	}
}

func sampleDecision() policy.Decision {
	var obl rule.ObligationsBuilder
	obl.Add(rule.Obligation{Kind: rule.Alarm, Rule: rule.LicTrialWarn, Due: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	return policy.Decision{Outcome: policy.Allow, Rules: rule.ListOf(rule.LicTrialWarn), Reason: "in its warning window",
		Obligations: obl.List(), Values: []policy.Value{{Name: "available", Amount: decimal.NewFromInt(24)}},
		Until: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
}

// TestLoggingADecisionToADisabledHandlerAllocatesNothing: the promise of
// LogValue's doc, as a test that fails, beside the benchmark that measures.
func TestLoggingADecisionToADisabledHandlerAllocatesNothing(t *testing.T) {
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError}))
	d := sampleDecision()
	if n := testing.AllocsPerRun(100, func() { logger.Info("decided", "decision", &d) }); n != 0 {
		t.Errorf("%v allocations a disabled log call, want 0", n)
	}
}

func BenchmarkLogDecisionDisabled(b *testing.B) {
	logger := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError}))
	d := sampleDecision()
	b.ReportAllocs()
	for b.Loop() {
		logger.Info("decided", "decision", &d)
	}
}

func BenchmarkLogDecisionEnabled(b *testing.B) {
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	d := sampleDecision()
	b.ReportAllocs()
	for b.Loop() {
		logger.Info("decided", "decision", &d)
	}
}
