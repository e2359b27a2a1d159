package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEQuotesWhatIsServed: the README's exposition of the shared
// fixtures is the golden the handler is held to, and its calendar event
// is one of the feed's golden, line for line.
func TestREADMEQuotesWhatIsServed(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	prom, err := os.ReadFile("testdata/shared-fixtures.prom")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```\n"+string(prom)+"```") {
		t.Error("README.md does not quote testdata/shared-fixtures.prom whole: copy it")
	}
	ics, err := os.ReadFile("testdata/calendar.ics")
	if err != nil {
		t.Fatal(err)
	}
	r := string(readme)
	event := r[strings.Index(r, "BEGIN:VEVENT\n"):]
	event = event[:strings.Index(event, "END:VEVENT\n")+len("END:VEVENT\n")]
	if !strings.Contains(string(ics), strings.ReplaceAll(event, "\n", "\r\n")) {
		t.Errorf("README.md's calendar event is not in testdata/calendar.ics:\n%s", event)
	}
}
