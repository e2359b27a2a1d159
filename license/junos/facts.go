package junos

import (
	"fmt"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Options says what a capture does not: the catalog and terms to judge by,
// the device's platform and serial, and the instant of the capture.
type Options struct {
	// Catalog defaults to license.DefaultCatalog when it lists no platform.
	Catalog license.Catalog
	// Terms default to license.DefaultTerms when they list no term.
	Terms license.Terms
	// Platform is the device's platform (a catalog name such as "vSRX");
	// empty means infer it from the report (see the package doc).
	Platform string
	// Device is the device's serial number; empty means DefaultDevice. The
	// "Software Serial Number" of a key is the key's, not the device's.
	Device string
	// CapturedAt is when the device printed the capture. Count-down
	// features need it: they end at CapturedAt plus their remaining days.
	CapturedAt time.Time
}

// DefaultDevice is the serial given to the device when Options.Device is
// empty: Junos's license output does not print the chassis serial.
const DefaultDevice = "junos-device"

// Window is a date-based term that is not one of the terms' whole-year
// subscription terms (or whose start the output does not give), so that
// license.New cannot build it; its standing is read straight from its dates
// with the rule IDs of a subscription (see the package doc).
type Window struct {
	ID string
	// Start is zero when only the end is known (the usage table).
	Start, End time.Time
}

// FeatureFacts is what a report says of one feature: its usage row, if any,
// and the licenses and windows that grant it.
type FeatureFacts struct {
	Name string
	// Usage is the feature's usage row; nil when the table does not list it.
	Usage    *Usage
	Licenses []license.License
	Windows  []Window
}

// Discrepancy is a disagreement between the usage table and the installed
// keys, reported rather than hidden.
type Discrepancy struct {
	Feature string `json:"feature"`
	// Key is the license identifier involved, empty when none.
	Key string `json:"key,omitempty"`
	Msg string `json:"message"`
}

// Facts are a report turned into the license package's terms.
type Facts struct {
	Platform      string
	Device        license.Device
	Features      []FeatureFacts
	Discrepancies []Discrepancy
	terms         license.Terms
}

// permanentSince is the start given to permanent features: the output never
// says when they were installed, so they count from the Unix epoch.
func permanentSince() time.Time { return time.Unix(0, 0).UTC() }

// Facts turns the report into licenses: permanent features into perpetual
// licenses (LIC-PERP-TERM), date-based features of a trial key into trials
// (LIC-TRIAL-WARN, LIC-TRIAL-EXPIRY), other date-based features spanning
// exactly one of the terms' years into initial subscriptions (LIC-SUB-TERM,
// ENT-GRACE) and any other span into a Window; count-down features into
// trials ending at the capture instant plus their remaining days. Installed
// keys are the licenses; a usage row that no key covers becomes a license of
// its own ("usage/<name>"). Errors are *rule.Violation or the license
// package's refusals.
func (r Report) Facts(o Options) (Facts, error) {
	if o.Catalog.Platforms == nil {
		o.Catalog = license.DefaultCatalog()
	}
	if o.Terms.SubscriptionTermYears == nil {
		o.Terms = license.DefaultTerms()
	}
	prog, err := license.NewProgram(o.Catalog, o.Terms)
	if err != nil {
		return Facts{}, err
	}
	platform := o.Platform
	if platform == "" {
		platform = r.inferPlatform(prog)
		if platform == "" {
			return Facts{}, rule.Errorf([]rule.ID{rule.LicPlatform}, "report", "the report does not show the device's platform: give it")
		}
	}
	serial := o.Device
	if serial == "" {
		serial = DefaultDevice
	}
	dev, err := prog.NewDevice(serial, platform, "")
	if err != nil {
		return Facts{}, err
	}
	fs := Facts{Platform: dev.Platform, Device: dev, terms: o.Terms}
	index := map[string]int{}
	feature := func(name string) *FeatureFacts {
		k := strings.ToLower(name)
		if i, ok := index[k]; ok {
			return &fs.Features[i]
		}
		index[k] = len(fs.Features)
		fs.Features = append(fs.Features, FeatureFacts{Name: name})
		return &fs.Features[len(fs.Features)-1]
	}
	for i := range r.Usage {
		f := feature(r.Usage[i].Name)
		if f.Usage == nil {
			u := r.Usage[i]
			f.Usage = &u
		}
	}
	b := builder{p: prog, dev: dev, captured: o.CapturedAt}
	for ki, k := range r.Keys {
		kid := k.ID
		if kid == "" {
			kid = fmt.Sprintf("key-%d", ki+1)
		}
		for _, kf := range k.Features {
			f := feature(kf.Name)
			if err := b.fromKey(f, kid, k.Trial(), kf); err != nil {
				return Facts{}, err
			}
			fs.Discrepancies = append(fs.Discrepancies, compare(r.Usage != nil, f, k.ID, kf)...)
		}
	}
	for i := range fs.Features {
		f := &fs.Features[i]
		if len(f.Licenses) > 0 || len(f.Windows) > 0 || f.Usage == nil || f.Usage.Installed == 0 {
			continue
		}
		if err := b.fromUsage(f); err != nil {
			return Facts{}, err
		}
	}
	return fs, nil
}

type builder struct {
	p        *license.Program
	dev      license.Device
	captured time.Time
}

func (b builder) add(f *FeatureFacts, spec license.Spec) error {
	spec.Tier = license.Standard
	spec.Platform = b.dev.Platform
	spec.Device = b.dev
	spec.Features = []string{f.Name}
	l, err := b.p.NewLicense(spec)
	if err != nil {
		return err
	}
	f.Licenses = append(f.Licenses, l)
	return nil
}

func (b builder) fromKey(f *FeatureFacts, kid string, trial bool, kf KeyFeature) error {
	id := kid + "/" + kf.Name
	e := kf.Expiry
	switch e.Validity {
	case Permanent:
		return b.add(f, license.Spec{ID: id, Kind: license.Perpetual, Start: permanentSince()})
	case DateBased:
		if trial {
			return b.add(f, license.Spec{ID: id, Kind: license.Trial, Start: e.Start, End: e.End})
		}
		for _, n := range b.p.Terms().SubscriptionTermYears {
			if calendar.AddYears(e.Start, n).Equal(e.End) {
				return b.add(f, license.Spec{ID: id, Kind: license.Subscription, Start: e.Start, TermYears: n})
			}
		}
		if !e.End.After(e.Start) {
			return rule.Errorf([]rule.ID{rule.LicSubTerm}, id, "license %s: ends at %s, not after its start", id, e.End.Format(time.RFC3339))
		}
		f.Windows = append(f.Windows, Window{ID: id, Start: e.Start, End: e.End})
		return nil
	case CountDown:
		remaining := e.Original
		if f.Usage != nil && f.Usage.Expiry.Validity == CountDown {
			remaining = f.Usage.Expiry.Remaining
		}
		return b.countDown(f, id, e.Original, remaining)
	}
	return nil
}

// countDown adds a trial ending remaining after the capture, started
// original before its end (or at the capture when original is unknown).
func (b builder) countDown(f *FeatureFacts, id string, original, remaining time.Duration) error {
	if b.captured.IsZero() {
		return rule.Errorf([]rule.ID{rule.LicKind}, id, "license %s counts down: the capture instant is needed", id)
	}
	end := b.captured.Add(remaining)
	start := end.Add(-max(original, remaining))
	if !start.Before(end) {
		start = end.Add(-day)
	}
	return b.add(f, license.Spec{ID: id, Kind: license.Trial, Start: start, End: end})
}

func (b builder) fromUsage(f *FeatureFacts) error {
	id := "usage/" + f.Name
	e := f.Usage.Expiry
	switch e.Validity {
	case Permanent:
		return b.add(f, license.Spec{ID: id, Kind: license.Perpetual, Start: permanentSince()})
	case DateBased:
		f.Windows = append(f.Windows, Window{ID: id, End: e.End})
	case CountDown:
		return b.countDown(f, id, 0, e.Remaining)
	}
	return nil
}

// compare reports where the usage table disagrees with an installed key's
// feature.
func compare(haveUsage bool, f *FeatureFacts, kid string, kf KeyFeature) []Discrepancy {
	d := func(format string, args ...any) []Discrepancy {
		return []Discrepancy{{Feature: kf.Name, Key: kid, Msg: fmt.Sprintf(format, args...)}}
	}
	switch {
	case !haveUsage:
		return nil
	case f.Usage == nil:
		return d("the installed key's feature is not in the usage table")
	case f.Usage.Installed == 0:
		return d("the usage table shows none installed, the key is installed")
	case f.Usage.Expiry.Validity == 0:
		return nil
	case f.Usage.Expiry.Validity != kf.Expiry.Validity:
		return d("the usage table says %s, the installed key says %s", f.Usage.Expiry.Validity, kf.Expiry.Validity)
	case kf.Expiry.Validity == DateBased && !f.Usage.Expiry.End.Equal(kf.Expiry.End):
		return d("the usage table ends at %s, the installed key at %s", f.Usage.Expiry.End.Format(time.RFC3339), kf.Expiry.End.Format(time.RFC3339))
	}
	return nil
}

// inferPlatform reads the platform from a key's customer ID
// ("vSRX-JuniperEval") or a feature name ("vmx-..." for vMX, "Virtual
// Appliance" for vSRX); empty when nothing says.
func (r Report) inferPlatform(c *license.Program) string {
	for _, k := range r.Keys {
		prefix, _, _ := strings.Cut(k.CustomerID, "-")
		if p, ok := c.Platform(prefix); ok && prefix != "" {
			return p.Name
		}
	}
	var names []string
	for _, u := range r.Usage {
		names = append(names, u.Name)
	}
	for _, k := range r.Keys {
		for _, f := range k.Features {
			names = append(names, f.Name)
		}
	}
	for _, n := range names {
		switch l := strings.ToLower(n); {
		case strings.HasPrefix(l, "vmx-"):
			return "vMX"
		case l == "virtual appliance":
			return "vSRX"
		}
	}
	return ""
}
