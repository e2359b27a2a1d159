package enumtest

import (
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/enum"
)

type colour uint8

var colours = enum.New[colour]("paint", "Colour", "colour", nil, "", "red", "green")

func (c colour) IsValid() bool                       { return colours.IsValid(c) }
func (c colour) String() string                      { return colours.String(c) }
func (c colour) AppendText(b []byte) ([]byte, error) { return colours.AppendText(b, c) }
func (c colour) MarshalText() ([]byte, error)        { return c.AppendText(nil) }
func (c *colour) UnmarshalText(text []byte) error    { return colours.Unmarshal(c, text) }
func parseColour(s string) (colour, error)           { return colours.Parse(s) }

func TestNamesPassesAnEnumerationOnEnumSet(t *testing.T) {
	Names(t, "paint", parseColour, []colour{1, 2}, []string{"red", "green"}, 0, 3, 255)
}

func FuzzColourText(f *testing.F) { Fuzz[colour](f, []string{"red", "green"}, "RED", "red\x00") }

// recorder is a testing.TB that counts the failures it is told of.
type recorder struct {
	testing.TB
	failures int
}

func (r *recorder) Helper()                        {}
func (r *recorder) Errorf(format string, a ...any) { r.failures++ }
func (r *recorder) Fatalf(format string, a ...any) { r.failures++ }

func TestNamesFailsOnSwappedNames(t *testing.T) {
	r := &recorder{TB: t}
	Names(r, "paint", parseColour, []colour{1, 2}, []string{"green", "red"})
	if r.failures == 0 {
		t.Error("swapped names pass")
	}
}
