package tmip

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/enum/enumtest"
)

// TestEnumerationsUseTheScenarioNames: each network, channel (TMIP-CONDITION),
// signer title (TMIP-SIGNER) and status (TMIP-RETURN) is named as
// SCENARIOS.md names it; the zero value and the one past the last are
// invalid and never marshal; an unknown name is an error listing the names.
func TestEnumerationsUseTheScenarioNames(t *testing.T) {
	enumtest.Check[Network](t, "tmip.Network", ParseNetwork, "", "production", "lab", "other")
	enumtest.Check[Channel](t, "tmip.Channel", ParseChannel, "", "authorized", "direct", "gray")
	enumtest.Check[Title](t, "tmip.Title", ParseTitle, "", "vice-president", "senior-vice-president",
		"executive-vice-president", "president", "chief-executive-officer", "director", "manager", "other")
	enumtest.Check[Status](t, "tmip.Status", ParseStatus, "", "met", "pending", "breach")
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

func FuzzNetworkText(f *testing.F) { enumtest.Fuzz[Network](f, "production", "lab", "other") }

func FuzzChannelText(f *testing.F) { enumtest.Fuzz[Channel](f, "authorized", "direct", "gray") }

func FuzzTitleText(f *testing.F) {
	enumtest.Fuzz[Title](f, "vice-president", "senior-vice-president", "executive-vice-president", "president",
		"chief-executive-officer", "director", "manager", "other")
}

func FuzzStatusText(f *testing.F) { enumtest.Fuzz[Status](f, "met", "pending", "breach") }
