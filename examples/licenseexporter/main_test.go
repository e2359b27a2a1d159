package main

import (
	"errors"
	"flag"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestFlagsRefused(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "want capture directories"},
		{[]string{"-at", "2025-02-10", "dir"}, `-at: "2025-02-10": want an RFC 3339 instant such as "2025-03-01T00:00:00Z"`},
		{[]string{"-at", "2020-01-01T00:00:00+24:00", "dir"}, "-at: \"2020-01-01T00:00:00+24:00\": offset +24:00 is out of range"},
		{[]string{"-captured", "yesterday", "dir"}, "-captured: \"yesterday\": want an RFC 3339 instant"},
		{[]string{"-interval", "-1m", "dir"}, "-interval"},
		{[]string{"-max-files", "0", "dir"}, "-max-files"},
	} {
		_, err := parseFlags(c.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseFlags(%q) = %v, want an error naming %s", c.args, err, c.want)
		}
	}
}

func TestFlags(t *testing.T) {
	s, err := parseFlags([]string{"-listen", "127.0.0.1:0", "-at", "2025-02-10T00:00:00Z", "-interval", "1m", "-scenario", "s.json", "a", "b"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	if s.listen != "127.0.0.1:0" || !s.at.Equal(at) || s.interval != time.Minute || s.cfg.Scenario != "s.json" ||
		len(s.cfg.Paths) != 2 || s.cfg.MaxFiles != DefaultMaxFiles {
		t.Errorf("parseFlags = %+v", s)
	}
	if got := clock(s.at)(); !got.Equal(at) {
		t.Errorf("a pinned clock reads %v, want %v", got, at)
	}
}

// TestHelpStatesTheBounds: -h says what a read holds to: files, bytes,
// features, time, and a capture's bytes, rows, lines and values.
func TestHelpStatesTheBounds(t *testing.T) {
	var errOut strings.Builder
	_, _ = parseFlags([]string{"-h"}, &errOut)
	for _, want := range []string{"-max-files", "-max-bytes", "-max-features", "-timeout", "opened without blocking", "4194304 bytes", "10000 rows", "4096 bytes", "nested at most 64 deep"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("-h does not say %q:\n%s", want, errOut.String())
		}
	}
}

// TestServesGoAndProcessMetrics: the registry served holds the Go
// runtime's and the process's collectors beside the exporter's, and the
// handler counts its own requests, as node_exporter does.
func TestServesGoAndProcessMetrics(t *testing.T) {
	at := instant(t, "2025-02-10T00:00:00Z")
	reg, err := newRegistry(NewCollector(Config{Paths: []string{"testdata/captures"}}, fixed(at), nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"go_goroutines", "go_memstats_alloc_bytes", "go_gc_duration_seconds", "go_info", "promhttp_metric_handler_requests_total", "licensepolicy_device_info"}
	if runtime.GOOS == "linux" {
		want = append(want, "process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds", "process_start_time_seconds")
	}
	scrape(t, reg) // the handler's counter counts from the first request
	body := scrape(t, reg)
	for _, name := range want {
		if !strings.Contains(body, "\n"+name) {
			t.Errorf("no %s in the exposition", name)
		}
	}
}

// TestHelpIsNotAFailure: -h prints the usage and is told apart from a
// refused flag, so that the command exits 0.
func TestHelpIsNotAFailure(t *testing.T) {
	var out strings.Builder
	if err := run([]string{"-h"}, &out, nil); !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "usage: licenseexporter") {
		t.Errorf("run -h = %v\n%s", err, out.String())
	}
}
