package credits

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// TestProgramTermsAreACopy: "blocks are a term parameter" (CRD-BLOCKS), and
// a program's are its own: editing the terms given to NewProgram, or the
// ones Terms returns, changes no answer.
func TestProgramTermsAreACopy(t *testing.T) {
	terms := DefaultTerms()
	p, err := NewProgram(terms)
	if err != nil {
		t.Fatal(err)
	}
	at := instant(t, "2025-01-05T00:00:00Z")
	terms.Professional.Blocks[0] = dec("7") // 37 = 25+10+1+1 needs the 1
	got := p.Terms()
	got.Professional.Blocks[0] = dec("7")
	got.Professional.MinOrder = dec("1000")
	if _, err := asError(p.CheckPurchase(Professional, local("37"), at)); err != nil {
		t.Fatalf("37 credits after editing copies of the terms: %v", err)
	}
	if !p.Terms().Professional.Blocks[0].Equal(dec("1")) {
		t.Fatalf("Terms() = %v, want the blocks given", p.Terms().Professional.Blocks)
	}
}

func TestProgramEqualComparesTermsByValue(t *testing.T) {
	a, _ := NewProgram(DefaultTerms())
	b, _ := NewProgram(DefaultTerms())
	other := DefaultTerms()
	other.Flexible.ValidityMonths = 6
	c, _ := NewProgram(other)
	var zero Program
	for _, tc := range []struct {
		name string
		p, q Program
		want bool
	}{
		{"same terms", a, b, true},
		{"itself", a, a, true},
		{"another validity", a, c, false},
		{"zero and a program", zero, a, false},
		{"a program and zero", a, zero, false},
		{"zero and zero", zero, zero, true},
	} {
		if got := tc.p.Equal(tc.q); got != tc.want {
			t.Errorf("%s: Equal = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestNilAndZeroValuesFailClosed: a program, ledger or nothing a caller
// forgot to build answers with an error that says what is missing, never a
// confident answer and never a panic.
func TestNilAndZeroValuesFailClosed(t *testing.T) {
	at := instant(t, "2025-04-01T00:00:00Z")
	q, _ := ParseQuarter("2025-Q1")
	call := CallOff{Credits: dec("5"), Engagement: fixed(Design)}
	for name, p := range map[string]Program{"zero Program": {}} {
		if _, err := asError(p.CheckPurchase(Professional, local("10"), at)); err == nil || !strings.Contains(err.Error(), "NewProgram") {
			t.Errorf("%s: CheckPurchase error %v, want one naming NewProgram", name, err)
		}
		if l, err := p.NewLedger(Account{ID: "a", Kind: Professional}, nil, nil); err == nil || l.IsValid() {
			t.Errorf("%s: NewLedger = %v, %v, want an error", name, l, err)
		}
		if got := p.Terms(); got.Professional.Blocks != nil {
			t.Errorf("%s: Terms() = %+v, want the zero Terms", name, got)
		}
	}
	for name, l := range map[string]Ledger{"zero Ledger": {}} {
		want := "Program.NewLedger"
		if _, err := asError(l.CheckCallOff(call, at)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: CheckCallOff error %v, want one naming %s", name, err, want)
		}
		if _, err := l.Balance(at); err == nil {
			t.Errorf("%s: Balance without an error", name)
		}
		if _, err := l.Statement(q, at); err == nil {
			t.Errorf("%s: Statement without an error", name)
		}
		if _, err := l.WithPurchase(Purchase{ID: "p", At: at, Order: local("10")}); err == nil {
			t.Errorf("%s: WithPurchase without an error", name)
		}
		if _, err := l.WithCallOff(CallOffRecord{At: at, CallOff: call}); err == nil {
			t.Errorf("%s: WithCallOff without an error", name)
		}
		if l.Program().IsValid() || l.Account() != (Account{}) {
			t.Errorf("%s: Program %v, Account %v, want none", name, l.Program(), l.Account())
		}
	}
}

// TestHistoryErrorNamesTheEntry: a refused history names the entry by its
// list, its index as given (not its place in time) and its ID, and the rule
// it broke stays reachable (CRD-VALIDITY: "credits are used within 12
// months of purchase").
func TestHistoryErrorNamesTheEntry(t *testing.T) {
	feb, mar := instant(t, "2025-02-01T00:00:00Z"), instant(t, "2025-03-01T00:00:00Z")
	buy := func(id, n string, at time.Time) Purchase { return Purchase{ID: id, At: at, Order: local(n)} }
	use := func(n string, at time.Time) CallOffRecord {
		return CallOffRecord{At: at, CallOff: CallOff{Credits: dec(n), Engagement: fixed(Design)}}
	}
	for _, c := range []struct {
		name      string
		purchases []Purchase
		callOffs  []CallOffRecord
		want      HistoryError
		rule      rule.ID // 0: no rule
	}{
		{"the later call-off given first overspends", []Purchase{buy("po-1", "10", feb)},
			[]CallOffRecord{use("6", mar.Add(time.Hour)), use("5", mar)},
			HistoryError{Account: "a", Entry: "callOffs", Index: 0, At: mar.Add(time.Hour)}, rule.CrdValidity},
		{"a purchase under the minimum", []Purchase{buy("po-1", "10", feb), buy("po-2", "5", mar)}, nil,
			HistoryError{Account: "a", Entry: "purchases", Index: 1, ID: "po-2", At: mar}, rule.CrdMinOrder},
		{"a repeated ID", []Purchase{buy("po-1", "10", feb), buy("po-1", "10", mar)}, nil,
			HistoryError{Account: "a", Entry: "purchases", Index: 1, ID: "po-1", At: mar}, 0},
		{"a call-off without instant", []Purchase{buy("po-1", "10", feb)}, []CallOffRecord{use("5", mar), use("5", time.Time{})},
			HistoryError{Account: "a", Entry: "callOffs", Index: 1}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := newLedger(DefaultTerms(), Account{"a", Professional}, c.purchases, c.callOffs)
			var h *HistoryError
			if !errors.As(err, &h) {
				t.Fatalf("error %v is no *HistoryError", err)
			}
			got := *h
			got.Err = nil
			if got != c.want {
				t.Fatalf("history error %+v, want %+v", got, c.want)
			}
			var v *rule.Violation
			if isViolation := errors.As(err, &v); isViolation != (c.rule != 0) || (c.rule != 0 && !errors.Is(err, c.rule)) {
				t.Fatalf("error %v: violation %v, want rule %v", err, isViolation, c.rule)
			}
			if strings.Contains(err.Error(), "%!") {
				t.Fatalf("error %q has a formatting mistake", err)
			}
		})
	}
}

// TestBadKindsAndBlocksNameTheValidOnes: a refusal among a short list of
// values names them.
func TestBadKindsAndBlocksNameTheValidOnes(t *testing.T) {
	p, _ := NewProgram(DefaultTerms())
	at := instant(t, "2025-01-05T00:00:00Z")
	_, err := asError(p.CheckPurchase(0, local("10"), at))
	if err == nil || !strings.Contains(err.Error(), "professional or flexible") || strings.Contains(err.Error(), "%!") {
		t.Errorf("unknown kind: %v, want the kinds named", err)
	}
	// "blocks of 1, 10, 25 and 50" (CRD-BLOCKS)
	_, err = asError(p.CheckPurchase(Professional, local("10.5"), at))
	if err == nil || !strings.Contains(err.Error(), "1, 10, 25, 50") {
		t.Errorf("10.5 credits: %v, want the blocks named", err)
	}
}

// distinctBlocks are n blocks from the smallest up, as a hostile scenario
// file's creditBlocks would give them.
func distinctBlocks(n, smallest int) []decimal.Decimal {
	bs := make([]decimal.Decimal, n)
	for i := range bs {
		bs[i] = decimal.NewFromInt(int64(smallest + i))
	}
	return bs
}

// TestBlocksOverTheCapAreRefusedNamingIt: the blocks check's cost grows
// with the number of blocks times the smallest, so terms with more than 100
// blocks are refused, by an error naming the cap, before any table is
// built. 10,000 and 100,000 blocks once took 65 s and ran out of memory.
func TestBlocksOverTheCapAreRefusedNamingIt(t *testing.T) {
	for _, n := range []int{101, 10_000, 100_000} {
		terms := DefaultTerms()
		terms.Professional.Blocks = distinctBlocks(n, 2)
		_, err := NewProgram(terms)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("has %d blocks, over the cap of at most 100", n)) {
			t.Errorf("%d blocks: %v, want a refusal naming the cap", n, err)
		}
	}
	terms := DefaultTerms()
	terms.Professional.Blocks = distinctBlocks(100, 10_000) // the largest table under the caps
	p, err := NewProgram(terms)
	if err != nil {
		t.Fatal(err)
	}
	at := instant(t, "2025-01-05T00:00:00Z")
	for n, want := range map[string]bool{"10000": true, "20198": true, "10100": false, "20199": false, "30297": true, "19999": false} {
		if _, err := asError(p.CheckPurchase(Professional, local(n), at)); (err == nil) != want {
			t.Errorf("%s credits under blocks 10000..10099: allowed %v, want %v (%v)", n, err == nil, want, err)
		}
	}
}
