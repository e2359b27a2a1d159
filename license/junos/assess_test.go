package junos

import (
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
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
