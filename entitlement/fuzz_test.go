package entitlement

import (
	"errors"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// FuzzNewOrder feeds arbitrary addresses, IDs and quantities to the order
// constructor, the package's only decoder of free text: it never panics, a
// refusal is a violation, and an accepted address is bare and lower-case.
func FuzzNewOrder(f *testing.F) {
	f.Add("SO1", "ACME", "ops@acme.example", "L1", "MX", 2)
	f.Add("SO/1", "", "Ops <ops@acme.example>", "L1", "Toaster", 0)
	f.Add("SO1", "A", "\"quoted local\"@x.example", "L/1", "Northstar Controller", 10001)
	f.Add("", "A", " a@b", "", "vSRX", -1)
	f.Add("SO1", "A", "a@[127.0.0.1]", "L1", "MX", 1)
	f.Fuzz(func(t *testing.T, id, account, email, line, product string, qty int) {
		spec := sampleSpec()
		spec.ID, spec.Accounts, spec.Emails = id, []string{account}, []string{email}
		spec.Lines[0].ID, spec.Lines[0].Product, spec.Lines[0].Quantity = line, product, qty
		o, err := DefaultProgram().NewOrder(spec)
		if err != nil {
			var v *rule.Violation
			if !errors.As(err, &v) || len(v.Rules.IDs()) == 0 {
				t.Fatalf("refusal %v is not a violation", err)
			}
			return
		}
		if got := o.Emails(); len(got) != 1 || got[0] != strings.ToLower(email) {
			t.Fatalf("address %q accepted as %v", email, got)
		}
		if f := o.Fulfil(line, ship); !f.Allowed {
			t.Fatalf("valid order not fulfilled: %v", f.Err())
		}
	})
}
