package policy

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/wire"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// marshalThroughEncodingJSON is how MarshalJSON wrote a decision before it
// wrote one by hand: through jsonDecision and json.Marshal.
func marshalThroughEncodingJSON(d Decision) ([]byte, error) {
	if !wire.Writable(d.Until) {
		return nil, errUnwritable
	}
	j := jsonDecision{Outcome: d.Outcome, Rules: d.Rules, Reason: d.Reason, Until: formatInstant(d.Until),
		Obligations: []jsonObligation{}, Values: map[string]string{}}
	for o := range d.Obligations.All() {
		jo := jsonObligation{Kind: o.Kind, Rule: o.Rule, Subject: o.Subject}
		if !o.Due.IsZero() {
			if !wire.Writable(o.Due) {
				return nil, errUnwritable
			}
			jo.Due = formatInstant(o.Due)
		}
		j.Obligations = append(j.Obligations, jo)
	}
	for _, v := range d.Values {
		j.Values[v.Name] = v.Amount.String()
	}
	return json.Marshal(j)
}

var errUnwritable = errors.New("an instant RFC 3339 cannot write")

// anyText draws strings that need every kind of JSON escape: quotes,
// control characters, HTML, U+2028 and invalid UTF-8.
func anyText() *rapid.Generator[string] {
	return rapid.OneOf(rapid.SampledFrom([]string{"", "a", "b", "balance", "<&>", "\u2028", "\xff", "\"\\\n\t\x01"}),
		rapid.String(), rapid.Map(rapid.SliceOf(rapid.Byte()), func(b []byte) string { return string(b) }))
}

func anyInstant() *rapid.Generator[time.Time] {
	return rapid.OneOf(rapid.Just(time.Time{}), rapid.Custom(func(t *rapid.T) time.Time {
		return time.Unix(rapid.Int64Range(-62_200_000_000, 253_500_000_000).Draw(t, "sec"),
			rapid.Int64Range(0, 999_999_999).Draw(t, "ns")).In(time.FixedZone("", rapid.IntRange(-50_000, 50_000).Draw(t, "zone")))
	}))
}

// TestDecisionJSONIsWhatEncodingJSONWrote holds MarshalJSON to the bytes,
// or the refusal, of json.Marshal over jsonDecision, for any decision a
// caller can build: invalid outcomes and kinds, values out of order or
// named twice, instants RFC 3339 cannot write.
func TestDecisionJSONIsWhatEncodingJSONWrote(t *testing.T) {
	ids := rule.All()
	rapid.Check(t, func(t *rapid.T) {
		d := Decision{
			Outcome: Outcome(rapid.IntRange(0, 2).Draw(t, "outcome")),
			Rules:   rule.ListOf(rapid.SliceOfN(rapid.SampledFrom(ids), 0, 4).Draw(t, "rules")...),
			Reason:  anyText().Draw(t, "reason"),
			Until:   anyInstant().Draw(t, "until"),
		}
		var obl rule.ObligationsBuilder
		for range rapid.IntRange(0, 3).Draw(t, "obligations") {
			obl.Add(rule.Obligation{Kind: rule.ObligationKind(rapid.IntRange(0, 6).Draw(t, "kind")),
				Rule: rapid.SampledFrom(ids).Draw(t, "rule"), Due: anyInstant().Draw(t, "due"),
				Subject: anyText().Draw(t, "subject")})
		}
		d.Obligations = obl.List()
		for range rapid.IntRange(0, 4).Draw(t, "values") {
			d.Values = append(d.Values, Value{Name: anyText().Draw(t, "name"),
				Amount: decimal.New(rapid.Int64().Draw(t, "coefficient"), int32(rapid.IntRange(-20, 3).Draw(t, "exp")))})
		}
		got, err := d.MarshalJSON()
		want, wantErr := marshalThroughEncodingJSON(d)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%#v: error %v, encoding/json's %v", d, err, wantErr)
		}
		if string(got) != string(want) {
			t.Fatalf("%#v:\n got %s\nwant %s", d, got, want)
		}
	})
}

func BenchmarkDecisionJSON(b *testing.B) {
	d := Decision{Outcome: Allow, Rules: rule.ListOf(rule.CrdStatement), Reason: "statement of account ACME-1 for 2025-Q3: 100 credits purchased, 10 used, 0 expired, 90 available",
		Until:       time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Values:      []Value{{"available", decimal.New(90, 0)}, {"expired", decimal.Zero}, {"purchased", decimal.New(100, 0)}, {"used", decimal.New(10, 0)}},
		Obligations: rule.ObligationsOf(rule.Obligation{Kind: rule.Entitlement, Rule: rule.LicRenew, Subject: "L1 <bgp>"})}
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := d.MarshalJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := marshalThroughEncodingJSON(d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
