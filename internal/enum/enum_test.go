package enum

import (
	"strings"
	"testing"
)

var colours = []string{"", "red", "green"}

func TestNamesRoundTripAndTheZeroValueIsInvalid(t *testing.T) {
	for i := 1; i < len(colours); i++ {
		b, err := Marshal("paint", "colour", colours, i)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := Parse("paint", "colour", colours, b); err != nil || got != i {
			t.Errorf("Parse(%q) = %d, %v; want %d", b, got, err, i)
		}
		if Name("paint", "Colour", colours, i) != colours[i] {
			t.Errorf("Name(%d) = %q", i, Name("paint", "Colour", colours, i))
		}
	}
	for _, i := range []int{0, -1, 3} {
		if _, err := Marshal("paint", "colour", colours, i); err == nil {
			t.Errorf("Marshal(%d): no error", i)
		}
	}
	if got := Name("paint", "Colour", colours, 3); got != "paint.Colour(3)" {
		t.Errorf("Name(3) = %q", got)
	}
	_, err := Parse("paint", "colour", colours, []byte(""))
	if err == nil || !strings.Contains(err.Error(), "want one of red, green") {
		t.Errorf("Parse of the empty name: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("red"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, text []byte) {
		i, err := Parse("paint", "colour", colours, text)
		if err != nil {
			return
		}
		if b, _ := Marshal("paint", "colour", colours, i); string(b) != string(text) {
			t.Errorf("%q parsed to %d, which marshals to %q", text, i, b)
		}
	})
}
