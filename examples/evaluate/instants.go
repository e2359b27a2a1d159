package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
)

// parsePeriod reads -calendar's FROM/TO: two instants read as a scenario
// file's are (wire.ParseGivenInstant, the one reader of instants for
// files and flags alike), FROM before TO.
func parsePeriod(s string) (from, to time.Time, err error) {
	const want = "want FROM/TO, two RFC 3339 instants, FROM before TO"
	fromS, toS, ok := strings.Cut(s, "/")
	if !ok {
		return from, to, errors.New(want)
	}
	if from, err = wire.ParseGivenInstant(fromS); err != nil {
		return from, to, fmt.Errorf("FROM %w", err)
	}
	if to, err = wire.ParseGivenInstant(toS); err != nil {
		return from, to, fmt.Errorf("TO %w", err)
	}
	if !to.After(from) {
		return from, to, errors.New(want)
	}
	return from, to, nil
}
