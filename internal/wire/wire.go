// Package wire holds the text forms that scenario files, a Decision's JSON
// and the commands' flags share (spec/SCENARIOS.md): instants as RFC 3339
// within years 0000 to 9999 in UTC, read by one reader for files and flags
// alike, "never" for the zero instant, and amounts as plain decimal
// strings. Reading and writing them in one place keeps what one side
// writes readable by the other.
package wire

import (
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/amount"
)

// WantInstant and WantAmount say what an instant and an amount must look
// like, for errors.
const (
	WantInstant = `an RFC 3339 instant such as "2025-03-01T00:00:00Z"`
	WantAmount  = `a decimal string such as "12.50"`
)

// MaxAmountDigits bounds the digits on either side of an amount's point:
// the library's one bound on amounts.
const MaxAmountDigits = amount.MaxDigits

// FormatInstant writes t in UTC as RFC 3339 with nanoseconds only when not
// zero, or "never" for the zero time.
func FormatInstant(t time.Time) string {
	var buf [64]byte
	return string(AppendInstant(buf[:0], t))
}

// AppendInstant appends t to b as FormatInstant writes it.
func AppendInstant(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "never"...)
	}
	return t.UTC().AppendFormat(b, time.RFC3339Nano)
}

// Writable reports whether t, in UTC, is within the years RFC 3339 can
// write: 0000-01-01T00:00:00+00:01 parses, but is in year -1 in UTC.
func Writable(t time.Time) bool {
	y := t.UTC().Year()
	return y >= 0 && y <= 9999
}

// IsDecimal accepts -?digits(.digits)? of at most MaxAmountDigits digits
// either side: no exponent, no "+", no ".5".
func IsDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	ok := func(x string) bool {
		if x == "" || len(x) > MaxAmountDigits {
			return false
		}
		for _, c := range []byte(x) {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return ok(whole) && (!dot || ok(frac))
}

// Clip returns s, or its first 64 bytes and "..." when it is longer, for an
// error that quotes a value: an error never echoes a megabyte of input.
func Clip(s string) string {
	if len(s) <= 64 {
		return s
	}
	return s[:64] + "..."
}
