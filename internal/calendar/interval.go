package calendar

import "time"

// Interval is the half-open span [Start, End): it contains its start and not
// its end. The zero Interval is empty.
type Interval struct {
	Start, End time.Time
}

// Contains reports whether Start <= t < End.
func (i Interval) Contains(t time.Time) bool {
	return !t.Before(i.Start) && t.Before(i.End)
}

// IsEmpty reports whether the interval contains no instant.
func (i Interval) IsEmpty() bool { return !i.Start.Before(i.End) }
