package enum

import (
	"errors"
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

type color uint8

var colors = New[color]("paint", "Color", "color", nil, "", "red", "green")

func TestSetReadsAndWritesEveryNameAndRefusesTheRest(t *testing.T) {
	for _, name := range colors.Names() {
		v, err := colors.Parse(name)
		if err != nil || colors.String(v) != name {
			t.Errorf("%q: %v, %v", name, v, err)
		}
		if b, err := colors.AppendText([]byte("x="), v); err != nil || string(b) != "x="+name {
			t.Errorf("AppendText(%q) = %q, %v", name, b, err)
		}
	}
	for _, v := range []color{0, 3, 255} {
		if colors.IsValid(v) {
			t.Errorf("%d is valid", v)
		}
		if _, err := colors.AppendText(nil, v); err == nil {
			t.Errorf("%d marshals", v)
		}
	}
	if got := colors.String(7); got != "paint.Color(7)" {
		t.Errorf("String(7) = %q", got)
	}
	_, err := colors.Parse("blue")
	if err == nil || !strings.Contains(err.Error(), "red, green") || !strings.HasPrefix(err.Error(), "paint: ") {
		t.Errorf("Parse(blue): %v", err)
	}
	if _, err := colors.Parse(""); err == nil {
		t.Error("the empty name of the invalid zero parses")
	}
	c := color(1)
	if err := colors.Unmarshal(&c, []byte("nope")); err == nil || c != 1 {
		t.Errorf("Unmarshal of an unknown name: %v, left %d", err, c)
	}
	zeroValid := New[color]("p", "O", "outcome", func(name, msg string) error { return errors.New("wrapped: " + msg) }, "deny", "allow")
	if !zeroValid.IsValid(0) || zeroValid.String(0) != "deny" {
		t.Error("a named zero is not valid")
	}
	if _, err := zeroValid.Parse("x"); err == nil || !strings.HasPrefix(err.Error(), "wrapped: ") {
		t.Errorf("refuse is not used: %v", err)
	}
	long := strings.Repeat("z", 1000)
	if _, err := colors.Parse(long); err == nil || len(err.Error()) > 200 {
		t.Errorf("an unknown name is echoed whole: %d bytes", len(err.Error()))
	}
}
