package main

import (
	"sync/atomic"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// device is one capture's facts, each feature keeping its last answer
// until the instant it changes: a scrape of an unchanged capture decides
// only the features whose answer has run out.
type device struct {
	name     string // as its file names it
	label    string
	file     fileName
	features []captureFeature
	// info and discrepancies are its series that do not change with the
	// instant; standings its counts by standing, as last sent.
	info, discrepancies prometheus.Metric
	standings           atomic.Pointer[standingSeries]
}

// captureFeature is one feature of a capture: its usage counts, its facts
// alone (so that deciding it costs what it does, not what the device's
// every feature does), and its last answer.
type captureFeature struct {
	label                   string
	inUsage                 bool
	used, installed, needed float64
	one                     junos.Facts
	kept                    atomic.Pointer[decision]
	changes                 atomic.Pointer[changeList]
}

func newDevice(name string, file fileName, serial string, facts junos.Facts) *device {
	d := &device{name: name, label: label(name), file: file, features: make([]captureFeature, len(facts.Features))}
	d.info = constMetric(infoDesc, 1, d.label, file.dir, file.file, label(facts.Platform), label(serial))
	d.discrepancies = constMetric(discrepancyDesc, float64(len(facts.Discrepancies)), d.label)
	for i := range facts.Features {
		ff := &facts.Features[i]
		f := &d.features[i]
		f.label = label(ff.Name)
		if u := ff.Usage; u != nil {
			f.inUsage, f.used, f.installed, f.needed = true, float64(u.Used), float64(u.Installed), float64(u.Needed)
		}
		f.one = facts
		f.one.Features = facts.Features[i : i+1 : i+1]
		f.one.Discrepancies = nil
	}
	return d
}

// decision is a feature's answer from instant from until instant until
// (zero: for good), with the label pairs of its series.
type decision struct {
	from, until time.Time
	// device, license and platform are label values; device and platform
	// are a scenario license's as of from (a history moves it).
	device, license, platform string
	labels, stateLabels       []*dto.LabelPair
	series                    []sample
	state                     license.State // zero when no license grants the feature
	allowed                   bool
	// expiry is when the feature stops being usable: for a feature whose
	// use is allowed, the first instant it is not (an expiry, the end of
	// a grace or a trial), zero when never; else the end of the license
	// it follows, zero when that never ends or is not known.
	expiry time.Time
}

// holds reports whether d is the answer at at.
func (d *decision) holds(at time.Time) bool {
	return d != nil && !at.Before(d.from) && (d.until.IsZero() || at.Before(d.until))
}

// label pairs: the names, in the order a metric holds its labels (by
// name).
var deviceLabel, featureLabel, licenseLabel, standingLabel = "device", "feature", "license", "standing"

// pairs fills d's label pairs for feature, sharing prev's where they are
// the same.
func (d *decision) pairs(feature string, prev *decision) {
	if prev != nil && prev.device == d.device && prev.license == d.license && prev.state == d.state {
		d.labels, d.stateLabels = prev.labels, prev.stateLabels
		return
	}
	standing := standingName(d.state)
	d.labels = []*dto.LabelPair{{Name: &deviceLabel, Value: &d.device}, {Name: &featureLabel, Value: &feature}, {Name: &licenseLabel, Value: &d.license}}
	d.stateLabels = append(d.labels[:3:3], &dto.LabelPair{Name: &standingLabel, Value: &standing})
}

// at is the feature's answer at at: the one kept while it holds.
func (f *captureFeature) at(dev *device, at time.Time) *decision {
	prev := f.kept.Load()
	if prev.holds(at) {
		return prev
	}
	r := f.one.At(at).Features[0]
	d := &decision{from: at, until: r.Decision.Until, device: dev.label, license: label(r.License), state: r.Standing.State, allowed: r.Decision.Allowed}
	switch {
	case r.Decision.Allowed:
		d.expiry = r.Ends
	case r.License != "":
		ff := f.one.Features[0]
		d.expiry = end(ff.Licenses, ff.Windows, r.License)
	}
	d.pairs(f.label, prev)
	d.build(f)
	f.kept.Store(d)
	return d
}

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
