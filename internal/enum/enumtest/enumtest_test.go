package enumtest

import (
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

type color uint8

var colors = enum.New[color]("paint", "Color", "color", rule.ID(0).UnknownName, "", "red", "green")

func (c color) IsValid() bool                       { return colors.IsValid(c) }
func (c color) String() string                      { return colors.String(c) }
func (c color) AppendText(b []byte) ([]byte, error) { return colors.AppendText(b, c) }
func (c color) MarshalText() ([]byte, error)        { return c.AppendText(nil) }
func (c *color) UnmarshalText(b []byte) error       { return colors.Unmarshal(c, b) }

// recorder is a testing.TB that counts failures instead of failing.
type recorder struct {
	testing.TB
	failures int
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failures++ }

// TestCheckPassesTheSetAndCatchesAMiswiredName: Check finds nothing wrong
// with an enumeration built on enum.Set, and fails when the names it is
// given are not the enumeration's.
func TestCheckPassesTheSetAndCatchesAMiswiredName(t *testing.T) {
	parse := func(s string) (color, error) { return colors.Parse(s) }
	ok := &recorder{TB: t}
	if err := Check[color](ok, "paint.Color", parse, "", "red", "green"); err == nil || ok.failures != 0 {
		t.Errorf("a sound enumeration: %d failures, unknown-name error %v", ok.failures, err)
	}
	swapped := &recorder{TB: t}
	Check[color](swapped, "paint.Color", parse, "", "green", "red")
	if swapped.failures == 0 {
		t.Error("swapped names pass")
	}
}

func FuzzColorText(f *testing.F) { Fuzz[color](f, "red", "green") }
