// Command licenseexporter serves the license standing of Junos devices as
// Prometheus metrics: per device and feature, when its usability ends, when
// its answer next changes, whether it is usable, in its warning window,
// allowed, and the usage table's counts; per device, features by standing;
// per file, read errors; beside them the Go runtime's and the process's
// metrics. On /calendar.ics it serves every change to come as an RFC 5545
// calendar feed.
//
//	go run . -listen :9731 DIR...
//
// Arguments are directories of show system license captures (CLI text,
// | display xml or | display json, detected, alone or among other
// commands' output as collections store it; one file per device, named by
// the file), walked -max-depth levels deep, or capture files. A file is
// read again only when its stamp (size, modification and change time,
// inode) changed, and a feature decided again only when its answer ran
// out (its Until); every -interval instead of every scrape with -interval.
// -scenario adds the licenses a scenario file's checks ask about. The
// standings are evaluated at the wall clock of each scrape, or at -at (an
// RFC 3339 instant such as 2025-02-10T00:00:00Z). A file that cannot be
// read is counted in licensepolicy_capture_read_errors_total and logged;
// the others are exported. The counter of a file no longer there
// disappears at the next read. -h prints the flags and bounds and exits 0.
//
// # Platforms
//
// As devicereport identifies them: a device's platform is what its
// capture says (show version's model or show chassis hardware's chassis in
// the same file, a key's customer ID, a feature named for its platform),
// else its row of the -inventory CSV file (file or hostname, platform,
// serial), else -platform, the last resort, which never overrides either;
// a disagreement is a read error naming both. An inventory that cannot be
// read is a read error of its own, and then only the captures that say
// their platform are read.
//
// # Bounds
//
// Only regular files are read: every file is opened without blocking and
// checked on its descriptor, so a named pipe, a socket, a device or a
// capture swapped for one is a read error, never a wedged scrape. One read
// takes in at most -max-files files (a directory holding more: its first by
// name, and a read error of the directory; paths wanting more together
// share them fairly), -max-bytes capture bytes and
// -max-features features together, each capture at most 4 MiB and 10,000
// rows (see the junos package); past a bound the file is a read error
// naming it and the rest is read. A read ends at -timeout: the files it has
// not read are read errors and the scrape answers with the others. A file
// whose open or read does not return (a hung mount) is not opened again
// until it does. Memory is a few times the captures read plus a few
// kilobytes per exported feature; reading is linear in the bytes read.
// Names are label values as they are, or quoted (Go syntax) where they hold
// a control character or bytes that are not UTF-8.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/licensepolicy/licensepolicy/examples/internal/capture"
	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/license/junos"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// memoryLimit is the soft limit on the heap, where GOMEMLIMIT does not set
// one: past it the collector runs more often rather than let garbage
// double a heap the bounds keep well under it.
const memoryLimit = 512 << 20

func main() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(os.Args[1:], os.Stderr, log); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // -h asked for the usage, which is printed
		}
		fmt.Fprintln(os.Stderr, "licenseexporter:", err)
		os.Exit(2)
	}
}

// settings are the flags.
type settings struct {
	listen   string
	interval time.Duration
	at       time.Time // zero: the wall clock at each scrape
	cfg      Config
}

func parseFlags(args []string, errOut io.Writer) (settings, error) {
	fl := flag.NewFlagSet("licenseexporter", flag.ContinueOnError)
	fl.SetOutput(errOut)
	fl.Usage = func() {
		fmt.Fprintln(errOut, "usage: licenseexporter [flags] DIR|FILE...")
		fmt.Fprint(errOut, capture.Bounds)
		fmt.Fprintln(errOut, "A read ends at -timeout: the files it has not read are read errors, and the scrape answers with the rest.")
		fl.PrintDefaults()
	}
	var s settings
	fl.StringVar(&s.listen, "listen", ":9731", "the address to serve /metrics on")
	fl.DurationVar(&s.interval, "interval", 0, "read the files every interval instead of on each scrape (0: on each scrape)")
	at := fl.String("at", "", `evaluate at this instant, an RFC 3339 instant such as "2025-02-10T00:00:00Z", instead of the wall clock at each scrape (tests, demos)`)
	captured := fl.String("captured", "", `when captures without an instant of their own were taken, an RFC 3339 instant such as "2025-02-10T00:00:00Z" (default: the file's modification time)`)
	fl.StringVar(&s.cfg.Platform, "platform", "", "the platform of the devices neither their capture nor the inventory names, e.g. vSRX; never overrides either")
	fl.StringVar(&s.cfg.Inventory, "inventory", "", "a CSV file of devices with a header: file or hostname, platform, serial")
	depth := fl.Int("max-depth", DefaultMaxDepth, "the most levels of subdirectories walked below a directory given (0: none)")
	fl.StringVar(&s.cfg.Scenario, "scenario", "", "a scenario file whose licenses are exported too")
	fl.IntVar(&s.cfg.MaxFiles, "max-files", DefaultMaxFiles, "the most files one read takes in (a directory holding more: its first by name)")
	fl.Int64Var(&s.cfg.MaxBytes, "max-bytes", DefaultMaxBytes, fmt.Sprintf("the most capture bytes one read takes in, together (each capture at most %d)", junos.MaxBytes))
	fl.IntVar(&s.cfg.MaxFeatures, "max-features", DefaultMaxFeatures, fmt.Sprintf("the most features (usage rows and key features) the captures of one read list, together (each capture at most %d)", junos.MaxEntries))
	fl.DurationVar(&s.cfg.Timeout, "timeout", DefaultTimeout, "the longest one read takes: files not read by then are read errors, and the scrape answers with the rest")
	if err := fl.Parse(args); err != nil {
		return s, err
	}
	var err error
	if *at != "" {
		if s.at, err = wire.ParseGivenInstant(*at); err != nil {
			return s, fmt.Errorf("-at: %w", err)
		}
	}
	if *captured != "" {
		if s.cfg.Captured, err = wire.ParseGivenInstant(*captured); err != nil {
			return s, fmt.Errorf("-captured: %w", err)
		}
	}
	if s.interval < 0 {
		return s, errors.New("-interval: want a positive duration, or 0 to read on each scrape")
	}
	for _, b := range []struct {
		flag string
		ok   bool
	}{{"-max-files", s.cfg.MaxFiles >= 1}, {"-max-bytes", s.cfg.MaxBytes >= 1}, {"-max-features", s.cfg.MaxFeatures >= 1}, {"-timeout", s.cfg.Timeout > 0}} {
		if !b.ok {
			return s, fmt.Errorf("%s: want at least 1", b.flag)
		}
	}
	if *depth < 0 {
		return s, errors.New("-max-depth: want 0 or more")
	}
	s.cfg.MaxDepth = *depth
	if *depth == 0 {
		s.cfg.MaxDepth = -1 // the Config's zero is the default
	}
	s.cfg.Paths = fl.Args()
	if len(s.cfg.Paths) == 0 && s.cfg.Scenario == "" {
		fl.Usage()
		return s, errors.New("want capture directories or files, or -scenario")
	}
	return s, nil
}

// clock is the evaluation instant: at when pinned, else the wall clock.
// Only main reads the clock; the collector is handed this function.
func clock(at time.Time) func() time.Time {
	if !at.IsZero() {
		return func() time.Time { return at }
	}
	return func() time.Time { return time.Now().UTC() }
}

// newRegistry is the registry the exporter serves: its collector beside
// the Go runtime's and the process's (go_*, process_*), as node_exporter
// and junos_exporter serve them.
func newRegistry(c prometheus.Collector) (*prometheus.Registry, error) {
	reg := prometheus.NewRegistry()
	for _, col := range []prometheus.Collector{collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), c} {
		if err := reg.Register(col); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

// handler serves the registry's metrics on /metrics, logging the errors
// of a gathering to log (nil: nowhere); the handler's own requests are
// counted in promhttp_metric_handler_requests_total, as node_exporter
// counts them.
func handler(reg *prometheus.Registry, log *slog.Logger) *http.ServeMux {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.InstrumentMetricHandler(reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(log.Handler(), slog.LevelError),
		ErrorHandling: promhttp.ContinueOnError,
		// A read ends at its -timeout; concurrent scrapes wait for one read
		// rather than read alongside. No handler timeout: it would hold the
		// whole answer in memory to be able to replace it.
		MaxRequestsInFlight: 4,
	})))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "licenseexporter: metrics on /metrics, upcoming license changes on /calendar.ics")
	})
	return mux
}

func run(args []string, errOut io.Writer, log *slog.Logger) error {
	s, err := parseFlags(args, errOut)
	if err != nil {
		return err
	}
	c := NewCollector(s.cfg, clock(s.at), log)
	reg, err := newRegistry(c)
	if err != nil {
		return err
	}
	if s.interval > 0 {
		c.Refresh()
		go func() {
			for range time.Tick(s.interval) {
				c.Refresh()
			}
		}()
	}
	mux := handler(reg, log)
	mux.Handle("/calendar.ics", calendarHandler(c))
	srv := &http.Server{Addr: s.listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Info("serving", "address", s.listen, "paths", s.cfg.Paths)
	return srv.ListenAndServe()
}
