package policy_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/internal/vandal"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/shopspring/decimal"
)

// TestNoHandleWritesIntoTheEngineOrAFact: "nothing exported lets a caller
// write into an Engine, a Program or a fact another check uses". Every
// program and fact the API hands out is zeroed through and edited where a
// caller can reach (as *e.License() = license.Program{} once turned the
// engine's TrialAvailable{MX, bgp} from allow to deny); the same requests
// then get the same decisions, and the engine still builds facts.
func TestNoHandleWritesIntoTheEngineOrAFact(t *testing.T) {
	e := engine(t)
	lic := evpn(t)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ledger, err := e.NewLedger(credits.Account{ID: "acct", Kind: credits.Professional},
		[]credits.Purchase{{ID: "po-1", At: at.AddDate(0, -1, 0), Order: credits.Order{Credits: decimal.NewFromInt(10), LocalEntity: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	book, err := e.NewBook(nil)
	if err != nil {
		t.Fatal(err)
	}
	history, err := license.NewHistory(lic, []license.Event{{At: at.AddDate(0, -2, 0), Kind: license.TierChanged, Tier: license.Standard}})
	if err != nil {
		t.Fatal(err)
	}
	reqs := []policy.Request{
		policy.TrialAvailable{Platform: "MX", Feature: "bgp"},
		policy.UseFeature{License: lic, Device: "qfx-7", Feature: "evpn-vxlan"},
		policy.RenewLicense{License: lic, TermYears: 1},
		policy.WithHistory{History: history, Request: policy.UseFeature{Device: "qfx-7", Feature: "evpn-vxlan"}},
		policy.CreditStatement{Ledger: ledger, Quarter: credits.QuarterOf(at)},
		policy.PurchaseCredits{Kind: credits.Professional, Order: credits.Order{Credits: decimal.NewFromInt(10), LocalEntity: true}},
	}
	answers := func() []string {
		var out []string
		for _, r := range reqs {
			d, err := e.Decide(r, at)
			if err != nil {
				out = append(out, "error: "+err.Error())
				continue
			}
			out = append(out, d.String())
		}
		return out
	}
	before := answers()

	handles := []any{
		e.License(), e.Entitlement(), e.Credits(), e.TMIP(), e,
		lic.Program(), lic, &lic, ledger, ledger.Program(), book, book.Program(), history, &history, history.At(at),
	}
	for _, h := range handles {
		vandal.Zero(h)
		vandal.Zero(&h)
		vandal.Edit(&h)
	}
	if got := answers(); len(got) != len(before) {
		t.Fatalf("answers %v, want %v", got, before)
	} else {
		for i := range got {
			if got[i] != before[i] {
				t.Errorf("%T after the handles were written through:\n got %s\nwant %s", reqs[i], got[i], before[i])
			}
		}
	}
	if _, err := e.NewDevice("mx-1", "MX", ""); err != nil {
		t.Errorf("the engine no longer builds a device: %v", err)
	}
	if _, err := e.License().NewLicense(license.Spec{}); err == nil {
		t.Error("the engine's program built a license of the zero Spec")
	}
}

// TestEditingOneCheckChangesNoOther: "scenario checks must not share
// writable fact pointers". Two checks of a file ask about the same
// license, order, contact, ledger and book; everything the first check's
// request holds is zeroed through and edited, and the second still gets
// the decision it got before (zeroing the license behind one check once
// made every other check of it fail).
func TestEditingOneCheckChangesNoOther(t *testing.T) {
	files, err := filepath.Glob("scenario/testdata/scenarios/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files: %v", err)
	}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := scenario.Decode(file, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		before := make([]string, len(sc.Checks))
		for i, c := range sc.Checks {
			before[i] = checkText(sc.Engine(), c)
		}
		for i := range sc.Checks {
			r := &sc.Checks[i].Request
			vandal.Zero(*r)
			vandal.Edit(r)
			vandal.Zero(r)
			for j := i + 1; j < len(sc.Checks); j++ {
				if got := checkText(sc.Engine(), sc.Checks[j]); got != before[j] {
					t.Fatalf("%s: after editing check %d, check %d answers\n%s\nwant\n%s", file, i, j, got, before[j])
				}
			}
		}
	}
}

func checkText(e policy.Engine, c scenario.Check) string {
	d, err := e.Decide(c.Request, c.At)
	if err != nil {
		return "error: " + err.Error()
	}
	return d.String()
}
