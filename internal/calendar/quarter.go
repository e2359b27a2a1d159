package calendar

import (
	"fmt"
	"strconv"
	"time"
)

// Quarter is a calendar quarter: Q1 is January to March. The zero Quarter is
// invalid.
type Quarter struct {
	Year int
	Q    int // 1 to 4
}

// QuarterOf returns the calendar quarter holding t (in UTC).
func QuarterOf(t time.Time) Quarter {
	t = t.UTC()
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

// ParseQuarter parses "2025-Q1".
func ParseQuarter(s string) (Quarter, error) {
	if len(s) < 7 || s[len(s)-3:len(s)-1] != "-Q" {
		return Quarter{}, fmt.Errorf("calendar: quarter %q is not of the form 2025-Q1", s)
	}
	y, err := strconv.Atoi(s[:len(s)-3])
	if err != nil || y < 1 || y > 9999 || s[0] == '+' || s[0] == '-' {
		return Quarter{}, fmt.Errorf("calendar: quarter %q has no valid year", s)
	}
	q := int(s[len(s)-1] - '0')
	if q < 1 || q > 4 {
		return Quarter{}, fmt.Errorf("calendar: quarter %q is not Q1 to Q4", s)
	}
	return Quarter{Year: y, Q: q}, nil
}

// IsValid reports whether q is a quarter of years 1 to 9999.
func (q Quarter) IsValid() bool { return q.Q >= 1 && q.Q <= 4 && q.Year >= 1 && q.Year <= 9999 }

// String formats q as "2025-Q1".
func (q Quarter) String() string { return string(q.AppendTo(make([]byte, 0, 8))) }

// AppendTo appends q to b as String spells it. A valid quarter is written
// digit by digit: it is in the reason of every credit statement, where fmt
// cost a quarter of the decision (BENCHMARKS.md, "Decide per request kind").
func (q Quarter) AppendTo(b []byte) []byte {
	if !q.IsValid() {
		return fmt.Appendf(b, "%04d-Q%d", q.Year, q.Q)
	}
	y := q.Year
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-', 'Q', byte('0'+q.Q))
}

// MarshalText encodes q as "2025-Q1".
func (q Quarter) MarshalText() ([]byte, error) {
	if !q.IsValid() {
		return nil, fmt.Errorf("calendar: invalid quarter %d-Q%d", q.Year, q.Q)
	}
	return q.AppendTo(nil), nil
}

// UnmarshalText decodes "2025-Q1".
func (q *Quarter) UnmarshalText(b []byte) error {
	p, err := ParseQuarter(string(b))
	if err != nil {
		return err
	}
	*q = p
	return nil
}

// Start returns the first instant of the quarter.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, time.UTC)
}

// End returns the first instant after the quarter.
func (q Quarter) End() time.Time { return AddMonths(q.Start(), 3) }

// Interval returns [Start, End).
func (q Quarter) Interval() Interval { return Interval{q.Start(), q.End()} }

// Next returns the following quarter.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{Year: q.Year + 1, Q: 1}
	}
	return Quarter{Year: q.Year, Q: q.Q + 1}
}
