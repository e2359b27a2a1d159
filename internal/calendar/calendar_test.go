package calendar

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func instant() *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		sec := rapid.Int64Range(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix(),
			time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC).Unix()).Draw(t, "sec")
		ns := rapid.Int64Range(0, 999_999_999).Draw(t, "ns")
		return time.Unix(sec, ns).UTC()
	})
}

func TestAddMonthsNeverLandsBeyondTargetMonth(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		at := instant().Draw(t, "at")
		n := rapid.IntRange(-1200, 1200).Draw(t, "n")
		got := AddMonths(at, n)
		wantMonths := at.Year()*12 + int(at.Month()) - 1 + n
		if gotMonths := got.Year()*12 + int(got.Month()) - 1; gotMonths != wantMonths {
			t.Fatalf("AddMonths(%v, %d) = %v: month %d, want %d", at, n, got, gotMonths, wantMonths)
		}
		if got.Day() > at.Day() {
			t.Fatalf("AddMonths(%v, %d) = %v moved the day later", at, n, got)
		}
		if got.Day() < at.Day() && got.Day() != DaysIn(got.Year(), got.Month()) {
			t.Fatalf("AddMonths(%v, %d) = %v clamped below the month end", at, n, got)
		}
		if got.Sub(Date(got)) != at.Sub(Date(at)) {
			t.Fatalf("AddMonths changed the time of day")
		}
	})
}

func TestAddYearsIsMonotoneInT(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := instant().Draw(t, "a"), instant().Draw(t, "b")
		n := rapid.IntRange(0, 10).Draw(t, "n")
		if b.Before(a) {
			a, b = b, a
		}
		if AddYears(b, n).Before(AddYears(a, n)) {
			t.Fatalf("AddYears(%v,%d) = %v before AddYears(%v,%d) = %v", b, n, AddYears(b, n), a, n, AddYears(a, n))
		}
	})
}

func TestIntervalContainsStartNotEnd(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := instant().Draw(t, "start")
		d := time.Duration(rapid.Int64Range(1, int64(1000*Day)).Draw(t, "d"))
		i := Interval{s, s.Add(d)}
		if !i.Contains(i.Start) || i.Contains(i.End) || !i.Contains(i.End.Add(-1)) || i.Contains(i.Start.Add(-1)) {
			t.Fatalf("%v: boundaries wrong", i)
		}
		if i.IsEmpty() {
			t.Fatal("non-empty interval reports empty")
		}
	})
}

func TestMonthEndClamp(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		name string
		got  time.Time
		want time.Time
	}{
		// RULES.md LIC-SUB-TERM: "Feb 29 + 1 year = Feb 28 (month-end clamp)."
		{"Feb 29 + 1 year", AddYears(d(2024, 2, 29), 1), d(2025, 2, 28)},
		{"Feb 29 + 4 years", AddYears(d(2024, 2, 29), 4), d(2028, 2, 29)},
		// DESIGN.md: "Nov 30 + 3 months = end of February".
		{"Nov 30 + 3 months", AddMonths(d(2024, 11, 30), 3), d(2025, 2, 28)},
		{"Nov 30 + 3 months, leap", AddMonths(d(2023, 11, 30), 3), d(2024, 2, 29)},
		{"Jan 31 - 2 months", AddMonths(d(2025, 1, 31), -2), d(2024, 11, 30)},
		{"Mar 1 + 1 year", AddYears(d(2024, 3, 1), 1), d(2025, 3, 1)},
		{"30 days", AddDays(d(2025, 3, 1), 30), d(2025, 3, 31)},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if n := DaysBetween(time.Date(2025, 1, 1, 23, 0, 0, 0, time.UTC), d(2025, 1, 3)); n != 2 {
		t.Errorf("DaysBetween = %d, want 2", n)
	}
}

func TestQuarters(t *testing.T) {
	q, err := ParseQuarter("2025-Q2")
	if err != nil || q != (Quarter{2025, 2}) {
		t.Fatalf("ParseQuarter = %v, %v", q, err)
	}
	if !q.Start().Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) || !q.End().Equal(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Q2 = [%v, %v)", q.Start(), q.End())
	}
	if (Quarter{2025, 4}).Next() != (Quarter{2026, 1}) {
		t.Error("Q4 does not roll to Q1")
	}
	for _, bad := range []string{"", "2025-Q5", "2025-Q0", "2025Q1", "abcd-Q1", "-202-Q1", "2025-q1", "0000-Q1"} {
		if _, err := ParseQuarter(bad); err == nil {
			t.Errorf("ParseQuarter(%q) accepted", bad)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		at := instant().Draw(t, "at")
		q := QuarterOf(at)
		if !q.Interval().Contains(at) {
			t.Fatalf("%v not in its quarter %v", at, q)
		}
		back, err := ParseQuarter(q.String())
		if err != nil || back != q {
			t.Fatalf("%v round-trips to %v, %v", q, back, err)
		}
		if !q.End().Equal(q.Next().Start()) {
			t.Fatalf("%v does not chain to the next quarter", q)
		}
	})
}

func TestQuarterStringIsPrintfs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		q := Quarter{Year: rapid.IntRange(-20, 10020).Draw(t, "year"), Q: rapid.IntRange(-1, 6).Draw(t, "q")}
		want := fmt.Sprintf("%04d-Q%d", q.Year, q.Q)
		if got := q.String(); got != want {
			t.Fatalf("%#v.String() = %q, want %q", q, got, want)
		}
		if got := string(q.AppendTo([]byte("x"))); got != "x"+want {
			t.Fatalf("%#v.AppendTo = %q, want %q", q, got, "x"+want)
		}
	})
	if n := testing.AllocsPerRun(100, func() { _ = Quarter{2025, 3}.AppendTo(make([]byte, 0, 16)) }); n != 0 {
		t.Errorf("AppendTo of a valid quarter allocates %v times, want 0", n)
	}
}

func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"2025-Q1", "1999-Q4", "x", "2025-Q9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuarter(s)
		if err != nil {
			return
		}
		text, err := q.MarshalText()
		if err != nil {
			t.Fatalf("parsed %q to %v, which does not marshal: %v", s, q, err)
		}
		var back Quarter
		if err := back.UnmarshalText(text); err != nil || back != q {
			t.Fatalf("%q: round trip %v -> %v, %v", s, q, back, err)
		}
	})
}

// anyInstant draws an instant anywhere in years 0000 to 9999.
func anyInstant() *rapid.Generator[time.Time] {
	return rapid.Custom(func(t *rapid.T) time.Time {
		sec := rapid.Int64Range(First.Unix(), Last.Unix()).Draw(t, "sec")
		ns := rapid.Int64Range(0, 999_999_999).Draw(t, "ns")
		return time.Unix(sec, ns).UTC()
	})
}

func TestAddDaysIsAddDateForEveryCountInRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		at := anyInstant().Draw(t, "at")
		n := rapid.IntRange(-MaxDays, MaxDays).Draw(t, "n")
		got := AddDays(at, n)
		if want := at.AddDate(0, 0, n); !got.Equal(want) {
			t.Fatalf("AddDays(%v, %d) = %v, want %v", at, n, got, want)
		}
		if InRange(got) != (DaysBetween(First, got) >= 0 && DaysBetween(got, Last) >= 0) {
			t.Fatalf("InRange(%v) disagrees with the day count", got)
		}
	})
}

func TestCalendarAdditionStaysInRangeOrLeavesItNeverWraps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		at := anyInstant().Draw(t, "at")
		n := rapid.OneOf(rapid.Int(), rapid.IntRange(-2*MaxDays, 2*MaxDays)).Draw(t, "n")
		for _, c := range []struct {
			name string
			got  time.Time
		}{{"AddDays", AddDays(at, n)}, {"AddMonths", AddMonths(at, n)}, {"AddYears", AddYears(at, n)}} {
			// Adding moves the instant the way the count says, or not at
			// all; a wrapped result would move it the other way.
			if n > 0 && !c.got.After(at) || n < 0 && !c.got.Before(at) {
				t.Fatalf("%s(%v, %d) = %v moved the wrong way", c.name, at, n, c.got)
			}
			if InRange(c.got) {
				if _, err := c.got.MarshalJSON(); err != nil {
					t.Fatalf("%s(%v, %d) = %v is in range and does not marshal: %v", c.name, at, n, c.got, err)
				}
			}
		}
		if n >= -MaxYears && n <= MaxYears {
			if got, want := AddYears(at, n), AddMonths(at, 12*n); !got.Equal(want) {
				t.Fatalf("AddYears(%v, %d) = %v, AddMonths by %d months = %v", at, n, got, 12*n, want)
			}
		}
	})
}

func TestCalendarEdgesOfTime(t *testing.T) {
	cases := []struct {
		name    string
		got     time.Time
		want    time.Time
		inRange bool
	}{
		// issue 18: "trialWarningDays: 200000" wrapped a time.Duration.
		{"200,000 days back from 2026", AddDays(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), -200_000),
			time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -200_000), true},
		{"200,000 days on from 2025", AddDays(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 200_000),
			time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 200_000), true},
		{"last day + 1", AddDays(time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), 1), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{"first day - 1", AddDays(First, -1), time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC), false},
		{"whole range in days", AddDays(First, DaysBetween(First, Last)), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), true},
		{"9999-06-01 + 1 year", AddYears(time.Date(9999, 6, 1, 0, 0, 0, 0, time.UTC), 1), time.Date(10000, 6, 1, 0, 0, 0, 0, time.UTC), false},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) || InRange(c.got) != c.inRange {
			t.Errorf("%s = %v (in range %v), want %v (in range %v)", c.name, c.got, InRange(c.got), c.want, c.inRange)
		}
	}
	if DaysBetween(First, Last) != 3_652_424 {
		t.Errorf("DaysBetween(First, Last) = %d, want 3,652,424", DaysBetween(First, Last))
	}
}

func TestCalendarStepsAreTakenOnTheUTCDate(t *testing.T) {
	// RULES.md LIC-SUB-TERM: "Every calendar step of every rule (years,
	// months, days) is taken on the instant's UTC date and time; an RFC
	// 3339 offset only names the instant (2028-02-29T02:00:00+05:00 is
	// 2028-02-28T21:00:00Z, and a year later is 2029-02-28T21:00:00Z)."
	plus5 := time.FixedZone("+05:00", 5*3600)
	minus5 := time.FixedZone("-05:00", -5*3600)
	utc := func(s string) time.Time {
		at, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	cases := []struct {
		name      string
		got, want time.Time
	}{
		{"the spec's example, a year on", AddYears(time.Date(2028, 2, 29, 2, 0, 0, 0, plus5), 1), utc("2029-02-28T21:00:00Z")},
		{"a month on from Jan 31 local, Jan 30 UTC", AddMonths(time.Date(2025, 1, 31, 3, 0, 0, 0, plus5), 1), utc("2025-02-28T22:00:00Z")},
		{"three months on from Nov 30 local, Nov 29 UTC", AddMonths(time.Date(2021, 11, 30, 2, 0, 0, 0, plus5), 3), utc("2022-02-28T21:00:00Z")},
		{"a month on from Jan 31 UTC, Jan 30 local", AddMonths(time.Date(2025, 1, 30, 23, 0, 0, 0, minus5), 1), utc("2025-02-28T04:00:00Z")},
		{"thirty days on", AddDays(time.Date(2025, 2, 28, 23, 0, 0, 0, minus5), 30), utc("2025-03-31T04:00:00Z")},
		{"the UTC date", Date(time.Date(2025, 1, 1, 2, 0, 0, 0, plus5)), utc("2024-12-31T00:00:00Z")},
	}
	for _, c := range cases {
		if !c.got.Equal(c.want) || c.got.Location() != time.UTC {
			t.Errorf("%s: %v, want %v in UTC", c.name, c.got, c.want)
		}
	}
	if n := DaysBetween(time.Date(2021, 1, 1, 2, 0, 0, 0, plus5), time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)); n != 366 {
		t.Errorf("days from 2021-01-01T02:00+05:00 to 2022-01-01Z = %d, want 366 (from the UTC date 2020-12-31)", n)
	}
}
