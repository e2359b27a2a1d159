package tmip

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func TestNotForRenewalNeedsSerialsAndTerminationDate(t *testing.T) {
	// "Contact Juniper Customer Care and provide the trade-in equipment
	// serial number(s) and contract termination date. The Juniper contract
	// team will mark the requested contract “not for renewal.”"
	// (TMIP-NOT-RENEW)
	end := time.Date(2021, 12, 31, 0, 0, 0, 0, time.FixedZone("CET", 3600))
	serials := []string{"JN11", "JN12"}
	n, err := MarkNotForRenewal(serials, end)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(n.Serials, serials) || !n.Termination.Equal(end) || n.Termination.Location() != time.UTC {
		t.Fatalf("%+v", n)
	}
	serials[0] = "changed"
	if n.Serials[0] != "JN11" {
		t.Fatal("the request shares the caller's serials")
	}
	for _, c := range []struct {
		name    string
		serials []string
		end     time.Time
		mention string
	}{
		{"no serial", nil, end, "no serial number given"},
		{"an empty serial", []string{"JN11", ""}, end, "serials[1] is empty"},
		{"a serial twice", []string{"JN11", "JN11"}, end, `serial "JN11" is given twice`},
		{"no termination date", []string{"JN11"}, time.Time{}, "no contract termination date"},
		{"both", nil, time.Time{}, "no serial number given; no contract termination date"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := MarkNotForRenewal(c.serials, c.end)
			if !errors.Is(err, rule.TmipNotRenew) || !strings.Contains(err.Error(), c.mention) ||
				!strings.HasPrefix(err.Error(), "TMIP-NOT-RENEW: ") {
				t.Fatalf("error %v, want TMIP-NOT-RENEW mentioning %q", err, c.mention)
			}
		})
	}
}
