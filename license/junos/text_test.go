package junos

import (
	"errors"
	"strings"
	"testing"
)

// TestCaptureOfExactlyMaxBytesIsRead: MaxBytes is the largest capture read;
// one byte more is refused.
func TestCaptureOfExactlyMaxBytesIsRead(t *testing.T) {
	head := header + "  f  1  1  0  permanent\n"
	pad := strings.Repeat(strings.Repeat(" ", 63)+"\n", MaxBytes/64)
	in := head + pad[:MaxBytes-len(head)]
	r, err := Parse(strings.NewReader(in))
	if err != nil || len(r.Usage) != 1 {
		t.Fatalf("a capture of MaxBytes: %v", err)
	}
	if _, err := Parse(strings.NewReader(in + " ")); err == nil {
		t.Fatal("a capture of MaxBytes+1 was read")
	}
}

// TestKeyFieldsOfAnyLetters: unknown key fields are tolerated whatever
// letters their label holds, a..z and A..Z included; a label with a digit
// is no field.
func TestKeyFieldsOfAnyLetters(t *testing.T) {
	in := "Licenses installed:\n  License identifier: E1\n  Authorization Zone: zone-a\n  Features:\n    x - y\n      permanent\n"
	r, err := ParseText(strings.NewReader(in))
	if err != nil || len(r.Keys) != 1 || r.Keys[0].Features[0].Name != "x" {
		t.Fatalf("%+v, %v", r, err)
	}
	if _, err := ParseText(strings.NewReader(strings.Replace(in, "Zone", "Zone2", 1))); err == nil {
		t.Error("a label with a digit was read as a field")
	}
}

// TestCountsOfNineDigits: a usage count has at most nine digits.
func TestCountsOfNineDigits(t *testing.T) {
	r, err := ParseText(strings.NewReader(header + "  f  123456789  1  0  permanent\n"))
	if err != nil || r.Usage[0].Used != 123456789 {
		t.Fatalf("nine digits: %+v, %v", r, err)
	}
	if _, err := ParseText(strings.NewReader(header + "  f  1234567890  1  0  permanent\n")); err == nil {
		t.Error("ten digits read as a count")
	}
}

// TestDaysUpToOneHundredThousand: a count-down reads at most 100000 days.
func TestDaysUpToOneHundredThousand(t *testing.T) {
	r, err := ParseText(strings.NewReader(header + "  f  1  1  0  100000 days\n"))
	if err != nil || r.Usage[0].Expiry.Remaining != 100000*day {
		t.Fatalf("100000 days: %+v, %v", r, err)
	}
	if _, err := ParseText(strings.NewReader(header + "  f  1  1  0  100001 days\n")); err == nil {
		t.Error("100001 days read as a count-down")
	}
}

// TestTextSeparatesKeysByOneBlankLine: Text prints the installed keys as
// the device does, one blank line between two keys and none before the
// first.
func TestTextSeparatesKeysByOneBlankLine(t *testing.T) {
	perm := KeyFeature{Name: "x", Description: "X", Expiry: Expiry{Validity: Permanent}}
	got := Report{Keys: []Key{{ID: "E1", Version: "4", Features: []KeyFeature{perm}}, {ID: "E2", OrderType: "trial"}}}.Text()
	want := "Licenses installed:\n" +
		"  License identifier: E1\n  License version: 4\n  Software Serial Number:\n  Customer ID:\n  Features:\n    x - X\n      permanent\n" +
		"\n" +
		"  License identifier: E2\n  License version:\n  Order Type: trial\n  Software Serial Number:\n  Customer ID:\n  Features:\n"
	if got != want {
		t.Errorf("Text() =\n%q\nwant\n%q", got, want)
	}
}

// TestCaptureCutShortNamesItsLastLine: a capture that ends, without a line
// end, inside the usage table's header or after a feature's name is refused
// naming its last line.
func TestCaptureCutShortNamesItsLastLine(t *testing.T) {
	for _, c := range []struct {
		in   string
		line int
		msg  string
	}{
		{"License usage:", 1, "the usage table has no header"},
		{"Licenses installed:\n  License identifier: E1\n  Features:\n    x - y", 4, `feature "x" has no validity line`},
	} {
		_, err := ParseText(strings.NewReader(c.in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != c.line || pe.Msg != c.msg {
			t.Errorf("%q: %v, want line %d: %s", c.in, err, c.line, c.msg)
		}
	}
}
