package tmip

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/amount"
	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/shopspring/decimal"
)

// maxContractDays bounds a support contract, refused beyond as bad input: a
// contract of more than a century is a typo. Its value is bounded as every
// amount of the library is (at most 40 digits either side of the point).
const maxContractDays = 36_525 // a hundred years of days

// Contract is the support contract on the traded-in equipment (TMIP-SUPPORT):
// its remaining value becomes discount credit on the new equipment. The
// zero Contract is refused by NewBook: it has no serial, start or end.
type Contract struct {
	// Serial is the serial number the contract covers; required.
	Serial string
	// Start is when the contract began; required.
	Start time.Time
	// End is the contract's expected end date; required, on a later UTC date
	// than Start.
	End time.Time
	// Value is what the whole contract is worth: not negative, in whole
	// cents.
	Value decimal.Decimal
}

// RemainingValue is the contract's value left at at (TMIP-SUPPORT): Value ×
// (days left at at) / (days of the contract), the days counted between UTC
// dates, rounded half away from zero to the cent. It is the full
// value before the contract starts and zero from its end. It is meaningful
// for a contract NewBook accepts; for any other it is zero.
func (c Contract) RemainingValue(at time.Time) decimal.Decimal {
	s, err := newSupport(c)
	if err != nil {
		return decimal.Decimal{}
	}
	return s.discount(at)
}

// support is a validated contract ready for evaluation: its discount at any
// instant is a function of the UTC date alone.
type support struct {
	end   time.Time // the UTC date of the contract's end
	total int64     // days of the contract, >= 1
	value decimal.Decimal
	// fast is set when value in cents times total fits int64 with room to
	// round, so the discount is integer arithmetic on cents.
	fast  bool
	cents int64
}

// newSupport checks c and returns it ready for evaluation, or the problems
// in words.
func newSupport(c Contract) (support, []string) {
	var problems []string
	if c.Serial == "" {
		problems = append(problems, "support contract has no serial number")
	}
	if c.Start.IsZero() {
		problems = append(problems, "support contract has no start")
	}
	if c.End.IsZero() {
		problems = append(problems, "support contract has no expected end date")
	}
	if !c.Start.IsZero() && !c.End.IsZero() {
		days := calendar.DaysBetween(c.Start, c.End)
		switch {
		case !c.End.After(c.Start):
			problems = append(problems, fmt.Sprintf("support contract ends %s, not after its start %s", stamp(c.End), stamp(c.Start)))
		case days == 0:
			problems = append(problems, fmt.Sprintf("support contract starts and ends on the same UTC date %s: its remaining value needs at least one day",
				calendar.Date(c.Start).Format(time.DateOnly)))
		case days > maxContractDays:
			problems = append(problems, fmt.Sprintf("support contract runs %d days, over %d", days, maxContractDays))
		}
	}
	switch {
	case !amount.InBounds(c.Value):
		// Not printed: formatting such a number is the cost being avoided.
		problems = append(problems, "support contract value is "+amount.OutOfRange(c.Value))
	case c.Value.Sign() < 0:
		problems = append(problems, fmt.Sprintf("support contract value %s is negative", c.Value))
	case !c.Value.Round(2).Equal(c.Value):
		problems = append(problems, fmt.Sprintf("support contract value %s is not in whole cents", c.Value))
	}
	if problems != nil {
		return support{}, problems
	}
	s := support{
		end:   calendar.Date(c.End),
		total: int64(calendar.DaysBetween(c.Start, c.End)),
		value: c.Value,
	}
	if cents := c.Value.Shift(2); cents.IsInteger() && cents.LessThanOrEqual(decimal.NewFromInt(math.MaxInt64/2/s.total-1)) {
		s.fast, s.cents = true, cents.IntPart()
	}
	return s, nil
}

// daysLeft is the days from at's UTC date to the end's, clamped to [0,
// total]: before the start every day is left, from the end none.
func (s support) daysLeft(at time.Time) int64 {
	// calendar.DaysBetween saturates about 292 years away; the clamp is
	// right either way, as contracts are at most a century long.
	n := int64(calendar.DaysBetween(at, s.end))
	return min(max(n, 0), s.total)
}

// discount is the remaining value at at, to the cent (TMIP-SUPPORT).
func (s support) discount(at time.Time) decimal.Decimal {
	return s.at(s.daysLeft(at))
}

// at is the remaining value with n days left, rounded half away from zero to
// the cent: value × n / total.
func (s support) at(n int64) decimal.Decimal {
	if s.fast {
		return decimal.New(s.centsAt(n), -2)
	}
	return s.value.Mul(decimal.NewFromInt(n)).DivRound(decimal.NewFromInt(s.total), 2)
}

// centsAt is the fast path of at: round(cents × n / total) in integers, the
// half rounded up (values are never negative).
func (s support) centsAt(n int64) int64 {
	return (2*s.cents*n + s.total) / (2 * s.total)
}

// nextChange returns the first UTC midnight after at at which the rounded
// discount differs from the one at at, or the zero time when it never does
// (no days left, or a contract worth nothing).
func (s support) nextChange(at time.Time) time.Time {
	left := s.daysLeft(at)
	if left == 0 || s.value.Sign() == 0 {
		return time.Time{}
	}
	// The discount never grows as days pass: find the most days left whose
	// rounded discount is below today's; it is reached at end - that many
	// days. A value worth a cent or more in total always reaches zero, so
	// there is such a count.
	var n int64
	if s.fast {
		c := s.centsAt(left)
		if c == 0 {
			return time.Time{}
		}
		// centsAt(n) < c  <=>  2·cents·n < (2c-1)·total.
		n = ((2*c-1)*s.total - 1) / (2 * s.cents)
	} else {
		now := s.at(left)
		if now.Sign() == 0 {
			return time.Time{}
		}
		// The largest n < left with at(n) < now; at is monotone in n.
		n = int64(sort.Search(int(left), func(k int) bool { return !s.at(int64(k)).LessThan(now) })) - 1
	}
	return s.end.AddDate(0, 0, -int(n))
}

// stamp formats an instant the way errors and reasons print it.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
