package tmip

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// textCodec is what the enumerations share.
type textCodec interface {
	MarshalText() ([]byte, error)
	String() string
}

func TestEnumerationsUseTheScenarioNames(t *testing.T) {
	for _, c := range []struct {
		v    textCodec
		name string
	}{
		{Production, "production"}, {Lab, "lab"}, {OtherNetwork, "other"},
		{Authorized, "authorized"}, {Direct, "direct"}, {Gray, "gray"},
		{VicePresident, "vice-president"}, {SeniorVicePresident, "senior-vice-president"},
		{ExecutiveVicePresident, "executive-vice-president"}, {President, "president"},
		{ChiefExecutiveOfficer, "chief-executive-officer"}, {Director, "director"},
		{Manager, "manager"}, {OtherTitle, "other"},
		{Met, "met"}, {Pending, "pending"}, {Breach, "breach"},
	} {
		b, err := c.v.MarshalText()
		if err != nil || string(b) != c.name || c.v.String() != c.name {
			t.Errorf("%v: MarshalText %q %v, String %q, want %q", c.v, b, err, c.v.String(), c.name)
		}
	}
	// The zero values are invalid and say so.
	for _, v := range []textCodec{Network(0), Channel(0), Title(0), Status(0), Network(4), Channel(200), Title(9), Status(4)} {
		if _, err := v.MarshalText(); err == nil {
			t.Errorf("%v marshals", v)
		}
		if !strings.HasPrefix(v.String(), "tmip.") {
			t.Errorf("String of an invalid value is %q", v.String())
		}
	}
	var title Title
	err := title.UnmarshalText([]byte("Vice President"))
	if err == nil || !strings.Contains(err.Error(), "vice-president, senior-vice-president, executive-vice-president, president, chief-executive-officer, director, manager, other") {
		t.Fatalf("UnmarshalText(Vice President) = %v, want an error listing the names", err)
	}
}

func TestOnlyVicePresidentsAndAboveMaySign(t *testing.T) {
	// "Authorized signers must hold the official title of vice president or
	// above" (TMIP-SIGNER).
	above := map[Title]bool{VicePresident: true, SeniorVicePresident: true, ExecutiveVicePresident: true, President: true, ChiefExecutiveOfficer: true}
	for ti := Title(0); ti < 12; ti++ {
		if ti.VicePresidentOrAbove() != above[ti] {
			t.Errorf("%s: VicePresidentOrAbove = %v", ti, ti.VicePresidentOrAbove())
		}
	}
}

func TestConditionDecodesFromTheScenarioFormat(t *testing.T) {
	var c Condition
	err := json.Unmarshal([]byte(`{"Working": true, "Network": "lab", "Damaged": false, "Channel": "direct"}`), &c)
	if err != nil || c != (Condition{Working: true, Network: Lab, Channel: Direct}) {
		t.Fatalf("decoded %+v, %v", c, err)
	}
	if err := json.Unmarshal([]byte(`{"Network": "home"}`), &c); err == nil || !strings.Contains(err.Error(), "production, lab, other") {
		t.Fatalf("an unknown network decodes: %v", err)
	}
}

// fuzzText checks one enumeration's decoder: it never panics, accepts
// exactly the names MarshalText gives back, and an error lists them.
func fuzzText[T any, P interface {
	*T
	UnmarshalText([]byte) error
	MarshalText() ([]byte, error)
}](f *testing.F, names ...string) {
	for _, n := range names {
		f.Add([]byte(n))
	}
	f.Add([]byte(""))
	f.Add([]byte("PRODUCTION"))
	f.Add([]byte("lab\x00"))
	f.Add([]byte(" gray"))
	f.Fuzz(func(t *testing.T, text []byte) {
		var v T
		err := P(&v).UnmarshalText(text)
		if err != nil {
			if !strings.Contains(err.Error(), strings.Join(names, ", ")) {
				t.Fatalf("error %q does not list %v", err, names)
			}
			return
		}
		back, err := P(&v).MarshalText()
		if err != nil || !bytes.Equal(back, text) {
			t.Fatalf("%q decodes but encodes as %q, %v", text, back, err)
		}
	})
}

func FuzzNetworkText(f *testing.F) { fuzzText[Network](f, "production", "lab", "other") }

func FuzzChannelText(f *testing.F) { fuzzText[Channel](f, "authorized", "direct", "gray") }

func FuzzTitleText(f *testing.F) {
	fuzzText[Title](f, "vice-president", "senior-vice-president", "executive-vice-president", "president",
		"chief-executive-officer", "director", "manager", "other")
}

func FuzzStatusText(f *testing.F) { fuzzText[Status](f, "met", "pending", "breach") }
