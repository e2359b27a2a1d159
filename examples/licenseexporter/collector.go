package main

import (
	"log/slog"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/license"
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
	fileLabels    = []string{"dir", "file"}

	expiryDesc = newDesc(namespace+"_license_expiry_timestamp_seconds",
		"When the feature stops being usable (Unix time): for a feature whose use is allowed, the first instant it is not (an expiry, the end of a grace, the end of a trial), absent when never; else when the license it follows ended.", featureLabels, nil)
	nextChangeDesc = newDesc(namespace+"_license_next_change_timestamp_seconds",
		"The first instant after the evaluation instant at which the answer for the feature changes (Unix time); absent when it holds for good.", featureLabels, nil)
	usableDesc = newDesc(namespace+"_license_usable",
		"1 when the license a feature follows is usable at the evaluation instant (active, in grace or in warning), else 0.", featureLabels, nil)
	warningDesc = newDesc(namespace+"_license_in_warning",
		"1 when the license a feature follows is a trial in its warning window (LIC-TRIAL-WARN), else 0.", featureLabels, nil)
	stateDesc = newDesc(namespace+"_license_state",
		"1, labelled with the standing of the license a feature follows at the evaluation instant (unlicensed: no license grants it).", append(featureLabels[:3:3], "standing"), nil)
	allowedDesc = newDesc(namespace+"_license_use_allowed",
		"1 when the device's use of the feature is licensed at the evaluation instant, else 0 (unusable license, or licenses needed).", featureLabels, nil)
	usedDesc = newDesc(namespace+"_license_features_used",
		"Licenses of the feature the device uses, from its usage table; absent when the table does not list the feature.", featureLabels, nil)
	installedDesc = newDesc(namespace+"_license_features_installed",
		"Licenses of the feature installed, from the device's usage table; absent when the table does not list the feature.", featureLabels, nil)
	neededDesc = newDesc(namespace+"_license_features_needed",
		"Licenses of the feature the device uses without having them, from its usage table; absent when the table does not list the feature.", featureLabels, nil)
	standingDesc = newDesc(namespace+"_device_features",
		"Features of a device by the standing of the license each follows (unlicensed: no license grants it).", []string{"device", "standing"}, nil)
	infoDesc = newDesc(namespace+"_device_info",
		"A device read, with the file it was read from (dir: the directory given; file: the path in it), its platform and its serial number (the chassis's, else the inventory's; empty when neither says).", []string{"device", "dir", "file", "platform", "serial"}, nil)
	discrepancyDesc = newDesc(namespace+"_device_discrepancies",
		"Disagreements between a device's usage table and its installed keys.", []string{"device"}, nil)
	atDesc = newDesc(namespace+"_evaluation_timestamp_seconds",
		"The instant the standings are evaluated at (Unix time).", nil, nil)
	readErrorsDesc = newDesc(namespace+"_capture_read_errors_total", readErrorsHelp, fileLabels, nil)
)

const readErrorsHelp = "Reads of the exporter that found a capture or scenario file (or a directory's listing) unreadable, since it started (dir: the directory given; file: the path in it)."

// descs are every family the collector exports, and metricNames their
// names, in the order declared.
var (
	descs       []*prometheus.Desc
	metricNames []string
)

func newDesc(name, help string, labels []string, _ prometheus.Labels) *prometheus.Desc {
	d := prometheus.NewDesc(name, help, labels, nil)
	descs, metricNames = append(descs, d), append(metricNames, name)
	return d
}

// standings are the label values of the counts by standing, every one
// exported for every device so that a count of zero is a series too.
var standings = [...]string{license.NotStarted.String(), license.Active.String(), license.InGrace.String(), license.InWarning.String(), license.Expired.String(), unlicensed}

// standingIndex is the position of a license's state in standings.
func standingIndex(s license.State) int {
	switch s {
	case license.NotStarted:
		return 0
	case license.Active:
		return 1
	case license.InGrace:
		return 2
	case license.InWarning:
		return 3
	case license.Expired:
		return 4
	}
	return 5
}

func standingName(s license.State) string { return standings[standingIndex(s)] }

// counts are a device's features by standing, in the order of standings.
type counts [len(standings)]int

// Collector reads the captures and the scenario when scraped (or on
// Refresh) and exports every device's features at the instant its clock
// gives. A file whose stamp (size, modification and change time, inode)
// is unchanged is not read again, and a feature's answer is kept until
// the instant it changes. The zero Collector is not usable; build one with
// NewCollector.
type Collector struct {
	cfg    Config
	now    func() time.Time
	log    *slog.Logger
	reader capture.Reader
	files  cache
	// settle is how long after its last change a file's stamp is trusted
	// (capture.Settle; tests shorten it).
	settle time.Duration

	// mu guards what follows; it is never held while a file is opened or
	// read, so a file that blocks cannot hold a scrape.
	mu sync.Mutex
	// errors are the read errors counted per file of the last read: a
	// file gone since is gone from them.
	errors map[fileName]fileErrors
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
	return &Collector{cfg: cfg, now: now, log: log, settle: capture.Settle, errors: map[fileName]fileErrors{}}
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
		p = newPass(c.cfg, &c.reader, &c.files, c.settle)
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

// current is the fleet scrapes answer from: the last Refresh's, or a read
// now.
func (c *Collector) current() fleet {
	c.mu.Lock()
	kept := c.kept
	c.mu.Unlock()
	if kept != nil {
		return *kept
	}
	return c.read()
}

// fileErrors is a file's count of read errors and its series.
type fileErrors struct {
	n float64
	m prometheus.Metric
}

// count counts a read's errors per file and forgets the files it did not
// look at, so that the series of a file gone disappear with it.
func (c *Collector) count(f fleet) {
	errs := make(map[fileName]fileErrors, len(f.files))
	for _, r := range f.files {
		e, ok := errs[r.name]
		if !ok {
			e = c.errors[r.name]
		}
		if r.err != nil {
			e.n++
			e.m = nil
			c.log.Warn("not read", "file", capture.Quote(r.path), "error", r.err)
		}
		if e.m == nil {
			e.m = constOf(readErrorsDesc, prometheus.CounterValue, e.n, r.name.dir, r.name.file)
		}
		errs[r.name] = e
	}
	c.errors = errs
}

// errorSeries are the read errors' series.
func (c *Collector) errorSeries() []prometheus.Metric {
	c.mu.Lock()
	defer c.mu.Unlock()
	ms := make([]prometheus.Metric, 0, len(c.errors))
	for _, e := range c.errors {
		ms = append(ms, e.m)
	}
	return ms
}

// Describe sends every family the collector exports.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range descs {
		ch <- d
	}
}

// Collect reads the files (unless Refresh keeps them) and sends their
// metrics at the clock's instant.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	f := c.current()
	metrics(f, c.errorSeries(), c.now(), func(m prometheus.Metric) { ch <- m })
}

// sample is one series of a feature: a gauge whose label pairs and value
// are the feature's answer's, built once and served by every scrape while
// the answer holds.
type sample struct {
	desc   *prometheus.Desc
	labels []*dto.LabelPair
	gauge  *dto.Gauge
}

func (s *sample) Desc() *prometheus.Desc { return s.desc }

func (s *sample) Write(m *dto.Metric) error {
	m.Label, m.Gauge = s.labels, s.gauge
	return nil
}

func newSample(d *prometheus.Desc, labels []*dto.LabelPair, v float64) sample {
	return sample{d, labels, &dto.Gauge{Value: &v}}
}

// constMetric is a gauge of fixed labels. The descriptors are fixed and
// the labels of the right number, made valid UTF-8 by label: it cannot
// fail, and a scrape never panics.
func constMetric(d *prometheus.Desc, v float64, labels ...string) prometheus.Metric {
	return constOf(d, prometheus.GaugeValue, v, labels...)
}

func constOf(d *prometheus.Desc, t prometheus.ValueType, v float64, labels ...string) prometheus.Metric {
	m, err := prometheus.NewConstMetric(d, t, v, labels...)
	if err != nil {
		return prometheus.NewInvalidMetric(d, err)
	}
	return m
}

func bit(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func unix(t time.Time) float64 { return float64(t.Unix()) }

// exposition sends a read's series.
type exposition struct {
	emit func(prometheus.Metric)
}

// feature sends the series of one answer.
func (x exposition) feature(d *decision) {
	for i := range d.series {
		x.emit(&d.series[i])
	}
}

// series builds d's series; a capture's feature adds its usage counts.
func (d *decision) build(usage *captureFeature) {
	d.series = make([]sample, 0, 9)
	add := func(desc *prometheus.Desc, v float64) { d.series = append(d.series, newSample(desc, d.labels, v)) }
	if !d.expiry.IsZero() {
		add(expiryDesc, unix(d.expiry))
	}
	if !d.until.IsZero() {
		add(nextChangeDesc, unix(d.until))
	}
	add(usableDesc, bit(d.state.Usable()))
	add(warningDesc, bit(d.state == license.InWarning))
	add(allowedDesc, bit(d.allowed))
	d.series = append(d.series, newSample(stateDesc, d.stateLabels, 1))
	if usage != nil && usage.inUsage {
		add(usedDesc, usage.used)
		add(installedDesc, usage.installed)
		add(neededDesc, usage.needed)
	}
}

// standings sends a device's counts by standing, zeros included, and
// returns them as metrics, to be sent again while the counts are the same.
func (x exposition) standings(device string, n counts, kept *standingSeries) *standingSeries {
	if kept == nil || kept.n != n {
		kept = &standingSeries{n: n}
		for i, s := range standings {
			kept.m[i] = constMetric(standingDesc, float64(n[i]), device, s)
		}
	}
	for _, m := range kept.m {
		x.emit(m)
	}
	return kept
}

// standingSeries are a device's counts by standing and their series.
type standingSeries struct {
	n counts
	m [len(standings)]prometheus.Metric
}

// metrics sends the fleet's metrics at instant at, with the read errors'
// series, to emit. A capture's feature is decided again only where
// its kept answer has run out.
func metrics(f fleet, readErrors []prometheus.Metric, at time.Time, emit func(prometheus.Metric)) {
	x := exposition{emit: emit}
	n := make([]counts, len(f.devices))
	for i, d := range f.devices {
		for j := range d.features {
			dec := d.features[j].at(d, at)
			n[i][standingIndex(dec.state)]++
			x.feature(dec)
		}
		emit(d.info)
		emit(d.discrepancies)
	}
	if f.scenario != nil {
		f.scenario.metrics(x, f, n, at)
	}
	for i, d := range f.devices {
		d.standings.Store(x.standings(d.label, n[i], d.standings.Load()))
	}
	emit(constMetric(atDesc, float64(at.UnixMilli())/1e3))
	for _, m := range readErrors {
		emit(m)
	}
}

// label is a name as a label value: as it is where it prints as itself,
// else quoted, so that names apart stay apart and every value is UTF-8.
func label(s string) string { return capture.Quote(s) }
