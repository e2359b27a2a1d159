package main

import (
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/license/junos"
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
	// DefaultMaxDepth is how deep a read walks below a directory given,
	// as devicereport walks: captures sorted by site, then by rack or
	// date, fit well within it.
	DefaultMaxDepth = 8
)

// Config says what to read. The zero Config reads nothing.
type Config struct {
	// Paths are capture files, or directories whose regular files (not
	// hidden, not Markdown), walked MaxDepth levels deep, are captures,
	// one per device named by its file.
	Paths []string
	// MaxDepth bounds the levels of subdirectories walked below a
	// directory given; zero means DefaultMaxDepth, less than zero none. A
	// subdirectory past it is a read error of its own.
	MaxDepth int
	// Inventory is a CSV file of devices with a header naming file (or
	// hostname), platform and serial (capture.ParseInventory): the
	// platform and serial of the devices whose captures do not say them.
	// Empty for none.
	Inventory string
	// Scenario is a scenario file (SCENARIOS.md) whose licenses are
	// exported beside the devices; empty for none.
	Scenario string
	// Captured is when captures that carry no instant of their own were
	// taken; zero means each file's modification time. Count-down features
	// end that long after it.
	Captured time.Time
	// Platform is the platform of the devices neither their capture nor
	// the inventory names (a catalog name such as "vSRX"): the last
	// resort, which never overrides either; a disagreement is a read error
	// naming both. Empty for none.
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

func (cfg Config) depth() int {
	if cfg.MaxDepth < 0 {
		return 0
	}
	return orDefault(cfg.MaxDepth, DefaultMaxDepth)
}

// orDefault is v, or def where v is zero or less.
func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// fleet is one read of every path: the devices read, the scenario's
// licenses, and every file looked at with its error, if any. What it
// points to is shared by the reads that found the files unchanged, and
// never changed but for the decisions each feature keeps.
type fleet struct {
	devices []*device
	// index is each device's position in devices, by its label.
	index    map[string]int
	scenario *scenarioSet // nil when none was read
	// files are every file or directory looked at, in order, with the
	// error that refused it (nil when it was read).
	files []fileResult
}

type fileResult struct {
	path string // as found, for the log
	name fileName
	err  error
}

// fileName is a file's labels: the directory given (or, for a file
// given, the directory holding it) and the file's path relative to it,
// both clean, so that the labels do not change with the exporter's
// working directory or the spelling of its arguments.
type fileName struct{ dir, file string }

func nameOf(e capture.Entry) fileName {
	root := e.Root
	if root == "" || root == e.Path {
		return fileName{label(filepath.Dir(filepath.Clean(e.Path))), label(filepath.Base(e.Path))}
	}
	rel, err := filepath.Rel(root, e.Path)
	if err != nil {
		return fileName{label(filepath.Dir(filepath.Clean(e.Path))), label(filepath.Base(e.Path))}
	}
	return fileName{label(filepath.Clean(root)), label(rel)}
}

// cached is one file as its last read left it: the stamp it had, and the
// device or scenario read, or the refusal of its content. A file whose
// stamp is the same is not read again.
type cached struct {
	stamp capture.Stamp
	// settled says the file had not changed for capture.Settle when it
	// was read: a file changed later than that is read again, as a second
	// write within one tick of the file system's clock keeps its stamp.
	settled bool
	// bytes and features are what the read took in, charged again to
	// each read that takes the file in unchanged.
	bytes     int64
	features  int
	dev       *device
	scenario  *scenarioSet
	inventory *capture.Inventory
	err       error // the content's refusal
	// identity is the inventory a capture's device was identified by.
	identity identity
}

// reuse reports whether c stands for the file as stamp finds it now.
func (c *cached) reuse(stamp capture.Stamp) bool {
	return c != nil && c.settled && c.stamp.Same(stamp)
}

// identity is what a read identifies devices by beyond their captures:
// the inventory as stamped, and whether it could be read. A device kept
// is taken again only under the same identity.
type identity struct {
	stamp  capture.Stamp
	broken bool
}

// cache is what the last complete read found, by file. A read looks in it
// and builds its own; the newest complete read replaces it, so that the
// files no read looks at any more are forgotten.
type cache struct {
	mu    sync.Mutex
	gen   uint64 // of the last read begun
	kept  uint64 // of the read files holds
	files map[string]*cached
}

// begin returns a new read's number and what it may take from.
func (c *cache) begin() (uint64, map[string]*cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	return c.gen, c.files
}

// keep takes the files of read gen, unless a later read's are kept.
func (c *cache) keep(gen uint64, files map[string]*cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen > c.kept {
		c.kept, c.files = gen, files
	}
}

// cacheKey is the cache's key of a file: the path given it was found
// under and its path, as its labels depend on both.
func cacheKey(root, path string) string { return root + "\x00" + path }

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
	cache    *cache
	deadline time.Time
	// settledBy is the instant a file's last change must precede for
	// its stamp to be trusted: capture.Settle before the pass began.
	settledBy time.Time
	done      chan struct{}

	gen  uint64
	prev map[string]*cached // the cache as the pass began: never written
	next map[string]*cached // what this pass read or found unchanged

	// inv and id are the inventory of the pass and what identifies it;
	// trusted is false while the inventory is not settled (its devices
	// are then identified again at each read).
	inv     capture.Inventory
	id      identity
	trusted bool

	mu         sync.Mutex
	entries    []capture.Entry // what the listing gave, once it returned
	listed     bool
	reached    int   // entries read so far
	got        fleet // what is read so far
	scenarioIn bool  // the scenario's result is in got
	finished   bool  // got is the whole read

	once   sync.Once
	result fleet
}

func newPass(cfg Config, reader *capture.Reader, c *cache, settle time.Duration) *pass {
	now := time.Now()
	p := &pass{cfg: cfg, reader: reader, cache: c, settledBy: now.Add(-settle), deadline: now.Add(cfg.timeout()), done: make(chan struct{})}
	p.gen, p.prev = c.begin()
	p.next = map[string]*cached{}
	p.got.index = map[string]int{}
	go p.run()
	return p
}

// run reads every path and the scenario once, in order, until the
// deadline. Nothing it meets stops it: a file it cannot read is listed
// with its error and the others are read. A pass that reads everything
// leaves what it read to the next.
func (p *pass) run() {
	defer close(p.done)
	ctx, cancel := context.WithDeadline(context.Background(), p.deadline)
	defer cancel()
	if p.cfg.Inventory != "" {
		err := p.inventory()
		p.mu.Lock()
		p.got.files = append(p.got.files, fileResult{p.cfg.Inventory, nameOf(capture.Entry{Path: p.cfg.Inventory}), err})
		p.mu.Unlock()
	} else {
		p.trusted = true
	}
	entries := p.reader.Walk(p.cfg.Paths, p.cfg.MaxFiles, p.cfg.depth())
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
		p.got.files = append(p.got.files, fileResult{e.Path, nameOf(e), err})
		p.reached++
		if err == nil {
			p.got.index[d.label] = len(p.got.devices)
			p.got.devices = append(p.got.devices, d)
		}
		p.mu.Unlock()
	}
	if p.cfg.Scenario != "" {
		if ctx.Err() != nil {
			return
		}
		s, err := p.scenario()
		p.mu.Lock()
		p.got.files = append(p.got.files, fileResult{p.cfg.Scenario, nameOf(capture.Entry{Path: p.cfg.Scenario}), err})
		p.got.scenario, p.scenarioIn = s, true
		p.mu.Unlock()
	}
	p.mu.Lock()
	p.finished = true
	p.mu.Unlock()
	p.cache.keep(p.gen, p.next)
}

// device is one entry's capture as a device named by its file: read again
// when its stamp changed, else as the last read left it.
func (p *pass) device(e capture.Entry, budget *capture.Budget, byName map[string]string) (*device, error) {
	if e.Err != nil {
		return nil, e.Err
	}
	key := cacheKey(e.Root, e.Path)
	stamp, err := p.reader.Stat(e.Path)
	if err != nil {
		return nil, err
	}
	c := p.prev[key]
	if c.reuse(stamp) && p.trusted && c.identity == p.id {
		if err := budget.Charge(c.bytes, c.features); err != nil {
			// The file is as it was: the next read may take it in.
			p.next[key] = c
			return nil, &capture.Error{Path: e.Path, Err: err}
		}
	} else if c, err = p.read(e, budget); c == nil {
		return nil, err
	}
	p.next[key] = c
	if c.err != nil {
		return nil, c.err
	}
	d := c.dev
	if prev, ok := byName[d.name]; ok {
		return nil, &capture.Error{Path: e.Path, Err: fmt.Errorf("device %s is already read from %s", capture.Quote(d.name), capture.Quote(prev))}
	}
	byName[d.name] = e.Path
	return d, nil
}

// read reads e's capture within budget: what came of it to keep (a device,
// or the refusal of its content), or nil and why the file was not read.
func (p *pass) read(e capture.Entry, budget *capture.Budget) (*cached, error) {
	c, err := p.reader.Read(e.Path, budget)
	keep := &cached{stamp: c.Stamp, settled: c.Stamp.ChangedBefore(p.settledBy), bytes: c.Size, identity: p.id}
	if err != nil {
		if !c.Stamp.IsValid() {
			return nil, err
		}
		keep.err = err
		return keep, nil
	}
	keep.features = c.Features()
	captured := time.Time{}
	if c.Report.CapturedAt.IsZero() {
		captured = p.cfg.Captured
		if captured.IsZero() {
			captured = c.ModTime
		}
	}
	name := capture.DeviceName(e.Path)
	facts, id, err := p.facts(c, name, captured.UTC())
	if err != nil {
		keep.err = &capture.Error{Path: e.Path, Err: err}
		if !c.Stamp.IsValid() {
			return nil, keep.err
		}
		return keep, nil
	}
	keep.dev = newDevice(name, nameOf(e), id.Serial, facts)
	return keep, nil
}

// facts are what capture c says of its device, named name, identified as
// devicereport identifies it: the platform the capture says, else its
// inventory row's, else -platform, which never overrides either. Where the
// inventory could not be read, neither it nor -platform (which it might
// contradict) is used: only the devices whose captures say their platform
// are read.
func (p *pass) facts(c capture.Capture, name string, captured time.Time) (junos.Facts, capture.Identity, error) {
	platform := p.cfg.Platform
	if p.id.broken {
		platform = ""
	}
	id, err := p.inv.Identify(c, name, platform, "-platform")
	if err != nil {
		return junos.Facts{}, id, err
	}
	facts, err := c.Report.Facts(junos.Options{Platform: id.Platform, PlatformFrom: id.PlatformFrom, Device: cmp.Or(id.Serial, name), CapturedAt: captured})
	if err != nil && p.id.broken {
		err = fmt.Errorf("%w (the inventory %s could not be read)", err, capture.Quote(p.cfg.Inventory))
	}
	return facts, id, err
}

// inventory reads the inventory: again when its stamp changed, else as
// the last read left it. An inventory that cannot be read leaves the pass
// identifying devices by their captures alone.
func (p *pass) inventory() error {
	path := p.cfg.Inventory
	key := cacheKey("\x00inventory", path)
	stamp, err := p.reader.Stat(path)
	if err == nil {
		c := p.prev[key]
		if !c.reuse(stamp) {
			var b []byte
			if b, stamp, err = p.reader.ReadFileStamp(path, capture.MaxInventoryBytes); err == nil {
				var inv capture.Inventory
				if inv, err = capture.ParseInventory(path, b); err == nil {
					c = &cached{stamp: stamp, settled: stamp.ChangedBefore(p.settledBy), inventory: &inv}
				}
			}
		}
		if err == nil {
			p.next[key] = c
			p.inv, p.id, p.trusted = *c.inventory, identity{stamp: c.stamp}, c.settled
			return nil
		}
	}
	p.id, p.trusted = identity{broken: true}, true
	return err
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
		p.result.index = make(map[string]int, len(p.got.index))
		for k, v := range p.got.index {
			p.result.index[k] = v
		}
		if p.finished {
			return
		}
		late := errNotRead{p.cfg.timeout()}
		rest := p.entries[p.reached:]
		if !p.listed {
			rest = nil
			for _, path := range p.cfg.Paths {
				rest = append(rest, capture.Entry{Path: path, Root: path})
			}
		}
		for _, e := range rest {
			p.result.files = append(p.result.files, fileResult{e.Path, nameOf(e), &capture.Error{Path: e.Path, Err: late}})
		}
		if p.cfg.Scenario != "" && !p.scenarioIn {
			p.result.files = append(p.result.files, fileResult{p.cfg.Scenario, nameOf(capture.Entry{Path: p.cfg.Scenario}), &capture.Error{Path: p.cfg.Scenario, Err: late}})
		}
	})
	return p.result
}
