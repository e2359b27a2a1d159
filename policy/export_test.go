package policy

import (
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
)

// DecideFullySettled is Decide settling every answer, whatever its kind:
// what Decide did before each kind said whether it needs settling.
func DecideFullySettled(e *Engine, r Request, at time.Time) (Decision, error) {
	var d Decision
	if _, err := e.decide(r, at, &d); err != nil {
		return Decision{}, err
	}
	e.settle(r, &d)
	return d, nil
}

// QuarterName is appendQuarter alone, for the tests of its agreement with
// calendar.Quarter.String.
func QuarterName(q calendar.Quarter) string { return string(appendQuarter(nil, q)) }

// AppendDecimal exposes appendDecimal to the tests of its agreement with
// decimal.Decimal.String.
var AppendDecimal = appendDecimal
