package credits

import (
	"time"

	"github.com/shopspring/decimal"
)

// Lot is a purchase with credits left, and when they lapse. The zero Lot
// is no purchase: a ledger lists only lots it holds.
type Lot struct {
	// Purchase is the purchase's ID.
	Purchase string
	// Purchased is the purchase's instant, the lot's first usable one.
	Purchased time.Time
	// Ends is the first instant the lot is no longer usable: its credits
	// left then expire (CRD-VALIDITY).
	Ends time.Time
	// Credits bought.
	Credits decimal.Decimal
	// Remaining is what is left to call off.
	Remaining decimal.Decimal
}

// Balance is an account's credits at an instant. The zero Balance is no
// answer: it comes only with an error.
type Balance struct {
	Figures
	// Lots are the lots with credits left, oldest first: the order call-offs
	// spend them in and they expire in.
	Lots []Lot
	// Until is the first instant after the one asked at which the balance
	// differs (a history event counts, or a lot with credits left ends), or
	// the zero time.
	Until time.Time
}

// Balance returns the account's credits at at, knowing the history dated
// at or before at, and the lots that will expire and when. It costs O(log n) in
// the history plus the lots listed. The zero Ledger is an error.
func (lg Ledger) Balance(at time.Time) (Balance, error) {
	if err := lg.ready(); err != nil {
		return Balance{}, err
	}
	l := lg.l
	b := Balance{Figures: l.nums.figures(l, at), Lots: l.nums.lots(l, at)}
	// Each event moves Purchased or Used, and each lot listed has credits
	// left that expire at its end.
	if t, ok := l.nextEvent(at); ok {
		b.Until = t
	}
	for _, lt := range b.Lots {
		if b.Until.IsZero() || lt.Ends.Before(b.Until) {
			b.Until = lt.Ends
		}
	}
	return b, nil
}
