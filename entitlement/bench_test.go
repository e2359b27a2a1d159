package entitlement

import (
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
	c := Contact{ID: "C", Accounts: []string{"OTHER", "PARTNER-7"}}
	b.ReportAllocs()
	for b.Loop() {
		if v := o.View(c, "L1", ship); !v.Allowed {
			b.Fatal(v.Err())
		}
	}
}
