package junos

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var epoch = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

func drawInstant(t *rapid.T, label string) time.Time {
	return epoch.Add(time.Duration(rapid.Int64Range(0, 10*365*24*3600).Draw(t, label)) * time.Second)
}

// drawCapture draws a capture of keys with permanent, date-based (trial or
// a commercial key of any span, which becomes a Window) and count-down
// features, and the specs of the licenses built by hand from it.
func drawCapture(t *rapid.T, captured time.Time) (Report, []license.Spec) {
	dev := license.Device{Serial: DefaultDevice, Platform: "vSRX", Class: "vSRX"}
	var rep Report
	rep.Keys = []Key{}
	var specs []license.Spec
	seen := map[string]bool{}
	for ki := range rapid.IntRange(1, 3).Draw(t, "keys") {
		trial := rapid.Bool().Draw(t, "trial")
		k := Key{ID: fmt.Sprintf("E%d", ki), Version: "4", CustomerID: "vSRX-JuniperEval"}
		if trial {
			k.OrderType = "trial"
		}
		for range rapid.IntRange(1, 3).Draw(t, "features") {
			name := rapid.SampledFrom([]string{"Virtual Appliance", "VCPU Scale", "idp-sig", "appid-sig", "logical-system"}).Draw(t, "name")
			if seen[name] {
				continue
			}
			seen[name] = true
			spec := license.Spec{ID: k.ID + "/" + name, Tier: license.Standard, Platform: "vSRX", Device: dev, Features: []string{name}}
			kf := KeyFeature{Name: name, Description: name}
			start := drawInstant(t, "start").Truncate(time.Second)
			switch rapid.IntRange(0, 2).Draw(t, "validity") {
			case 0:
				kf.Expiry = Expiry{Validity: Permanent}
				spec.Kind, spec.Start = license.Perpetual, time.Unix(0, 0).UTC()
			case 1:
				if trial {
					end := start.Add(time.Duration(rapid.IntRange(1, 90).Draw(t, "days")) * day)
					kf.Expiry = Expiry{Validity: DateBased, Start: start, End: end}
					spec.Kind, spec.Start, spec.End = license.Trial, start, end
				} else {
					// A commercial key: a Window, checked by its own tests.
					years := rapid.SampledFrom([]int{1, 3, 5}).Draw(t, "years")
					kf.Expiry = Expiry{Validity: DateBased, Start: start, End: calendar.AddYears(start, years)}
					k.Features = append(k.Features, kf)
					continue
				}
			case 2:
				days := rapid.IntRange(1, 90).Draw(t, "original")
				kf.Expiry = Expiry{Validity: CountDown, Original: time.Duration(days) * day}
				end := captured.Add(time.Duration(days) * day)
				spec.Kind, spec.Start, spec.End = license.Trial, captured, end
			}
			k.Features = append(k.Features, kf)
			specs = append(specs, spec)
		}
		rep.Keys = append(rep.Keys, k)
	}
	return rep, specs
}

// TestParsedLicensesDecideAsHandBuilt: a generated capture, rendered as text
// and parsed back, gives licenses whose every decision (standing and use,
// inside, at and after each boundary) equals that of the same license built
// by hand with license.New.
func TestParsedLicensesDecideAsHandBuilt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		captured := drawInstant(t, "captured")
		rep, specs := drawCapture(t, captured)
		parsed, err := ParseText(strings.NewReader(rep.Text()))
		if err != nil {
			t.Fatalf("%v\n%s", err, rep.Text())
		}
		f, err := parsed.Facts(Options{CapturedAt: captured})
		if err != nil {
			t.Fatal(err)
		}
		var got []license.License
		for _, ff := range f.Features {
			got = append(got, ff.Licenses...)
		}
		if len(got) != len(specs) {
			t.Fatalf("%d licenses, want %d", len(got), len(specs))
		}
		c, terms := license.DefaultCatalog(), license.DefaultTerms()
		for _, spec := range specs {
			i := slices.IndexFunc(got, func(l license.License) bool { return l.ID() == spec.ID })
			if i < 0 {
				t.Fatalf("license %s missing", spec.ID)
			}
			hand := license.MustNewProgram(c, terms).MustNewLicense(spec)
			l := got[i]
			ats := []time.Time{drawInstant(t, "at"), captured}
			for _, b := range []time.Time{hand.Start(), hand.WarningFrom(), hand.TermEnd(), hand.End()} {
				if !b.IsZero() {
					ats = append(ats, b.Add(-1), b, b.Add(1))
				}
			}
			for _, at := range ats {
				if g, w := l.StandingAt(at), hand.StandingAt(at); fmt.Sprint(g) != fmt.Sprint(w) {
					t.Fatalf("%s at %v: parsed %+v, by hand %+v", spec.ID, at, g, w)
				}
				feature := spec.Features[0]
				if g, w := l.Use(DefaultDevice, feature, noUnits, at), hand.Use(DefaultDevice, feature, noUnits, at); fmt.Sprint(g) != fmt.Sprint(w) {
					t.Fatalf("%s use at %v: parsed %+v, by hand %+v", spec.ID, at, g, w)
				}
			}
		}
	})
}

// TestFeatureUntilIsExact: for every feature of a generated capture, the
// answer is the same 1ns before Until and differs at Until.
func TestFeatureUntilIsExact(t *testing.T) {
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
			if r.Decision.Until.IsZero() {
				if !sameAnswer(f.feature(i, at.AddDate(200, 0, 0), nil), r) {
					t.Fatalf("%s: holds for good at %v but changes later", r.Name, at)
				}
				continue
			}
			if before := f.feature(i, r.Decision.Until.Add(-1), nil); !sameAnswer(before, r) {
				t.Fatalf("%s: changes before Until %v", r.Name, r.Decision.Until)
			}
			if after := f.feature(i, r.Decision.Until, nil); sameAnswer(after, r) {
				t.Fatalf("%s: same answer at Until %v", r.Name, r.Decision.Until)
			}
		}
	})
}

// noUnits asks for no particular scale.
var noUnits decimal.NullDecimal

// TestParsedUsageDecidesAsHandBuilt: usage rows no key covers, rendered as
// XML and parsed back, become licenses deciding exactly as hand-built ones:
// permanent rows perpetual licenses from the epoch, count-down rows trials
// from the capture to the capture plus their remaining time.
func TestParsedUsageDecidesAsHandBuilt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		captured := drawInstant(t, "captured")
		dev := license.Device{Serial: DefaultDevice, Platform: "vMX", Class: "vMX"}
		rep := Report{Usage: []Usage{}}
		var specs []license.Spec
		for i := range rapid.IntRange(1, 6).Draw(t, "rows") {
			name := fmt.Sprintf("vmx-feature-%d", i)
			u := Usage{Name: name, Used: rapid.IntRange(0, 9).Draw(t, "used"), Installed: rapid.IntRange(1, 9).Draw(t, "installed")}
			spec := license.Spec{ID: "usage/" + name, Tier: license.Standard, Platform: "vMX", Device: dev, Features: []string{name}}
			if rapid.Bool().Draw(t, "permanent") {
				u.Expiry = Expiry{Validity: Permanent}
				spec.Kind, spec.Start = license.Perpetual, time.Unix(0, 0).UTC()
			} else {
				rem := time.Duration(rapid.IntRange(1, 90*86400).Draw(t, "seconds")) * time.Second
				u.Expiry = Expiry{Validity: CountDown, Remaining: rem}
				spec.Kind, spec.Start, spec.End = license.Trial, captured, captured.Add(rem)
			}
			rep.Usage = append(rep.Usage, u)
			specs = append(specs, spec)
		}
		parsed, err := ParseXML(strings.NewReader(rep.XML()))
		if err != nil {
			t.Fatalf("%v\n%s", err, rep.XML())
		}
		f, err := parsed.Facts(Options{CapturedAt: captured})
		if err != nil {
			t.Fatal(err)
		}
		c, terms := license.DefaultCatalog(), license.DefaultTerms()
		for i, spec := range specs {
			if len(f.Features[i].Licenses) != 1 {
				t.Fatalf("%s: %d licenses", spec.ID, len(f.Features[i].Licenses))
			}
			l, hand := f.Features[i].Licenses[0], license.MustNewProgram(c, terms).MustNewLicense(spec)
			for _, at := range []time.Time{drawInstant(t, "at"), captured, hand.End().Add(-1), hand.End(), hand.WarningFrom()} {
				if g, w := l.StandingAt(at), hand.StandingAt(at); fmt.Sprint(g) != fmt.Sprint(w) {
					t.Fatalf("%s at %v: parsed %+v, by hand %+v", spec.ID, at, g, w)
				}
			}
		}
	})
}
