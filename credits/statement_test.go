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
		// po-2 ends exactly at Q2's end: expired within Q2.
		{"2026-Q2", late, figures("35", "23", "2", "10"), figures("0", "0", "10", "-10"), figures("35", "23", "12", "0"), ""},
		// The sample: asked on Jul 2 2025, Q2 is purchased 25, used 13 here.
		{"2025-Q2", instant(t, "2025-07-02T00:00:00Z"), figures("25", "5", "0", "20"), figures("0", "8", "0", "-8"), figures("25", "13", "0", "12"), ""},
		// Asked within Q2, before the May call-off: a projection that the call-off changes.
		{"2025-Q2", instant(t, "2025-04-15T00:00:00Z"), figures("25", "5", "0", "20"), figures("0", "0", "0", "0"), figures("25", "5", "0", "20"), "2025-05-10T00:00:00.000000001Z"},
		// Asked at the instant of the May call-off: not yet counted.
		{"2025-Q2", instant(t, "2025-05-10T00:00:00Z"), figures("25", "5", "0", "20"), figures("0", "0", "0", "0"), figures("25", "5", "0", "20"), "2025-05-10T00:00:00.000000001Z"},
		// Q1 asked in February: the March call-off changes it.
		{"2025-Q1", instant(t, "2025-02-15T00:00:00Z"), figures("0", "0", "0", "0"), figures("25", "0", "0", "25"), figures("25", "0", "0", "25"), "2025-03-01T00:00:00.000000001Z"},
		// A projection of a future quarter counts the lots lapsing by its end.
		{"2026-Q1", instant(t, "2025-06-01T00:00:00Z"), figures("25", "13", "0", "12"), figures("0", "0", "12", "-12"), figures("25", "13", "12", "0"), "2025-07-01T00:00:00.000000001Z"},
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
