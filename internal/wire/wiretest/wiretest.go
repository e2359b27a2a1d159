// Package wiretest holds the texts every entry point that reads an instant
// (the scenario decoder, a Decision's JSON, the commands' flags) is tested
// with, so that each accepts and refuses what wire.ParseInstant, the one
// reader, accepts and refuses: a table, and a generator of texts near RFC
// 3339 for properties.
package wiretest

import (
	"fmt"
	"time"

	"pgregory.net/rapid"
)

// Instant is a text and what the reader makes of it: the instant in UTC,
// or part of the reason it is refused.
type Instant struct {
	Text string
	// OK says the text is read; Want is then the instant, the zero
	// time.Time for 0001-01-01T00:00:00Z, which a field or flag that
	// must be given refuses.
	OK   bool
	Want time.Time
	// Why is part of the refusal when not OK.
	Why string
}

func at(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
	return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
}

// Instants are texts an entry point must read as the reader does: read,
// with their instant, and refused, each for one reason (offsets of a day or
// more, which time.Parse accepts; a date alone; a part that does not
// exist; years outside 0000 to 9999 once in UTC; forms near RFC 3339).
var Instants = []Instant{
	{Text: "2025-03-01T00:00:00Z", OK: true, Want: at(2025, 3, 1, 0, 0, 0, 0)},
	{Text: "2025-03-01T00:00:00.5+02:00", OK: true, Want: at(2025, 2, 28, 22, 0, 0, 5e8)},
	{Text: "2024-02-29T23:59:59.999999999-23:59", OK: true, Want: at(2024, 3, 1, 23, 58, 59, 999999999)},
	{Text: "2025-01-01T00:00:00.1234567891Z", OK: true, Want: at(2025, 1, 1, 0, 0, 0, 123456789)},
	{Text: "2025-01-01T00:00:00+23:59", OK: true, Want: at(2024, 12, 31, 0, 1, 0, 0)},
	{Text: "2025-01-01T00:00:00-00:00", OK: true, Want: at(2025, 1, 1, 0, 0, 0, 0)},
	{Text: "0000-01-01T00:00:00Z", OK: true, Want: at(0, 1, 1, 0, 0, 0, 0)},
	{Text: "0000-01-01T00:00:00-00:01", OK: true, Want: at(0, 1, 1, 0, 1, 0, 0)},
	{Text: "9999-12-31T23:59:59.999999999Z", OK: true, Want: at(9999, 12, 31, 23, 59, 59, 999999999)},
	{Text: "0001-01-01T00:00:00Z", OK: true},
	{Text: "0001-01-01T00:00:00.000000001Z", OK: true, Want: at(1, 1, 1, 0, 0, 0, 1)},
	{Text: "2020-01-01T00:00:00+24:00", Why: "offset +24:00 is out of range; want -23:59 to +23:59"},
	{Text: "2021-10-01T00:00:00+24:59", Why: "offset +24:59 is out of range"},
	{Text: "2021-10-01T00:00:00-24:00", Why: "offset -24:00 is out of range"},
	{Text: "2021-10-01T00:00:00+99:59", Why: "offset +99:59 is out of range"},
	{Text: "2021-10-01T00:00:00+00:60", Why: "offset +00:60 is out of range"},
	{Text: "2021-10-01", Why: `want an RFC 3339 instant such as "2025-03-01T00:00:00Z"`},
	{Text: "2021-10-01T00:00:00", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01T00:00:00UTC", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01T00:00:00+0200", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01T00:00:00+02", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01T00:00:00+02:00Z", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01T00:00:00Z ", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01T00:00:00+a2:00", Why: "want an RFC 3339 instant"},
	{Text: "2021-10-01t00:00:00Z", Why: "want an RFC 3339 instant"},
	{Text: "2021-10-01T00:00:00z", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01 00:00:00Z", Why: "want an RFC 3339 instant"},
	{Text: " 2021-10-01T00:00:00Z", Why: "want an RFC 3339 instant"},
	{Text: "2021-10-01T00:00:00,5Z", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-10-01T00:00:00.Z", Why: "want an RFC 3339 instant"},
	{Text: "2021-10-01T00:00:00.5e3Z", Why: "(with Z or an offset such as +02:00)"},
	{Text: "2021-1-01T00:00:00Z", Why: "want an RFC 3339 instant"},
	{Text: "10000-01-01T00:00:00Z", Why: "want an RFC 3339 instant"},
	{Text: "-001-01-01T00:00:00Z", Why: "want an RFC 3339 instant"},
	{Text: "２０２１-10-01T00:00:00Z", Why: "want an RFC 3339 instant"},
	{Text: "", Why: "want an RFC 3339 instant"},
	{Text: "never", Why: "want an RFC 3339 instant"},
	{Text: "2024-02-30T00:00:00Z", Why: "day 30 does not exist: February 2024 has 29 days"},
	{Text: "2023-02-29T00:00:00Z", Why: "day 29 does not exist: February 2023 has 28 days"},
	{Text: "2025-04-31T00:00:00Z", Why: "day 31 does not exist: April 2025 has 30 days"},
	{Text: "2025-01-00T00:00:00Z", Why: "day 00 does not exist"},
	{Text: "2025-13-01T00:00:00Z", Why: "month 13 does not exist; want 01 to 12"},
	{Text: "2025-00-01T00:00:00Z", Why: "month 00 does not exist"},
	{Text: "2025-01-01T24:00:00Z", Why: "hour 24 does not exist; want 00 to 23"},
	{Text: "2025-01-01T00:60:00Z", Why: "minute 60 does not exist; want 00 to 59"},
	{Text: "2016-12-31T23:59:60Z", Why: "second 60 does not exist; want 00 to 59 (no leap seconds)"},
	{Text: "0000-01-01T00:00:00+00:01", Why: "want an instant within years 0000 to 9999 in UTC"},
	{Text: "9999-12-31T23:59:59-00:01", Why: "want an instant within years 0000 to 9999 in UTC"},
}

// InstantText generates texts near RFC 3339: instants of every year,
// offset and fraction, and the same with one part out of range or out of
// form (a day 30 in February, an offset of +24:00 or more, a lower-case
// "t", a comma, no zone, a date alone), and now and then any string.
func InstantText() *rapid.Generator[string] {
	two := func(max int) *rapid.Generator[string] {
		return rapid.Map(rapid.IntRange(0, max), func(n int) string { return fmt.Sprintf("%02d", n) })
	}
	part := func(valid, other *rapid.Generator[string]) *rapid.Generator[string] {
		return rapid.OneOf(valid, valid, valid, valid, other)
	}
	year := part(rapid.Map(rapid.IntRange(0, 9999), func(n int) string { return fmt.Sprintf("%04d", n) }),
		rapid.SampledFrom([]string{"0000", "0001", "9999", "10000", "-001", "99", "2O25"}))
	fraction := rapid.OneOf(rapid.Just(""), rapid.StringMatching(`\.[0-9]{1,12}`), rapid.SampledFrom([]string{".", ",5", ".5e3"}))
	zone := rapid.OneOf(rapid.Just("Z"),
		rapid.Custom(func(t *rapid.T) string {
			return rapid.SampledFrom([]string{"+", "-"}).Draw(t, "sign") + part(two(23), two(99)).Draw(t, "hours") +
				":" + part(two(59), two(99)).Draw(t, "minutes")
		}),
		rapid.SampledFrom([]string{"z", "", "+0200", "+02", "UTC", "Z ", "+02:00Z"}))
	near := rapid.Custom(func(t *rapid.T) string {
		return year.Draw(t, "year") + "-" + part(two(12), two(99)).Draw(t, "month") + "-" + part(two(28), two(39)).Draw(t, "day") +
			part(rapid.Just("T"), rapid.SampledFrom([]string{"t", " ", ""})).Draw(t, "T") +
			part(two(23), two(29)).Draw(t, "hour") + ":" + part(two(59), two(69)).Draw(t, "minute") + ":" +
			part(two(59), two(69)).Draw(t, "second") + fraction.Draw(t, "fraction") + zone.Draw(t, "zone")
	})
	return rapid.OneOf(near, near, near, near, near, near, near, near, rapid.String())
}
