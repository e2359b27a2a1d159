package main

import (
	"cmp"
	"container/heap"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/licensepolicy/licensepolicy/license"
)

// MaxEvents bounds the events of one calendar feed: past it the earliest
// are kept, and the feed says how many it left out.
const MaxEvents = 50000

// event is a change as a calendar event.
type event struct {
	change
	uid string
}

// uidOf is a change's event UID: the same change (of the same device's
// feature or scenario license, at the same instant) has the same UID in
// every feed, so that a calendar client updates the event rather than add
// it again; what the change says may differ between feeds.
func uidOf(c change) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", c.source, c.feature, c.at.UTC().Format(time.RFC3339Nano))
	return hex.EncodeToString(h.Sum(nil)[:16]) + "@licensepolicy"
}

func before(a, b event) bool { return a.at.Before(b.at) || a.at.Equal(b.at) && a.uid < b.uid }

// latest is a heap whose top is the latest event: the earliest MaxEvents
// are kept by dropping its top.
type latest []event

func (h latest) Len() int           { return len(h) }
func (h latest) Less(i, j int) bool { return before(h[j], h[i]) }
func (h latest) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *latest) Push(x any)        { *h = append(*h, x.(event)) }
func (h *latest) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// upcoming is every change after at of the fleet's captures' features and
// of its scenario's licenses, in time order, the earliest max of them, and
// how many were left out. Each feature's and license's changes are worked
// out once while its facts are the same.
func upcoming(f fleet, at time.Time, max int) ([]event, int) {
	var h latest
	omitted := 0
	add := func(cs []change) {
		for _, c := range cs {
			e := event{c, uidOf(c)}
			switch {
			case len(h) < max:
				heap.Push(&h, e)
			case before(e, h[0]):
				h[0] = e
				heap.Fix(&h, 0)
				omitted++
			default:
				omitted++
			}
		}
	}
	for _, d := range f.devices {
		for j := range d.features {
			add(d.features[j].changesAfter(d, at))
		}
	}
	if s := f.scenario; s != nil {
		for _, l := range s.licenses {
			add(l.changesAfter(s.engine, at))
		}
	}
	slices.SortFunc(h, func(a, b event) int {
		return cmp.Or(a.at.Compare(b.at), strings.Compare(a.uid, b.uid))
	})
	return h, omitted
}

// kind is what a change is, as a category and in words.
func (c change) kind() (category, words string) {
	switch {
	case c.moved:
		return "move", "moves to device " + c.device
	case c.to == 0:
		return "unlicensed", "no license grants it any more"
	case c.to == c.from && c.relicensed:
		return "license", "follows license " + c.license
	}
	switch c.to {
	case license.NotStarted:
		return "not-started", "not started"
	case license.Active:
		switch c.from {
		case license.NotStarted:
			return "start", "starts"
		case license.Expired, license.InGrace:
			return "renewal", "renewed"
		}
		return "active", "active"
	case license.InWarning:
		return "trial-warning", "trial warning window begins"
	case license.InGrace:
		return "grace", "term ends: the grace period begins (renew before it ends)"
	case license.Expired:
		switch c.from {
		case license.InWarning:
			return "trial-end", "trial ends"
		case license.InGrace:
			return "grace-end", "grace period ends: expires"
		}
		return "expiry", "expires"
	}
	return "change", "its answer changes"
}

// summary is the event's one-line title.
func (c change) summary() string {
	_, words := c.kind()
	if c.license == "" || c.license == c.feature {
		return fmt.Sprintf("%s %s: %s", c.device, c.feature, words)
	}
	return fmt.Sprintf("%s %s (%s): %s", c.device, c.feature, c.license, words)
}

func (c change) description() string {
	use := "refused"
	if c.allowed {
		use = "allowed"
	}
	return fmt.Sprintf("Device: %s\nFeature: %s\nLicense: %s\nStanding: %s to %s\nUse: %s (%s)\nWhy: %s",
		c.device, c.feature, c.license, standingName(c.from), standingName(c.to), use, c.rules, c.reason)
}

// calendarOf is the feed of the fleet's upcoming changes after at, dated
// at (DTSTAMP): one event per change, at its instant.
func calendarOf(f fleet, at time.Time, max int) (*ics.Calendar, int) {
	events, omitted := upcoming(f, at, max)
	cal := ics.NewCalendar()
	cal.SetProductId("-//licensepolicy//licenseexporter//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName("License changes")
	cal.SetXWRCalName("License changes")
	cal.SetDescription("Every upcoming change of every license the exporter reads: starts, trial warnings and ends, ends of term and of grace, moves.")
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	if omitted > 0 {
		cal.CalendarProperties = append(cal.CalendarProperties, ics.CalendarProperty{BaseProperty: ics.BaseProperty{
			IANAToken: "X-LICENSEPOLICY-OMITTED", Value: fmt.Sprint(omitted)}})
	}
	for _, e := range events {
		v := cal.AddEvent(e.uid)
		v.SetDtStampTime(at)
		v.SetSequence(0)
		v.SetStartAt(e.at)
		v.SetSummary(e.summary())
		v.SetDescription(e.description())
		category, _ := e.kind()
		v.SetProperty(ics.ComponentPropertyCategories, category)
		v.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
	}
	return cal, omitted
}

// writeCalendar writes cal as RFC 5545 has it: lines ended by CRLF and
// folded at 75 octets (the module ends them by the system's newline
// unless told).
func writeCalendar(w io.Writer, cal *ics.Calendar) error {
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// calendarHandler serves the collector's upcoming changes as an
// iCalendar feed, from the read scrapes answer from, at its clock's
// instant. At most two feeds are built at once; a third request is told
// to come back.
func calendarHandler(c *Collector) http.Handler {
	busy := make(chan struct{}, 2)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case busy <- struct{}{}:
			defer func() { <-busy }()
		default:
			w.Header().Set("Retry-After", "10")
			http.Error(w, "licenseexporter: the calendar is being built for other requests", http.StatusServiceUnavailable)
			return
		}
		cal, omitted := calendarOf(c.current(), c.now(), MaxEvents)
		if omitted > 0 {
			c.log.Warn("calendar: events left out", "kept", MaxEvents, "omitted", omitted)
		}
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		if err := writeCalendar(w, cal); err != nil {
			c.log.Error("calendar", "error", err)
		}
	})
}
