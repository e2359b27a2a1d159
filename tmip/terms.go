package tmip

import (
	"errors"
	"fmt"
	"time"
)

// Limits that keep terms sensible; terms beyond them are refused by Validate
// as nonsense.
const (
	maxReturnMonths    = 1200   // a hundred years
	maxNoticeEveryDays = 36_600 // a hundred years
)

// Terms are the published numbers of the program. A caller evaluating under
// another program year builds other Terms; nothing else changes. The zero
// Terms have no return period or notice cadence, and Validate refuses
// them.
type Terms struct {
	// WindowStart is when the validation period opens (TMIP-WINDOW); the
	// absent (zero) Instant means it has no start. The seed gives none.
	WindowStart Instant
	// WindowEnd is when it closes, excluded (TMIP-WINDOW): the seed
	// schedules it to end in the third quarter of 2021, so the default is
	// the end of that quarter, 2021-10-01T00:00:00Z. The absent (zero) Instant means
	// no end; a given one is an end whatever its value.
	WindowEnd Instant
	// ReturnMonths is how long after shipment of the new equipment the
	// trade-in must be returned or destroyed (TMIP-RETURN): 3, in
	// months with the month-end clamp. From 1 to 1200.
	ReturnMonths int
	// NoticeEveryDays is the cadence of breach notices after the deadline
	// (TMIP-BREACH): 30. The seed says "repeated notifications" only. From 1
	// to 36,600.
	NoticeEveryDays int
	// Combinable says the incentive combines with other promotions
	// (TMIP-COMBINE). The seed asks the question and gives no answer; the
	// default is false.
	Combinable bool
}

// DefaultTerms returns the published terms of the trade-in FAQ (the
// seed of the TMIP rules): no window start, a window ending at
// 2021-10-01T00:00:00Z, three months to return, a notice every 30 days, not
// combinable.
func DefaultTerms() Terms {
	return Terms{
		WindowEnd:       At(time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)),
		ReturnMonths:    3,
		NoticeEveryDays: 30,
	}
}

// Window reports whether at lies in the validation period [WindowStart,
// WindowEnd), an absent bound being no bound (TMIP-WINDOW).
func (t Terms) Window(at time.Time) bool { return t.windowState(at) == inWindow }

// Validate refuses terms no program could mean: a window that ends at or
// before it starts or lies outside years 0000 to 9999, a return period or
// notice cadence that is not a positive number within a hundred years. The
// error names the field.
func (t Terms) Validate() error {
	var errs []error
	if t.WindowStart.Valid && t.WindowEnd.Valid && !t.WindowEnd.Time.After(t.WindowStart.Time) {
		errs = append(errs, fmt.Errorf("tmip: terms WindowEnd %s is not after WindowStart %s", t.WindowEnd, t.WindowStart))
	}
	for _, w := range []struct {
		name string
		at   Instant
	}{{"WindowStart", t.WindowStart}, {"WindowEnd", t.WindowEnd}} {
		if !w.at.inRange() {
			errs = append(errs, fmt.Errorf("tmip: terms %s %s is not in years 0000 to 9999", w.name, w.at))
		}
	}
	if t.ReturnMonths < 1 || t.ReturnMonths > maxReturnMonths {
		errs = append(errs, fmt.Errorf("tmip: terms ReturnMonths = %d is not 1 to %d", t.ReturnMonths, maxReturnMonths))
	}
	if t.NoticeEveryDays < 1 || t.NoticeEveryDays > maxNoticeEveryDays {
		errs = append(errs, fmt.Errorf("tmip: terms NoticeEveryDays = %d is not 1 to %d", t.NoticeEveryDays, maxNoticeEveryDays))
	}
	return errors.Join(errs...)
}

// equal reports whether t and u are the same terms, instants compared with
// time.Time.Equal.
func (t Terms) equal(u Terms) bool {
	return t.WindowStart.Equal(u.WindowStart) && t.WindowEnd.Equal(u.WindowEnd) && t.ReturnMonths == u.ReturnMonths &&
		t.NoticeEveryDays == u.NoticeEveryDays && t.Combinable == u.Combinable
}
