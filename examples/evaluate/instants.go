package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
)

// parseInstantFlag reads a flag's instant as a scenario file's are read
// (wire.ParseGivenInstant, the one reader of instants for files and flags
// alike): RFC 3339 with an offset from -23:59 to +23:59, a date that
// exists, within years 0000 to 9999 in UTC, so that everything printed from
// it reads back; not the zero instant, which would read as none. Its error
// quotes the text and says the form wanted or the part that is wrong.
func parseInstantFlag(s string) (time.Time, error) { return wire.ParseGivenInstant(s) }

// period reads -calendar's FROM/TO: two instants as parseInstantFlag
// reads them, FROM before TO.
func period(s string) (from, to time.Time, err error) {
	const want = "want FROM/TO, two RFC 3339 instants, FROM before TO"
	fromS, toS, ok := strings.Cut(s, "/")
	if !ok {
		return from, to, fmt.Errorf("-calendar %s: %s", printable(s), want)
	}
	if from, err = parseInstantFlag(fromS); err != nil {
		return from, to, fmt.Errorf("-calendar %s: FROM %w", printable(s), err)
	}
	if to, err = parseInstantFlag(toS); err != nil {
		return from, to, fmt.Errorf("-calendar %s: TO %w", printable(s), err)
	}
	if !to.After(from) {
		return from, to, fmt.Errorf("-calendar %s: %s", printable(s), want)
	}
	return from, to, nil
}
