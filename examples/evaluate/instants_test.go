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

// holdFlagsToReader fails unless -calendar's FROM and TO and -at read the
// text s as wire.ParseGivenInstant, the one reader of instants, reads it:
// run, or refused with the reader's error (issue 26, class 8).
func holdFlagsToReader(t interface{ Fatalf(string, ...any) }, file, s string) {
	want, werr := wire.ParseGivenInstant(s)
	const first, last = "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"
	inside := want.After(time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)) && want.Before(time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC))
	cases := [][]string{{"-calendar", s + "/" + last}, {"-calendar", first + "/" + s}}
	if s != "" { // -at "" is -at left out
		cases = append(cases, []string{"-calendar", first + "/" + last, "-at", s})
	}
	for _, args := range cases {
		var stdout, stderr bytes.Buffer
		exit := run(append(args, file), &stdout, &stderr)
		ran := werr == nil && (args[1] == first+"/"+last || inside)
		if ran != (exit == exitOK) {
			t.Fatalf("%q: exit %d, %s; the reader: %v, %v", args, exit, stderr.String(), want, werr)
		}
		if werr != nil && !strings.Contains(s, "/") && (!strings.Contains(stderr.String(), werr.Error()) || strings.Count(stderr.String(), "\n") != 1) {
			t.Fatalf("%q: %q; want one line with the reader's error, %v", args, stderr.String(), werr)
		}
	}
}

// TestFlagsReadInstantsAsTheOneReader: every text of the shared table is
// read or refused by -calendar and -at as by a scenario file: "+24:00"
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
// or refused by -calendar and -at exactly as the one reader does.
func TestFlagsReadEveryInstantTextAsTheReader(t *testing.T) {
	file := filepath.Join(t.TempDir(), "trial.json")
	if err := os.WriteFile(file, []byte(trialFile), 0o644); err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) { holdFlagsToReader(t, file, wiretest.InstantText().Draw(t, "text")) })
}
