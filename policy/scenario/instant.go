package scenario

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
)

// parseInstant reads an RFC 3339 instant, YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM),
// and returns it in UTC, or why it is not one: the part that is wrong (a day
// the month does not have, an offset past 23:59), a year outside 0000-9999
// in UTC, or the zero instant, which the library reads as "absent".
func parseInstant(s string) (time.Time, string) {
	const layout = "want " + wire.WantInstant
	num := func(i, n int) (int, bool) {
		if i+n > len(s) {
			return 0, false
		}
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	at := func(i int, c byte) bool { return i < len(s) && s[i] == c }
	year, ok1 := num(0, 4)
	month, ok2 := num(5, 2)
	day, ok3 := num(8, 2)
	hour, ok4 := num(11, 2)
	minute, ok5 := num(14, 2)
	sec, ok6 := num(17, 2)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || !at(4, '-') || !at(7, '-') || !at(10, 'T') ||
		!at(13, ':') || !at(16, ':') {
		return time.Time{}, layout
	}
	i, nsec := 19, 0
	if at(i, '.') {
		i++
		digits := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if digits < 9 {
				nsec = nsec*10 + int(s[i]-'0')
			}
			digits++
			i++
		}
		if digits == 0 {
			return time.Time{}, layout
		}
		for ; digits < 9; digits++ {
			nsec *= 10
		}
	}
	offset := 0
	switch {
	case at(i, 'Z') && i+1 == len(s):
	case (at(i, '+') || at(i, '-')) && i+6 == len(s) && at(i+3, ':'):
		oh, ok1 := num(i+1, 2)
		om, ok2 := num(i+4, 2)
		if !ok1 || !ok2 {
			return time.Time{}, layout
		}
		if oh > 23 || om > 59 {
			return time.Time{}, fmt.Sprintf("offset %s is out of range; want -23:59 to +23:59", s[i:])
		}
		offset = (oh*60 + om) * 60
		if s[i] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, layout + " (with Z or an offset such as +02:00)"
	}
	switch {
	case month < 1 || month > 12:
		return time.Time{}, fmt.Sprintf("month %02d does not exist; want 01 to 12", month)
	case day < 1 || day > daysIn(year, time.Month(month)):
		return time.Time{}, fmt.Sprintf("day %02d does not exist: %s %04d has %d days", day, time.Month(month), year, daysIn(year, time.Month(month)))
	case hour > 23:
		return time.Time{}, fmt.Sprintf("hour %02d does not exist; want 00 to 23", hour)
	case minute > 59:
		return time.Time{}, fmt.Sprintf("minute %02d does not exist; want 00 to 59", minute)
	case sec > 59:
		return time.Time{}, fmt.Sprintf("second %02d does not exist; want 00 to 59 (no leap seconds)", sec)
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC).Add(-time.Duration(offset) * time.Second)
	if !wire.Writable(t) {
		return time.Time{}, "want an instant within years 0000 to 9999 in UTC"
	}
	return t, ""
}

// daysIn is the number of days of month in year (proleptic Gregorian).
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
