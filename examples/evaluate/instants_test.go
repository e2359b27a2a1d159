package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/internal/wire/wiretest"
	"pgregory.net/rapid"
)

// trialFile is a scenario whose one check's decision never changes, so a
// calendar over any period costs one decision.
const trialFile = `{"name": "trial", "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`

// holdFlagsToReader fails unless -calendar's FROM and TO, -at, and
// -impact's -from and -to read the text s as wire.ParseGivenInstant, the
// one reader of instants, reads it: run, or refused with the reader's
// error (issue 26, class 8).
func holdFlagsToReader(t interface{ Fatalf(string, ...any) }, file, s string) {
	want, werr := wire.ParseGivenInstant(s)
	const first, last = "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"
	afterFirst := want.After(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC))
	beforeLast := want.Before(time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC))
	type flags struct {
		args    []string
		ordered bool // FROM before TO, when s is read
	}
	cases := []flags{{[]string{"-calendar", s + "/" + last}, beforeLast}, {[]string{"-calendar", first + "/" + s}, afterFirst}}
	if s != "" { // an empty flag is the flag left out
		cases = append(cases, flags{[]string{"-calendar", first + "/" + last, "-at", s}, true},
			flags{[]string{"-impact", "testdata/no-new-terms.json", "-from", s, "-to", last}, beforeLast},
			flags{[]string{"-impact", "testdata/no-new-terms.json", "-from", first, "-to", s}, afterFirst})
	}
	for _, c := range cases {
		args := c.args
		var stdout, stderr bytes.Buffer
		exit := run(append(args, file), &stdout, &stderr)
		if ran := werr == nil && c.ordered; ran != (exit == exitOK) {
			t.Fatalf("%q: exit %d, %s; the reader: %v, %v", args, exit, stderr.String(), want, werr)
		}
		if werr != nil && !strings.Contains(s, "/") && (!strings.Contains(stderr.String(), werr.Error()) || strings.Count(stderr.String(), "\n") != 1) {
			t.Fatalf("%q: %q; want one line with the reader's error, %v", args, stderr.String(), werr)
		}
	}
}

// TestFlagsReadInstantsAsTheOneReader: every text of the shared table is
// read or refused by -calendar, -at, -from and -to as by a scenario file: "+24:00"
// and "+24:59" were read by time.Parse (issue 26, class 8).
func TestFlagsReadInstantsAsTheOneReader(t *testing.T) {
	file := filepath.Join(t.TempDir(), "trial.json")
	if err := os.WriteFile(file, []byte(trialFile), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range wiretest.Instants {
		t.Run(strconv.Quote(c.Text), func(t *testing.T) { holdFlagsToReader(t, file, c.Text) })
	}
}

// TestFlagsReadEveryInstantTextAsTheReader: texts near RFC 3339 are read
// or refused by -calendar, -at, -from and -to exactly as the one reader
// does.
func TestFlagsReadEveryInstantTextAsTheReader(t *testing.T) {
	file := filepath.Join(t.TempDir(), "trial.json")
	if err := os.WriteFile(file, []byte(trialFile), 0o644); err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) { holdFlagsToReader(t, file, wiretest.InstantText().Draw(t, "text")) })
}
