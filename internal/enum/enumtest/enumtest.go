// Package enumtest checks that an enumeration keeps the pattern every
// enumeration of the library follows (see internal/enum): its tests and
// fuzz tests call Check and Fuzz instead of each writing its own table.
package enumtest

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Enum is what every enumeration answers.
type Enum interface {
	~uint8
	IsValid() bool
	String() string
	AppendText([]byte) ([]byte, error)
	MarshalText() ([]byte, error)
}

// Decoder is a pointer to an enumeration of type T.
type Decoder[T any] interface {
	*T
	UnmarshalText([]byte) error
}

// Check asserts that value i of the enumeration is named names[i], where
// "" marks a value without a name, and that the value after the last is
// invalid: a named value is valid, prints, appends and marshals as its name
// and parses back to itself; a value without a name is invalid, prints as
// typ(i), such as "license.Kind(0)", and neither appends nor marshals. It
// returns the error of parsing an unknown name, which must be the one
// error of every enumeration, a *rule.NameError listing the names, and
// leave a decoded value as it was, so that the caller can check which
// rule it cites.
func Check[T Enum, P Decoder[T]](t testing.TB, typ string, parse func(string) (T, error), names ...string) error {
	t.Helper()
	var valid []string
	for i, name := range append(names[:len(names):len(names)], "") {
		v := T(i)
		text, merr := v.MarshalText()
		appended, aerr := v.AppendText([]byte("x"))
		if name == "" {
			if v.IsValid() || merr == nil || aerr == nil || v.String() != typ+"("+strconv.Itoa(i)+")" {
				t.Errorf("%s(%d) without a name: valid %v, String %q, MarshalText %q %v, AppendText %v",
					typ, i, v.IsValid(), v.String(), text, merr, aerr)
			}
			continue
		}
		valid = append(valid, name)
		if !v.IsValid() || v.String() != name || merr != nil || string(text) != name || aerr != nil || string(appended) != "x"+name {
			t.Errorf("%s(%d): valid %v, String %q, MarshalText %q %v, AppendText %q %v; want %q",
				typ, i, v.IsValid(), v.String(), text, merr, appended, aerr, name)
		}
		if got, err := parse(name); err != nil || got != v {
			t.Errorf("%s: parsing %q gives %v, %v", typ, name, got, err)
		}
		var decoded T
		if err := P(&decoded).UnmarshalText([]byte(name)); err != nil || decoded != v {
			t.Errorf("%s: decoding %q gives %v, %v", typ, name, decoded, err)
		}
	}
	unknown := "no-such-" + strings.ToLower(typ[strings.LastIndex(typ, ".")+1:])
	_, perr := parse(unknown)
	var ne *rule.NameError
	if !errors.As(perr, &ne) || ne.Name != unknown || !slices.Equal(ne.Valid, valid) || !strings.Contains(perr.Error(), strings.Join(valid, ", ")) {
		t.Errorf("%s: parsing %q: %#v, want a *rule.NameError listing %v", typ, unknown, perr, valid)
	}
	kept := T(len(names)) // an invalid value, to see it left as it was
	err := P(&kept).UnmarshalText([]byte(unknown))
	if err == nil || kept != T(len(names)) {
		t.Errorf("%s: decoding %q: %v, value now %v", typ, unknown, err, kept)
	}
	return err
}

// Fuzz checks an enumeration's decoder on the names and on text near them:
// it never panics, accepts exactly the text MarshalText gives back, and an
// error lists the names.
func Fuzz[T Enum, P Decoder[T]](f *testing.F, names ...string) {
	for _, n := range names {
		f.Add([]byte(n))
		f.Add([]byte(strings.ToUpper(n)))
		f.Add([]byte(" " + n))
		f.Add([]byte(n + "\x00"))
	}
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, text []byte) {
		var v T
		if err := P(&v).UnmarshalText(text); err != nil {
			if !strings.Contains(err.Error(), strings.Join(names, ", ")) {
				t.Fatalf("error %q does not list %v", err, names)
			}
			return
		}
		back, err := v.MarshalText()
		if err != nil || !bytes.Equal(back, text) {
			t.Fatalf("%q decodes but encodes as %q, %v", text, back, err)
		}
	})
}
