package enum

import (
	"errors"
	"strings"
	"testing"
)

type color uint8

// unknownPaint is the refusal the library's rule.ID.UnknownName makes,
// without the rule package, which imports this one.
func unknownPaint(pkg, what, name string, valid []string) error {
	return errors.New(pkg + ": unknown " + what + " " + name + " (want one of " + strings.Join(valid, ", ") + ")")
}

var colors = New[color]("paint", "Color", "color", unknownPaint, "", "red", "green")

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
	zeroValid := New[color]("p", "O", "outcome", func(pkg, what, name string, valid []string) error {
		return errors.New("wrapped: " + unknownPaint(pkg, what, name, valid).Error())
	}, "deny", "allow")
	if !zeroValid.IsValid(0) || zeroValid.String(0) != "deny" {
		t.Error("a named zero is not valid")
	}
	if _, err := zeroValid.Parse("x"); err == nil || !strings.HasPrefix(err.Error(), "wrapped: ") {
		t.Errorf("refuse is not used: %v", err)
	}
}

// TestUnmarshalOfAKnownNameAllocatesNothing: a decoder reads an enumeration
// per field, so a known name costs no allocation (issue 22).
func TestUnmarshalOfAKnownNameAllocatesNothing(t *testing.T) {
	text := []byte("green")
	var c color
	if n := testing.AllocsPerRun(100, func() {
		if err := colors.Unmarshal(&c, text); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("%v allocations per Unmarshal", n)
	}
	if c != 2 {
		t.Errorf("Unmarshal(green) = %d", c)
	}
}
