package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// DefaultMaxFiles bounds the captures one read takes in, so that a scrape's
// work is bounded: at most this many files of at most junos.MaxBytes each.
const DefaultMaxFiles = 10000

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
	// directory.
	MaxFiles int
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

// read reads every path and the scenario once. Nothing it meets stops it:
// a file it cannot read is listed with its error and the others are read.
func read(cfg Config) fleet {
	var f fleet
	maxFiles := cfg.MaxFiles
	if maxFiles <= 0 {
		maxFiles = DefaultMaxFiles
	}
	files := 0
	byName := map[string]string{}
	for _, p := range cfg.Paths {
		list, err := captureFiles(p, maxFiles-files)
		if err != nil {
			f.files = append(f.files, fileResult{p, err})
			continue
		}
		files += len(list)
		for _, file := range list {
			d, err := readCapture(file, cfg)
			if err == nil {
				if prev, ok := byName[d.name]; ok {
					err = fmt.Errorf("device %s is already read from %s", d.name, prev)
				}
			}
			f.files = append(f.files, fileResult{file, err})
			if err == nil {
				byName[d.name] = file
				f.devices = append(f.devices, d)
			}
		}
	}
	if cfg.Scenario != "" {
		ls, err := scenarioLicenses(cfg.Scenario)
		f.files = append(f.files, fileResult{cfg.Scenario, err})
		f.licenses, f.scenario = ls, cfg.Scenario
	}
	return f
}

// captureFiles is p itself when it is a file, else its captures in name
// order. Symbolic links to regular files count as files (a mounted
// ConfigMap holds nothing else); anything else (FIFOs, devices) is left
// out, since opening it could block a scrape.
func captureFiles(p string, room int) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if room < 1 {
			return nil, errors.New("over the number of files one read takes in (-max-files)")
		}
		return []string{p}, nil
	}
	es, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".") || filepath.Ext(e.Name()) == ".md" {
			continue
		}
		file := filepath.Join(p, e.Name())
		if !regular(file, e) {
			continue
		}
		if len(files) == room {
			return nil, errors.New("more files than one read takes in (-max-files)")
		}
		files = append(files, file)
	}
	return files, nil
}

func regular(file string, e fs.DirEntry) bool {
	if e.Type().IsRegular() {
		return true
	}
	if e.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(file)
	return err == nil && st.Mode().IsRegular()
}

// readCapture reads one capture; its device is named by its file.
func readCapture(file string, cfg Config) (device, error) {
	// Cleaned here so that two names cannot become one label value.
	d := device{name: clean(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))), file: file}
	f, err := os.Open(file)
	if err != nil {
		return d, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return d, err
	}
	// Refused before reading a byte: the reader would refuse it anyway.
	if st.Size() > junos.MaxBytes {
		return d, fmt.Errorf("%d bytes, over the %d a capture may hold", st.Size(), junos.MaxBytes)
	}
	rep, err := junos.Parse(f)
	if err != nil {
		return d, err
	}
	var captured time.Time
	if rep.CapturedAt.IsZero() {
		captured = cfg.Captured
		if captured.IsZero() {
			captured = st.ModTime()
		}
	}
	d.facts, err = rep.Facts(junos.Options{Platform: cfg.Platform, Device: d.name, CapturedAt: captured.UTC()})
	return d, err
}

// scenarioLicenses are the licenses the scenario's checks ask about, once
// each, in the order first asked.
func scenarioLicenses(file string) ([]license.License, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > scenario.MaxSize {
		return nil, fmt.Errorf("%d bytes, over the %d a scenario file may hold", st.Size(), scenario.MaxSize)
	}
	s, err := scenario.Decode(file, f)
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
