package license_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// A License is a map key, as a netip.Addr is.
var _ map[license.License]bool

// TestLicenseIsAtMost96Bytes: "a small immutable value": a License is
// copied by every question and every request, so it stays within 96 bytes
// (it is one word: a pointer to what its program interned).
func TestLicenseIsAtMost96Bytes(t *testing.T) {
	if size := unsafe.Sizeof(license.License{}); size > 96 {
		t.Fatalf("a License is %d bytes, want at most 96", size)
	}
}

// valueCatalog has a platform with a second class, so that licenses differ
// by class too.
func valueCatalog() license.Catalog {
	c, err := license.DefaultCatalog().AddPlatform(license.PlatformSpec{Name: "MX", Family: license.Hardware, Class: "MX",
		Classes: []string{"MX-edge"}, Trial: license.TrialsOffered})
	if err != nil {
		panic(err)
	}
	return c
}

// choices draws the choices of a license: a's freely, b's mostly as a's,
// so that two draws are often alike and often differ in one thing.
type choices struct {
	t    *rapid.T
	of   map[string]int
	like map[string]int
}

func (c choices) pick(label string, n int) int {
	if prev, ok := c.like[label]; ok && rapid.IntRange(0, 7).Draw(c.t, label+"-same") > 0 {
		c.of[label] = prev
		return prev
	}
	v := rapid.IntRange(0, n-1).Draw(c.t, label)
	c.of[label] = v
	return v
}

// drawLicense draws a license from a space small enough that two draws are
// often alike: two IDs, devices, classes and platforms, feature lists in
// two orders, starts that are one instant in two zones or a nanosecond
// apart, capacities written three ways, and now and then a license moved,
// renewed or changed in tier, or the zero License.
func drawLicense(c choices, programs []license.Program) license.License {
	if c.pick("zero", 13) == 0 {
		return license.License{}
	}
	p := programs[c.pick("program", len(programs))]
	platform := []string{"MX", "QFX"}[c.pick("platform", 2)]
	class := ""
	if platform == "MX" {
		class = []string{"", "MX-edge"}[c.pick("class", 2)]
	}
	dev := p.MustNewDevice([]string{"d1", "d2"}[c.pick("serial", 2)], platform, class)
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(c.pick("ns", 2)))
	spec := license.Spec{
		ID:       []string{"L1", "L2"}[c.pick("id", 2)],
		Kind:     []license.Kind{license.Perpetual, license.Subscription, license.Trial}[c.pick("kind", 3)],
		Tier:     []license.Tier{license.Standard, license.Premium}[c.pick("tier", 2)],
		Platform: platform, Device: dev,
		Features: [][]string{{"bgp"}, {"bgp", "ospf"}, {"ospf", "bgp"}}[c.pick("features", 3)],
		Start:    base.In([]*time.Location{time.UTC, time.FixedZone("east", 3600)}[c.pick("zone", 2)]),
	}
	if capacity := []string{"", "100", "100.0", "1E2", "2.5"}[c.pick("capacity", 5)]; capacity != "" {
		spec.Capacity = decimal.NewNullDecimal(decimal.RequireFromString(capacity))
	}
	switch spec.Kind {
	case license.Subscription:
		spec.TermYears = []int{1, 3}[c.pick("term", 2)]
		spec.Renewal = c.pick("renewal", 2) == 1
	case license.Trial:
		spec.End = spec.Start.AddDate(0, 0, []int{20, 60}[c.pick("days", 2)])
	}
	l := p.MustNewLicense(spec)
	at := base.AddDate(0, 6, 0)
	switch c.pick("transition", 4) {
	case 1:
		to := p.MustNewDevice("d3", platform, class)
		if moved, v := l.Move(to, license.Rebalance, at); v.Allowed {
			l = moved
		}
	case 2:
		if renewed, v := l.Renew(1, at); v.Allowed {
			l = renewed
		}
	case 3:
		if changed, v := l.ChangeTier(license.Advanced, at); v.Allowed {
			l = changed
		}
	}
	return l
}

// answers is everything l's accessors and questions say, as text, but its
// Program, which compares as a handle.
func answers(l license.License) string {
	var b strings.Builder
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) + fmt.Sprint(t.IsZero()) }
	capacity := "none"
	if c := l.Capacity(); c.Valid {
		capacity = c.Decimal.String()
	}
	fmt.Fprintln(&b, l.IsValid(), l.ID(), l.Kind(), l.Tier(), l.Platform(), l.Class(), l.Device(), l.Features(), capacity,
		stamp(l.Start()), l.TermYears(), l.Initial(), stamp(l.TermEnd()), stamp(l.End()), stamp(l.WarningFrom()),
		l.Cost(), l.IncludesSupport(), l.HasFeature("bgp"), l.HasFeature("ospf"))
	for _, at := range []time.Time{time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 2, 5, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)} {
		s := l.StandingAt(at)
		fmt.Fprintln(&b, s.State, s.Allowed, s.Rules, s.Reason, stamp(s.Until), s.Obligations.Slice(), s.Subject)
		g := l.GrantsAt(at)
		fmt.Fprintln(&b, g.Features, g.Capacity)
	}
	return b.String()
}

// TestLicensesAreEqualExactlyWhenEveryAccessorAgrees: a == b reports the
// same license: true exactly when every accessor and every question answers
// alike and both were built under one Program.
func TestLicensesAreEqualExactlyWhenEveryAccessorAgrees(t *testing.T) {
	cat := valueCatalog()
	p := license.MustNewProgram(cat, license.DefaultTerms())
	programs := []license.Program{p, p, license.MustNewProgram(cat, license.DefaultTerms())}
	rapid.Check(t, func(t *rapid.T) {
		first := choices{t: t, of: map[string]int{}}
		a := drawLicense(first, programs)
		b := drawLicense(choices{t: t, of: map[string]int{}, like: first.of}, programs)
		agree := a.Program() == b.Program() && answers(a) == answers(b)
		if (a == b) != agree {
			t.Fatalf("a == b is %v, but the accessors agree: %v\na: %s\nb: %s", a == b, agree, answers(a), answers(b))
		}
		seen := map[license.License]bool{a: true}
		if seen[b] != agree {
			t.Fatalf("as a map key, b finds a: %v; want %v", seen[b], agree)
		}
	})
}
