package credits

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

var base = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// world is a random valid history and its ledger.
type world struct {
	kind      Kind
	purchases []Purchase
	callOffs  []CallOffRecord
	events    []refEvent
	ledger    Ledger
	validity  int
	terms     Terms
}

// genEngagement draws a valid engagement; off professional services
// sometimes.
func genEngagement(t *rapid.T) Engagement {
	e := fixed(EngagementType(rapid.IntRange(1, 4).Draw(t, "type")))
	e.OtherService = rapid.IntRange(0, 3).Draw(t, "other") == 0
	return e
}

func genWorld(t *rapid.T) world {
	// A validity of one month clamps often (Jan 29-31 all end on the last
	// day of February), so lots end out of purchase order (CRD-VALIDITY).
	w := world{kind: Kind(rapid.IntRange(1, 2).Draw(t, "kind")), validity: rapid.SampledFrom([]int{12, 1}).Draw(t, "validity")}
	w.terms = DefaultTerms()
	w.terms.Professional.ValidityMonths, w.terms.Flexible.ValidityMonths = w.validity, w.validity
	// Coarse instants (days and a few hours) make ties between events and
	// with lot ends common.
	monthEnds := w.validity == 1 && rapid.Bool().Draw(t, "monthEnds")
	when := func(label string, days int) time.Time {
		if monthEnds {
			// Around the ends of January to March 2024, at any hour: lots
			// bought Jan 29-31 all end on Feb 29, in the order of their hours.
			d := rapid.SampledFrom([]int{27, 28, 29, 30, 31, 57, 58, 59, 60, 87, 88, 89, 90, 91}).Draw(t, label+"Day")
			h := rapid.IntRange(0, 23).Draw(t, label+"Hour")
			return base.Add(time.Duration(d)*calendar.Day + time.Duration(h)*time.Hour)
		}
		d := rapid.IntRange(0, days).Draw(t, label+"Day")
		h := rapid.SampledFrom([]int{0, 6, 12}).Draw(t, label+"Hour")
		return base.Add(time.Duration(d)*calendar.Day + time.Duration(h)*time.Hour)
	}
	for i := range rapid.IntRange(0, 8).Draw(t, "purchases") {
		w.purchases = append(w.purchases, Purchase{
			ID: fmt.Sprintf("p%d", i), At: when("purchase", 900),
			Order: local(fmt.Sprint(rapid.IntRange(10, 60).Draw(t, "bought"))),
		})
	}
	var offered []CallOffRecord
	for range rapid.IntRange(0, 24).Draw(t, "callOffs") {
		e := genEngagement(t)
		least := 5
		switch {
		case w.kind == Flexible && e.OtherService:
			least = 1
		case w.kind == Flexible:
			least = 10
		}
		offered = append(offered, CallOffRecord{At: when("callOff", 1000), CallOff: CallOff{
			Credits: decimal.NewFromInt(int64(rapid.IntRange(least, 30).Draw(t, "spent"))), Engagement: e,
		}})
	}
	// Keep the call-offs the reference accepts, in replay order.
	r := &refLedger{validity: w.validity}
	for _, e := range refEvents(w.purchases, offered) {
		if r.apply(e) && e.callOff != nil {
			w.callOffs = append(w.callOffs, *e.callOff)
		}
	}
	w.events = refEvents(w.purchases, w.callOffs)
	l, err := newLedger(w.terms, Account{ID: "acct", Kind: w.kind}, w.purchases, w.callOffs)
	if err != nil {
		t.Fatalf("a history the reference accepts is refused: %v", err)
	}
	w.ledger = l
	return w
}

// special returns the instants where answers change: events, their next
// nanosecond, lot ends, and one nanosecond before each.
func (w world) special() []time.Time {
	var ts []time.Time
	for _, e := range w.events {
		ts = append(ts, e.at, e.at.Add(time.Nanosecond), e.at.Add(-time.Nanosecond))
	}
	for _, p := range w.purchases {
		end := addMonthsRef(p.At, w.validity)
		ts = append(ts, end, end.Add(-time.Nanosecond))
	}
	slices.SortFunc(ts, time.Time.Compare)
	return slices.CompactFunc(ts, time.Time.Equal)
}

// genInstant draws an instant around the history, often a special one.
func (w world) genInstant(t *rapid.T, label string) time.Time {
	if sp := w.special(); len(sp) > 0 && rapid.Bool().Draw(t, label+"Special") {
		return rapid.SampledFrom(sp).Draw(t, label)
	}
	minutes := rapid.IntRange(-30*24*60, 1500*24*60).Draw(t, label+"Minutes")
	return base.Add(time.Duration(minutes) * time.Minute)
}

func figuresEqual(a, b Figures) bool {
	return a.Purchased.Equal(b.Purchased) && a.Used.Equal(b.Used) && a.Expired.Equal(b.Expired) && a.Available.Equal(b.Available)
}

func lotsEqual(a, b []Lot) bool {
	return slices.EqualFunc(a, b, func(x, y Lot) bool {
		return x.Purchase == y.Purchase && x.Purchased.Equal(y.Purchased) && x.Ends.Equal(y.Ends) &&
			x.Credits.Equal(y.Credits) && x.Remaining.Equal(y.Remaining)
	})
}

func TestLedgerAgreesWithTheReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		for _, at := range append(w.special(), w.genInstant(t, "at")) {
			b := mustBalance(t, w.ledger, at)
			f, lots := refBalance(w.validity, w.events, at)
			if !figuresEqual(b.Figures, f) || !lotsEqual(b.Lots, lots) {
				t.Fatalf("at %s: ledger %+v %+v, reference %+v %+v", at, b.Figures, b.Lots, f, lots)
			}
		}
	})
}

func TestCreditsAreNeverCreatedOrLost(t *testing.T) {
	// purchased = used + expired + available at every instant.
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		for _, at := range append(w.special(), w.genInstant(t, "at")) {
			f := mustBalance(t, w.ledger, at).Figures
			if !f.Purchased.Equal(f.Used.Add(f.Expired).Add(f.Available)) {
				t.Fatalf("at %s: %+v does not add up", at, f)
			}
		}
	})
}

func TestNoBalanceIsEverNegative(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		for _, at := range append(w.special(), w.genInstant(t, "at")) {
			b := mustBalance(t, w.ledger, at)
			if b.Available.Sign() < 0 || b.Expired.Sign() < 0 || b.Used.Sign() < 0 {
				t.Fatalf("at %s: negative figures %+v", at, b.Figures)
			}
			sum := decimal.Zero
			for _, l := range b.Lots {
				if l.Remaining.Sign() <= 0 || l.Remaining.GreaterThan(l.Credits) {
					t.Fatalf("at %s: lot %+v has %s left of %s", at, l.Purchase, l.Remaining, l.Credits)
				}
				sum = sum.Add(l.Remaining)
			}
			if !sum.Equal(b.Available) {
				t.Fatalf("at %s: lots hold %s, available %s", at, sum, b.Available)
			}
		}
	})
}

func TestOldestLotIsSpentFirst(t *testing.T) {
	// CRD-VALIDITY: call-offs spend the oldest valid credits first, so only
	// the oldest lot with credits left is ever partly spent.
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		for _, at := range append(w.special(), w.genInstant(t, "at")) {
			lots := mustBalance(t, w.ledger, at).Lots
			for i, l := range lots {
				if i > 0 && (!l.Remaining.Equal(l.Credits) || l.Purchased.Before(lots[i-1].Purchased)) {
					t.Fatalf("at %s: lot %s is spent or out of order while an older one has credits: %+v", at, l.Purchase, lots)
				}
			}
		}
	})
}

func TestLotsAreNeverSpentAtOrAfterTheirEnd(t *testing.T) {
	// CRD-VALIDITY: usable in [purchase, end). At its end a lot's credits
	// left expire; no call-off at or after the end takes any.
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		for _, p := range w.purchases {
			end := addMonthsRef(p.At, w.validity)
			before, at := mustBalance(t, w.ledger, end.Add(-time.Nanosecond)), mustBalance(t, w.ledger, end)
			left := decimal.Zero
			for _, l := range before.Lots {
				if l.Purchase == p.ID {
					left = l.Remaining
				}
			}
			for _, l := range at.Lots {
				if !l.Ends.After(end) {
					t.Fatalf("lot %s ending %s is listed at %s", l.Purchase, l.Ends, end)
				}
			}
			if grew := at.Expired.Sub(before.Expired); grew.LessThan(left) {
				t.Fatalf("lot %s had %s left at its end %s, but only %s expired", p.ID, left, end, grew)
			}
			// Long after, the lot has given nothing more.
			later := mustBalance(t, w.ledger, end.AddDate(5, 0, 0))
			if later.Expired.LessThan(at.Expired) {
				t.Fatalf("expired went down from %s to %s", at.Expired, later.Expired)
			}
		}
		for _, c := range w.callOffs {
			// The call-off at c.At took credits only from lots ending after it.
			before, after := refBalanceLots(w, c.At), refBalanceLots(w, c.At.Add(time.Nanosecond))
			for id, rem := range before {
				if a, ok := after[id]; ok && a.rem.LessThan(rem.rem) && !a.end.After(c.At) {
					t.Fatalf("lot %s ending %s was spent at %s", id, a.end, c.At)
				}
			}
		}
	})
}

type lotState struct {
	end time.Time
	rem decimal.Decimal
}

// refBalanceLots is every lot's credits left (ended or not) from the
// ledger's own Balance, keyed by purchase.
func refBalanceLots(w world, at time.Time) map[string]lotState {
	m := map[string]lotState{}
	b, _ := w.ledger.Balance(at) // a built ledger answers every instant
	for _, l := range b.Lots {
		m[l.Purchase] = lotState{l.Ends, l.Remaining}
	}
	return m
}

func callOffKey(res CallOffResult, err error) string {
	return fmt.Sprintf("%v %v %s", err == nil, res.Rules.IDs(), res.Balance)
}

func genCallOff(t *rapid.T) CallOff {
	e := genEngagement(t)
	if rapid.IntRange(0, 4).Draw(t, "broken") == 0 {
		e.Pricing = Duration
	}
	credits := decimal.NewFromInt(int64(rapid.IntRange(-2, 120).Draw(t, "credits")))
	if rapid.IntRange(0, 5).Draw(t, "partial") == 0 {
		credits = credits.Add(dec("0.5"))
	}
	return CallOff{Credits: credits, Engagement: e}
}

func TestRefusedCallOffChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		probe := w.genInstant(t, "probe")
		before, _ := w.ledger.Statement(QuarterOf(probe), probe)
		balance := mustBalance(t, w.ledger, probe)

		c, at := genCallOff(t), w.genInstant(t, "at")
		res, err := asError(w.ledger.CheckCallOff(c, at))

		// Asking changed nothing.
		after, _ := w.ledger.Statement(QuarterOf(probe), probe)
		if !figuresEqual(before.Closing, after.Closing) || !figuresEqual(balance.Figures, mustBalance(t, w.ledger, probe).Figures) {
			t.Fatal("a check changed the ledger")
		}
		// The same call-off recorded at its instant, after the history dated
		// at or before it, is refused for the same rules, or accepted
		// leaving the balance the check announced.
		var hist []CallOffRecord
		for _, h := range w.callOffs {
			if !h.At.After(at) {
				hist = append(hist, h)
			}
		}
		var bought []Purchase
		for _, p := range w.purchases {
			if !p.At.After(at) {
				bought = append(bought, p)
			}
		}
		l, lerr := newLedger(w.terms, Account{ID: "acct", Kind: w.kind}, bought, append(hist, CallOffRecord{At: at, CallOff: c}))
		if err != nil {
			if !slices.Equal(rulesOf(t, err), rulesOfAny(lerr)) {
				t.Fatalf("check refused %v, history refused %v", err, lerr)
			}
			if !res.Balance.IsZero() {
				t.Fatalf("refusal reports a balance %s", res.Balance)
			}
			return
		}
		if lerr != nil {
			t.Fatalf("check allowed (balance %s), history refused: %v", res.Balance, lerr)
		}
		// Counted from its own instant.
		if got := mustBalance(t, l, at).Available; !got.Equal(res.Balance) {
			t.Fatalf("balance with the call-off recorded %s, check announced %s", got, res.Balance)
		}
		if !res.Available.Sub(c.Credits).Equal(res.Balance) {
			t.Fatalf("available %s - %s != balance %s", res.Available, c.Credits, res.Balance)
		}
	})
}

func TestQuarterlyStatementsChain(t *testing.T) {
	// CRD-STATEMENT: the next quarter starts from the previous one's figures.
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		q := QuarterOf(w.genInstant(t, "quarter"))
		at := w.genInstant(t, "at")
		if rapid.Bool().Draw(t, "late") {
			at = base.AddDate(10, 0, 0)
		}
		s, err := w.ledger.Statement(q, at)
		if err != nil {
			t.Fatal(err)
		}
		next, err := w.ledger.Statement(q.Next(), at)
		if err != nil {
			t.Fatal(err)
		}
		if !figuresEqual(s.Closing, next.Opening) {
			t.Fatalf("%s closes %+v, %s opens %+v", q, s.Closing, q.Next(), next.Opening)
		}
		for _, st := range []Statement{s, next} {
			if !figuresEqual(st.Opening.Add(st.Movements), st.Closing) {
				t.Fatalf("%s: %+v + %+v != %+v", st.Quarter, st.Opening, st.Movements, st.Closing)
			}
			c := st.Closing
			if !c.Purchased.Equal(c.Used.Add(c.Expired).Add(c.Available)) {
				t.Fatalf("%s closing %+v does not add up", st.Quarter, c)
			}
			if st.Movements.Purchased.Sign() < 0 || st.Movements.Used.Sign() < 0 || st.Movements.Expired.Sign() < 0 {
				t.Fatalf("%s: negative movements %+v", st.Quarter, st.Movements)
			}
			if !slices.Equal(st.Rules.IDs(), []rule.ID{rule.CrdStatement}) {
				t.Fatalf("rules %v", st.Rules.IDs())
			}
			// Asked once the quarter is over, the closing figures are the
			// balance at its last instant; asked before, the balance at at.
			last := st.Quarter.End().Add(-time.Nanosecond)
			if b := mustBalance(t, w.ledger, earliest(at, last)); !figuresEqual(b.Figures, c) {
				t.Fatalf("%s asked at %s: closing %+v, balance %+v", st.Quarter, at, c, b.Figures)
			}
			f, _ := refBalance(w.validity, w.events, earliest(at, last))
			if !figuresEqual(f, c) {
				t.Fatalf("%s closing %+v, reference %+v", st.Quarter, c, f)
			}
		}
	})
}

// checkUntil tests the Until promise of an answer given at at: the same
// answer at every probed instant in [at, until), a different one at until.
func checkUntil(t *rapid.T, w world, at, until time.Time, answer func(time.Time) string) {
	want := answer(at)
	probes := []time.Time{at}
	for _, s := range w.special() {
		if s.After(at) && (until.IsZero() || s.Before(until)) {
			probes = append(probes, s)
		}
	}
	if until.IsZero() {
		probes = append(probes, at.AddDate(20, 0, 0), at.Add(time.Nanosecond))
	} else {
		if !until.After(at) {
			t.Fatalf("until %s is not after at %s", until, at)
		}
		probes = append(probes, until.Add(-time.Nanosecond))
		span := until.Sub(at)
		if span > 0 {
			probes = append(probes, at.Add(time.Duration(rapid.Int64Range(0, int64(span-1)).Draw(t, "probe"))))
		}
	}
	for _, p := range probes {
		if got := answer(p); got != want {
			t.Fatalf("answer at %s is %q, at %s (before until %s) %q", at, want, p, until, got)
		}
	}
	if !until.IsZero() {
		if got := answer(until); got == want {
			t.Fatalf("answer at %s is %q and still at until %s", at, want, until)
		}
	}
}

func TestCallOffUntilIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		c, at := genCallOff(t), w.genInstant(t, "at")
		res, err := asError(w.ledger.CheckCallOff(c, at))
		checkUntil(t, w, at, res.Until, func(t time.Time) string { return callOffKey(asError(w.ledger.CheckCallOff(c, t))) })
		_ = err
	})
}

func statementKey(s Statement, err error) string {
	f := func(f Figures) string { return fmt.Sprint(f.Purchased, f.Used, f.Expired, f.Available) }
	return fmt.Sprint(f(s.Opening), f(s.Movements), f(s.Closing), s.Rules.IDs(), err)
}

func TestStatementUntilIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		q := QuarterOf(w.genInstant(t, "quarter"))
		at := w.genInstant(t, "at")
		s, err := w.ledger.Statement(q, at)
		if err != nil {
			t.Fatal(err)
		}
		checkUntil(t, w, at, s.Until, func(t time.Time) string { return statementKey(w.ledger.Statement(q, t)) })
	})
}

func TestBalanceUntilIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		at := w.genInstant(t, "at")
		b := mustBalance(t, w.ledger, at)
		checkUntil(t, w, at, b.Until, func(u time.Time) string {
			b := mustBalance(t, w.ledger, u)
			return fmt.Sprint(b.Purchased, b.Used, b.Expired, b.Available, b.Lots)
		})
	})
}
