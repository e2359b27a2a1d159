package main

import (
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
)

// tick is one labelled instant of the calendar's time axis.
type tick struct {
	at    time.Time
	label string
}

// tickStep is a spacing of ticks: a whole number of calendar months, or a
// fixed duration; layout writes a tick's label.
type tickStep struct {
	months int
	d      time.Duration
	layout string
}

// shortest is the least time between two ticks of the step, in seconds: a
// month may have 28 days, a year 365.
func (s tickStep) shortest() float64 {
	if s.months > 0 {
		if s.months%12 == 0 {
			return float64(s.months/12) * 365 * 86400
		}
		return float64(s.months) * 28 * 86400
	}
	return s.d.Seconds()
}

// labelWidth is the width a label of the step takes, margin included.
func (s tickStep) labelWidth() float64 { return float64(len(s.layout))*charWidth + 10 }

// tickSteps run from a nanosecond to five thousand years, each with the
// shortest label that tells its ticks apart (the period itself is written
// above the labels).
var tickSteps = func() []tickStep {
	var out []tickStep
	d := time.Duration(1)
	for _, layout := range []string{"15:04:05.000000000", "15:04:05.000000", "15:04:05.000"} {
		for range 3 {
			out = append(out, tickStep{d: d, layout: layout}, tickStep{d: 2 * d, layout: layout}, tickStep{d: 5 * d, layout: layout})
			d *= 10
		}
	}
	for _, n := range []time.Duration{1, 2, 5, 10, 15, 30} {
		out = append(out, tickStep{d: n * time.Second, layout: "15:04:05"})
	}
	for _, n := range []time.Duration{1, 2, 5, 10, 15, 30} {
		out = append(out, tickStep{d: n * time.Minute, layout: "15:04"})
	}
	for _, n := range []time.Duration{1, 2, 3, 6, 12} {
		out = append(out, tickStep{d: n * time.Hour, layout: "01-02 15:04"})
	}
	for _, n := range []time.Duration{1, 2, 7, 14} {
		out = append(out, tickStep{d: n * calendar.Day, layout: "2006-01-02"})
	}
	for _, n := range []int{1, 2, 3, 6} {
		out = append(out, tickStep{months: n, layout: "2006-01"})
	}
	for _, n := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000} {
		out = append(out, tickStep{months: 12 * n, layout: "2006"})
	}
	return out
}()

// ticks returns the labelled instants of [from, to) at the finest step
// whose labels, plotWidth pixels wide over the period, cannot touch; a
// label that would run past the picture's right edge is left out. The
// arithmetic is on calendar months and whole durations, never on a
// time.Duration of the whole span, so any period of years 0000 to 9999
// gets its ticks.
func ticks(from, to time.Time) []tick {
	span := float64(to.Unix()-from.Unix()) + float64(to.Nanosecond()-from.Nanosecond())/1e9
	if span <= 0 {
		return nil
	}
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if s.shortest()*plotWidth/span >= s.labelWidth() {
			step = s
			break
		}
	}
	offset := func(t time.Time) float64 {
		return float64(t.Unix()-from.Unix()) + float64(t.Nanosecond()-from.Nanosecond())/1e9
	}
	var out []tick
	for t, n := firstTick(from, step), 0; t.Before(to) && n < 1000; t, n = nextTick(t, step), n+1 {
		if t.Before(from) {
			continue
		}
		if svgLabelWidth+plotWidth*offset(t)/span+step.labelWidth() > svgWidth {
			break
		}
		out = append(out, tick{at: t, label: t.Format(step.layout)})
	}
	return out
}

// firstTick is the first instant at or after from on the step's grid:
// months counted from year 0, durations from the zero time.
func firstTick(from time.Time, s tickStep) time.Time {
	if s.months == 0 {
		t := from.Truncate(s.d)
		if t.Before(from) {
			t = t.Add(s.d)
		}
		return t
	}
	total := from.Year()*12 + int(from.Month()) - 1
	start := total - total%s.months // years and months here are never negative
	t := time.Date(start/12, time.Month(start%12+1), 1, 0, 0, 0, 0, time.UTC)
	if t.Before(from) {
		t = nextTick(t, s)
	}
	return t
}

func nextTick(t time.Time, s tickStep) time.Time {
	if s.months == 0 {
		return t.Add(s.d)
	}
	return calendar.AddMonths(t, s.months)
}
