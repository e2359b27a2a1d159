package main

import (
	"bytes"
	"errors"
	"sync/atomic"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/prometheus/client_golang/prometheus"
)

// scenarioSet is the licenses a scenario file's checks ask about, once
// each in the order first asked, with the engine of the file's terms.
type scenarioSet struct {
	file     fileName
	engine   policy.Engine
	licenses []*scenarioLicense
}

// scenarioLicense is one license of a scenario: as issued, or as its
// history leaves it at each instant (a check asked with policy.WithHistory).
type scenarioLicense struct {
	license  license.License // as issued, where it has no history
	history  license.History // the zero History where it has none
	features []scenarioFeature
	changes  atomic.Pointer[changeList]
}

type scenarioFeature struct {
	name, label string
	kept        atomic.Pointer[decision]
}

// as is the license at at: a history's as its events at or before at left
// it.
func (l *scenarioLicense) as(at time.Time) license.License {
	if l.history.IsValid() {
		return l.history.At(at)
	}
	return l.license
}

// id is the license's identifier.
func (l *scenarioLicense) id() string {
	if l.history.IsValid() {
		return l.history.License().ID()
	}
	return l.license.ID()
}

// useOf is the request whether the license's device may use feature at
// at: asked of its history where it has one.
func (l *scenarioLicense) useOf(feature string, at time.Time) policy.Request {
	lic := l.as(at)
	if l.history.IsValid() {
		return policy.WithHistory{History: l.history, Request: policy.UseFeature{Device: lic.Device(), Feature: feature}}
	}
	return policy.UseFeature{License: l.license, Device: lic.Device(), Feature: feature}
}

// scenario reads the scenario file: again when its stamp changed, else as
// the last read left it.
func (p *pass) scenario() (*scenarioSet, error) {
	path := p.cfg.Scenario
	key := cacheKey("\x00scenario", path)
	stamp, err := p.reader.Stat(path)
	if err != nil {
		return nil, err
	}
	c := p.prev[key]
	if !c.reuse(stamp) {
		b, stamp, err := p.reader.ReadFileStamp(path, scenario.MaxSize)
		if err != nil {
			return nil, err
		}
		c = &cached{stamp: stamp, settled: stamp.ChangedBefore(p.settledBy)}
		c.scenario, c.err = scenarioLicenses(path, b)
		if c.err != nil {
			c.err = &capture.Error{Path: path, Err: c.err}
		}
		if !stamp.IsValid() {
			return c.scenario, c.err
		}
	}
	p.next[key] = c
	if c.err != nil {
		return nil, c.err
	}
	return c.scenario, nil
}

// scenarioLicenses are the licenses the scenario's checks ask about, once
// each, in the order first asked: a license is known by its identifier,
// which a file gives once.
func scenarioLicenses(file string, b []byte) (*scenarioSet, error) {
	s, err := scenario.Decode(file, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	set := &scenarioSet{file: nameOf(capture.Entry{Path: file}), engine: s.Engine()}
	seen := map[string]bool{}
	for _, c := range s.Checks {
		l := licenseAsked(c.Request)
		if l == nil {
			continue
		}
		id := l.id()
		if seen[id] {
			continue
		}
		seen[id] = true
		issued := l.license
		if l.history.IsValid() {
			issued = l.history.License()
		}
		// A tier change keeps the features: the history's are the issued
		// license's.
		for _, f := range issued.Features() {
			l.features = append(l.features, scenarioFeature{name: f, label: label(f)})
		}
		set.licenses = append(set.licenses, l)
	}
	if len(set.licenses) == 0 {
		return nil, errors.New("no check of the scenario asks about a license")
	}
	return set, nil
}

// licenseAsked is the license a request asks about, or nil for a request
// of another kind.
func licenseAsked(r policy.Request) *scenarioLicense {
	var l license.License
	switch r := r.(type) {
	case policy.UseFeature:
		l = r.License
	case policy.MoveLicense:
		l = r.License
	case policy.RenewLicense:
		l = r.License
	case policy.ChangeTier:
		l = r.License
	case policy.WithHistory:
		if !r.History.IsValid() {
			return nil
		}
		return &scenarioLicense{history: r.History}
	}
	if !l.IsValid() {
		return nil
	}
	return &scenarioLicense{license: l}
}

// at is the answer for feature j of the license at at: the one kept while
// it holds. It is the engine's decision on the license's device using the
// feature, with the license's standing, until the first instant either
// (or the license's history) changes.
func (l *scenarioLicense) at(e policy.Engine, j int, at time.Time) *decision {
	f := &l.features[j]
	prev := f.kept.Load()
	if prev.holds(at) {
		return prev
	}
	lic := l.as(at)
	st := lic.StandingAt(at)
	d := &decision{from: at, until: st.Until, device: label(lic.Device()), license: label(lic.ID()), platform: label(lic.Platform()),
		state: st.State}
	if l.history.IsValid() {
		d.until = earliest(d.until, l.history.Until(at))
	}
	if dec, err := e.Decide(l.useOf(f.name, at), at); err == nil {
		d.allowed = dec.Outcome == policy.Allow
		d.until = earliest(d.until, dec.Until)
	} else {
		// An engine that cannot ask is asked again at the next scrape.
		d.until = at.Add(1)
	}
	d.expiry = lic.End()
	if d.allowed {
		// The end of usability: the first change after which the use is
		// refused, on the license's timeline (a history's renewals and
		// moves included).
		d.expiry = time.Time{}
		for _, c := range l.changesAfter(e, at) {
			if !c.allowed {
				d.expiry = c.at
				break
			}
		}
	}
	d.pairs(f.label, prev)
	d.build(nil)
	f.kept.Store(d)
	return d
}

// earliest is the earlier of two instants, zero standing for never.
func earliest(a, b time.Time) time.Time {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}

// metrics sends the scenario's series at at, beside the captures' of f: a
// feature a capture already sent for the same device and license is not
// sent again, and the counts of a captured device take the scenario's.
func (s *scenarioSet) metrics(x exposition, f fleet, n []counts, at time.Time) {
	other := map[string]*counts{}
	var order []string
	type info struct{ device, platform string }
	infos := map[info]bool{}
	var sent map[int]map[[2]string]bool // per captured device, its features and licenses
	for _, l := range s.licenses {
		lic := l.as(at)
		in := info{label(lic.Device()), label(lic.Platform())}
		if !infos[in] {
			infos[in] = true
			x.emit(constMetric(infoDesc, 1, in.device, s.file.dir, s.file.file, in.platform, ""))
		}
		for j := range l.features {
			d := l.at(s.engine, j, at)
			if i, ok := f.index[d.device]; ok {
				if sent == nil {
					sent = map[int]map[[2]string]bool{}
				}
				if sent[i] == nil {
					sent[i] = map[[2]string]bool{}
					dev := f.devices[i]
					for k := range dev.features {
						sent[i][[2]string{dev.features[k].label, dev.features[k].at(dev, at).license}] = true
					}
				}
				key := [2]string{l.features[j].label, d.license}
				if sent[i][key] {
					continue
				}
				sent[i][key] = true
				n[i][standingIndex(d.state)]++
			} else {
				c := other[d.device]
				if c == nil {
					c = new(counts)
					other[d.device] = c
					order = append(order, d.device)
				}
				c[standingIndex(d.state)]++
			}
			x.feature(d)
		}
	}
	for _, dev := range order {
		x.standings(dev, *other[dev], nil)
	}
}

var _ prometheus.Collector = (*Collector)(nil)
