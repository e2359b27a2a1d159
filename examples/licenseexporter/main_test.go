package main

import (
	"io"
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
		{[]string{"-at", "2025-02-10", "dir"}, "-at"},
		{[]string{"-captured", "yesterday", "dir"}, "-captured"},
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
