package main

import (
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// Metric names. Per feature, series are labelled device, feature and
// license (the license the feature follows; empty when none grants it).
const (
	namespace = "licensepolicy"

	unlicensed = "unlicensed" // the standing of a feature no license grants
)

var (
	featureLabels = []string{"device", "feature", "license"}

	expiryDesc = prometheus.NewDesc(namespace+"_license_expiry_timestamp_seconds",
		"When the license a feature follows ends (Unix time); absent for a permanent license and for a feature no license grants.", featureLabels, nil)
	usableDesc = prometheus.NewDesc(namespace+"_license_usable",
		"1 when the license a feature follows is usable at the evaluation instant (active, in grace or in warning), else 0.", featureLabels, nil)
	warningDesc = prometheus.NewDesc(namespace+"_license_in_warning",
		"1 when the license a feature follows is a trial in its warning window (LIC-TRIAL-WARN), else 0.", featureLabels, nil)
	allowedDesc = prometheus.NewDesc(namespace+"_license_use_allowed",
		"1 when the device's use of the feature is licensed at the evaluation instant, else 0 (unusable license, or licenses needed).", featureLabels, nil)
	usedDesc = prometheus.NewDesc(namespace+"_license_features_used",
		"Licenses of the feature the device uses, from its usage table; absent when the table does not list the feature.", featureLabels, nil)
	installedDesc = prometheus.NewDesc(namespace+"_license_features_installed",
		"Licenses of the feature installed, from the device's usage table; absent when the table does not list the feature.", featureLabels, nil)
	neededDesc = prometheus.NewDesc(namespace+"_license_features_needed",
		"Licenses of the feature the device uses without having them, from its usage table; absent when the table does not list the feature.", featureLabels, nil)
	standingDesc = prometheus.NewDesc(namespace+"_device_features",
		"Features of a device by the standing of the license each follows (unlicensed: no license grants it).", []string{"device", "standing"}, nil)
	infoDesc = prometheus.NewDesc(namespace+"_device_info",
		"A device read, with the file it was read from and its platform.", []string{"device", "file", "platform"}, nil)
	discrepancyDesc = prometheus.NewDesc(namespace+"_device_discrepancies",
		"Disagreements between a device's usage table and its installed keys.", []string{"device"}, nil)
	atDesc = prometheus.NewDesc(namespace+"_evaluation_timestamp_seconds",
		"The instant the standings are evaluated at (Unix time).", nil, nil)
	readErrorsDesc = prometheus.NewDesc(namespace+"_capture_read_errors_total",
		"Reads of a capture or scenario file (or a directory's listing) that failed, since the exporter started.", []string{"file"}, nil)
)

// standings are the label values of the counts by standing, every one
// exported for every device so that a count of zero is a series too.
var standings = []license.State{license.NotStarted, license.Active, license.InGrace, license.InWarning, license.Expired}

// Collector reads the captures and the scenario when scraped (or on
// Refresh) and exports every device's features at the instant its clock
// gives. The zero Collector is not usable; build one with NewCollector.
type Collector struct {
	cfg    Config
	now    func() time.Time
	log    *slog.Logger
	reader capture.Reader

	// mu guards what follows; it is never held while a file is opened or
	// read, so a file that blocks cannot hold a scrape.
	mu sync.Mutex
	// errors are the read errors counted per file of the last read: a
	// file gone since is gone from them.
	errors map[string]float64
	kept   *fleet
	// reading is the read in progress: concurrent scrapes wait for it
	// rather than read the files twice at once.
	reading *pass
}

// NewCollector returns a collector of what cfg names, evaluated at now()
// when scraped. It logs each file it cannot read to log (nil: nowhere).
func NewCollector(cfg Config, now func() time.Time, log *slog.Logger) *Collector {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Collector{cfg: cfg, now: now, log: log, errors: map[string]float64{}}
}

// Refresh reads the files now and keeps what it read: from its first call
// on, scrapes answer from the last Refresh instead of reading (the
// -interval mode). The standings are still evaluated at scrape time.
func (c *Collector) Refresh() {
	f := c.read()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.kept = &f
}

// read joins the read in progress, or begins one, and waits for it until
// its deadline; the first caller to get its result counts its errors.
func (c *Collector) read() fleet {
	c.mu.Lock()
	p := c.reading
	if p == nil {
		p = newPass(c.cfg, &c.reader)
		c.reading = p
	}
	c.mu.Unlock()
	f := p.wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reading == p {
		c.reading = nil
		c.count(f)
	}
	return f
}

// count counts a read's errors per file and forgets the files it did not
// look at, so that the series of a file gone disappear with it.
func (c *Collector) count(f fleet) {
	errs := make(map[string]float64, len(f.files))
	for _, r := range f.files {
		if _, ok := errs[r.file]; !ok {
			errs[r.file] = c.errors[r.file]
		}
		if r.err != nil {
			errs[r.file]++
			c.log.Warn("not read", "file", r.file, "error", r.err)
		}
	}
	c.errors = errs
}

// Describe sends every family the collector exports.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{expiryDesc, usableDesc, warningDesc, allowedDesc, usedDesc, installedDesc, neededDesc,
		standingDesc, infoDesc, discrepancyDesc, atDesc, readErrorsDesc} {
		ch <- d
	}
}

// Collect reads the files (unless Refresh keeps them) and sends their
// metrics at the clock's instant.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	kept := c.kept
	c.mu.Unlock()
	var f fleet
	if kept != nil {
		f = *kept
	} else {
		f = c.read()
	}
	c.mu.Lock()
	errs := maps.Clone(c.errors)
	c.mu.Unlock()
	metrics(f, errs, c.now(), func(m prometheus.Metric) { ch <- m })
}

// featureRow is one feature of a device at an instant.
type featureRow struct {
	device, feature, license string
	state                    license.State // zero when no license grants the feature
	expiry                   time.Time     // zero for none
	allowed                  bool
	inUsage                  bool
	used, installed, needed  int
}

// exposition sends a read's metrics, one device at a time: nothing but the
// series already sent and a set of their keys is held.
type exposition struct {
	emit func(prometheus.Metric)
	seen map[[3]string]bool
}

// sample is one series of a feature: a gauge whose label pairs are the
// feature's, built once and shared by its series, so that a feature's
// seven series cost one set of labels rather than seven.
type sample struct {
	desc   *prometheus.Desc
	value  float64
	labels []*dto.LabelPair
}

func (s sample) Desc() *prometheus.Desc { return s.desc }

func (s sample) Write(m *dto.Metric) error {
	v := s.value
	m.Label = s.labels
	m.Gauge = &dto.Gauge{Value: &v}
	return nil
}

// The label names of a feature's series, in the order a metric holds its
// labels (by name).
var deviceLabel, featureLabel, licenseLabel = "device", "feature", "license"

func featurePairs(device, feature, license string) []*dto.LabelPair {
	return []*dto.LabelPair{{Name: &deviceLabel, Value: &device}, {Name: &featureLabel, Value: &feature}, {Name: &licenseLabel, Value: &license}}
}

func (x *exposition) add(d *prometheus.Desc, t prometheus.ValueType, v float64, labels ...string) {
	// The descriptors are fixed and the labels of the right number, made
	// valid UTF-8 by label: this cannot fail, and a scrape never panics.
	m, err := prometheus.NewConstMetric(d, t, v, labels...)
	if err != nil {
		m = prometheus.NewInvalidMetric(d, err)
	}
	x.emit(m)
}

func bit(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// feature sends a feature's series and counts it in byStanding; a feature
// already sent (the same license of one device named twice, by a capture
// and the scenario) is sent once, the first read.
func (x *exposition) feature(r featureRow, byStanding map[string]int) {
	r.device, r.feature, r.license = label(r.device), label(r.feature), label(r.license)
	key := [3]string{r.device, r.feature, r.license}
	if x.seen[key] {
		return
	}
	x.seen[key] = true
	standing := unlicensed
	if r.state != 0 {
		standing = r.state.String()
	}
	byStanding[standing]++
	labels := featurePairs(r.device, r.feature, r.license)
	gauge := func(d *prometheus.Desc, v float64) { x.emit(sample{d, v, labels}) }
	if !r.expiry.IsZero() {
		gauge(expiryDesc, float64(r.expiry.Unix()))
	}
	gauge(usableDesc, bit(r.state.Usable()))
	gauge(warningDesc, bit(r.state == license.InWarning))
	gauge(allowedDesc, bit(r.allowed))
	if r.inUsage {
		gauge(usedDesc, float64(r.used))
		gauge(installedDesc, float64(r.installed))
		gauge(neededDesc, float64(r.needed))
	}
}

// standings sends a device's counts by standing, zeros included.
func (x *exposition) standings(device string, byStanding map[string]int) {
	for _, s := range standings {
		x.add(standingDesc, prometheus.GaugeValue, float64(byStanding[s.String()]), label(device), s.String())
	}
	x.add(standingDesc, prometheus.GaugeValue, float64(byStanding[unlicensed]), label(device), unlicensed)
}

// metrics sends the fleet's metrics at instant at, with the read errors
// counted so far, to emit.
func metrics(f fleet, readErrors map[string]float64, at time.Time, emit func(prometheus.Metric)) {
	x := &exposition{emit: emit, seen: map[[3]string]bool{}}
	counts := map[string]map[string]int{}
	for _, d := range f.devices {
		a := d.facts.At(at)
		byStanding := map[string]int{}
		counts[d.name] = byStanding
		for i, fr := range a.Features {
			r := featureRow{device: d.name, feature: fr.Name, license: fr.License, state: fr.Standing.State, allowed: fr.Decision.Allowed,
				inUsage: fr.InUsage, used: fr.Used, installed: fr.Installed, needed: fr.Needed}
			// At reports Facts.Features in their order; the name check
			// keeps a wrong expiry out should that ever change.
			if ff := d.facts.Features; fr.License != "" && i < len(ff) && ff[i].Name == fr.Name {
				r.expiry = end(ff[i].Licenses, ff[i].Windows, fr.License)
			}
			x.feature(r, byStanding)
		}
		x.add(infoDesc, prometheus.GaugeValue, 1, label(d.name), label(d.file), label(a.Platform))
		x.add(discrepancyDesc, prometheus.GaugeValue, float64(len(a.Discrepancies)), label(d.name))
	}
	type info struct{ device, file, platform string }
	seenInfo := map[info]bool{}
	for _, l := range f.licenses {
		st := l.StandingAt(at)
		byStanding := counts[l.Device()]
		if byStanding == nil {
			byStanding = map[string]int{}
			counts[l.Device()] = byStanding
		}
		for _, feat := range l.Features() {
			x.feature(featureRow{device: l.Device(), feature: feat, license: l.ID(), state: st.State, expiry: l.End(), allowed: st.Allowed}, byStanding)
		}
		in := info{l.Device(), f.scenario, l.Platform()}
		if !seenInfo[in] {
			seenInfo[in] = true
			x.add(infoDesc, prometheus.GaugeValue, 1, label(in.device), label(in.file), label(in.platform))
		}
	}
	for dev, byStanding := range counts {
		x.standings(dev, byStanding)
	}
	x.add(atDesc, prometheus.GaugeValue, float64(at.UnixMilli())/1e3)
	for file, n := range readErrors {
		x.add(readErrorsDesc, prometheus.CounterValue, n, label(file))
	}
}

// label is a name as a label value: as it is where it prints as itself,
// else quoted, so that names apart stay apart and every value is UTF-8.
func label(s string) string { return capture.Quote(s) }

// end is the end of the license or window id, zero when it never ends
// (a perpetual license) or the device gives no date.
func end(ls []license.License, ws []junos.Window, id string) time.Time {
	for _, l := range ls {
		if l.ID() == id {
			return l.End()
		}
	}
	for _, w := range ws {
		if w.ID == id {
			return w.End
		}
	}
	return time.Time{}
}
