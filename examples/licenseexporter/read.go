package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// The exporter's default bounds of one read of the captures. A scrape
// holds every feature it exports as about seven series, a few kilobytes
// each while client_golang gathers them, so its features are fewer than
// devicereport's.
const (
	DefaultMaxFiles    = capture.DefaultFiles
	DefaultMaxBytes    = capture.DefaultBytes
	DefaultMaxFeatures = 50000
	DefaultTimeout     = 8 * time.Second
)

// Config says what to read. The zero Config reads nothing.
type Config struct {
	// Paths are capture files, or directories whose regular files (not
	// hidden, not Markdown, not in subdirectories) are captures, one per
	// device named by its file.
	Paths []string
	// Scenario is a scenario file (SCENARIOS.md) whose licenses are
	// exported beside the devices; empty for none.
	Scenario string
	// Captured is when captures that carry no instant of their own were
	// taken; zero means each file's modification time. Count-down features
	// end that long after it.
	Captured time.Time
	// Platform is the devices' platform (a catalog name such as "vSRX");
	// empty infers it from each capture.
	Platform string
	// MaxFiles bounds the files one read takes in; zero means
	// DefaultMaxFiles. A directory listing more is a read error of that
	// directory, and its first files by name are read.
	MaxFiles int
	// MaxBytes bounds the capture bytes one read takes in, together;
	// zero means DefaultMaxBytes.
	MaxBytes int64
	// MaxFeatures bounds the features the captures of one read list,
	// together; zero means DefaultMaxFeatures.
	MaxFeatures int
	// Timeout is how long one read may take; zero means DefaultTimeout.
	// The files it has not read by then are read errors, and a scrape
	// answers with the rest.
	Timeout time.Duration
}

func (cfg Config) limits() capture.Limits {
	return capture.Limits{Files: cfg.MaxFiles, Bytes: cfg.MaxBytes, Features: orDefault(cfg.MaxFeatures, DefaultMaxFeatures)}
}

func (cfg Config) timeout() time.Duration { return orDefault(cfg.Timeout, DefaultTimeout) }

// orDefault is v, or def where v is zero or less.
func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// fleet is one read of every path: the devices read, the scenario's
// licenses, and every file looked at with its error, if any.
type fleet struct {
	devices  []device
	licenses []license.License
	scenario string
	// files are every file or directory looked at, in order, with the
	// error that refused it (nil when it was read).
	files []fileResult
}

type fileResult struct {
	file string
	err  error
}

// device is one capture's facts.
type device struct {
	name, file string
	facts      junos.Facts
}

// errNotRead is the error of a file a read did not reach by its deadline.
type errNotRead struct{ timeout time.Duration }

func (e errNotRead) Error() string {
	return fmt.Sprintf("not read within the %s one read may take (-timeout): counted as a read error", e.timeout)
}

// pass is one read of the captures, run on its own goroutine so that a
// scrape waits for it only until its deadline: a file whose open or read
// does not return holds the pass, never the collector or a scrape.
type pass struct {
	cfg      Config
	reader   *capture.Reader
	deadline time.Time
	done     chan struct{}

	mu       sync.Mutex
	entries  []capture.Entry // what the listing gave, once it returned
	listed   bool
	got      fleet // what is read so far
	finished bool  // got is the whole read

	once   sync.Once
	result fleet
}

func newPass(cfg Config, reader *capture.Reader) *pass {
	p := &pass{cfg: cfg, reader: reader, deadline: time.Now().Add(cfg.timeout()), done: make(chan struct{})}
	go p.run()
	return p
}

// run reads every path and the scenario once, in order, until the
// deadline. Nothing it meets stops it: a file it cannot read is listed
// with its error and the others are read.
func (p *pass) run() {
	defer close(p.done)
	ctx, cancel := context.WithDeadline(context.Background(), p.deadline)
	defer cancel()
	entries := p.reader.List(p.cfg.Paths, p.cfg.MaxFiles)
	p.mu.Lock()
	p.entries, p.listed = entries, true
	p.mu.Unlock()
	budget := capture.NewBudget(p.cfg.limits())
	byName := map[string]string{}
	for _, e := range entries {
		if ctx.Err() != nil {
			return
		}
		d, err := p.device(e, budget, byName)
		p.mu.Lock()
		p.got.files = append(p.got.files, fileResult{e.Path, err})
		if err == nil {
			p.got.devices = append(p.got.devices, d)
		}
		p.mu.Unlock()
	}
	if p.cfg.Scenario != "" && ctx.Err() == nil {
		ls, err := scenarioLicenses(p.reader, p.cfg.Scenario)
		p.mu.Lock()
		p.got.files = append(p.got.files, fileResult{p.cfg.Scenario, err})
		p.got.licenses, p.got.scenario = ls, p.cfg.Scenario
		p.mu.Unlock()
	}
	p.mu.Lock()
	p.finished = true
	p.mu.Unlock()
}

// device reads one entry's capture into a device named by its file.
func (p *pass) device(e capture.Entry, budget *capture.Budget, byName map[string]string) (device, error) {
	if e.Err != nil {
		return device{}, e.Err
	}
	c, err := p.reader.Read(e.Path, budget)
	if err != nil {
		return device{}, err
	}
	d := device{name: c.Device, file: e.Path}
	if prev, ok := byName[d.name]; ok {
		return d, &capture.Error{Path: e.Path, Err: fmt.Errorf("device %s is already read from %s", capture.Quote(d.name), capture.Quote(prev))}
	}
	var captured time.Time
	if c.Report.CapturedAt.IsZero() {
		captured = p.cfg.Captured
		if captured.IsZero() {
			captured = c.ModTime
		}
	}
	d.facts, err = c.Report.Facts(junos.Options{Platform: p.cfg.Platform, Device: d.name, CapturedAt: captured.UTC()})
	if err != nil {
		return d, &capture.Error{Path: e.Path, Err: err}
	}
	byName[d.name] = e.Path
	return d, nil
}

// wait returns the pass's read once it is done, or at its deadline (and a
// moment for the file in hand) what it has read, the files it has not
// reached being read errors. Every caller gets the same read.
func (p *pass) wait() fleet {
	grace := time.NewTimer(time.Until(p.deadline) + time.Second)
	defer grace.Stop()
	select {
	case <-p.done:
	case <-grace.C:
	}
	p.once.Do(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.result = p.got
		p.result.files = slices.Clone(p.got.files)
		p.result.devices = slices.Clone(p.got.devices)
		if p.finished {
			return
		}
		late := errNotRead{p.cfg.timeout()}
		rest := p.entries[len(p.got.files):]
		if !p.listed {
			rest = nil
			for _, path := range p.cfg.Paths {
				rest = append(rest, capture.Entry{Path: path})
			}
		}
		for _, e := range rest {
			p.result.files = append(p.result.files, fileResult{e.Path, &capture.Error{Path: e.Path, Err: late}})
		}
		if p.cfg.Scenario != "" && p.got.scenario == "" {
			p.result.files = append(p.result.files, fileResult{p.cfg.Scenario, &capture.Error{Path: p.cfg.Scenario, Err: late}})
		}
	})
	return p.result
}

// scenarioLicenses are the licenses the scenario's checks ask about, once
// each, in the order first asked.
func scenarioLicenses(r *capture.Reader, file string) ([]license.License, error) {
	b, err := r.ReadFile(file, scenario.MaxSize)
	if err != nil {
		return nil, err
	}
	s, err := scenario.Decode(file, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var ls []license.License
	for _, c := range s.Checks {
		var l license.License
		switch r := c.Request.(type) {
		case policy.UseFeature:
			l = r.License
		case policy.MoveLicense:
			l = r.License
		case policy.RenewLicense:
			l = r.License
		case policy.ChangeTier:
			l = r.License
		}
		if !l.IsValid() || slices.ContainsFunc(ls, func(m license.License) bool { return m.ID() == l.ID() && m.Device() == l.Device() }) {
			continue
		}
		ls = append(ls, l)
	}
	if len(ls) == 0 {
		return nil, errors.New("no check of the scenario asks about a license")
	}
	return ls, nil
}
