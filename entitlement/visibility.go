package entitlement

import (
	"time"

	"github.com/licensepolicy/licensepolicy/internal/names"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Contact is a user's contact ID and the account IDs it is associated with
// (ENT-VISIBLE). Customer Care associates them; a contact with no account
// sees nothing. A Contact is a value: comparable, == when ID and accounts
// (in order) are, and read through accessors, so no holder of a copy
// changes what another sees. The zero Contact has no ID and no account,
// and sees nothing.
type Contact struct {
	id       string
	accounts string // internal/names
}

// NewContact validates a contact: a non-empty ID and non-empty, distinct
// account IDs.
func NewContact(id string, accounts []string) (Contact, error) {
	if id == "" {
		return Contact{}, rule.Errorf([]rule.ID{rule.EntVisible}, "", "a contact has no ID")
	}
	seen := make(map[string]bool, len(accounts))
	for i, a := range accounts {
		switch {
		case a == "":
			return Contact{}, rule.Errorf([]rule.ID{rule.EntVisible}, id, "contact %s: account ID %d is empty", id, i)
		case seen[a]:
			return Contact{}, rule.Errorf([]rule.ID{rule.EntVisible}, id, "contact %s: account ID %q is listed twice", id, a)
		}
		seen[a] = true
	}
	return Contact{id: id, accounts: names.Of(accounts)}, nil
}

// MustNewContact is NewContact for tests and examples only: it panics on
// an error.
func MustNewContact(id string, accounts []string) Contact {
	c, err := NewContact(id, accounts)
	if err != nil {
		panic(err)
	}
	return c
}

// IsValid reports whether c was built by NewContact.
func (c Contact) IsValid() bool { return c.id != "" }

// ID returns the contact's ID.
func (c Contact) ID() string { return c.id }

// Accounts returns a copy of the contact's account IDs, in the order given.
func (c Contact) Accounts() []string { return names.Slice(c.accounts) }

// Sees reports whether the contact sees entitlement e: only when one of the
// contact's account IDs is among the entitlement's (ENT-VISIBLE, ENT-ORDER).
func (c Contact) Sees(e Entitlement) bool { return sharesAccount(c.Accounts(), e.Accounts) }

// reasonNotVisible is the whole of a refusal to a contact who shares no
// account with the order: it says nothing of the line, its product, its
// dates or whether it exists.
const reasonNotVisible = "the entitlement is not visible to this contact"

// View answers whether contact c may see the entitlement of line lineID of
// order o at instant at.
//
//   - No shared account (or no such order or line): refused citing
//     ENT-VISIBLE, for good, with a reason that names only the contact, so
//     nothing about the order leaks.
//   - A heritage product, to a contact who shares an account: refused
//     citing ENT-HERITAGE (no entitlement record exists), and ENT-SHIP
//     before its ship date, until then.
//   - Before the ship date: refused citing ENT-SHIP, until the ship date.
//   - Otherwise allowed citing ENT-VISIBLE, for good.
func (ord Order) View(c Contact, lineID string, at time.Time) rule.Verdict {
	o := ord.get()
	i := o.lineIndex(lineID)
	if !ord.IsValid() || i < 0 || !o.sharesAccount(c.accounts) {
		// ENT-VISIBLE: identical whatever the order holds.
		return rule.Verdict{Rules: rulesVisible, Reason: reasonNotVisible, Subject: c.id}
	}
	l := o.lines[i]
	subject := o.id + "/" + l.ID
	shipped := !at.Before(l.ShipDate)
	switch {
	case o.program.IsHeritage(l.Product) && shipped:
		return rule.Verdict{Rules: rulesHeritage, Reason: "a heritage product has no entitlement record", Subject: subject}
	case o.program.IsHeritage(l.Product):
		return rule.Verdict{Rules: rulesHeritageUnshiped, Reason: "a heritage product has no entitlement record, and the line has not shipped", Until: l.ShipDate, Subject: subject}
	case !shipped:
		return rule.Verdict{Rules: rulesNotShipped, Reason: "the line has not shipped: its entitlement does not exist yet", Until: l.ShipDate, Subject: subject}
	}
	return rule.Verdict{Allowed: true, Rules: rulesVisible, Reason: "the contact shares an account with the order", Subject: subject}
}
