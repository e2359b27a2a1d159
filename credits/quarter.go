package credits

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
)

// Quarter is a quarter of the year in UTC, such as 2025-Q1 (January to March),
// the period a statement reports (CRD-STATEMENT). It is comparable. The
// zero Quarter is invalid: Statement refuses it and it has no text form.
type Quarter struct {
	// Year is the year, 1 to 9999.
	Year int
	// Q is the quarter of the year, 1 to 4.
	Q int
}

// QuarterOf returns the quarter holding t (in UTC).
func QuarterOf(t time.Time) Quarter { return Quarter(calendar.QuarterOf(t)) }

// ParseQuarter parses a quarter written as SCENARIOS.md writes it: "2025-Q1".
// Any other text, even another spelling of a quarter such as "02025-Q1", is
// an error that quotes it (at most 64 bytes of it).
func ParseQuarter(s string) (Quarter, error) {
	q, err := calendar.ParseQuarter(s)
	// Only the form String writes: "00001-Q1" would not read back as given.
	if err != nil || q.String() != s {
		shown := s
		if len(shown) > 64 {
			shown = shown[:64] + "..."
		}
		return Quarter{}, fmt.Errorf("credits: %q is not a quarter (want the form 2025-Q1: a year 0001 to 9999, then Q1 to Q4)", shown)
	}
	return Quarter(q), nil
}

// IsValid reports whether q is Q1 to Q4 of a year from 1 to 9999.
func (q Quarter) IsValid() bool { return calendar.Quarter(q).IsValid() }

// String formats q as "2025-Q1".
func (q Quarter) String() string { return calendar.Quarter(q).String() }

// AppendText appends q as "2025-Q1" to b; an invalid quarter is an error.
func (q Quarter) AppendText(b []byte) ([]byte, error) {
	if !q.IsValid() {
		return b, fmt.Errorf("credits: invalid quarter %d-Q%d", q.Year, q.Q)
	}
	return calendar.Quarter(q).AppendTo(b), nil
}

// MarshalText encodes q as "2025-Q1"; an invalid quarter is an error.
func (q Quarter) MarshalText() ([]byte, error) { return q.AppendText(nil) }

// UnmarshalText decodes "2025-Q1"; on an error it leaves q as it was.
func (q *Quarter) UnmarshalText(text []byte) error {
	p, err := ParseQuarter(string(text))
	if err != nil {
		return err
	}
	*q = p
	return nil
}

// Start returns the first instant of the quarter, midnight UTC.
func (q Quarter) Start() time.Time { return calendar.Quarter(q).Start() }

// End returns the first instant after the quarter.
func (q Quarter) End() time.Time { return calendar.Quarter(q).End() }

// Next returns the following quarter.
func (q Quarter) Next() Quarter { return Quarter(calendar.Quarter(q).Next()) }
