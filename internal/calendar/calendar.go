// Package calendar does the library's calendar arithmetic in UTC: adding
// years and months with the month-end clamp, calendar days, calendar quarters
// and half-open intervals.
//
// The clamp is what the terms mean by "a year from Feb 29": Feb 28 of the
// next year, never Mar 1 as time.AddDate would normalise it.
//
// The library's instants lie in years 0000 to 9999, the years RFC 3339
// writes and reads back (InRange). AddDays, AddMonths and AddYears are exact
// for every count that keeps the result in those years: they count on the
// calendar with time.Date, never by multiplying a time.Duration, which wraps
// past 106,751 days. A count too large for any result in range (beyond
// MaxDays, MaxMonths or MaxYears) gives an instant out of range, never a
// wrapped one, so a caller checks InRange on the result and refuses the
// fact that asked for it.
package calendar

import "time"

// Day is one calendar day.
const Day = 24 * time.Hour

// Caps on the counts that can keep an instant within years 0000 to 9999:
// any larger count moves every instant of those years out of them. Terms
// refuse day, month and year counts above them.
const (
	MaxYears  = 10_000
	MaxMonths = 12 * MaxYears
	MaxDays   = 366 * MaxYears // 3,660,000
)

// First and Last are the first and last instants the library computes or
// accepts: 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z.
var (
	First = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	Last  = time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC)
)

// InRange reports whether t lies in years 0000 to 9999 (UTC), the years
// time.Time.MarshalJSON and RFC 3339 accept.
func InRange(t time.Time) bool { return !t.Before(First) && !t.After(Last) }

// clampCount bounds n to one past ±most, which already moves any instant in
// range out of it; past that the arithmetic could overflow an int.
func clampCount(n, most int) int { return min(max(n, -most-1), most+1) }

// AddMonths returns t plus n calendar months in UTC, with the day of month
// clamped to the target month's last day (Nov 30 + 3 months = Feb 28 or 29).
// The time of day is kept.
func AddMonths(t time.Time, n int) time.Time {
	n = clampCount(n, MaxMonths)
	t = t.UTC()
	y, m, d := t.Date()
	total := int(m) - 1 + n
	ty := y + floorDiv(total, 12)
	tm := time.Month(total - floorDiv(total, 12)*12 + 1)
	if last := DaysIn(ty, tm); d > last {
		d = last
	}
	return time.Date(ty, tm, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// AddYears returns t plus n calendar years, clamped as AddMonths clamps
// (Feb 29 + 1 year = Feb 28).
func AddYears(t time.Time, n int) time.Time { return AddMonths(t, 12*clampCount(n, MaxYears)) }

// AddDays returns t plus n calendar days of 24 hours (UTC has no other
// days), as t.AddDate(0, 0, n) in UTC, exact for any n that keeps the
// result in range.
func AddDays(t time.Time, n int) time.Time {
	n = clampCount(n, MaxDays)
	t = t.UTC()
	y, m, d := t.Date()
	return time.Date(y, m, d+n, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Date returns midnight UTC of t's UTC calendar date.
func Date(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DaysBetween returns the number of calendar days from a's UTC date to b's,
// negative when b's date is earlier. It counts in Unix seconds, exact for
// any two instants, where a time.Duration would saturate 292 years apart.
func DaysBetween(a, b time.Time) int {
	return int((Date(b).Unix() - Date(a).Unix()) / 86400)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
