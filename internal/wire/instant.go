package wire

import (
	"fmt"
	"strconv"
	"time"
)

// InstantError is a text ParseInstant refused, and why: the form it wants,
// or the part that is wrong.
type InstantError struct {
	Text string
	Why  string
}

func (e *InstantError) Error() string { return strconv.Quote(Clip(e.Text)) + ": " + e.Why }

// The whys of InstantError that are not about one part.
const (
	wantLayout   = "want " + WantInstant
	wantZone     = wantLayout + " (with Z or an offset such as +02:00)"
	wantWritable = "want an instant within years 0000 to 9999 in UTC"
	wantPresent  = "the zero instant, which reads as none here: want any other instant within years 0000 to 9999 in UTC"
)

// ParseInstant reads an RFC 3339 instant, YYYY-MM-DDTHH:MM:SS, an optional
// fraction (digits past nanoseconds dropped), then Z or an offset from
// -23:59 to +23:59, "T" and "Z" upper case, and returns it in UTC. It is
// the one reader of instants for files and flags alike. It refuses, with an
// *InstantError: another form; a part that does not exist (month 13, day
// 30 of February, hour 24, minute or second 60, offset +24:00), saying
// which; and an instant outside years 0000 to 9999 in UTC, which RFC 3339
// could not write back. time.Parse accepts offsets to +99:59 and a comma
// before the fraction, so it is not used.
func ParseInstant(s string) (time.Time, error) {
	f, why := scanInstant(s)
	if why == "" {
		why = f.check()
	}
	if why != "" {
		return time.Time{}, &InstantError{s, why}
	}
	t := time.Date(f.year, time.Month(f.month), f.day, f.hour, f.minute, f.second, f.nsec, time.UTC).
		Add(-time.Duration(f.offset) * time.Second)
	if !Writable(t) {
		return time.Time{}, &InstantError{s, wantWritable}
	}
	return t, nil
}

// ParseGivenInstant is ParseInstant refusing 0001-01-01T00:00:00Z too: the
// zero time.Time, which the library reads as "none" (no instant given, no
// end, "never"), so that where an instant must be given it is never
// silently taken for absent.
func ParseGivenInstant(s string) (time.Time, error) {
	t, err := ParseInstant(s)
	if err == nil && t.IsZero() {
		return time.Time{}, &InstantError{s, wantPresent}
	}
	return t, err
}

// instantFields are the parts of an instant as written; offset in
// seconds east of UTC.
type instantFields struct {
	year, month, day, hour, minute, second, nsec, offset int
}

// instantScanner reads a text left to right; ok turns false at the first
// byte that is not what the form wants there.
type instantScanner struct {
	s  string
	i  int
	ok bool
}

// digits reads n decimal digits.
func (p *instantScanner) digits(n int) int {
	v := 0
	for range n {
		if p.i >= len(p.s) || p.s[p.i] < '0' || p.s[p.i] > '9' {
			p.ok = false
			return 0
		}
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
	}
	return v
}

// byte reads c.
func (p *instantScanner) byte(c byte) {
	if p.i >= len(p.s) || p.s[p.i] != c {
		p.ok = false
		return
	}
	p.i++
}

// skip reads c if it is next, and reports whether it was.
func (p *instantScanner) skip(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// fraction reads the digits after the point as nanoseconds; there must be
// one at least.
func (p *instantScanner) fraction() int {
	nsec, n := 0, 0
	for ; p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9'; p.i++ {
		if n < 9 {
			nsec = nsec*10 + int(p.s[p.i]-'0')
		}
		n++
	}
	if n == 0 {
		p.ok = false
	}
	for ; n < 9; n++ {
		nsec *= 10
	}
	return nsec
}

// scanInstant reads s's parts, or says what form it wants; the parts'
// ranges are checked apart.
func scanInstant(s string) (instantFields, string) {
	var f instantFields
	p := &instantScanner{s: s, ok: true}
	f.year = p.digits(4)
	p.byte('-')
	f.month = p.digits(2)
	p.byte('-')
	f.day = p.digits(2)
	p.byte('T')
	f.hour = p.digits(2)
	p.byte(':')
	f.minute = p.digits(2)
	p.byte(':')
	f.second = p.digits(2)
	if p.ok && p.skip('.') {
		f.nsec = p.fraction()
	}
	if !p.ok {
		return f, wantLayout
	}
	return f, p.zone(&f)
}

// zone reads the rest of s, Z or ±HH:MM, into f.offset.
func (p *instantScanner) zone(f *instantFields) string {
	rest := p.s[p.i:]
	switch {
	case rest == "Z":
		return ""
	case len(rest) != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':':
		return wantZone
	}
	p.i++
	hours := p.digits(2)
	p.byte(':')
	minutes := p.digits(2)
	switch {
	case !p.ok:
		return wantLayout
	case hours > 23 || minutes > 59:
		return fmt.Sprintf("offset %s is out of range; want -23:59 to +23:59", rest)
	}
	f.offset = (hours*60 + minutes) * 60
	if rest[0] == '-' {
		f.offset = -f.offset
	}
	return ""
}

// check says which part of f does not exist, if one does not.
func (f instantFields) check() string {
	switch month := time.Month(f.month); {
	case f.month < 1 || f.month > 12:
		return fmt.Sprintf("month %02d does not exist; want 01 to 12", f.month)
	case f.day < 1 || f.day > daysIn(f.year, month):
		return fmt.Sprintf("day %02d does not exist: %s %04d has %d days", f.day, month, f.year, daysIn(f.year, month))
	case f.hour > 23:
		return fmt.Sprintf("hour %02d does not exist; want 00 to 23", f.hour)
	case f.minute > 59:
		return fmt.Sprintf("minute %02d does not exist; want 00 to 59", f.minute)
	case f.second > 59:
		return fmt.Sprintf("second %02d does not exist; want 00 to 59 (no leap seconds)", f.second)
	}
	return ""
}

// daysIn is the number of days of month in year (proleptic Gregorian).
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
