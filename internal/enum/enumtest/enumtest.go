// Package enumtest checks an enumeration's text form the same way in every
// package: each value reads and writes its name, invalid values write
// nothing, and an unknown name is an error listing the valid ones. It is for
// tests only; the library never imports it.
package enumtest

import (
	"bytes"
	"strings"
	"testing"
)

// Enumeration is what every enumeration of the library offers.
type Enumeration interface {
	comparable
	IsValid() bool
	String() string
	AppendText(b []byte) ([]byte, error)
	MarshalText() ([]byte, error)
}

// Names checks that values[i] is named names[i] by String, MarshalText,
// AppendText and parse; that each of invalid is invalid, does not marshal
// and has a String starting with pkg+"."; and that parse refuses a
// misspelt name with an error listing names in order.
func Names[T Enumeration](t testing.TB, pkg string, parse func(string) (T, error), values []T, names []string, invalid ...T) {
	t.Helper()
	if len(values) != len(names) {
		t.Fatalf("%d values for %d names", len(values), len(names))
		return
	}
	for i, v := range values {
		name := names[i]
		b, err := v.MarshalText()
		if err != nil || string(b) != name || v.String() != name || !v.IsValid() {
			t.Errorf("%v: MarshalText %q %v, String %q, IsValid %v; want %q", v, b, err, v.String(), v.IsValid(), name)
		}
		if b, err := v.AppendText([]byte("x=")); err != nil || string(b) != "x="+name {
			t.Errorf("%v: AppendText = %q, %v", v, b, err)
		}
		if got, err := parse(name); err != nil || got != v {
			t.Errorf("parse(%q) = %v, %v; want %v", name, got, err, v)
		}
	}
	for _, v := range invalid {
		if v.IsValid() {
			t.Errorf("%v is valid", v)
		}
		if _, err := v.MarshalText(); err == nil {
			t.Errorf("%v marshals", v)
		}
		if !strings.HasPrefix(v.String(), pkg+".") {
			t.Errorf("String of an invalid value is %q", v.String())
		}
	}
	for _, bad := range []string{"", strings.ToUpper(names[0]), names[0] + " "} {
		if _, err := parse(bad); err == nil || !strings.Contains(err.Error(), strings.Join(names, ", ")) {
			t.Errorf("parse(%q) = %v, want an error listing %v", bad, err, names)
		}
	}
}

// Fuzz fuzzes the decoder of an enumeration whose valid names are names:
// it never panics, accepts exactly the texts MarshalText gives back, leaves
// the value as it was on an error, and the error lists names. The names,
// the empty text and seeds are the seed corpus.
func Fuzz[T any, P interface {
	*T
	UnmarshalText([]byte) error
	MarshalText() ([]byte, error)
}](f *testing.F, names []string, seeds ...string) {
	for _, s := range append(append([]string{""}, names...), seeds...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		var v T
		if err := P(&v).UnmarshalText([]byte(names[0])); err != nil {
			t.Fatalf("%q does not decode: %v", names[0], err)
		}
		if err := P(&v).UnmarshalText(text); err != nil {
			if !strings.Contains(err.Error(), strings.Join(names, ", ")) {
				t.Fatalf("error %q does not list %v", err, names)
			}
			if b, _ := P(&v).MarshalText(); !bytes.Equal(b, []byte(names[0])) {
				t.Fatalf("a refused %q changed the value to %q", text, b)
			}
			return
		}
		back, err := P(&v).MarshalText()
		if err != nil || !bytes.Equal(back, text) {
			t.Fatalf("%q decodes but encodes as %q, %v", text, back, err)
		}
	})
}
