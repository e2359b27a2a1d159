package junos

import (
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

// TestFeatureFollowsTheBestLicense: "A feature with several licenses
// follows the one usable that lasts longest, else the one that starts
// soonest" (package doc), whatever order the keys are listed in.
func TestFeatureFollowsTheBestLicense(t *testing.T) {
	at := utc(2025, 6, 1)
	short := Key{ID: "SHORT", Features: []KeyFeature{dated("idp-sig", utc(2025, 1, 1), utc(2026, 1, 1))}}
	long := Key{ID: "LONG", Features: []KeyFeature{dated("idp-sig", utc(2025, 1, 1), utc(2030, 1, 1))}}
	expired := Key{ID: "OLD", Features: []KeyFeature{dated("idp-sig", utc(2020, 1, 1), utc(2021, 1, 1))}}
	future := Key{ID: "NEXT", Features: []KeyFeature{dated("idp-sig", utc(2027, 1, 1), utc(2032, 1, 1))}}
	trial := Key{ID: "TRY", OrderType: "trial", Features: []KeyFeature{dated("idp-sig", utc(2025, 5, 1), utc(2025, 7, 1))}}
	for _, c := range []struct {
		name string
		keys []Key
		want string
	}{
		{"the longer of two usable, listed first", []Key{long, short}, "LONG/idp-sig"},
		{"the longer of two usable, listed last", []Key{short, long}, "LONG/idp-sig"},
		{"a usable trial over a longer one not started, listed last", []Key{future, trial}, "TRY/idp-sig"},
		{"a usable trial over a longer one not started, listed first", []Key{trial, future}, "TRY/idp-sig"},
		{"not started rather than expired, expired first", []Key{expired, future}, "NEXT/idp-sig"},
		{"not started rather than expired, expired last", []Key{future, expired}, "NEXT/idp-sig"},
	} {
		r, err := ParseText(strings.NewReader(keysText(c.keys...)))
		if err != nil {
			t.Fatal(err)
		}
		f, err := r.Facts(Options{Platform: "vSRX"})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.At(at).Features[0].License; got != c.want {
			t.Errorf("%s: follows %s, want %s", c.name, got, c.want)
		}
	}
}

// TestUnlicensedUseCitesEachRuleOnce: a refused unlicensed use cites the
// closest rule first, then the rules of the standing it follows, each once
// (LIC-SOD beside a usable perpetual license's LIC-PERP-TERM; an expired
// trial's LIC-TRIAL-EXPIRY only once).
func TestUnlicensedUseCitesEachRuleOnce(t *testing.T) {
	captured := utc(2025, 1, 1)
	r, err := Parse(strings.NewReader(header +
		"  av_key_kaspersky_engine    2    1    1    permanent\n" +
		"  wf_key_surfcontrol_cpa     1    1    1    3 days\n"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Facts(Options{Platform: "vSRX", CapturedAt: captured})
	if err != nil {
		t.Fatal(err)
	}
	a := f.At(captured.AddDate(0, 0, 3))
	for i, want := range []string{"LIC-SOD LIC-PERP-TERM", "LIC-TRIAL-EXPIRY"} {
		if got := ruleNames(a.Features[i].Decision.Rules.IDs()); got != want {
			t.Errorf("%s: rules %q, want %q", a.Features[i].Name, got, want)
		}
		if obs := a.Features[i].Decision.Obligations.Slice(); len(obs) != 1 || obs[0].Kind != rule.Alarm {
			t.Errorf("%s: obligations %v", a.Features[i].Name, obs)
		}
	}
}

// TestEndsIsTheEndOfUsabilityNotTheNextChange: a trial in its warning
// window, or before it, changes its answer when the window opens; its
// usability ends at the trial's end ("LIC-TRIAL-EXPIRY"), and Ends says so
// where Until says the next change. A feature not usable has no end; one
// usable for good has the zero end.
func TestEndsIsTheEndOfUsabilityNotTheNextChange(t *testing.T) {
	captured := utc(2021, 10, 1)
	r, err := Parse(strings.NewReader(header +
		"  VMX-BANDWIDTH      50   50   0    59 days\n" +
		"  scale-subscriber    0   10   0    permanent\n" +
		"  wf_key_websense     1    0   1    permanent\n"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Facts(Options{Platform: "vMX", CapturedAt: captured})
	if err != nil {
		t.Fatal(err)
	}
	end := captured.AddDate(0, 0, 59)
	if until := f.At(captured).Features[0].Decision.Until; !until.Before(end) {
		t.Errorf("the trial's next change %v is not its warning, before its end %v", until, end)
	}
	for _, at := range []time.Time{captured, end.AddDate(0, 0, -1)} {
		a := f.At(at)
		if got := a.Features[0]; !got.Ends.Equal(end) {
			t.Errorf("at %v: %s ends %v (until %v), want ends %v", at, got.Name, got.Ends, got.Decision.Until, end)
		}
		if got := a.Features[1]; !got.Decision.Allowed || !got.Ends.IsZero() {
			t.Errorf("at %v: %s allowed %v ends %v, want allowed for good", at, got.Name, got.Decision.Allowed, got.Ends)
		}
		if got := a.Features[2]; got.Decision.Allowed || !got.Ends.IsZero() {
			t.Errorf("at %v: %s allowed %v ends %v, want not allowed, no end", at, got.Name, got.Decision.Allowed, got.Ends)
		}
	}
	if got := f.At(end).Features[0]; got.Decision.Allowed || !got.Ends.IsZero() {
		t.Errorf("at the end: allowed %v, ends %v", got.Decision.Allowed, got.Ends)
	}
}

// TestUsabilityEndsAtEnds: for every feature of a generated capture allowed
// at an instant, its use is allowed at every change before Ends and 1ns
// before it, and not at Ends; with the zero Ends, at every later change.
func TestUsabilityEndsAtEnds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		captured := drawInstant(t, "captured")
		rep, _ := drawCapture(t, captured)
		f, err := rep.Facts(Options{CapturedAt: captured})
		if err != nil {
			t.Fatal(err)
		}
		at := drawInstant(t, "at")
		for i := range f.Features {
			r := f.feature(i, at, nil)
			if !r.Decision.Allowed {
				if !r.Ends.IsZero() {
					t.Fatalf("%s: not allowed at %v, ends %v", r.Name, at, r.Ends)
				}
				continue
			}
			for _, c := range f.Features[i].changes(at) {
				if !r.Ends.IsZero() && !c.Before(r.Ends) {
					break
				}
				if !f.feature(i, c, nil).Decision.Allowed {
					t.Fatalf("%s: not allowed at %v, before its end %v", r.Name, c, r.Ends)
				}
			}
			if r.Ends.IsZero() {
				if !f.feature(i, at.AddDate(200, 0, 0), nil).Decision.Allowed {
					t.Fatalf("%s: usable for good at %v but not in 200 years", r.Name, at)
				}
				continue
			}
			if !f.feature(i, r.Ends.Add(-1), nil).Decision.Allowed || f.feature(i, r.Ends, nil).Decision.Allowed {
				t.Fatalf("%s: usability does not end at %v", r.Name, r.Ends)
			}
		}
	})
}
