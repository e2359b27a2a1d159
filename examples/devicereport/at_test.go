package main

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/internal/wire/wiretest"
	"pgregory.net/rapid"
)

// holdAtToReader fails unless -at reads the text s as
// wire.ParseGivenInstant, the one reader of instants for files and flags,
// reads it: the report runs, or -at is refused with the reader's error,
// which says the form it wants.
func holdAtToReader(t interface{ Fatalf(string, ...any) }, capture, s string) {
	_, werr := wire.ParseGivenInstant(s)
	err := run([]string{"-at", s, capture}, io.Discard, io.Discard)
	refused := err != nil && strings.HasPrefix(err.Error(), "-at ")
	if (werr != nil) != refused {
		t.Fatalf("-at %q: %v; the reader: %v", s, err, werr)
	}
	if refused && err.Error() != "-at "+werr.Error() {
		t.Fatalf("-at %q: %v; want the reader's error, %v", s, err, werr)
	}
}

// TestAtReadsInstantsAsTheOneReader: every text of the shared table is
// read or refused by -at as by a scenario file: "+24:59" was read by
// time.Parse, and "2021-10-01" is refused saying the form wanted (issue
// 26, class 8).
func TestAtReadsInstantsAsTheOneReader(t *testing.T) {
	capture := fixture(t, "vsrx-subscription.txt")
	for _, c := range wiretest.Instants {
		if c.Text == "" {
			continue // -at "" is -at left out
		}
		t.Run(strconv.Quote(c.Text), func(t *testing.T) { holdAtToReader(t, capture, c.Text) })
	}
	err := run([]string{"-at", "2021-10-01", capture}, io.Discard, io.Discard)
	if want := `-at "2021-10-01": want an RFC 3339 instant such as "2025-03-01T00:00:00Z"`; err == nil || err.Error() != want {
		t.Errorf("-at 2021-10-01: %v; want %s", err, want)
	}
}

// TestAtReadsEveryInstantTextAsTheReader: texts near RFC 3339 are read or
// refused by -at exactly as the one reader does.
func TestAtReadsEveryInstantTextAsTheReader(t *testing.T) {
	capture := fixture(t, "vsrx-subscription.txt")
	rapid.Check(t, func(t *rapid.T) {
		if s := wiretest.InstantText().Draw(t, "text"); s != "" {
			holdAtToReader(t, capture, s)
		}
	})
}
