package wire_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/internal/wire/wiretest"
	"pgregory.net/rapid"
)

// TestParseInstantReadsTheTable: every text of the table is read as the
// instant it says, or refused saying why.
func TestParseInstantReadsTheTable(t *testing.T) {
	for _, c := range wiretest.Instants {
		got, err := wire.ParseInstant(c.Text)
		var ie *wire.InstantError
		switch {
		case c.OK && (err != nil || !got.Equal(c.Want) || got.Location() != time.UTC):
			t.Errorf("%q: got %v, %v; want %v", c.Text, got, err, c.Want)
		case !c.OK && (!errors.As(err, &ie) || !strings.Contains(ie.Why, c.Why) || ie.Text != c.Text):
			t.Errorf("%q: got %v, %v; want it refused saying %q", c.Text, got, err, c.Why)
		}
		_, gerr := wire.ParseGivenInstant(c.Text)
		if given := c.OK && !c.Want.IsZero(); given != (gerr == nil) {
			t.Errorf("ParseGivenInstant(%q): %v; want read: %v", c.Text, gerr, given)
		}
	}
}

// rfc3339 is RFC 3339's date-time with "T" and "Z" upper case.
var rfc3339 = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`)

// TestParseInstantIsRFC3339WithinTheWritableYears: the reader accepts a
// text exactly when it has RFC 3339's form, time.Parse reads it, its
// offset is under a day and it falls within years 0000 to 9999 in UTC;
// then it reads the instant time.Parse reads.
func TestParseInstantIsRFC3339WithinTheWritableYears(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := wiretest.InstantText().Draw(t, "text")
		got, err := wire.ParseInstant(s)
		want, perr := time.Parse(time.RFC3339Nano, s)
		_, offset := want.Zone()
		// RFC 3339's time-numoffset has minutes 00 to 59; time.Parse reads
		// "+00:60" too.
		minutesOK := strings.HasSuffix(s, "Z") || len(s) < 2 || s[len(s)-2] < '6'
		accept := rfc3339.MatchString(s) && perr == nil && minutesOK && offset > -24*3600 && offset < 24*3600 && wire.Writable(want)
		if accept != (err == nil) {
			t.Fatalf("%q: read %v (%v); want read: %v (time.Parse: %v)", s, got, err, accept, perr)
		}
		if accept && !got.Equal(want) {
			t.Fatalf("%q: read %v, time.Parse %v", s, got, want)
		}
	})
}

// TestEveryWrittenInstantReadsBack: an instant of years 0000 to 9999
// written in UTC, or with any offset under a day, reads back as itself.
func TestEveryWrittenInstantReadsBack(t *testing.T) {
	lo, hi := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano()/1e9, time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	rapid.Check(t, func(t *rapid.T) {
		at := time.Unix(rapid.Int64Range(lo, hi).Draw(t, "unix"), rapid.Int64Range(0, 999_999_999).Draw(t, "ns")).UTC()
		zone := time.FixedZone("", 60*rapid.IntRange(-(24*60-1), 24*60-1).Draw(t, "offset minutes"))
		for _, s := range []string{wire.FormatInstant(at), at.In(zone).Format(time.RFC3339Nano)} {
			if y := at.In(zone).Year(); y < 0 || y > 9999 {
				continue // RFC 3339 cannot write it with this offset
			}
			if got, err := wire.ParseInstant(s); err != nil || !got.Equal(at) {
				t.Fatalf("%s read back as %v, %v; want %v", s, got, err, at)
			}
		}
	})
}

// FuzzParseInstant: the reader never panics, reads only instants it can
// write back, and reads what it wrote as the same instant.
func FuzzParseInstant(f *testing.F) {
	for _, c := range wiretest.Instants {
		f.Add(c.Text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := wire.ParseInstant(s)
		if err != nil {
			return
		}
		if !wire.Writable(got) || got.Location() != time.UTC {
			t.Fatalf("%q read as %v", s, got)
		}
		if back, err := wire.ParseInstant(wire.FormatInstant(got)); !got.IsZero() && (err != nil || !back.Equal(got)) {
			t.Fatalf("%q read as %v, written %s, read back %v, %v", s, got, wire.FormatInstant(got), back, err)
		}
	})
}
