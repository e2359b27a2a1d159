// Package calendar does the library's calendar arithmetic in UTC: adding
// years and months with the month-end clamp, calendar days, calendar quarters
// and half-open intervals.
//
// The clamp is what the terms mean by "a year from Feb 29": Feb 28 of the
// next year, never Mar 1 as time.AddDate would normalise it.
package calendar

import "time"

// Day is one calendar day.
const Day = 24 * time.Hour

// AddMonths returns t plus n calendar months in UTC, with the day of month
// clamped to the target month's last day (Nov 30 + 3 months = Feb 28 or 29).
// The time of day is kept.
func AddMonths(t time.Time, n int) time.Time {
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
func AddYears(t time.Time, n int) time.Time { return AddMonths(t, 12*n) }

// AddDays returns t plus n calendar days of 24 hours.
func AddDays(t time.Time, n int) time.Time { return t.Add(time.Duration(n) * Day) }

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
// negative when b's date is earlier.
func DaysBetween(a, b time.Time) int {
	return int(Date(b).Sub(Date(a)) / Day)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
