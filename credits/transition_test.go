package credits

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

// answers is what a ledger says at the world's special instants: balances,
// statements and call-offs of a few sizes. Two ledgers that answer alike
// here answer alike everywhere, since answers change only at those instants.
func answers(t *rapid.T, w world, l Ledger) string {
	s := ""
	for _, at := range w.special() {
		b := mustBalance(t, l, at)
		s += fmt.Sprint(at, b.Purchased, b.Used, b.Expired, b.Available, b.Lots, b.Until, "\n")
		for _, n := range []string{"5", "10", "40", "300"} {
			res, err := asError(l.CheckCallOff(CallOff{Credits: dec(n), Engagement: fixed(Design)}, at))
			s += fmt.Sprint(callOffKey(res, err), res.Available, res.Until, "\n")
		}
		st, err := l.Statement(QuarterOf(at), at)
		s += statementKey(st, err) + fmt.Sprint(st.Until, "\n")
	}
	return s
}

// TestSuccessiveWithsBuildTheLedgerNewLedgerBuilds: recording a history one
// entry at a time, in the order NewLedger replays it, gives a ledger that
// answers every query as the one NewLedger built, and a step leaves the
// ledger before it as it was.
func TestSuccessiveWithsBuildTheLedgerNewLedgerBuilds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		p, err := NewProgram(w.terms)
		if err != nil {
			t.Fatal(err)
		}
		l, err := p.NewLedger(Account{ID: "acct", Kind: w.kind}, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		watch := rapid.IntRange(0, max(0, len(w.events)-1)).Draw(t, "watch")
		for i, e := range w.events {
			var before string
			if i == watch {
				before = answers(t, w, l)
			}
			var next Ledger
			if e.purchase != nil {
				next, err = l.WithPurchase(*e.purchase)
			} else {
				next, err = l.WithCallOff(*e.callOff)
			}
			if err != nil {
				t.Fatalf("recording %+v: %v", e, err)
			}
			if i == watch && answers(t, w, l) != before {
				t.Fatalf("recording an entry changed the ledger before it")
			}
			l = next
		}
		if got, want := answers(t, w, l), answers(t, w, w.ledger); got != want {
			t.Fatalf("ledger built entry by entry answers\n%s\nNewLedger's\n%s", got, want)
		}
		if !l.Program().Equal(w.ledger.Program()) {
			t.Fatal("the ledgers are under different programs")
		}
	})
}

// TestWithRefusesExactlyWhatCheckDenies: after the last recorded event,
// WithCallOff refuses a call-off exactly when CheckCallOff at its instant
// does, citing the same rules (CRD-VALIDITY, CRD-MIN-CALLOFF, CRD-SCOPE...),
// and WithPurchase a purchase exactly when CheckPurchase does.
func TestWithRefusesExactlyWhatCheckDenies(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		at := w.genInstant(t, "at")
		if n := len(w.events); n > 0 && !at.After(w.events[n-1].at) {
			at = w.events[n-1].at.Add(time.Duration(rapid.IntRange(1, 400*24).Draw(t, "hours")) * time.Hour)
		}
		c := genCallOff(t)
		res, checkErr := asError(w.ledger.CheckCallOff(c, at))
		next, withErr := w.ledger.WithCallOff(CallOffRecord{At: at, CallOff: c})
		if (checkErr == nil) != (withErr == nil) || !equalRules(rulesOfAny(checkErr), rulesOfAny(withErr)) {
			t.Fatalf("call-off %v at %s: CheckCallOff %v, WithCallOff %v", c.Credits, at, checkErr, withErr)
		}
		if withErr == nil {
			after, before := mustBalance(t, next, at.Add(time.Nanosecond)), mustBalance(t, w.ledger, at.Add(time.Nanosecond))
			if !after.Used.Sub(before.Used).Equal(c.Credits) {
				t.Fatalf("recording %s credits: used %s then %s (CheckCallOff: balance %s)", c.Credits, before.Used, after.Used, res.Balance)
			}
		} else if h := (*HistoryError)(nil); !errors.As(withErr, &h) || h.Entry != "callOffs" || h.Index != len(w.callOffs) {
			t.Fatalf("WithCallOff error %#v does not name callOffs[%d]", withErr, len(w.callOffs))
		}

		o := local(fmt.Sprint(rapid.IntRange(-5, 60).Draw(t, "bought")))
		o.LocalEntity = rapid.IntRange(0, 5).Draw(t, "foreign") != 0
		_, checkErr = asError(w.ledger.Program().CheckPurchase(w.kind, o, at))
		_, withErr = w.ledger.WithPurchase(Purchase{ID: "new", At: at, Order: o})
		if (checkErr == nil) != (withErr == nil) || !equalRules(rulesOfAny(checkErr), rulesOfAny(withErr)) {
			t.Fatalf("order %v at %s: CheckPurchase %v, WithPurchase %v", o, at, checkErr, withErr)
		}
	})
}

// TestWithRefusesEntriesBeforeTheLastEvent: an entry dated before the last
// recorded event would change answers already given, so it is refused with
// ErrOutOfOrder naming it, and the ledger is unchanged.
func TestWithRefusesEntriesBeforeTheLastEvent(t *testing.T) {
	feb, mar := instant(t, "2025-02-01T00:00:00Z"), instant(t, "2025-03-01T00:00:00Z")
	spend := CallOff{Credits: dec("5"), Engagement: fixed(Design)}
	l := mustLedger(t, Professional, []Purchase{{ID: "po-1", At: feb, Order: local("25")}},
		[]CallOffRecord{{At: mar, CallOff: spend}})
	before := mustBalance(t, l, mar.AddDate(0, 1, 0))
	for name, with := range map[string]func() (Ledger, error){
		"a call-off the day before": func() (Ledger, error) {
			return l.WithCallOff(CallOffRecord{At: mar.AddDate(0, 0, -1), CallOff: spend})
		},
		"a purchase the day before": func() (Ledger, error) {
			return l.WithPurchase(Purchase{ID: "po-2", At: mar.AddDate(0, 0, -1), Order: local("10")})
		},
		// Replayed before the call-off at that instant: not after it.
		"a purchase at the last call-off": func() (Ledger, error) { return l.WithPurchase(Purchase{ID: "po-2", At: mar, Order: local("10")}) },
	} {
		next, err := with()
		var h *HistoryError
		if next.IsValid() || !errors.Is(err, ErrOutOfOrder) || !errors.As(err, &h) || h.Index != 1 {
			t.Errorf("%s: %v, %v; want ErrOutOfOrder naming entry 1", name, next, err)
		}
	}
	// At the last instant a call-off joins the ones there, as NewLedger
	// replays ties: judged against what they left (CRD-VALIDITY).
	if _, err := l.WithCallOff(CallOffRecord{At: mar, CallOff: CallOff{Credits: dec("20"), Engagement: fixed(Design)}}); err != nil {
		t.Errorf("20 more at the last call-off's instant: %v", err)
	}
	_, err := l.WithCallOff(CallOffRecord{At: mar, CallOff: CallOff{Credits: dec("21"), Engagement: fixed(Design)}})
	wantRules(t, err, rule.CrdValidity)
	if _, err := l.WithPurchase(Purchase{ID: "po-1", At: mar.AddDate(0, 0, 1), Order: local("10")}); err == nil {
		t.Error("a second purchase po-1 was recorded")
	}
	if after := mustBalance(t, l, mar.AddDate(0, 1, 0)); !figuresEqual(before.Figures, after.Figures) {
		t.Errorf("the ledger changed: %v, then %v", before.Figures, after.Figures)
	}
}

// TestExactAmountsAnswerAsInt64Ones: a ledger kept in exact decimals (as
// one whose credits do not fit an int64 is) answers every query as the one
// kept in int64.
func TestExactAmountsAnswerAsInt64Ones(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := genWorld(t)
		p, _ := NewProgram(w.terms)
		exact := &ledger{program: p.p, kind: &p.p.kinds[w.kind-1], account: w.ledger.Account(), purchases: w.purchases, callOffs: w.callOffs}
		if err := exact.build(true); err != nil {
			t.Fatal(err)
		}
		if _, ok := exact.nums.(*amounts[large]); !ok {
			t.Fatalf("exact ledger keeps %T", exact.nums)
		}
		if got, want := answers(t, w, Ledger{exact}), answers(t, w, w.ledger); got != want {
			t.Fatalf("exact ledger answers\n%s\nint64 one\n%s", got, want)
		}
	})
}

// TestHugeAmountsAreKeptExact: credits beyond an int64 are spent and
// counted exactly: "what is unused then expires" (CRD-VALIDITY).
func TestHugeAmountsAreKeptExact(t *testing.T) {
	feb, mar := instant(t, "2025-02-01T00:00:00Z"), instant(t, "2025-03-01T00:00:00Z")
	huge := "100000000000000000000000000000" // 1e29 credits, a sum of blocks of 50
	l := mustLedger(t, Professional, []Purchase{{ID: "po-1", At: feb, Order: local(huge)}},
		[]CallOffRecord{{At: mar, CallOff: CallOff{Credits: dec("99999999999999999999999999995"), Engagement: fixed(Design)}}})
	if _, ok := l.l.nums.(*amounts[large]); !ok {
		t.Fatalf("ledger keeps %T", l.l.nums)
	}
	res, err := asError(l.CheckCallOff(CallOff{Credits: dec("6"), Engagement: fixed(Design)}, mar.Add(time.Hour)))
	wantRules(t, err, rule.CrdValidity)
	if !res.Available.Equal(dec("5")) || !res.Until.IsZero() {
		t.Fatalf("6 more: %+v, want 5 available, until never", res)
	}
	end := instant(t, "2026-02-01T00:00:00Z")
	if b := mustBalance(t, l, end); !figuresEqual(b.Figures, figures(huge, "99999999999999999999999999995", "5", "0")) {
		t.Fatalf("at the lot's end %v", show(b.Figures))
	}
}
