package tmip

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// zero is the zero time.Time, 0001-01-01T00:00:00Z: an instant like any
// other when a file gives it.
var zero = time.Time{}

// openTerms are the default terms without a window end, so that instants
// around year 1 are in the validation period.
func openTerms() Terms {
	t := DefaultTerms()
	t.WindowEnd = Instant{}
	return t
}

func TestInstantZeroValueIsAbsentAndAtZeroIsPresent(t *testing.T) {
	if (Instant{}).Valid || !At(zero).Valid || (Instant{}).Equal(At(zero)) || !At(zero).Equal(At(zero.In(time.FixedZone("x", 3600)))) {
		t.Fatal("the zero Instant must be absent and At(time.Time{}) present, and only equal to itself")
	}
	if got := At(zero).String(); got != "0001-01-01T00:00:00Z" {
		t.Errorf("At(zero).String() = %q", got)
	}
	if got := (Instant{}).String(); got != "absent" {
		t.Errorf("Instant{}.String() = %q", got)
	}
}

// "You have three months from shipment of your new Juniper equipment to
// return your old equipment" (TMIP-RETURN): a return dated
// 0001-01-01T00:00:00Z, before the deadline, meets it. It was read as no
// return, and the trade-in was in breach.
func TestReturnAtTheZeroInstantMeetsTheDeadline(t *testing.T) {
	ti := eligible(t, "T", "MX10008")
	ti.Support, ti.Ordered = nil, Instant{}
	ti.NewEquipmentShipped = At(time.Date(0, 12, 1, 0, 0, 0, 0, time.UTC))
	ti.Returned = At(zero)
	b := mustBook(t, openTerms(), ti)
	c := mustComply(t, b, "T", time.Date(1, 6, 1, 0, 0, 0, 0, time.UTC))
	if c.Status != Met || !c.Allowed {
		t.Fatalf("compliance = %+v, want met", c)
	}
	if _, err := b.WithReturn("T", zero); err == nil {
		t.Error("a second return was recorded over a return at the zero instant")
	}
}

// The new equipment shipping at the zero instant starts the return period
// then (TMIP-RETURN); it was read as not shipped, pending for ever.
func TestShipmentAtTheZeroInstantStartsTheReturnPeriod(t *testing.T) {
	ti := eligible(t, "T", "MX10008")
	ti.Support, ti.Ordered = nil, Instant{}
	ti.NewEquipmentShipped = At(zero)
	b := mustBook(t, openTerms(), ti)
	deadline := time.Date(1, 4, 1, 0, 0, 0, 0, time.UTC)
	if c := mustComply(t, b, "T", deadline); c.Status != Breach || !c.Deadline.Equal(deadline) {
		t.Fatalf("compliance at the deadline = %+v, want breach", c)
	}
}

// "The validation period is scheduled to end in the third calendar quarter
// of 2021" (TMIP-WINDOW): a window given as ending at the zero instant has
// ended for any later order. It was read as no end, and the trade-in was
// allowed.
func TestWindowEndingAtTheZeroInstantHasEnded(t *testing.T) {
	terms := DefaultTerms()
	terms.WindowEnd = At(zero)
	if terms.Window(time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatal("Window reports 2021 inside a window that ended at year 1")
	}
	a := mustAssess(t, mustBook(t, terms, eligible(t, "T", "MX10008")), "T", time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC))
	if a.Allowed || !a.Rules.Contains(rule.TmipWindow) {
		t.Fatalf("assessment = %+v, want refused citing TMIP-WINDOW", a)
	}
	terms.WindowEnd, terms.WindowStart = Instant{}, At(zero)
	if !terms.Window(zero) || terms.Window(zero.Add(-1)) {
		t.Error("a window starting at the zero instant does not start then")
	}
}

// "The discount is applied at the time of order" (TMIP-AT-ORDER): ordered at
// the zero instant, the discount granted then is owed back in breach
// (TMIP-BREACH). It was read as never ordered, and nothing was owed.
func TestOrderAtTheZeroInstantGrantsTheDiscountClawedBack(t *testing.T) {
	ti := eligible(t, "T", "MX10008")
	ti.Support = &Contract{Serial: ti.Serial, Start: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2, 1, 1, 0, 0, 0, 0, time.UTC), Value: dec("731.00")}
	ti.Ordered, ti.NewEquipmentShipped = At(zero), At(zero)
	c := mustComply(t, mustBook(t, openTerms(), ti), "T", time.Date(1, 6, 1, 0, 0, 0, 0, time.UTC))
	if c.Status != Breach || !c.Clawback.Equal(dec("365.00")) {
		t.Fatalf("compliance = %+v (claw-back %s), want breach owing 365.00", c, c.Clawback)
	}
}

func TestInstantsPastYear9999AreRefusedWhenTheBookIsBuilt(t *testing.T) {
	late := time.Date(9999, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		edit    func(*TradeIn)
		rule    rule.ID
		mention string
	}{
		{"a deadline past 9999", func(ti *TradeIn) { ti.NewEquipmentShipped = At(late) }, rule.TmipReturn, "newEquipmentShipped 9999-11-01T00:00:00Z plus the terms' 3 return months"},
		{"a return in year 10000", func(ti *TradeIn) { ti.Returned = At(late.AddDate(1, 0, 0)) }, rule.TmipReturn, "returned 10000-11-01T00:00:00Z"},
		{"an order before year 0", func(ti *TradeIn) { ti.Ordered = At(time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)) }, rule.TmipAtOrder, "ordered -0001-01-01"},
	} {
		ti := eligible(t, "T", "MX10008")
		c.edit(&ti)
		_, err := DefaultProgram().NewBook([]TradeIn{ti})
		var entry *EntryError
		if !errors.As(err, &entry) || !errors.Is(err, c.rule) || !strings.Contains(err.Error(), c.mention) {
			t.Errorf("%s: err = %v, want an EntryError citing %v and saying %q", c.name, err, c.rule, c.mention)
		}
	}
	terms := DefaultTerms()
	terms.WindowEnd = At(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	if err := terms.Validate(); err == nil || !strings.Contains(err.Error(), "WindowEnd 10000-01-01T00:00:00Z is not in years 0000 to 9999") {
		t.Errorf("a window ending in year 10000: %v", err)
	}
}

// In breach near the end of year 9999, the next notice would fall in year
// 10000: the standing holds for every instant the library answers for, so
// Until is none (zero), never an instant that does not read back.
func TestComplianceUntilNeverLeavesYear9999(t *testing.T) {
	terms := DefaultTerms()
	terms.WindowEnd, terms.NoticeEveryDays = Instant{}, 90
	ti := eligible(t, "T", "MX10008")
	ti.NewEquipmentShipped = At(time.Date(9999, 8, 1, 0, 0, 0, 0, time.UTC))
	c := mustComply(t, mustBook(t, terms, ti), "T", time.Date(9999, 12, 15, 0, 0, 0, 0, time.UTC))
	if c.Status != Breach || !c.Until.IsZero() {
		t.Fatalf("compliance = %+v, want breach until never", c)
	}
}
