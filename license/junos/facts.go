package junos

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Options says what a capture does not: the catalog and terms to judge by,
// the device's platform and serial, and the instant of the capture. The
// zero Options judge by the default catalog and terms, infer the platform,
// name the device DefaultDevice and take the capture's own instant.
type Options struct {
	// Catalog defaults to license.DefaultCatalog when it lists no platform.
	Catalog license.Catalog
	// Terms default to license.DefaultTerms when they list no term.
	Terms license.Terms
	// Platform is the device's platform as the caller knows it (a catalog
	// name such as "vSRX", from an inventory or a flag): the platform where
	// the report does not say one ([Report.Identify]), refused with a
	// [*PlatformConflict] where the report says another. Empty means the
	// report's.
	Platform string
	// PlatformFrom names who gives Platform, for a refusal: "-platform",
	// "inventory.csv line 4". Empty means "the caller".
	PlatformFrom string
	// Models map the models a capture names to platforms; the zero [Models]
	// means [DefaultModels].
	Models Models
	// SKUs map key features of SKU form to the features they grant; the
	// zero [SKUs] means [DefaultSKUs].
	SKUs SKUs
	// Device is the device's serial number; empty means DefaultDevice. The
	// "Software Serial Number" of a key is the key's, not the device's.
	Device string
	// CapturedAt is when the device printed the capture; zero means the
	// instant the capture gives itself (Report.CapturedAt). Count-down
	// features need one: they end at it plus their remaining days.
	CapturedAt time.Time
	// Aliases name one feature the way different releases print it; the
	// zero Aliases means DefaultAliases.
	Aliases Aliases
}

// Aliases is catalog data: the names under which releases print one
// feature ("IDP-SIG" and "idp-sig"). Names are compared without case. The
// zero Aliases, in Options, stands for DefaultAliases; NoAliases knows none.
type Aliases struct {
	canon map[string]string // lower-case name -> lower-case first name of its group
	set   bool
}

// NewAliases builds aliases from groups of names of one feature each. It
// refuses an empty name and a name in two groups.
func NewAliases(groups ...[]string) (Aliases, error) {
	a := Aliases{canon: map[string]string{}, set: true}
	for gi, g := range groups {
		if len(g) == 0 {
			continue
		}
		head := strings.ToLower(g[0])
		for _, n := range g {
			k := strings.ToLower(n)
			if strings.TrimSpace(n) == "" {
				return Aliases{}, fmt.Errorf("junos: alias group %d has an empty name", gi)
			}
			if c, ok := a.canon[k]; ok && c != head {
				return Aliases{}, fmt.Errorf("junos: %q is in two alias groups", n)
			}
			a.canon[k] = head
		}
	}
	return a, nil
}

// DefaultAliases are the names seen in captures of different releases:
// IDP-SIG and idp-sig, APPID Signature and appid-sig, Sophos AV and
// av_key_sophos_engine.
func DefaultAliases() Aliases {
	a, _ := NewAliases([]string{"idp-sig", "IDP-SIG"}, []string{"appid-sig", "APPID Signature"}, []string{"av_key_sophos_engine", "Sophos AV"})
	return a
}

// NoAliases knows no alias: every name is its own feature.
func NoAliases() Aliases { return Aliases{set: true} }

// key is the feature a printed name stands for.
func (a Aliases) key(name string) string {
	k := strings.ToLower(name)
	if c, ok := a.canon[k]; ok {
		return c
	}
	return k
}

// MaxGrantsPerFeature bounds how many installed keys may grant one feature:
// a feature's answer is searched over its grants, each change of one
// against all of them, so the cap keeps Facts.At linear in the capture's
// size with a small constant. Real devices show one or two.
const MaxGrantsPerFeature = 16

// constructors builds the license package's values under one program: the
// report's catalog and terms; the package calls its constructors here alone.
type constructors struct{ p license.Program }

func (k constructors) device(serial, platform string) (license.Device, error) {
	return k.p.NewDevice(serial, platform, "")
}

func (k constructors) license(spec license.Spec) (license.License, error) {
	return k.p.NewLicense(spec)
}

// DefaultDevice is the serial given to the device when Options.Device is
// empty: Junos's license output does not print the chassis serial.
const DefaultDevice = "junos-device"

// Window is a key read straight from the dates the device enforces, with
// no order term (grace) added: a date-based key that is not a trial, with
// the rule IDs of a subscription, or a trial the catalog says cannot exist
// on the device (see the package doc), with a trial's. The zero Window is
// a key of no ID and no dates: expired without a date, at every instant.
type Window struct {
	ID string
	// Start is zero when only the end is known (the usage table).
	Start time.Time
	// End is zero for a feature the device says has expired without a date.
	End time.Time
	// Trial is true for a trial key (an order type of trial, a count-down)
	// on a platform or of a feature the catalog gives no trial keys
	// (LIC-TRIAL-PRODUCTS, LIC-TRIAL-FEATURES): the device enforces it all
	// the same, so it stands as a trial does, its warning window
	// (LIC-TRIAL-WARN) opening at WarnFrom.
	Trial    bool
	WarnFrom time.Time
}

// Grant is one installed key's grant of a feature, as the device prints it.
// The zero Grant names no key.
type Grant struct {
	Key       string `json:"key"`
	SKU       string `json:"sku,omitempty"`
	Count     string `json:"count,omitempty"`
	OrderType string `json:"orderType,omitempty"`
	// Name is the feature's name as the key prints it.
	Name   string `json:"name"`
	Expiry Expiry `json:"expiry"`
	Line   int    `json:"line,omitempty"`
}

// FeatureFacts is what a report says of one feature: its usage row, if any,
// the keys that grant it, and the licenses and windows made of them. The
// zero FeatureFacts are of no feature, which nothing grants.
type FeatureFacts struct {
	// Name is the name the device printed first (the usage row's, else the
	// first key's).
	Name string
	// Usage is the feature's usage row; nil when the table does not list it.
	Usage    *Usage
	Grants   []Grant
	Licenses []license.License
	Windows  []Window
}

// Discrepancy is a disagreement, reported rather than hidden: between the
// usage table and the installed keys, or between a key the device holds
// and the catalog, which gives the device no such key (a trial on a
// platform without trial keys). The device's word stands. The zero
// Discrepancy says nothing.
type Discrepancy struct {
	Feature string `json:"feature"`
	// Key is the license identifier involved, empty when none.
	Key string `json:"key,omitempty"`
	// Rules are the catalog's rules the key disagrees with
	// (LIC-TRIAL-PRODUCTS, LIC-TRIAL-FEATURES); empty for a disagreement
	// between the usage table and the keys.
	Rules rule.List `json:"rules,omitzero"`
	Msg   string    `json:"message"`
}

// Facts are a report turned into the license package's terms. The zero Facts
// hold no feature and no device.
type Facts struct {
	Platform string
	// PlatformBy says what gave Platform: what in the capture says it
	// ([Evidence.String]), else who gave it ([Options].PlatformFrom).
	PlatformBy    string
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
// (LIC-TRIAL-WARN, LIC-TRIAL-EXPIRY), other date-based features into a
// Window ending where the device says (LIC-SUB-TERM, no grace); count-down
// features into trials ending at the capture instant plus their remaining
// days; a trial the catalog gives the platform or feature none of
// (LIC-TRIAL-PRODUCTS, LIC-TRIAL-FEATURES) into a trial Window, standing by
// the dates the device prints and noted as a Discrepancy citing the rule.
// Installed keys are the licenses; a usage row that no key covers
// becomes a license of its own ("usage/<name>"). Names are matched without
// case and through o.Aliases; two usage rows of one feature are a
// Discrepancy, the first row kept. The platform is the report's
// ([Report.Identify]), else o.Platform; a report that says another than
// o.Platform is refused with a [*PlatformConflict] naming both, one that
// says none, given none, with an [*UnknownPlatform] naming the models it
// names that map to no platform of the catalog. Errors are
// *rule.Violation, *PlatformConflict or the license package's refusals; an
// end past year 9999 and more than MaxGrantsPerFeature keys on one feature
// are refused, naming the line.
//
// Cost: time and memory linear in the report's size.
func (r Report) Facts(o Options) (Facts, error) {
	if o.Catalog.Platforms == nil {
		o.Catalog = license.DefaultCatalog()
	}
	if o.Terms.SubscriptionTermYears == nil {
		o.Terms = license.DefaultTerms()
	}
	if !o.Aliases.set {
		o.Aliases = DefaultAliases()
	}
	prog, err := license.NewProgram(o.Catalog, o.Terms)
	if err != nil {
		return Facts{}, err
	}
	platform, by, err := r.platform(o)
	if err != nil {
		return Facts{}, err
	}
	serial := o.Device
	if serial == "" {
		serial = DefaultDevice
	}
	build := constructors{p: prog}
	dev, err := build.device(serial, platform)
	if err != nil {
		return Facts{}, err
	}
	fs := Facts{Platform: dev.Platform, PlatformBy: by, Device: dev, terms: o.Terms}
	ix := featureIndex{fs: &fs, aliases: o.Aliases, index: map[string]int{}}
	ix.usage(r.Usage)
	captured := o.CapturedAt
	if captured.IsZero() {
		captured = r.CapturedAt
	}
	b := builder{make: build, dev: dev, captured: captured, warnDays: prog.Terms().TrialWarningDays, notes: &fs.Discrepancies}
	if err := ix.keys(r, o.SKUs, b); err != nil {
		return Facts{}, err
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

// platform is the platform the facts are of and what said so: the
// report's, else o.Platform, which never overrides the report's.
func (r Report) platform(o Options) (platform, by string, err error) {
	said, err := r.Identify(o)
	if err != nil {
		return "", "", err
	}
	platform, by = said.Platform, said.String()
	switch {
	case platform != "" && o.Platform != "" && o.Platform != platform:
		return "", "", &PlatformConflict{Given: o.Platform, GivenBy: o.PlatformFrom, Capture: said}
	case platform == "" && o.Platform == "":
		return "", "", r.unknownPlatform()
	case platform == "":
		platform, by = o.Platform, cmp.Or(o.PlatformFrom, "the caller")
	}
	return platform, by, nil
}

// featureIndex finds a feature of fs by its name's alias key, adding it
// the first time.
type featureIndex struct {
	fs      *Facts
	aliases Aliases
	index   map[string]int
}

func (ix featureIndex) feature(name string) (*FeatureFacts, bool) {
	k := ix.aliases.key(name)
	if i, ok := ix.index[k]; ok {
		return &ix.fs.Features[i], false
	}
	ix.index[k] = len(ix.fs.Features)
	ix.fs.Features = append(ix.fs.Features, FeatureFacts{Name: name})
	return &ix.fs.Features[len(ix.fs.Features)-1], true
}

// usage gives each feature its row of the usage table.
func (ix featureIndex) usage(rows []Usage) {
	for i := range rows {
		f, added := ix.feature(rows[i].Name)
		if !added {
			// The reader refuses a name twice; two aliases of one feature
			// are reported rather than merged.
			ix.fs.Discrepancies = append(ix.fs.Discrepancies, Discrepancy{Feature: f.Name,
				Msg: fmt.Sprintf("the usage table lists the feature twice, as %s (line %d) and %s (line %d); the first row is kept", strconv.Quote(f.Usage.Name), f.Usage.Line, strconv.Quote(rows[i].Name), rows[i].Line)})
			continue
		}
		u := rows[i]
		f.Usage = &u
	}
}

// keys gives each feature the grants of r's keys, building what each key
// stands for with b.
func (ix featureIndex) keys(r Report, skus SKUs, b builder) error {
	for ki, k := range r.Keys {
		kid := k.ID
		if kid == "" {
			kid = fmt.Sprintf("key-%d", ki+1)
		}
		for _, kf := range k.Features {
			// A feature of SKU form is the feature it grants.
			f, _ := ix.feature(cmp.Or(granted(skus, kf.Name), kf.Name))
			if len(f.Grants) == MaxGrantsPerFeature {
				return rule.Errorf([]rule.ID{rule.LicKind}, kid, "line %d: feature %s has more than %d keys (MaxGrantsPerFeature)", kf.Line, strconv.Quote(kf.Name), MaxGrantsPerFeature)
			}
			f.Grants = append(f.Grants, Grant{Key: kid, SKU: k.SKU, Count: k.Count, OrderType: k.OrderType, Name: kf.Name, Expiry: kf.Expiry, Line: kf.Line})
			if err := b.fromKey(f, kid, k, kf); err != nil {
				return err
			}
			ix.fs.Discrepancies = append(ix.fs.Discrepancies, compare(r.Usage != nil, f, k.ID, kf)...)
		}
	}
	return nil
}

type builder struct {
	make     constructors
	dev      license.Device
	captured time.Time
	warnDays int            // the terms' TrialWarningDays
	notes    *[]Discrepancy // where a trial the catalog gives no trial is noted
}

func (b builder) add(f *FeatureFacts, spec license.Spec) error {
	spec.Tier = license.Standard
	spec.Platform = b.dev.Platform
	spec.Device = b.dev
	spec.Features = []string{f.Name}
	l, err := b.make.license(spec)
	if err != nil {
		return err
	}
	f.Licenses = append(f.Licenses, l)
	return nil
}

func (b builder) fromKey(f *FeatureFacts, kid string, k Key, kf KeyFeature) error {
	id := kid + "/" + kf.Name
	e := kf.Expiry
	switch e.Validity {
	case Permanent:
		return b.add(f, license.Spec{ID: id, Kind: license.Perpetual, Start: permanentSince()})
	case DateBased:
		if k.Trial() {
			return b.trial(f, id, k.ID, e.Start, e.End)
		}
		// The device enforces the key's own end: no order term is added.
		if !e.End.After(e.Start) {
			return rule.Errorf([]rule.ID{rule.LicSubTerm}, id, "license %s: ends at %s, not after its start", quoted(id), e.End.Format(time.RFC3339))
		}
		f.Windows = append(f.Windows, Window{ID: id, Start: e.Start, End: e.End})
		return nil
	case CountDown:
		remaining := e.Original
		if f.Usage != nil && f.Usage.Expiry.Validity == CountDown {
			remaining = f.Usage.Expiry.Remaining
		}
		return b.countDown(f, id, k.ID, kf.Line, e.Original, remaining)
	}
	return nil
}

// trial adds a trial over [start, end): a license.Trial where the catalog
// has trial keys for the device's platform and the feature, else a trial
// Window noted as a Discrepancy citing the rules the catalog gives
// (LIC-TRIAL-PRODUCTS, LIC-TRIAL-FEATURES): the device printed the key, so
// the device enforces it, and the capture is not lost for the catalog's
// word.
func (b builder) trial(f *FeatureFacts, id, key string, start, end time.Time) error {
	v := b.make.p.TrialAvailable(b.dev.Platform, f.Name)
	if v.Allowed {
		return b.add(f, license.Spec{ID: id, Kind: license.Trial, Start: start, End: end})
	}
	if !end.After(start) {
		return rule.Errorf([]rule.ID{rule.LicKind}, id, "license %s: trial ends at %s, not after its start %s", quoted(id), end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	// LIC-TRIAL-WARN: the window opens the terms' days before the end, or
	// at the start of a trial shorter than that, as a trial license's does.
	warn := calendar.AddDays(end, -b.warnDays)
	if warn.Before(start) {
		warn = start
	}
	f.Windows = append(f.Windows, Window{ID: id, Start: start, End: end, Trial: true, WarnFrom: warn})
	var says string
	switch products, features := v.Rules.Contains(rule.LicTrialProducts), v.Rules.Contains(rule.LicTrialFeatures); {
	case products && features:
		says = fmt.Sprintf("no trial keys for platform %s nor for feature %s", b.dev.Platform, quoted(f.Name))
	case features:
		says = fmt.Sprintf("no trial key for feature %s", quoted(f.Name))
	default:
		says = fmt.Sprintf("no trial keys for platform %s", b.dev.Platform)
	}
	*b.notes = append(*b.notes, Discrepancy{Feature: f.Name, Key: key, Rules: v.Rules,
		Msg: fmt.Sprintf("the catalog has %s (%s); the device holds trial %s all the same, read from the dates it prints", says, strings.ReplaceAll(v.Rules.String(), " ", ", "), quoted(id))})
	return nil
}

// countDown adds a trial ending remaining after the capture, started
// original before its end (or at the capture when original is unknown).
func (b builder) countDown(f *FeatureFacts, id, key string, line int, original, remaining time.Duration) error {
	if b.captured.IsZero() {
		return rule.Errorf([]rule.ID{rule.LicKind}, id, "license %s counts down: the capture instant is needed", quoted(id))
	}
	end := b.captured.Add(remaining)
	if end.After(lastInstant) || b.captured.Add(-max(original, remaining)).Before(firstInstant) {
		return rule.Errorf([]rule.ID{rule.LicKind}, id, "line %d: license %s counts down from %s past the years 0000-9999", line, quoted(id), b.captured.Format(time.RFC3339))
	}
	start := end.Add(-max(original, remaining))
	if !start.Before(end) {
		start = end.Add(-day)
	}
	return b.trial(f, id, key, start, end)
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
		return b.countDown(f, id, "", f.Usage.Line, 0, e.Remaining)
	case Expired:
		// The device says it has ended and gives no date: expired at once.
		f.Windows = append(f.Windows, Window{ID: id})
	}
	return nil
}

// firstInstant and lastInstant bound the instants a report may hold: every
// output format writes four-digit years.
var (
	firstInstant = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	lastInstant  = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// granted is the feature a key feature of SKU form grants, "" for another.
func granted(s SKUs, name string) string {
	g, _ := s.Grants(name)
	return g
}

// compare reports where the usage table disagrees with an installed key's
// feature.
func compare(haveUsage bool, f *FeatureFacts, kid string, kf KeyFeature) []Discrepancy {
	// The feature is named as the report's row names it, so that the
	// row's warnings repeat it.
	d := func(format string, args ...any) []Discrepancy {
		return []Discrepancy{{Feature: f.Name, Key: kid, Msg: fmt.Sprintf(format, args...)}}
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
