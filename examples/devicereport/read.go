package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// device is one capture's assessment, or why it has none. Its features are
// kept as rows, not as the report they were read from: a run holds a
// capture's report only while it reads it.
type device struct {
	Name, File    string
	Form          junos.Form
	At            time.Time
	Platform      string
	PlatformBy    string // what says the platform: the capture, the inventory, -platform
	Serial        string // the chassis's or the inventory's, "" when neither says
	Keys          int    // the keys installed; -1: the capture has no key section
	Discrepancies []junos.Discrepancy
	Rows          []row
	Err           error
}

// row is a feature of a device at the device's instant.
type row struct {
	dev                     int // the device's index in the run
	Feature, License        string
	inUsage                 bool
	used, installed, needed int
	kind                    license.Kind  // zero when no license grants the feature
	state                   license.State // the standing of the license it follows
	allowed                 bool
	until                   time.Time // zero: the decision holds for good
	ends                    time.Time // the end of usability; zero: never, or not usable
	rules                   rule.List
	obligations             rule.Obligations
	grants                  []junos.Grant
	lines                   []int
	warnings                []string
}

// reading is a run's pass over its captures.
type reading struct {
	reader *capture.Reader
	budget *capture.Budget
	opts   options
	byName map[string]string // device name -> the file read for it
	devs   []device
}

// assess reads one entry into a device: its rows at its instant, or the
// error that refused it, naming the file.
func (r *reading) assess(e capture.Entry) device {
	d := device{Name: r.opts.device, File: e.Path}
	if d.Name == "" {
		d.Name = capture.DeviceName(e.Path)
	}
	fail := func(err error) device {
		var ce *capture.Error
		if !errors.As(err, &ce) {
			err = &capture.Error{Path: e.Path, Err: err}
		}
		d.Err = err
		return d
	}
	if e.Err != nil {
		return fail(e.Err)
	}
	if prev, ok := r.byName[d.Name]; ok {
		return fail(fmt.Errorf("device %s is already read from %s", capture.Quote(d.Name), capture.Quote(prev)))
	}
	c, err := r.reader.Read(e.Path, r.budget)
	if err != nil {
		return fail(err)
	}
	rep := c.Report
	d.Form = rep.Form
	d.At = cmp.Or(r.opts.at, rep.CapturedAt)
	if d.At.IsZero() {
		return fail(errors.New("the capture has no instant of its own: give one with -at, an RFC 3339 instant such as " + instantExample))
	}
	captured := r.opts.captured
	if captured.IsZero() && rep.CapturedAt.IsZero() {
		captured = d.At
	}
	id, err := r.opts.inventory.Identify(c, d.Name, r.opts.platform, "-platform")
	if err != nil {
		return fail(err)
	}
	facts, err := rep.Facts(junos.Options{Platform: id.Platform, PlatformFrom: id.PlatformFrom, Device: cmp.Or(id.Serial, d.Name), CapturedAt: captured.UTC()})
	if err != nil {
		return fail(err)
	}
	r.byName[d.Name] = e.Path
	a := facts.At(d.At.UTC())
	d.Platform, d.PlatformBy, d.Serial, d.Discrepancies = a.Platform, facts.PlatformBy, id.Serial, a.Discrepancies
	d.Keys = len(rep.Keys)
	if rep.Keys == nil {
		d.Keys = -1
	}
	d.Rows = make([]row, 0, len(a.Features))
	for _, f := range a.Features {
		d.Rows = append(d.Rows, rowOf(len(r.devs), f))
	}
	return d
}

func rowOf(dev int, f junos.FeatureReport) row {
	r := row{dev: dev, Feature: f.Name, License: f.License, inUsage: f.InUsage, used: f.Used, installed: f.Installed, needed: f.Needed,
		state: f.Standing.State, allowed: f.Decision.Allowed, until: f.Decision.Until, ends: f.Ends, rules: f.Decision.Rules,
		obligations: f.Decision.Obligations, grants: f.Grants, lines: f.Lines, warnings: f.Warnings}
	if f.Kind.IsValid() {
		r.kind = f.Kind
	}
	return r
}

// sorted is every device's rows sorted by until: what has already ended
// first, what holds for good last.
func (r *reading) sorted() []row {
	n := 0
	for _, d := range r.devs {
		n += len(d.Rows)
	}
	rs := make([]row, 0, n)
	for i := range r.devs {
		rs = append(rs, r.devs[i].Rows...)
		r.devs[i].Rows = nil
	}
	rank := func(r row) int {
		switch {
		case !r.until.IsZero():
			return 1
		case r.allowed:
			return 2
		}
		return 0
	}
	slices.SortStableFunc(rs, func(a, b row) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), a.until.Compare(b.until))
	})
	return rs
}

// summary counts what an operator acts on.
type summary struct {
	Devices       int `json:"devices"`
	Failed        int `json:"failed"`
	Features      int `json:"features"`
	Expired       int `json:"expired"`
	InWarning     int `json:"inWarning"`
	EndingWithin  int `json:"endingWithin"`
	WithinDays    int `json:"withinDays"`
	Unlicensed    int `json:"usedWithoutLicense"`
	Discrepancies int `json:"discrepancies"`
}

func summarize(devs []device, rs []row, within time.Duration) summary {
	s := summary{Features: len(rs), WithinDays: int(within / (24 * time.Hour))}
	for _, d := range devs {
		if d.Err != nil {
			s.Failed++
			continue
		}
		s.Devices++
		s.Discrepancies += len(d.Discrepancies)
	}
	for _, r := range rs {
		switch r.state {
		case license.Expired:
			s.Expired++
		case license.InWarning:
			s.InWarning++
		}
		// A usable feature whose usability ends in the window: its next
		// change (a trial's warning) may come sooner and does not count.
		if r.allowed && !r.ends.IsZero() && r.ends.Sub(devs[r.dev].At) <= within {
			s.EndingWithin++
		}
		if r.inUsage && r.needed > 0 {
			s.Unlicensed++
		}
	}
	return s
}
