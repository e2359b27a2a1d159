package tmip

import (
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
)

// Instant is an instant a record or the terms may leave out, in the manner
// of database/sql's NullTime: Valid says it is given. The zero Instant is
// absent; a given Instant is present whatever its Time, the zero time.Time
// (0001-01-01T00:00:00Z) included, so a return dated then is a return.
type Instant struct {
	Time  time.Time
	Valid bool
}

// At returns t as a given Instant.
func At(t time.Time) Instant { return Instant{Time: t, Valid: true} }

// Equal reports whether i and j are both absent or both given at the same
// instant, compared with time.Time.Equal.
func (i Instant) Equal(j Instant) bool {
	return i.Valid == j.Valid && (!i.Valid || i.Time.Equal(j.Time))
}

// String formats a given Instant in RFC 3339 (UTC) and an absent one as
// "absent".
func (i Instant) String() string {
	if !i.Valid {
		return "absent"
	}
	return stamp(i.Time)
}

// utc returns i in UTC, and an absent Instant as the zero Instant.
func (i Instant) utc() Instant {
	if !i.Valid {
		return Instant{}
	}
	return At(i.Time.UTC())
}

// inRange reports whether i is absent or in years 0000 to 9999.
func (i Instant) inRange() bool { return !i.Valid || calendar.InRange(i.Time) }
