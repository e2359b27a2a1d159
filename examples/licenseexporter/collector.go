package main

import (
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/prometheus/client_golang/prometheus"
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
	cfg Config
	now func() time.Time
	log *slog.Logger

	// mu serializes reads (concurrent scrapes wait rather than read the
	// files twice at once) and guards what follows.
	mu     sync.Mutex
	errors map[string]float64
	kept   *fleet
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
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.readLocked()
	c.kept = &f
}

func (c *Collector) readLocked() fleet {
	f := read(c.cfg)
	for _, r := range f.files {
		if r.err != nil {
			c.errors[r.file]++
			c.log.Warn("not read", "file", r.file, "error", r.err)
		} else {
			c.errors[r.file] += 0
		}
	}
	return f
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
	var f fleet
	if c.kept != nil {
		f = *c.kept
	} else {
		f = c.readLocked()
	}
	errs := make(map[string]float64, len(c.errors))
	for k, v := range c.errors {
		errs[k] = v
	}
	c.mu.Unlock()
	for _, m := range metrics(f, errs, c.now()) {
		ch <- m
	}
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

// metrics are the fleet's metrics at instant at, with the read errors
// counted so far.
func metrics(f fleet, readErrors map[string]float64, at time.Time) []prometheus.Metric {
	var rows []featureRow
	type info struct{ device, file, platform string }
	var infos []info
	discrepancies := map[string]int{}
	for _, d := range f.devices {
		a := d.facts.At(at)
		infos = append(infos, info{d.name, d.file, a.Platform})
		discrepancies[d.name] += len(a.Discrepancies)
		for i, fr := range a.Features {
			r := featureRow{device: d.name, feature: fr.Name, license: fr.License, state: fr.Standing.State, allowed: fr.Decision.Allowed,
				inUsage: fr.InUsage, used: fr.Used, installed: fr.Installed, needed: fr.Needed}
			// At reports Facts.Features in their order; the name check
			// keeps a wrong expiry out should that ever change.
			if ff := d.facts.Features; fr.License != "" && i < len(ff) && ff[i].Name == fr.Name {
				r.expiry = end(ff[i].Licenses, ff[i].Windows, fr.License)
			}
			rows = append(rows, r)
		}
	}
	seenInfo := map[info]bool{}
	for _, l := range f.licenses {
		st := l.StandingAt(at)
		for _, feat := range l.Features() {
			rows = append(rows, featureRow{device: l.Device(), feature: feat, license: l.ID(), state: st.State, expiry: l.End(), allowed: st.Allowed})
		}
		in := info{l.Device(), f.scenario, l.Platform()}
		if !seenInfo[in] {
			seenInfo[in] = true
			infos = append(infos, in)
		}
	}

	var ms []prometheus.Metric
	add := func(d *prometheus.Desc, t prometheus.ValueType, v float64, labels ...string) {
		for i, l := range labels {
			labels[i] = clean(l)
		}
		// The descriptors are fixed and the labels valid UTF-8 of the
		// right number: this cannot fail, and a scrape never panics.
		m, err := prometheus.NewConstMetric(d, t, v, labels...)
		if err != nil {
			m = prometheus.NewInvalidMetric(d, err)
		}
		ms = append(ms, m)
	}
	bit := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	counts := map[string]map[string]int{}
	seen := map[[3]string]bool{}
	for _, r := range rows {
		// Label values must be UTF-8; cleaned before the duplicate check
		// so that two names cannot become one series.
		r.device, r.feature, r.license = clean(r.device), clean(r.feature), clean(r.license)
		key := [3]string{r.device, r.feature, r.license}
		if seen[key] {
			// The same license of one device named twice (a capture and
			// the scenario): one series, the first read.
			continue
		}
		seen[key] = true
		if counts[r.device] == nil {
			counts[r.device] = map[string]int{}
		}
		standing := unlicensed
		if r.state != 0 {
			standing = r.state.String()
		}
		counts[r.device][standing]++
		if !r.expiry.IsZero() {
			add(expiryDesc, prometheus.GaugeValue, float64(r.expiry.Unix()), r.device, r.feature, r.license)
		}
		add(usableDesc, prometheus.GaugeValue, bit(r.state.Usable()), r.device, r.feature, r.license)
		add(warningDesc, prometheus.GaugeValue, bit(r.state == license.InWarning), r.device, r.feature, r.license)
		add(allowedDesc, prometheus.GaugeValue, bit(r.allowed), r.device, r.feature, r.license)
		if r.inUsage {
			add(usedDesc, prometheus.GaugeValue, float64(r.used), r.device, r.feature, r.license)
			add(installedDesc, prometheus.GaugeValue, float64(r.installed), r.device, r.feature, r.license)
			add(neededDesc, prometheus.GaugeValue, float64(r.needed), r.device, r.feature, r.license)
		}
	}
	for dev, byStanding := range counts {
		for _, s := range standings {
			add(standingDesc, prometheus.GaugeValue, float64(byStanding[s.String()]), dev, s.String())
		}
		add(standingDesc, prometheus.GaugeValue, float64(byStanding[unlicensed]), dev, unlicensed)
	}
	for _, in := range infos {
		add(infoDesc, prometheus.GaugeValue, 1, in.device, in.file, in.platform)
	}
	for dev, n := range discrepancies {
		add(discrepancyDesc, prometheus.GaugeValue, float64(n), dev)
	}
	add(atDesc, prometheus.GaugeValue, float64(at.UnixMilli())/1e3)
	for file, n := range readErrors {
		add(readErrorsDesc, prometheus.CounterValue, n, file)
	}
	return ms
}

func clean(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

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
