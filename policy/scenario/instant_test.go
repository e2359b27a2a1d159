package scenario_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/internal/wire/wiretest"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"pgregory.net/rapid"
)

// readAt decodes a file whose one check is at the text s, and one whose
// license starts at s: a check's instant must be given (the zero instant
// is refused), a license's start is present whatever it is.
func readAt(s string) (check time.Time, checkErr, startErr *scenario.Error) {
	text, _ := json.Marshal(s)
	sc, err := scenario.Decode("f.json", strings.NewReader(`{"name": "t", "checks": [{"at": `+string(text)+`, "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}]}`))
	if err == nil {
		check = sc.Checks[0].At
	}
	errors.As(err, &checkErr)
	_, err = scenario.Decode("f.json", strings.NewReader(`{"name": "t",
 "devices": [{"serial": "mx-1", "platform": "MX"}],
 "licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "features": ["bgp"], "start": `+string(text)+`}],
 `+oneCheck+`}`))
	errors.As(err, &startErr)
	return check, checkErr, startErr
}

// holdToReader fails unless the decoder read s as the one reader of
// instants reads it: a check's instant as wire.ParseGivenInstant, a
// license's start as wire.ParseInstant, a refusal at the field's path
// saying the reader's why.
func holdToReader(t interface{ Fatalf(string, ...any) }, s string) {
	check, checkErr, startErr := readAt(s)
	want, err := wire.ParseGivenInstant(s)
	if (err == nil) != (checkErr == nil) || (err == nil && !check.Equal(want)) {
		t.Fatalf("check at %q: %v, %v; the reader: %v, %v", s, check, checkErr, want, err)
	}
	if err != nil && (checkErr.Path != "checks[0].at" || !strings.HasSuffix(checkErr.Msg, ": "+err.(*wire.InstantError).Why)) {
		t.Fatalf("check at %q: %v; want the reader's why at checks[0].at, %v", s, checkErr, err)
	}
	_, err = wire.ParseInstant(s)
	if (err == nil) != (startErr == nil) || (err != nil && startErr.Path != "licenses[0].start") {
		t.Fatalf("license start %q: %v; the reader: %v", s, startErr, err)
	}
}

// TestInstantsReadAsTheOneReaderReadsThem: every text of the shared table
// is read or refused by a scenario file as by wire.ParseInstant, which a
// Decision's JSON and the commands' flags read instants with too (issue
// 26, class 8: one reader for files and flags alike).
func TestInstantsReadAsTheOneReaderReadsThem(t *testing.T) {
	for _, c := range wiretest.Instants {
		t.Run(strconv.Quote(c.Text), func(t *testing.T) {
			holdToReader(t, c.Text)
			check, checkErr, _ := readAt(c.Text)
			if given := c.OK && !c.Want.IsZero(); given != (checkErr == nil) || (given && !check.Equal(c.Want)) {
				t.Errorf("check at %q: %v, %v; want read %v: %v", c.Text, check, checkErr, given, c.Want)
			}
		})
	}
}

// TestEveryInstantTextIsReadAsTheReaderReadsIt: texts near RFC 3339 (any
// part out of range or out of form) are read or refused by a scenario
// file exactly as the one reader reads or refuses them.
func TestEveryInstantTextIsReadAsTheReaderReadsIt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) { holdToReader(t, wiretest.InstantText().Draw(t, "text")) })
}
