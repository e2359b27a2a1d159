package main

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

// Engine is the library's engine of the default terms; the questions'
// licenses are built under it, as Decide requires.
var (
	Engine = mustEngine()
	mx     = mustDevice("mx-1", "MX")
)

func mustEngine() policy.Engine {
	e, err := policy.NewEngine(policy.DefaultCatalog(), policy.DefaultTerms())
	if err != nil {
		panic(err)
	}
	return e
}

func mustDevice(serial, platform string) license.Device {
	d, err := Engine.NewDevice(serial, platform, "")
	if err != nil {
		panic(err)
	}
	return d
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func mustLicense(s license.Spec) license.License {
	if s.Platform == "" {
		s.Platform, s.Device = "MX", mx
	}
	if s.Tier == 0 {
		s.Tier = license.Advanced
	}
	l, err := Engine.NewLicense(s)
	if err != nil {
		panic(err)
	}
	return l
}

// MixedQuestions are the benchmark's inputs, the same set as the library's
// BenchmarkDecideUseFeature: each kind; in term, in grace, after expiry;
// wrong device; missing feature; a trial in its warning window.
func MixedQuestions() []Question {
	perp := mustLicense(license.Spec{ID: "perp", Kind: license.Perpetual, Features: []string{"bgp", "ospf"}, Start: day(2024, 1, 1)})
	sub := mustLicense(license.Spec{ID: "sub", Kind: license.Subscription, Features: []string{"bgp", "ospf", "isis", "evpn-vxlan"},
		Start: day(2024, 3, 1), TermYears: 1})
	renewal := mustLicense(license.Spec{ID: "renewal", Kind: license.Subscription, Features: []string{"bgp"},
		Start: day(2024, 3, 1), TermYears: 1, Renewal: true})
	trial := mustLicense(license.Spec{ID: "trial", Kind: license.Trial, Features: []string{"bgp", "mpls"},
		Start: day(2025, 1, 1), End: day(2025, 3, 1)})
	return []Question{
		{perp, "mx-1", "ospf", day(2031, 1, 1)},      // perpetual in term
		{perp, "mx-2", "bgp", day(2025, 6, 1)},       // perpetual on another device
		{sub, "mx-1", "bgp", day(2024, 2, 1)},        // subscription before its start
		{sub, "mx-1", "evpn-vxlan", day(2024, 9, 1)}, // subscription in term
		{sub, "mx-1", "isis", day(2025, 3, 15)},      // subscription in initial grace
		{sub, "mx-1", "bgp", day(2025, 4, 1)},        // subscription after expiry
		{renewal, "mx-1", "bgp", day(2025, 3, 15)},   // renewal has no grace
		{sub, "mx-9", "bgp", day(2024, 9, 1)},        // subscription on another device
		{sub, "mx-1", "mpls", day(2024, 9, 1)},       // subscription missing feature
		{trial, "mx-1", "mpls", day(2025, 1, 10)},    // trial active
		{trial, "mx-1", "bgp", day(2025, 2, 20)},     // trial in its warning window
		{trial, "mx-1", "bgp", day(2025, 3, 1)},      // trial after expiry
	}
}

var allFeatures = []string{"bgp", "ospf", "isis", "mpls", "evpn-vxlan"}

// RandomQuestions yields n questions drawn with seed: random licenses of
// every kind (one-, three-, five-year initial and renewal subscriptions,
// trials of 1 to 90 days), the right device four times in five, a held
// feature three times in four, and instants either anywhere from a year
// before the start to two years after the end, or exactly on a boundary
// (start, end of term, end of grace, warning window) or 1ns before it.
func RandomQuestions(n int, seed uint64) iter.Seq2[int, Question] {
	return func(yield func(int, Question) bool) {
		r := rand.New(rand.NewPCG(seed, 2))
		for i := range n {
			if !yield(i, randomQuestion(r, i)) {
				return
			}
		}
	}
}

func randomQuestion(r *rand.Rand, i int) Question {
	start := day(2020, 1, 1).Add(time.Duration(r.Int64N(int64(8 * 365 * 24 * time.Hour))))
	feats := slices.Clone(allFeatures)
	r.Shuffle(len(feats), func(i, j int) { feats[i], feats[j] = feats[j], feats[i] })
	s := license.Spec{ID: fmt.Sprintf("L%d", i), Kind: license.Kind(1 + r.IntN(3)), Features: feats[:1+r.IntN(len(feats))], Start: start}
	switch s.Kind {
	case license.Subscription:
		s.TermYears, s.Renewal = []int{1, 3, 5}[r.IntN(3)], r.IntN(3) == 0
	case license.Trial:
		s.End = start.Add(time.Duration(1+r.IntN(90)) * 24 * time.Hour)
	}
	l := mustLicense(s)
	q := Question{License: l, Device: "mx-1", Feature: feats[r.IntN(len(s.Features))]}
	if r.IntN(5) == 0 {
		q.Device = "mx-2"
	}
	if r.IntN(4) == 0 {
		q.Feature = allFeatures[r.IntN(len(allFeatures))]
	}
	end := l.End()
	if end.IsZero() {
		end = start.AddDate(10, 0, 0)
	}
	if r.IntN(2) == 0 {
		from := start.AddDate(-1, 0, 0)
		q.At = from.Add(time.Duration(r.Int64N(int64(end.AddDate(2, 0, 0).Sub(from)))))
	} else {
		edges := []time.Time{l.Start(), l.TermEnd(), l.End(), l.WarningFrom()}
		edges = slices.DeleteFunc(edges, time.Time.IsZero)
		q.At = edges[r.IntN(len(edges))].Add(-time.Duration(r.IntN(2)))
	}
	return q
}
