package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
)

// TestEndingWithinCountsTheEndOfUsability: the vMX evaluation judged on the
// day it is captured has trials ending 59 and 60 days later; none ends
// within 30 days, though their warning windows open within them (issue 29:
// the count used the next change, 16 ending within 30 days). Within 60
// days every trial ends, and each feature's end is in the JSON beside its
// until, "never" for the permanent ones.
func TestEndingWithinCountsTheEndOfUsability(t *testing.T) {
	capture := fixture(t, "vmx-eval.txt")
	var out bytes.Buffer
	if err := run([]string{"-at", "2021-10-01T00:00:00Z", capture}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), " 0 ending within 30 days") {
		t.Errorf("within 30 days:\n%s", out.String())
	}
	out.Reset()
	if err := run([]string{"-json", "-within", "60d", "-at", "2021-10-01T00:00:00Z", capture}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Features []struct {
			Feature, Until, Ends string
			Allowed              bool
		}
		Summary struct{ EndingWithin int }
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2021, 10, 1, 0, 0, 0, 0, time.UTC)
	ending := 0
	for _, f := range v.Features {
		switch {
		case !f.Allowed:
			t.Errorf("%s is not usable", f.Feature)
		case f.Ends == "never":
			if f.Until != "never" {
				t.Errorf("%s: until %s, ends never", f.Feature, f.Until)
			}
		default:
			end, err := time.Parse(time.RFC3339, f.Ends)
			if err != nil || end.Before(at.AddDate(0, 0, 59)) || end.After(at.AddDate(0, 0, 60)) {
				t.Errorf("%s ends %q (%v), want 59 or 60 days on", f.Feature, f.Ends, err)
			}
			if f.Until >= f.Ends {
				t.Errorf("%s: until %s is not before its end %s (its warning)", f.Feature, f.Until, f.Ends)
			}
			ending++
		}
	}
	if ending == 0 || v.Summary.EndingWithin != ending {
		t.Errorf("%d ending within 60 days, %d features end", v.Summary.EndingWithin, ending)
	}
}
