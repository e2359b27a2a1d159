package entitlement

import (
	"testing"
)

func BenchmarkFulfil(b *testing.B) {
	env := DefaultEnv()
	o := sampleOrder(b)
	b.ReportAllocs()
	for b.Loop() {
		if f := Fulfil(env, o, "L1", ship); !f.Allowed {
			b.Fatal(f.Err())
		}
	}
}

func BenchmarkView(b *testing.B) {
	env := DefaultEnv()
	o := sampleOrder(b)
	c := Contact{ID: "C", Accounts: []string{"OTHER", "PARTNER-7"}}
	b.ReportAllocs()
	for b.Loop() {
		if v := View(env, c, o, "L1", ship); !v.Allowed {
			b.Fatal(v.Err())
		}
	}
}
