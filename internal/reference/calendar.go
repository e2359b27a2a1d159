package reference

import "time"

// addMonths adds n calendar months in UTC, clamping the day to the last day
// of the target month (Nov 30 + 3 months = end of February) and keeping the
// time of day.
func addMonths(t time.Time, n int) time.Time {
	t = t.UTC()
	year, month, day := t.Date()
	total := int(month) - 1 + n
	targetYear := year + total/12
	targetMonth := total % 12
	if targetMonth < 0 {
		targetMonth += 12
		targetYear--
	}
	last := daysInMonth(targetYear, time.Month(targetMonth+1))
	if day > last {
		day = last
	}
	return time.Date(targetYear, time.Month(targetMonth+1), day,
		t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// addYears adds n calendar years: Feb 29 + 1 year = Feb 28.
func addYears(t time.Time, n int) time.Time { return addMonths(t, 12*n) }

// addDays adds n days of 24 hours.
func addDays(t time.Time, n int) time.Time { return t.Add(time.Duration(n) * 24 * time.Hour) }

func daysInMonth(year int, month time.Month) int {
	switch month {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// dateOf is the UTC calendar date of t, as midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween counts calendar days from a's UTC date to b's.
func daysBetween(a, b time.Time) int {
	return int(dateOf(b).Sub(dateOf(a)).Hours() / 24)
}

// quarterStart is the first instant of quarter q (1..4) of year.
func quarterStart(year, q int) time.Time {
	return time.Date(year, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// AddMonths is addMonths, exported for the differential test's generator,
// which aims instants at month-clamped boundaries.
func AddMonths(t time.Time, n int) time.Time { return addMonths(t, n) }
