package policy

import (
	"time"
)

// DecideFullySettled is Decide settling every answer, whatever its kind:
// what Decide did before each kind said whether it needs settling.
func DecideFullySettled(e Engine, r Request, at time.Time) (Decision, error) {
	var d Decision
	if _, err := e.decide(r, at, &d); err != nil {
		return Decision{}, err
	}
	e.settle(r, &d)
	return d, nil
}
