package entitlement

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

var (
	accountPool = []string{"A1", "A2", "A3", "A4", "A5", "P1", "P2"}
	mailPool    = []string{"ops@acme.example", "lic@partner.example", "noc@isp.example", "a.b+c@x.example"}
	productPool = []string{"MX", "PTX", "vSRX", "Contrail", "Northstar Controller", "ATP Appliance"}
	base        = day("2024-01-01")
)

func genInstant(t *rapid.T, label string) time.Time {
	// Around the ship dates, to the nanosecond, so boundaries get hit.
	return base.Add(time.Duration(rapid.Int64Range(0, int64(800*24*time.Hour)).Draw(t, label)))
}

func genAccounts(t *rapid.T, label string, min int) []string {
	return rapid.SliceOfNDistinct(rapid.SampledFrom(accountPool), min, len(accountPool), rapid.ID[string]).Draw(t, label)
}

func genLine(t *rapid.T, id string) Line {
	l := Line{
		ID:       id,
		Product:  rapid.SampledFrom(productPool).Draw(t, "product"),
		Tier:     license.Tier(rapid.IntRange(1, 3).Draw(t, "tier")),
		Features: rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"bgp", "mpls", "vsys", "firewall"}), 1, 4, rapid.ID[string]).Draw(t, "features"),
		Quantity: rapid.IntRange(1, 20).Draw(t, "quantity"),
		// Ship dates fall on whole days or anywhere: both are instants.
		ShipDate: genInstant(t, "ship"),
	}
	if rapid.Bool().Draw(t, "perpetual") {
		l.Kind = license.Perpetual
	} else {
		l.Kind = license.Subscription
		l.TermYears = rapid.SampledFrom([]int{1, 3, 5}).Draw(t, "years")
		l.Renewal = rapid.Bool().Draw(t, "renewal")
	}
	return l
}

// genEmails draws addresses from a pool with random case and repeats.
func genEmails(t *rapid.T) []string {
	n := rapid.IntRange(1, 8).Draw(t, "emails")
	out := make([]string, n)
	for i := range out {
		a := rapid.SampledFrom(mailPool).Draw(t, "email")
		if rapid.Bool().Draw(t, "upper") {
			a = strings.ToUpper(a)
		}
		out[i] = a
	}
	return out
}

func genOrder(t *rapid.T, id string) Order {
	n := rapid.IntRange(1, 4).Draw(t, "lines")
	spec := OrderSpec{ID: id, Accounts: genAccounts(t, "accounts", 1), Emails: genEmails(t)}
	for i := range n {
		spec.Lines = append(spec.Lines, genLine(t, "L"+string(rune('1'+i))))
	}
	o, err := DefaultProgram().NewOrder(spec)
	if err != nil {
		t.Fatalf("generated order refused: %v", err)
	}
	return o
}

func TestFulfilmentCreatesQuantityEntitlementsPerLine(t *testing.T) {
	// ENT-AUTO: one entitlement per line and unit; ENT-HERITAGE: none.
	env := DefaultProgram()
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t, "SO1")
		for _, l := range o.Lines() {
			f := o.Fulfil(l.ID, l.ShipDate.Add(time.Duration(rapid.Int64Range(0, 1e18).Draw(t, "after"))))
			want := l.Quantity
			if env.IsHeritage(l.Product) {
				want = 0
			}
			if !f.Allowed || len(f.Entitlements()) != want || len(f.Obligations.Slice()) != want+len(f.Emails()) {
				t.Fatalf("line %s (%s x%d): allowed %v, %d entitlements, %d obligations", l.ID, l.Product, l.Quantity, f.Allowed, len(f.Entitlements()), len(f.Obligations.Slice()))
			}
			seen := map[string]bool{}
			for u, e := range f.Entitlements() {
				if seen[e.ID] || e.Unit != u+1 || e.Line != l.ID || !e.Start.Equal(l.ShipDate) {
					t.Fatalf("entitlement %+v", e)
				}
				seen[e.ID] = true
				// ENT-GRACE: the end is the license's: years, plus grace when initial.
				if (l.Kind == license.Perpetual) != e.End.IsZero() {
					t.Fatalf("perpetual %v with end %v", l.Kind, e.End)
				}
			}
		}
	})
}

func TestOneEmailPerDistinctAddress(t *testing.T) {
	// ENT-EMAIL: every address once, whatever the order or repeats.
	env := DefaultProgram()
	rapid.Check(t, func(t *rapid.T) {
		emails := genEmails(t)
		spec := OrderSpec{ID: "SO1", Accounts: []string{"A1"}, Emails: emails, Lines: []Line{genLine(t, "L1")}}
		shuffled := rapid.Permutation(emails).Draw(t, "shuffled")
		spec2 := spec
		spec2.Emails = append(shuffled, shuffled[:rapid.IntRange(0, len(shuffled)).Draw(t, "repeats")]...)
		a := env.MustNewOrder(spec).Fulfil("L1", spec.Lines[0].ShipDate)
		b := env.MustNewOrder(spec2).Fulfil("L1", spec.Lines[0].ShipDate)
		distinct := map[string]bool{}
		for _, e := range emails {
			distinct[strings.ToLower(e)] = true
		}
		if len(a.Emails()) != len(distinct) {
			t.Fatalf("%d emails for %d distinct addresses in %v", len(a.Emails()), len(distinct), emails)
		}
		for _, m := range a.Emails() {
			if !distinct[m.To] {
				t.Fatalf("email to %q, not an address of the order", m.To)
			}
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("reordering or repeating addresses changed fulfilment:\n%+v\n%+v", a.Emails(), b.Emails())
		}
	})
}

func TestContactSeesIfAndOnlyIfTheyShareAnAccount(t *testing.T) {
	// ENT-VISIBLE, ENT-ORDER, against a brute-force set intersection.
	env := DefaultProgram()
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t, "SO1")
		c := MustNewContact("C1", genAccounts(t, "contact", 0))
		shared := false
		for _, a := range c.Accounts() {
			for _, b := range o.Accounts() {
				shared = shared || a == b
			}
		}
		for _, l := range o.Lines() {
			at := l.ShipDate.Add(time.Duration(rapid.Int64Range(0, 1e17).Draw(t, "after")))
			for _, e := range o.Fulfil(l.ID, at).Entitlements() {
				if c.Sees(e) != shared {
					t.Fatalf("contact %v sees %v: %v, shared %v", c.Accounts(), e.Accounts, c.Sees(e), shared)
				}
			}
			v := o.View(c, l.ID, at)
			if want := shared && !env.IsHeritage(l.Product); v.Allowed != want {
				t.Fatalf("view of %s by %v: %+v, want allowed %v", l.ID, c.Accounts(), v, want)
			}
		}
	})
}

func TestInvisibleRefusalRevealsNothing(t *testing.T) {
	// ENT-VISIBLE: to a contact sharing no account, every question gets the
	// same answer, whatever the order, the line, or the instant.
	rapid.Check(t, func(t *rapid.T) {
		a, b := genOrder(t, "SO1"), genOrder(t, rapid.SampledFrom([]string{"SO1", "SO2"}).Draw(t, "id2"))
		var mine []string
		for _, x := range accountPool {
			if !slices.Contains(a.Accounts(), x) && !slices.Contains(b.Accounts(), x) {
				mine = append(mine, x)
			}
		}
		c := MustNewContact("C1", mine)
		line := func(o Order) string {
			return rapid.SampledFrom(append(slices.Collect(func(yield func(string) bool) {
				for _, l := range o.Lines() {
					if !yield(l.ID) {
						return
					}
				}
			}), "L9")).Draw(t, "line")
		}
		va := a.View(c, line(a), genInstant(t, "at1"))
		vb := b.View(c, line(b), genInstant(t, "at2"))
		if !reflect.DeepEqual(va, vb) || va.Err().Error() != vb.Err().Error() {
			t.Fatalf("refusals differ:\n%+v\n%+v", va, vb)
		}
		if va.Allowed || va.Err().Error() != "ENT-VISIBLE: C1: the entitlement is not visible to this contact" {
			t.Fatalf("refusal %q", va.Err())
		}
	})
}

func TestFulfillingTwiceGivesEqualResults(t *testing.T) {
	// ENT-AUTO: the same records, never a second set.
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t, "SO1")
		l := rapid.SampledFrom(o.Lines()).Draw(t, "line")
		at1, at2 := genInstant(t, "at1"), genInstant(t, "at2")
		if !reflect.DeepEqual(o.Fulfil(l.ID, at1), o.Fulfil(l.ID, at1)) {
			t.Fatal("fulfilling twice at one instant differs")
		}
		if !at1.Before(l.ShipDate) && !at2.Before(l.ShipDate) && !reflect.DeepEqual(o.Fulfil(l.ID, at1), o.Fulfil(l.ID, at2)) {
			t.Fatal("fulfilling at two instants after shipping differs")
		}
	})
}

// checkUntil checks the Until promise of answer at at: the same answer on
// [at, Until) (at at, 1ns before Until and in between) and a different one
// at Until; for Until zero, the same answer later.
func checkUntil[T any](t *rapid.T, at time.Time, until func(T) time.Time, ask func(time.Time) T) {
	first := ask(at)
	u := until(first)
	if u.IsZero() {
		for _, later := range []time.Time{at.Add(time.Nanosecond), at.Add(time.Duration(rapid.Int64Range(0, 1e18).Draw(t, "later")))} {
			if !reflect.DeepEqual(ask(later), first) {
				t.Fatalf("answer at %v holds for good, but differs at %v", at, later)
			}
		}
		return
	}
	if !u.After(at) {
		t.Fatalf("until %v is not after %v", u, at)
	}
	mid := at.Add(time.Duration(rapid.Int64Range(0, int64(u.Sub(at))-1).Draw(t, "mid")))
	for _, s := range []time.Time{u.Add(-time.Nanosecond), mid} {
		if !reflect.DeepEqual(ask(s), first) {
			t.Fatalf("answer at %v differs from the one at %v, before until %v", s, at, u)
		}
	}
	if reflect.DeepEqual(ask(u), first) {
		t.Fatalf("answer at until %v is the one at %v", u, at)
	}
}

func TestFulfilmentUntilIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t, "SO1")
		l := rapid.SampledFrom(o.Lines()).Draw(t, "line")
		checkUntil(t, genInstant(t, "at"), func(f Fulfilment) time.Time { return f.Until },
			func(at time.Time) Fulfilment { return o.Fulfil(l.ID, at) })
	})
}

func TestViewUntilIsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t, "SO1")
		l := rapid.SampledFrom(o.Lines()).Draw(t, "line")
		c := MustNewContact("C1", genAccounts(t, "contact", 0))
		checkUntil(t, genInstant(t, "at"), func(v rule.Verdict) time.Time { return v.Until },
			func(at time.Time) rule.Verdict { return o.View(c, l.ID, at) })
	})
}
