package rule_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
	"pgregory.net/rapid"
)

// rulesFile is spec/RULES.md beside the repository, when it is there.
var rulesFile = filepath.Join("..", "..", "..", "shared", "spec", "RULES.md")

func TestCatalogMatchesRulesFile(t *testing.T) {
	data, err := os.ReadFile(rulesFile)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s is not beside the repository", rulesFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| ([A-Z]+-[A-Z0-9-]+) \|`)
	seed := regexp.MustCompile(`(?m)^## .*\(seed ([0-9a-f_]+\.txt)\)`)
	inFile := map[string]string{}
	sections := seed.FindAllSubmatchIndex(data, -1)
	for _, m := range row.FindAllSubmatchIndex(data, -1) {
		name := string(data[m[2]:m[3]])
		src := ""
		for _, s := range sections {
			if s[0] < m[0] {
				src = string(data[s[2]:s[3]])
			}
		}
		inFile[name] = src
	}
	if len(inFile) == 0 {
		t.Fatalf("no rule rows found in %s", rulesFile)
	}
	inCatalog := map[string]bool{}
	for _, id := range rule.All() {
		inCatalog[id.String()] = true
		src, ok := inFile[id.String()]
		if !ok {
			t.Errorf("catalog has %s, which %s does not name", id, rulesFile)
			continue
		}
		if id.Source() != src {
			t.Errorf("%s: source %s, RULES.md says %s", id, id.Source(), src)
		}
	}
	for name := range inFile {
		if !inCatalog[name] {
			t.Errorf("%s names %s, which the catalog lacks", rulesFile, name)
		}
	}
}

func TestEveryIDHasAStatementAndRoundTrips(t *testing.T) {
	for _, id := range rule.All() {
		if id.Statement() == "" || id.Source() == "" {
			t.Errorf("%s has no statement or source", id)
		}
		text, err := id.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back rule.ID
		if err := back.UnmarshalText(text); err != nil || back != id {
			t.Errorf("%s round-trips to %v, %v", id, back, err)
		}
	}
}

func TestParseRejectsUnknownNamesListingKnownOnes(t *testing.T) {
	_, err := rule.Parse("LIC-PORTABLE")
	if err == nil {
		t.Fatal("unknown ID parsed")
	}
	if want := `"LIC-PORTABLE"`; !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(err.Error()) ||
		!regexp.MustCompile(`LIC-PORT,`).MatchString(err.Error()) {
		t.Errorf("error %q should name the value and list the valid IDs", err)
	}
	var ne *rule.NameError
	if !errors.As(err, &ne) || ne.Name != "LIC-PORTABLE" || len(ne.Valid) != len(rule.All()) {
		t.Errorf("error %#v should be a *rule.NameError listing every ID", err)
	}
	var zero rule.ID
	if zero.IsValid() {
		t.Error("zero ID is valid")
	}
	if _, err := zero.MarshalText(); err == nil {
		t.Error("zero ID marshals")
	}
}

func TestViolationIsMatchesEveryCitedRule(t *testing.T) {
	v := rule.Errorf([]rule.ID{rule.LicSubExpiry, rule.LicRenew}, "L1", "subscription %s expired", "L1")
	err := fmt.Errorf("use: %w", v)
	if !errors.Is(err, rule.LicSubExpiry) || !errors.Is(err, rule.LicRenew) {
		t.Error("errors.Is misses a cited rule")
	}
	if errors.Is(err, rule.LicPort) {
		t.Error("errors.Is matches a rule not cited")
	}
	var got *rule.Violation
	if !errors.As(err, &got) || got.Subject != "L1" {
		t.Fatalf("errors.As = %v", got)
	}
	if want := "LIC-SUB-EXPIRY, LIC-RENEW: subscription L1 expired"; v.Error() != want {
		t.Errorf("Error() = %q, want %q", v.Error(), want)
	}
}

func TestMergeNamesEveryRuleOnceInOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		all := rule.All()
		n := rapid.IntRange(0, 5).Draw(t, "n")
		var vs []*rule.Violation
		var want []rule.ID
		for i := range n {
			ids := rapid.SliceOfN(rapid.SampledFrom(all), 1, 3).Draw(t, fmt.Sprint("ids", i))
			vs = append(vs, rule.Errorf(ids, "s", "r%d", i))
			for _, id := range ids {
				if !slices.Contains(want, id) {
					want = append(want, id)
				}
			}
		}
		got := rule.Merge(vs...)
		if n == 0 {
			if got != nil {
				t.Fatalf("Merge() = %v, want nil", got)
			}
			return
		}
		if !slices.Equal(got.Rules.IDs(), want) {
			t.Fatalf("Merge rules = %v, want %v", got.Rules.IDs(), want)
		}
		if vs[0].Rules.IDs()[0] != got.Rules.IDs()[0] {
			t.Fatal("Merge changed the first violation")
		}
	})
}

func TestObligationKindsRoundTrip(t *testing.T) {
	names := []string{"alarm", "syslog", "warning", "email", "entitlement", "invoice", "deadline", "notice", "clawback", "advisory"}
	for _, name := range names {
		var k rule.ObligationKind
		if err := k.UnmarshalText([]byte(name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if text, err := k.MarshalText(); err != nil || string(text) != name {
			t.Errorf("%s round-trips to %q, %v", name, text, err)
		}
	}
	if _, err := rule.ParseObligationKind("alert"); err == nil {
		t.Error("unknown obligation kind parsed")
	}
}

func FuzzParse(f *testing.F) {
	for _, id := range rule.All() {
		f.Add(id.String())
	}
	f.Add("LIC-")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := rule.Parse(s)
		if err != nil {
			return
		}
		if id.String() != s {
			t.Fatalf("Parse(%q) = %v", s, id)
		}
	})
}

func FuzzParseObligationKind(f *testing.F) {
	f.Add("alarm")
	f.Add("clawback")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := rule.ParseObligationKind(s)
		if err != nil {
			return
		}
		if k.String() != s {
			t.Fatalf("ParseObligationKind(%q) = %v", s, k)
		}
	})
}

// TestValidIDsAndKindsAreExactlyTheCatalogs: "The zero kind is invalid",
// the zero ID too, and so is the value just past the last of each list:
// IsValid admits the catalog and nothing either side of it.
func TestValidIDsAndKindsAreExactlyTheCatalogs(t *testing.T) {
	ids := rule.All()
	first, last := ids[0], ids[len(ids)-1]
	for _, c := range []struct {
		id    rule.ID
		valid bool
	}{{0, false}, {first, true}, {last, true}, {last + 1, false}} {
		if c.id.IsValid() != c.valid {
			t.Errorf("ID(%d).IsValid() = %v, want %v", c.id, !c.valid, c.valid)
		}
	}
	for _, c := range []struct {
		k     rule.ObligationKind
		valid bool
	}{{0, false}, {rule.Alarm, true}, {rule.Advisory, true}, {rule.Advisory + 1, false}} {
		if c.k.IsValid() != c.valid {
			t.Errorf("ObligationKind(%d).IsValid() = %v, want %v", c.k, !c.valid, c.valid)
		}
		if _, err := c.k.MarshalText(); (err == nil) != c.valid {
			t.Errorf("ObligationKind(%d).MarshalText() error %v, want one only when invalid", c.k, err)
		}
	}
}

// TestListAppendJSONIsMarshalJSONAfterThePrefix: a writer of a larger JSON
// value gets the list's own encoding, after what it has written so far.
func TestListAppendJSONIsMarshalJSONAfterThePrefix(t *testing.T) {
	for _, l := range []rule.List{{}, rule.ListOf(rule.LicPort), rule.ListOf(rule.CrdStatement, rule.LicRenew, rule.TmipSwap)} {
		whole, err := l.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.AppendJSON([]byte(`{"rules":`))
		if err != nil || string(got) != `{"rules":`+string(whole) {
			t.Errorf("%v: AppendJSON = %s, %v; want the prefix and %s", l, got, err, whole)
		}
	}
	if b, _ := rule.ListOf(rule.LicPort).MarshalJSON(); string(b) != `["LIC-PORT"]` {
		t.Errorf(`MarshalJSON = %s, want ["LIC-PORT"]`, b)
	}
}

// TestObligationsHoldWhatTheyAreGivenAndEqualIsEqualContent: a list reads
// back every obligation as given (instants equal, in UTC), and two lists
// are == exactly when they hold equal obligations in the same order.
func TestObligationsHoldWhatTheyAreGivenAndEqualIsEqualContent(t *testing.T) {
	draw := func(t *rapid.T, label string) []rule.Obligation {
		return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) rule.Obligation {
			o := rule.Obligation{
				Kind:    rule.ObligationKind(rapid.IntRange(0, 3).Draw(t, "kind")),
				Rule:    rule.ID(rapid.IntRange(0, 3).Draw(t, "rule")),
				Subject: rapid.SampledFrom([]string{"", "L1", "L2", "SO1/L1/1"}).Draw(t, "subject"),
			}
			if rapid.Bool().Draw(t, "due") {
				loc := time.FixedZone("x", 3600*rapid.IntRange(-2, 2).Draw(t, "zone"))
				o.Due = time.Unix(rapid.Int64Range(-62135596800, 253402300799).Draw(t, "sec"), rapid.Int64Range(0, 2).Draw(t, "nsec")).In(loc)
			}
			return o
		}), 0, 4).Draw(t, label)
	}
	rapid.Check(t, func(t *rapid.T) {
		a, b := draw(t, "a"), draw(t, "b")
		la, lb := rule.ObligationsOf(a...), rule.ObligationsOf(b...)
		if la.Len() != len(a) {
			t.Fatalf("Len = %d, want %d", la.Len(), len(a))
		}
		for i, o := range a {
			got := la.At(i)
			if !got.Equal(o) || (!o.Due.IsZero() && got.Due.Location() != time.UTC) {
				t.Fatalf("At(%d) = %+v, want %+v in UTC", i, got, o)
			}
		}
		same := slices.EqualFunc(a, b, rule.Obligation.Equal)
		if (la == lb) != same || la.Equal(lb) != same {
			t.Fatalf("%v == %v is %v, want %v", a, b, la == lb, same)
		}
	})
}
