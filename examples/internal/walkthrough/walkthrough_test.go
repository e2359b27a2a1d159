package walkthrough_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/walkthrough"
	"github.com/licensepolicy/licensepolicy/policy"
)

func TestAskPrintsTheDecisionAndStopsAtTheFirstError(t *testing.T) {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	a := walkthrough.Asker{W: &out, Engine: e}
	at := time.Date(2025, 6, 1, 0, 0, 0, 5, time.UTC)
	a.Ask(at, "vsys trial on vSRX?", policy.TrialAvailable{Platform: "vSRX", Feature: "vsys"})
	want := "2025-06-01T00:00:00.000000005Z  vsys trial on vSRX?\n  deny [LIC-TRIAL-FEATURES] until never: the feature has no temporary key\n"
	if out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
	a.Ask(at, "use without a license", policy.UseFeature{})
	a.Ask(at, "asked after the error", policy.TrialAvailable{Platform: "vSRX", Feature: "bgp"})
	if a.Err == nil || out.String() != want {
		t.Fatalf("after a malformed request: err %v, output %q", a.Err, out.String())
	}
}
