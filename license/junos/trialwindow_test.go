package junos

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

// srx345Version is show version of an SRX345 as Junos prints it, the
// shape of the public captures of testdata/collections.
const srx345Version = "root@srx345> show version\nHostname: srx345\nModel: srx345\nJunos: 21.4R3-S4.9\nJUNOS Software Release [21.4R3-S4.9]\n\nroot@srx345> show system license\n"

// srxTrial is an SRX345's trial key of IDP and AppID signatures in the
// shape of testdata/vsrx-trial.txt (its 60 days, "Order Type: trial",
// date-based features; the customer ID left blank as a branch device's),
// and srxCountDown a count-down key of Content Security in the shape of
// testdata/vsrx-eval-countdown.txt, its usage row counting down "29 days"
// as the SRX of the Juniper note on license expiry traps does.
const (
	srxTrial = srx345Version + `License usage: 
                                 Licenses     Licenses    Licenses    Expiry
  Feature name                       used    installed      needed 
  idp-sig                               1            1           0    2022-12-12 01:10:42 UTC
  appid-sig                             0            1           0    2022-12-12 01:10:42 UTC
  remote-access-ipsec-vpn-client        0            2           0    permanent

Licenses installed: 
  License identifier: JUNOS20221013
  License version: 4
  Order Type: trial
  Software Serial Number: 20221013
  Customer ID:
  Features:
    idp-sig          - IDP Signature
      date-based, 2022-10-13 01:10:42 UTC - 2022-12-12 01:10:42 UTC
    appid-sig        - APPID Signature
      date-based, 2022-10-13 01:10:42 UTC - 2022-12-12 01:10:42 UTC
`
	srxCountDown = srx345Version + `License usage:
                                 Licenses     Licenses    Licenses    Expiry
  Feature name                       used    installed      needed
  av_key_sophos_engine                  1            1           0    29 days
  remote-access-ipsec-vpn-client        0            2           0    permanent

Licenses installed:
  License identifier: JUNOS20221101
  License version: 4
  Software Serial Number:
  Customer ID:
  Features:
    av_key_sophos_engine - Anti Virus with Sophos Engine
      count-down, Original validity: 30 days
`
)

// TestTrialKeysTheCatalogRefusesStandByTheirDates: "A device's key is what
// the device enforces: its dates are used as they are" (DESIGN.md), and
// "Trial keys exist for virtual and cloud platforms and for PTX, QFX, EX
// and MX Series only" (LIC-TRIAL-PRODUCTS). An SRX's trial or count-down
// key, which the catalog says cannot exist, is read all the same: it
// stands as a trial by the dates the device prints (active, its warning
// window from 30 days before its end, expired at its end), and the
// disagreement is a Discrepancy citing the catalog's rule, repeated in the
// feature's warnings. Every boundary is tried on the instant and 1ns before.
func TestTrialKeysTheCatalogRefusesStandByTheirDates(t *testing.T) {
	captured := time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC)
	trialEnd := time.Date(2022, 12, 12, 1, 10, 42, 0, time.UTC)
	countDownEnd := captured.Add(29 * day)
	for _, c := range []struct {
		name, in, feature, license string
		rules                      rule.List
		start, end                 time.Time
	}{
		{"an SRX345's trial key, date-based", srxTrial, "idp-sig", "JUNOS20221013/idp-sig", rule.ListOf(rule.LicTrialProducts),
			time.Date(2022, 10, 13, 1, 10, 42, 0, time.UTC), trialEnd},
		{"an SRX345's count-down key, 29 of 30 days left", srxCountDown, "av_key_sophos_engine", "JUNOS20221101/av_key_sophos_engine", rule.ListOf(rule.LicTrialProducts),
			countDownEnd.Add(-30 * day), countDownEnd},
		{"an SRX345's count-down usage row of no key", strings.Split(srxCountDown, "\nLicenses installed:")[0] + "\n", "av_key_sophos_engine", "usage/av_key_sophos_engine", rule.ListOf(rule.LicTrialProducts),
			captured, countDownEnd},
		{"a vSRX's trial of vsys, a feature without trials", strings.ReplaceAll(collection(t, "vsrx-trial.txt"), "VCPU Scale", "vsys"), "vsys", "E20210617001/vsys", rule.ListOf(rule.LicTrialFeatures),
			time.Date(2022, 10, 13, 1, 10, 42, 0, time.UTC), trialEnd},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Parse(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			f, err := r.Facts(Options{CapturedAt: captured})
			if err != nil {
				t.Fatalf("the capture is refused: %v", err)
			}
			i := slices.IndexFunc(f.Discrepancies, func(d Discrepancy) bool { return d.Feature == c.feature })
			if i < 0 || f.Discrepancies[i].Rules != c.rules || !strings.Contains(f.Discrepancies[i].Msg, c.rules.At(0).String()) {
				t.Fatalf("discrepancies %+v, want one on %s citing %s", f.Discrepancies, c.feature, c.rules)
			}
			// The warning window opens 30 days before the end, or at the
			// start of a trial of 30 days or fewer.
			warn := c.end.Add(-30 * day)
			if warn.Before(c.start) {
				warn = c.start
			}
			type step struct {
				at      time.Time
				state   license.State
				allowed bool
				rules   rule.List
				until   time.Time
			}
			steps := []step{{c.start.Add(-1), license.NotStarted, false, rule.ListOf(rule.EntTimer), c.start}}
			if warn.After(c.start) {
				steps = append(steps, step{c.start, license.Active, true, rule.ListOf(rule.LicKind), warn}, step{warn.Add(-1), license.Active, true, rule.ListOf(rule.LicKind), warn})
			}
			steps = append(steps, step{warn, license.InWarning, true, rule.ListOf(rule.LicTrialWarn), c.end},
				step{c.end.Add(-1), license.InWarning, true, rule.ListOf(rule.LicTrialWarn), c.end},
				step{c.end, license.Expired, false, rule.ListOf(rule.LicTrialExpiry), time.Time{}})
			for _, s := range steps {
				fr := feature(t, f.At(s.at), c.feature)
				if fr.Kind != license.Trial || fr.License != c.license || fr.Standing.State != s.state || fr.Decision.Allowed != s.allowed ||
					fr.Decision.Rules != s.rules || !fr.Decision.Until.Equal(s.until) {
					t.Errorf("at %v: %s %s %v allowed %v %s until %v, want %s %v allowed %v %s until %v", s.at, fr.Kind, fr.License, fr.Standing.State, fr.Decision.Allowed,
						fr.Decision.Rules, fr.Decision.Until, c.license, s.state, s.allowed, s.rules, s.until)
				}
				if s.allowed && !fr.Ends.Equal(c.end) {
					t.Errorf("at %v: ends %v, want %v", s.at, fr.Ends, c.end)
				}
				if s.state == license.InWarning && fr.Decision.Obligations.Len() != 3 {
					t.Errorf("at %v: obligations %v, want an alarm, a syslog message and a warning", s.at, fr.Decision.Obligations)
				}
				if !slices.Contains(fr.Warnings, f.Discrepancies[i].Msg) {
					t.Errorf("at %v: warnings %q do not repeat %q", s.at, fr.Warnings, f.Discrepancies[i].Msg)
				}
			}
		})
	}
}

// TestTrialKeysTheCatalogOffersAreNotNoted: where the catalog has trial
// keys for the platform (vSRX, and SRX in a catalog that says so) the
// same key is a license.Trial and no Discrepancy is noted.
func TestTrialKeysTheCatalogOffersAreNotNoted(t *testing.T) {
	r, err := Parse(strings.NewReader(srxTrial))
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Facts(Options{Catalog: srxTrials(), CapturedAt: time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Discrepancies) != 0 || len(f.Features[0].Licenses) != 1 || f.Features[0].Licenses[0].Kind() != license.Trial || len(f.Features[0].Windows) != 0 {
		t.Errorf("discrepancies %v, features %+v", f.Discrepancies, f.Features[0])
	}
}

// srxTrials is the default catalog, save that SRX has trial keys.
func srxTrials() license.Catalog {
	c := license.DefaultCatalog()
	for i := range c.Platforms {
		if c.Platforms[i].Name == "SRX" {
			c.Platforms[i].Trial = license.TrialsOffered
		}
	}
	return c
}

// TestTrialWindowAnswersAsTheTrialLicenseWould: a generated SRX capture of
// trial and count-down keys answers, feature by feature and at every
// boundary, as the same capture does under a catalog that gives SRX trial
// keys: the same license followed, kind, state, use, rules, obligations,
// Until and Ends. Only the discrepancies noting the catalog's word differ.
func TestTrialWindowAnswersAsTheTrialLicenseWould(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		captured := drawInstant(t, "captured").Truncate(time.Second)
		rep := Report{Keys: []Key{}, Hardware: Hardware{Models: []Model{{Name: "srx345"}}}}
		names := []string{"idp-sig", "appid-sig", "av_key_sophos_engine", "wf_key_websense_ewf"}
		seen := map[string]bool{}
		for ki := range rapid.IntRange(1, 3).Draw(t, "keys") {
			k := Key{ID: fmt.Sprintf("JUNOS%d", ki), Version: "4"}
			trial := rapid.Bool().Draw(t, "trial")
			if trial {
				k.OrderType = "trial"
			}
			for range rapid.IntRange(1, 2).Draw(t, "features") {
				name := rapid.SampledFrom(names).Draw(t, "name")
				if seen[name] {
					continue
				}
				seen[name] = true
				kf := KeyFeature{Name: name, Description: name}
				if trial {
					start := drawInstant(t, "start").Truncate(time.Second)
					kf.Expiry = Expiry{Validity: DateBased, Start: start, End: start.Add(time.Duration(rapid.IntRange(1, 90).Draw(t, "days")) * day)}
				} else {
					kf.Expiry = Expiry{Validity: CountDown, Original: time.Duration(rapid.IntRange(1, 90).Draw(t, "original")) * day}
				}
				k.Features = append(k.Features, kf)
			}
			rep.Keys = append(rep.Keys, k)
		}
		windows, err := rep.Facts(Options{CapturedAt: captured})
		if err != nil {
			t.Fatal(err)
		}
		licenses, err := rep.Facts(Options{Catalog: srxTrials(), CapturedAt: captured})
		if err != nil {
			t.Fatal(err)
		}
		if len(windows.Discrepancies) != len(seen) || len(licenses.Discrepancies) != 0 {
			t.Fatalf("discrepancies %v and %v, want one a feature and none", windows.Discrepancies, licenses.Discrepancies)
		}
		var ats []time.Time
		for _, ff := range licenses.Features {
			for _, l := range ff.Licenses {
				for _, b := range []time.Time{l.Start(), l.WarningFrom(), l.End()} {
					ats = append(ats, b.Add(-1), b)
				}
			}
		}
		ats = append(ats, drawInstant(t, "at"))
		for _, at := range ats {
			w, l := windows.At(at), licenses.At(at)
			for i := range l.Features {
				a, b := w.Features[i], l.Features[i]
				if a.License != b.License || a.Kind != b.Kind || a.Standing.State != b.Standing.State || a.Decision.Allowed != b.Decision.Allowed ||
					a.Decision.Rules != b.Decision.Rules || !a.Decision.Obligations.Equal(b.Decision.Obligations) ||
					!a.Decision.Until.Equal(b.Decision.Until) || !a.Ends.Equal(b.Ends) || a.Decision.Subject != b.Decision.Subject {
					t.Fatalf("%s at %v: window %+v, license %+v", a.Name, at, a, b)
				}
			}
		}
	})
}

// TestTrialWindowRefusesAnEndNotAfterItsStart: a trial key the catalog
// refuses is read by its dates, and dates that are not a span are refused
// naming the license, as a trial license's are (LIC-KIND).
func TestTrialWindowRefusesAnEndNotAfterItsStart(t *testing.T) {
	at := utc(2022, 10, 13)
	rep := Report{Keys: []Key{{ID: "E1", OrderType: "trial", Features: []KeyFeature{dated("idp-sig", at, at)}}}, Hardware: Hardware{Models: []Model{{Name: "srx345"}}}}
	_, err := rep.Facts(Options{})
	if !errors.Is(err, rule.LicKind) || !strings.Contains(err.Error(), `"E1/idp-sig"`) {
		t.Errorf("got %v, want LIC-KIND naming E1/idp-sig", err)
	}
}

// feature is the report of the feature named name.
func feature(t *testing.T, a Assessment, name string) FeatureReport {
	t.Helper()
	i := slices.IndexFunc(a.Features, func(f FeatureReport) bool { return f.Name == name })
	if i < 0 {
		t.Fatalf("no feature %s in %+v", name, a.Features)
	}
	return a.Features[i]
}
