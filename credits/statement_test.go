package credits

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func figures(p, u, x, a string) Figures {
	return Figures{Purchased: dec(p), Used: dec(u), Expired: dec(x), Available: dec(a)}
}

func TestQuarterlyStatementReportsUsedAndAvailable(t *testing.T) {
	// "You will receive quarterly statements that report your current credit
	// balance, helping you understand the number of credits used and the
	// number available for projects." (CRD-STATEMENT)
	l := mustLedger(t, Professional,
		[]Purchase{
			{ID: "po-1", At: instant(t, "2025-02-01T00:00:00Z"), Order: local("25")},
			{ID: "po-2", At: instant(t, "2025-07-01T00:00:00Z"), Order: local("10")}, // at Q2's end: Q3's
		},
		[]CallOffRecord{
			{At: instant(t, "2025-03-01T00:00:00Z"), CallOff: CallOff{Credits: dec("5"), Engagement: fixed(Assessment)}},
			{At: instant(t, "2025-05-10T00:00:00Z"), CallOff: CallOff{Credits: dec("8"), Engagement: fixed(Design)}},
			{At: instant(t, "2026-01-15T00:00:00Z"), CallOff: CallOff{Credits: dec("10"), Engagement: fixed(Deployment)}},
		})
	late := instant(t, "2030-01-01T00:00:00Z")
	cases := []struct {
		quarter               string
		at                    time.Time
		opening, moves, close Figures
		until                 string // "" never
	}{
		{"2024-Q4", late, figures("0", "0", "0", "0"), figures("0", "0", "0", "0"), figures("0", "0", "0", "0"), ""},
		{"2025-Q1", late, figures("0", "0", "0", "0"), figures("25", "5", "0", "20"), figures("25", "5", "0", "20"), ""},
		{"2025-Q2", late, figures("25", "5", "0", "20"), figures("0", "8", "0", "-8"), figures("25", "13", "0", "12"), ""},
		{"2025-Q3", late, figures("25", "13", "0", "12"), figures("10", "0", "0", "10"), figures("35", "13", "0", "22"), ""},
		// po-1 ends 2026-02-01 with 2 left, after the January call-off took 10
		// of it; po-2 has 10 left.
		{"2026-Q1", late, figures("35", "13", "0", "22"), figures("0", "10", "2", "-12"), figures("35", "23", "2", "10"), ""},
		// po-2 ends exactly at Q2's end: not lapsed as of Q2's last
		// instant, expired from Q3's statement on.
		{"2026-Q2", late, figures("35", "23", "2", "10"), figures("0", "0", "0", "0"), figures("35", "23", "2", "10"), ""},
		{"2026-Q3", late, figures("35", "23", "2", "10"), figures("0", "0", "10", "-10"), figures("35", "23", "12", "0"), ""},
		// The sample: asked on Jul 2 2025, Q2 is purchased 25, used 13 here.
		{"2025-Q2", instant(t, "2025-07-02T00:00:00Z"), figures("25", "5", "0", "20"), figures("0", "8", "0", "-8"), figures("25", "13", "0", "12"), ""},
		// Asked within Q2, before the May call-off: as of at, until the call-off.
		{"2025-Q2", instant(t, "2025-04-15T00:00:00Z"), figures("25", "5", "0", "20"), figures("0", "0", "0", "0"), figures("25", "5", "0", "20"), "2025-05-10T00:00:00Z"},
		// Asked at the instant of the May call-off: it has happened.
		{"2025-Q2", instant(t, "2025-05-10T00:00:00Z"), figures("25", "5", "0", "20"), figures("0", "8", "0", "-8"), figures("25", "13", "0", "12"), ""},
		// Q1 asked in February: the March call-off changes it.
		{"2025-Q1", instant(t, "2025-02-15T00:00:00Z"), figures("0", "0", "0", "0"), figures("25", "0", "0", "25"), figures("25", "0", "0", "25"), "2025-03-01T00:00:00Z"},
		// A future quarter asked now reports now: nothing that has not
		// happened yet, until the purchase of July.
		{"2026-Q1", instant(t, "2025-06-01T00:00:00Z"), figures("25", "13", "0", "12"), figures("0", "0", "0", "0"), figures("25", "13", "0", "12"), "2025-07-01T00:00:00Z"},
		// Asked within 2026-Q1, the lapse of po-1 on Feb 1 changes it.
		{"2026-Q1", instant(t, "2026-01-20T00:00:00Z"), figures("35", "13", "0", "22"), figures("0", "10", "0", "-10"), figures("35", "23", "0", "12"), "2026-02-01T00:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.quarter+" at "+c.at.Format(time.RFC3339), func(t *testing.T) {
			q, err := ParseQuarter(c.quarter)
			if err != nil {
				t.Fatal(err)
			}
			s, err := l.Statement(q, c.at)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name      string
				got, want Figures
			}{{"opening", s.Opening, c.opening}, {"movements", s.Movements, c.moves}, {"closing", s.Closing, c.close}} {
				if !figuresEqual(f.got, f.want) {
					t.Errorf("%s %v, want %v", f.name, show(f.got), show(f.want))
				}
			}
			var until time.Time
			if c.until != "" {
				until = instant(t, c.until)
			}
			if !s.Until.Equal(until) {
				t.Errorf("until %s, want %s", s.Until, until)
			}
		})
	}
	if _, err := l.Statement(Quarter{}, late); err == nil {
		t.Fatal("the zero quarter has a statement")
	}
}

func show(f Figures) []decimal.Decimal {
	return []decimal.Decimal{f.Purchased, f.Used, f.Expired, f.Available}
}

func TestStatementIsAsOfTheQuartersLastInstant(t *testing.T) {
	// RULES.md CRD-STATEMENT: "Calendar quarters, half-open [first instant,
	// first instant of the next). Figures are running totals since the
	// account's first purchase, as of the quarter's last instant ... (a lot
	// lapsing at 04-01T00:00Z has not lapsed as of 03-31T23:59:59.999999999Z,
	// so it counts as expired from Q2's statement on). A statement asked
	// before its quarter ends reports as of at: nothing that has not
	// happened yet."
	l := mustLedger(t, Professional, []Purchase{
		{ID: "po-1", At: instant(t, "2025-04-01T00:00:00Z"), Order: local("10")}, // lapses 2026-04-01T00:00Z
		{ID: "po-2", At: instant(t, "2026-03-01T00:00:00Z"), Order: local("25")},
	}, nil)
	q1, q2 := Quarter{2026, 1}, Quarter{2026, 2}
	cases := []struct {
		name    string
		q       Quarter
		at      string
		closing Figures
		until   string // "" never
	}{
		{"Q1 asked after it", q1, "2027-01-01T00:00:00Z", figures("35", "0", "0", "35"), ""},
		{"Q1 asked at its last instant", q1, "2026-03-31T23:59:59.999999999Z", figures("35", "0", "0", "35"), ""},
		{"Q1 asked as the lot lapses", q1, "2026-04-01T00:00:00Z", figures("35", "0", "0", "35"), ""},
		{"Q2 asked after it", q2, "2027-01-01T00:00:00Z", figures("35", "0", "10", "25"), ""},
		{"Q1 asked before the March purchase", q1, "2026-02-01T00:00:00Z", figures("10", "0", "0", "10"), "2026-03-01T00:00:00Z"},
		{"Q1 asked at the March purchase", q1, "2026-03-01T00:00:00Z", figures("35", "0", "0", "35"), ""},
		{"Q2 asked before the lapse", q2, "2026-03-31T23:59:59.999999999Z", figures("35", "0", "0", "35"), "2026-04-01T00:00:00Z"},
		{"Q2 asked as the lot lapses", q2, "2026-04-01T00:00:00Z", figures("35", "0", "10", "25"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := l.Statement(c.q, instant(t, c.at))
			if err != nil {
				t.Fatal(err)
			}
			if !figuresEqual(s.Closing, c.closing) {
				t.Errorf("closing %v, want %v", show(s.Closing), show(c.closing))
			}
			var until time.Time
			if c.until != "" {
				until = instant(t, c.until)
			}
			if !s.Until.Equal(until) {
				t.Errorf("until %s, want %s", s.Until, until)
			}
		})
	}
}
