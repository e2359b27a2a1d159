package tmip

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var base = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)

// world is a random valid book and what drew it.
type world struct {
	terms    Terms
	tradeIns []TradeIn
	book     Book
}

// when draws an instant around base on a coarse grid (days and a few hours,
// sometimes a nanosecond off), so that ties with dates, deadlines and
// notices are common.
func when(t *rapid.T, label string) time.Time {
	d := rapid.IntRange(-400, 900).Draw(t, label+"Day")
	h := rapid.SampledFrom([]int{0, 0, 6, 12, 23}).Draw(t, label+"Hour")
	ns := rapid.SampledFrom([]int{0, 0, 0, 1, -1}).Draw(t, label+"Ns")
	return base.Add(time.Duration(d)*calendar.Day + time.Duration(h)*time.Hour + time.Duration(ns))
}

// maybe draws an instant or, one time in three, the zero time.
func maybe(t *rapid.T, label string) Instant {
	if rapid.IntRange(0, 2).Draw(t, label+"Zero") == 0 {
		return Instant{}
	}
	return At(when(t, label))
}

// genValue draws a contract value in cents: mostly small, sometimes beyond
// the integer fast path.
func genValue(t *rapid.T) decimal.Decimal {
	switch rapid.IntRange(0, 9).Draw(t, "valueKind") {
	case 0:
		return decimal.Zero
	case 1:
		// Beyond int64 cents: the decimal path.
		return decimal.New(rapid.Int64Range(1, 1<<40).Draw(t, "bigValue"), 18)
	case 2, 3:
		return decimal.New(rapid.Int64Range(1, 20).Draw(t, "tinyValue"), -2)
	}
	return decimal.New(rapid.Int64Range(0, 10_000_000).Draw(t, "value"), -2)
}

func genContract(t *rapid.T) *Contract {
	if rapid.IntRange(0, 4).Draw(t, "noContract") == 0 {
		return nil
	}
	start := when(t, "start")
	// Divisors of powers of ten make exact half cents, and so ties in the
	// rounding, common.
	days := rapid.SampledFrom([]int{1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100, 200, 400, 1000}).Draw(t, "contractDays")
	if rapid.Bool().Draw(t, "anyDays") {
		days = rapid.IntRange(1, 1500).Draw(t, "contractDays")
	}
	end := calendar.Date(start).AddDate(0, 0, days).Add(time.Duration(rapid.IntRange(0, 23).Draw(t, "endHour")) * time.Hour)
	return &Contract{Serial: "S", Start: start, End: end, Value: genValue(t)}
}

func genTradeIn(t *rapid.T, i int) TradeIn {
	cat := DefaultCatalog().SKUs
	ti := TradeIn{
		ID:         fmt.Sprintf("T%d", i),
		Partner:    rapid.Bool().Draw(t, "partner"),
		SKU:        rapid.SampledFrom(append(slices.Clone(cat), "PTX10008", "EX4300")).Draw(t, "sku"),
		Serial:     fmt.Sprintf("JN%d", i),
		NewProduct: rapid.SampledFrom([]string{"MX10008", "MX304", "MX10004", "MX204"}).Draw(t, "product"),
		Condition: Condition{
			Working: rapid.IntRange(0, 5).Draw(t, "broken") != 0,
			Network: Network(rapid.IntRange(1, 3).Draw(t, "network")),
			Damaged: rapid.IntRange(0, 5).Draw(t, "damaged") == 0,
			Channel: Channel(rapid.IntRange(1, 3).Draw(t, "channel")),
		},
		OtherPromotion:      rapid.IntRange(0, 4).Draw(t, "promotion") == 0,
		Support:             genContract(t),
		Ordered:             maybe(t, "ordered"),
		NewEquipmentShipped: maybe(t, "shipped"),
		Returned:            maybe(t, "returned"),
	}
	if rapid.Bool().Draw(t, "certificate") {
		ti.Destruction = &Certificate{
			Signed:         when(t, "signed"),
			SignerTitle:    Title(rapid.IntRange(1, 8).Draw(t, "title")),
			LegalAuthority: rapid.IntRange(0, 3).Draw(t, "noAuthority") != 0,
		}
	}
	return ti
}

func genTerms(t *rapid.T) Terms {
	terms := Terms{
		ReturnMonths:    rapid.IntRange(1, 6).Draw(t, "returnMonths"),
		NoticeEveryDays: rapid.IntRange(1, 45).Draw(t, "noticeEveryDays"),
		Combinable:      rapid.Bool().Draw(t, "combinable"),
		WindowStart:     maybe(t, "windowStart"),
		WindowEnd:       maybe(t, "windowEnd"),
	}
	if terms.WindowStart.Valid && terms.WindowEnd.Valid && !terms.WindowEnd.Time.After(terms.WindowStart.Time) {
		terms.WindowEnd = Instant{}
	}
	return terms
}

func genWorld(t *rapid.T) world {
	w := world{terms: genTerms(t)}
	for i := range rapid.IntRange(1, 4).Draw(t, "tradeIns") {
		w.tradeIns = append(w.tradeIns, genTradeIn(t, i))
	}
	b, err := MustNewProgram(DefaultCatalog(), w.terms).NewBook(w.tradeIns)
	if err != nil {
		t.Fatalf("a valid world is refused: %v", err)
	}
	w.book = b
	return w
}

// special returns the instants where answers may change, and a nanosecond
// either side of each.
func (w world) special() []time.Time {
	var ts []time.Time
	add := func(x time.Time) {
		if !x.IsZero() {
			ts = append(ts, x, x.Add(time.Nanosecond), x.Add(-time.Nanosecond))
		}
	}
	given := func(x Instant) {
		if x.Valid {
			add(x.Time)
		}
	}
	given(w.terms.WindowStart)
	given(w.terms.WindowEnd)
	for _, ti := range w.tradeIns {
		given(ti.Ordered)
		given(ti.Returned)
		if ti.Destruction != nil {
			add(ti.Destruction.Signed)
		}
		if c := ti.Support; c != nil {
			add(calendar.Date(c.Start))
			add(calendar.Date(c.End))
		}
		if d, ok := deadlineOf(w.terms, ti.NewEquipmentShipped); ok {
			add(d)
			add(calendar.AddDays(d, w.terms.NoticeEveryDays))
		}
	}
	return ts
}

// genInstant draws an instant, often a special one or one within a
// support contract.
func (w world) genInstant(t *rapid.T, label string) time.Time {
	switch rapid.IntRange(0, 2).Draw(t, label+"Kind") {
	case 0:
		if sp := w.special(); len(sp) > 0 {
			return rapid.SampledFrom(sp).Draw(t, label)
		}
	case 1:
		if c := rapid.SampledFrom(w.tradeIns).Draw(t, label+"Contract").Support; c != nil {
			return duringContract(t, c, label)
		}
	}
	return when(t, label)
}

func (w world) genID(t *rapid.T) string {
	return rapid.SampledFrom(w.tradeIns).Draw(t, "tradeIn").ID
}

// refDiscount is TMIP-SUPPORT's formula written out plainly: days between
// UTC dates by counting Unix days, the value times the days left over the
// days of the contract, rounded half away from zero to the cent.
func refDiscount(c Contract, at time.Time) decimal.Decimal {
	day := func(x time.Time) int64 { return calendar.Date(x).Unix() / 86400 }
	total := day(c.End) - day(c.Start)
	left := day(c.End) - day(at)
	switch {
	case at.Before(c.Start) || left > total:
		left = total
	case !at.Before(c.End) || left < 0:
		left = 0
	}
	return c.Value.Mul(decimal.NewFromInt(left)).DivRound(decimal.NewFromInt(total), 2)
}

// duringContract draws an instant around c, mostly within it: the day
// counts near its start and end are where the formula is exercised.
func duringContract(t *rapid.T, c *Contract, label string) time.Time {
	if rapid.IntRange(0, 3).Draw(t, label+"Anywhere") == 0 {
		return when(t, label)
	}
	days := calendar.DaysBetween(c.Start, c.End)
	d := rapid.IntRange(-2, days+2).Draw(t, label+"Day")
	return calendar.Date(c.Start).AddDate(0, 0, d).Add(time.Duration(rapid.Int64Range(0, int64(calendar.Day)-1).Draw(t, label+"Time")))
}

func TestDiscountMatchesTheFormula(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genContract(t)
		if c == nil {
			return
		}
		at := duringContract(t, c, "at")
		if got, want := c.RemainingValue(at), refDiscount(*c, at); !got.Equal(want) {
			t.Fatalf("%+v at %v: %s, want %s", c, at, got, want)
		}
	})
}

func TestDiscountIsBetweenZeroAndTheContractValue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		id := w.genID(t)
		a := mustAssess(t, w.book, id, w.genInstant(t, "at"))
		ti, _ := w.book.TradeIn(id)
		if a.Discount.Sign() < 0 || (ti.Support == nil && !a.Discount.IsZero()) ||
			(ti.Support != nil && a.Discount.GreaterThan(ti.Support.Value)) {
			t.Fatalf("discount %s of %+v", a.Discount, ti.Support)
		}
		if !a.Allowed && !a.Discount.IsZero() {
			t.Fatalf("a refusal with a discount: %+v", a)
		}
		if a.Discount.Exponent() < -2 {
			t.Fatalf("discount %s is not to the cent", a.Discount)
		}
	})
}

func TestDiscountNeverGrowsAsTheOrderMovesLater(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genContract(t)
		if c == nil {
			return
		}
		a, b := duringContract(t, c, "a"), duringContract(t, c, "b")
		if b.Before(a) {
			a, b = b, a
		}
		if da, db := c.RemainingValue(a), c.RemainingValue(b); db.GreaterThan(da) {
			t.Fatalf("%+v: %s at %v grows to %s at %v", c, da, a, db, b)
		}
	})
}

func TestDiscountIsFullBeforeTheStartAndZeroFromTheEnd(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genContract(t)
		if c == nil {
			return
		}
		before := c.Start.Add(-time.Duration(rapid.Int64Range(1, int64(5000*calendar.Day)).Draw(t, "before")))
		after := c.End.Add(time.Duration(rapid.Int64Range(0, int64(5000*calendar.Day)).Draw(t, "after")))
		if got := c.RemainingValue(before); !got.Equal(c.Value) {
			t.Fatalf("%+v before its start: %s, want the full value", c, got)
		}
		if got := c.RemainingValue(after); !got.IsZero() {
			t.Fatalf("%+v from its end: %s, want zero", c, got)
		}
	})
}

func TestBreachHoldsFromTheDeadlineUnlessReturnedOrDestroyedBefore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		id := w.genID(t)
		ti, _ := w.book.TradeIn(id)
		deadline, ok := deadlineOf(w.terms, ti.NewEquipmentShipped)
		if !ok {
			return
		}
		at := deadline.Add(time.Duration(rapid.Int64Range(0, int64(800*calendar.Day)).Draw(t, "since")))
		cured := (ti.Returned.Valid && ti.Returned.Time.Before(deadline)) ||
			(ti.Destruction != nil && ti.Destruction.Valid() && ti.Destruction.Signed.Before(deadline))
		c := mustComply(t, w.book, id, at)
		if (c.Status == Breach) == cured || (c.Status == Met) != cured || c.Allowed == (c.Status == Breach) {
			t.Fatalf("%+v at %v (deadline %v, cured %v): %+v", ti, at, deadline, cured, c)
		}
	})
}

func TestNoticeIsTheLatestCadenceInstantAtOrBeforeAt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		id := w.genID(t)
		at := w.genInstant(t, "at")
		if rapid.IntRange(0, 9).Draw(t, "far") == 0 {
			at = at.AddDate(rapid.IntRange(300, 5000).Draw(t, "years"), 0, 0)
		}
		c := mustComply(t, w.book, id, at)
		if c.Status != Breach {
			return
		}
		obl := c.Obligations.Slice()
		if len(obl) == 1 {
			// TMIP-BREACH: "a late return or a certificate delivered after
			// the deadline ... ends the notices: none is due at or after its
			// instant", and the claw-back stays.
			ti, _ := w.book.TradeIn(id)
			late := ti.Returned.Valid && !ti.Returned.Time.After(at) ||
				ti.Destruction != nil && ti.Destruction.Valid() && !ti.Destruction.Signed.After(at)
			if !late || obl[0].Kind != rule.Clawback {
				t.Fatalf("in breach at %v without a notice: %+v", at, c)
			}
			return
		}
		notice := obl[0]
		// Walk the cadence from the deadline in steps of days, as
		// calendar.AddDays counts them, to the latest at or before at (not
		// centuries out, where a Duration saturates and walking is slow).
		if at.Sub(c.Deadline) < 200*365*calendar.Day {
			want := c.Deadline
			for next := calendar.AddDays(want, w.terms.NoticeEveryDays); !next.After(at); next = calendar.AddDays(next, w.terms.NoticeEveryDays) {
				want = next
			}
			if !notice.Due.Equal(want) {
				t.Fatalf("notice due %v at %v (deadline %v, every %d days), want %v", notice.Due, at, c.Deadline, w.terms.NoticeEveryDays, want)
			}
		}
		next := notice.Due.AddDate(0, 0, w.terms.NoticeEveryDays)
		// Until is the next notice, or earlier when a certificate that is no
		// certificate starts to count and TMIP-SIGNER joins the rules.
		if notice.Due.After(at) || !next.After(at) || c.Until.After(next) || notice.Due.Before(c.Deadline) {
			t.Fatalf("notice due %v at %v, next %v, until %v", notice.Due, at, next, c.Until)
		}
	})
}

func TestClawbackEqualsTheDiscountGrantedAtOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		id := w.genID(t)
		c := mustComply(t, w.book, id, w.genInstant(t, "at"))
		ti, _ := w.book.TradeIn(id)
		want := decimal.Zero
		if ti.Ordered.Valid {
			if a := mustAssess(t, w.book, id, ti.Ordered.Time); a.Allowed {
				want = a.Discount
			}
		}
		if c.Status != Breach {
			want = decimal.Zero
		}
		if !c.Clawback.Equal(want) {
			t.Fatalf("claw-back %s in %s, want %s", c.Clawback, c.Status, want)
		}
	})
}

func TestOnlyTheFirstTradeInTowardAProductEarnsCredit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		at := w.genInstant(t, "at")
		counted := map[string]bool{}
		for _, ti := range w.tradeIns {
			a := mustAssess(t, w.book, ti.ID, at)
			if a.Allowed && counted[ti.NewProduct] {
				t.Fatalf("%s earns credit toward %s, already counted", ti.ID, ti.NewProduct)
			}
			counted[ti.NewProduct] = true
		}
	})
}

// checkUntil checks that answer(at) holds on [at, until) and differs at
// until: at until-1ns, at until, and at instants drawn in between; when
// until is zero, at instants drawn far after at.
func checkUntil[T any](t *rapid.T, at, until time.Time, answer func(time.Time) T, same func(a, b T) bool) {
	now := answer(at)
	if until.IsZero() {
		for _, later := range []time.Time{at.Add(time.Nanosecond), at.AddDate(3, 0, 0), at.Add(time.Duration(rapid.Int64Range(0, int64(2000*calendar.Day)).Draw(t, "later")))} {
			if !same(answer(later), now) {
				t.Fatalf("answer at %v: %+v\nholds for good, but at %v: %+v", at, now, later, answer(later))
			}
		}
		return
	}
	if !until.After(at) {
		t.Fatalf("until %v is not after %v", until, at)
	}
	inside := at.Add(time.Duration(rapid.Int64Range(0, int64(until.Sub(at))-1).Draw(t, "inside")))
	for _, x := range []time.Time{until.Add(-time.Nanosecond), inside} {
		if !same(answer(x), now) {
			t.Fatalf("answer at %v: %+v\nholds until %v, but at %v: %+v", at, now, until, x, answer(x))
		}
	}
	if same(answer(until), now) {
		t.Fatalf("answer at %v: %+v\nsaid to change at %v, but is the same", at, now, until)
	}
}

func TestAssessHoldsUntilItsUntil(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		id := w.genID(t)
		at := w.genInstant(t, "at")
		a := mustAssess(t, w.book, id, at)
		checkUntil(t, at, a.Until, func(x time.Time) Assessment { return mustAssess(t, w.book, id, x) }, sameAssessment)
	})
}

func TestComplianceHoldsUntilItsUntil(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		id := w.genID(t)
		at := w.genInstant(t, "at")
		c := mustComply(t, w.book, id, at)
		checkUntil(t, at, c.Until, func(x time.Time) Compliance { return mustComply(t, w.book, id, x) }, sameCompliance)
	})
}
