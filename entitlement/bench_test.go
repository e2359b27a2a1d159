package entitlement

import (
	"strconv"
	"testing"
)

func BenchmarkFulfil(b *testing.B) {
	o := sampleOrder(b)
	b.ReportAllocs()
	for b.Loop() {
		if f := o.Fulfil("L1", ship); !f.Allowed {
			b.Fatal(f.Err())
		}
	}
}

func BenchmarkView(b *testing.B) {
	o := sampleOrder(b)
	c := MustNewContact("C", []string{"OTHER", "PARTNER-7"})
	b.ReportAllocs()
	for b.Loop() {
		if v := o.View(c, "L1", ship); !v.Allowed {
			b.Fatal(v.Err())
		}
	}
}

// bigLineOrder is an order with one line of the most units the default
// terms allow, issue 18's 10,000-unit line.
func bigLineOrder(tb testing.TB) Order {
	tb.Helper()
	spec := sampleSpec()
	spec.Lines = spec.Lines[:1]
	spec.Lines[0].Quantity = DefaultTerms().MaxLineQuantity
	o, err := DefaultProgram().NewOrder(spec)
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// BenchmarkFulfilBigLineAgain is one of issue 18's 40,000 fulfilLine checks
// of a 10,000-unit line: after the first, each costs nothing of the
// quantity.
func BenchmarkFulfilBigLineAgain(b *testing.B) {
	o := bigLineOrder(b)
	o.Fulfil("L1", ship)
	b.ReportAllocs()
	for b.Loop() {
		if f := o.Fulfil("L1", ship); !f.Allowed {
			b.Fatal(f.Err())
		}
	}
}

// BenchmarkFulfilBigLineFirst is the first fulfilment of a 10,000-unit
// line, which builds its records: linear in the quantity, once.
func BenchmarkFulfilBigLineFirst(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		o := bigLineOrder(b)
		b.StartTimer()
		if f := o.Fulfil("L1", ship); !f.Allowed {
			b.Fatal(f.Err())
		}
	}
}

// distinctNames returns n distinct names.
func distinctNames(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + strconv.Itoa(i)
	}
	return out
}

// Issue 18 finding 3: 100,000 accounts, features, heritage products or
// contact accounts took 8-75 s to check for repeats.
func BenchmarkNewOrderOf100000AccountsAndFeatures(b *testing.B) {
	spec := sampleSpec()
	spec.Accounts = distinctNames("A", 100_000)
	spec.Lines[0].Features = distinctNames("f", 100_000)
	p := DefaultProgram()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.NewOrder(spec); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewContactOf100000Accounts(b *testing.B) {
	accounts := distinctNames("A", 100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewContact("C", accounts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddHeritageOf100000(b *testing.B) {
	names := distinctNames("H", 100_000)
	b.ReportAllocs()
	for b.Loop() {
		c, err := DefaultCatalog().AddHeritage(names...)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewOf100000Accounts is a contact and an order of 100,000
// accounts each sharing only the last: linear, not their product.
func BenchmarkViewOf100000Accounts(b *testing.B) {
	spec := sampleSpec()
	spec.Accounts = distinctNames("A", 100_000)
	o := DefaultProgram().MustNewOrder(spec)
	c := MustNewContact("C", append(distinctNames("B", 100_000-1), "A99999"))
	b.ReportAllocs()
	for b.Loop() {
		if v := o.View(c, "L1", ship); !v.Allowed {
			b.Fatal(v.Err())
		}
	}
}
