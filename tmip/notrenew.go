package tmip

import (
	"fmt"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// NotForRenewal is a request to mark the support contracts of traded-in
// equipment that no longer needs support "not for renewal" (TMIP-NOT-RENEW).
// The zero NotForRenewal is refused: it names no serial or termination date.
type NotForRenewal struct {
	// Serials are the equipment's serial numbers, each non-empty and listed
	// once.
	Serials []string
	// Termination is the contracts' termination date.
	Termination time.Time
}

// MarkNotForRenewal returns the request to mark the contracts of serials
// "not for renewal" from termination, as the FAQ asks: "provide the trade-in
// equipment serial number(s) and contract termination date". No serial, an
// empty or repeated one, or no termination date is a *rule.Violation citing
// TMIP-NOT-RENEW and naming every problem. The serials are copied.
func MarkNotForRenewal(serials []string, termination time.Time) (NotForRenewal, error) {
	var vs []*rule.Violation
	bad := func(format string, args ...any) {
		vs = append(vs, rule.Errorf([]rule.ID{rule.TmipNotRenew}, "not for renewal", format, args...))
	}
	if len(serials) == 0 {
		bad("no serial number given")
	}
	seen := make(map[string]bool, len(serials))
	for i, s := range serials {
		switch {
		case s == "":
			bad("serials[%d] is empty", i)
		case seen[s]:
			bad("serial %q is given twice", s)
		}
		seen[s] = true
	}
	if termination.IsZero() {
		bad("no contract termination date given")
	}
	if v := rule.Merge(vs...); v != nil {
		v.Reason = fmt.Sprintf("contract cannot be marked not for renewal: %s", v.Reason)
		return NotForRenewal{}, v
	}
	return NotForRenewal{Serials: slices.Clone(serials), Termination: utc(termination)}, nil
}
