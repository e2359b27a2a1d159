package license

import (
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Impact returns what terms t would change in the fleet: every license
// whose standing under t shows something other than its standing as
// indexed, or that t refuses, in stream order, each once, as
// [IndexedImpact] values. It refuses terms that [Terms.Validate] refuses,
// with that error.
//
// A license's old standing is the index's: as built, under the terms it
// was built under. Its new standing is that of the same license (the same
// facts, catalog and ID) built under t, as [Program.NewLicense] builds it.
// Two standings differ where what a decision on the license shows
// differs: its state, and so its answer, rules, reason and warnings (a
// trial's warnings are due at its end, which no terms move). Their Until
// alone never counts, as for two decisions: a trial whose warning window
// moves differs only between its two openings, not from its start.
// Of the terms, three move a standing: the initial grace days (an initial
// subscription's end, ENT-GRACE), the trial warning days (a trial's warning
// window, LIC-TRIAL-WARN) and the subscription term list (a subscription
// whose term t does not list is refused, LIC-SUB-TERM). A perpetual or
// invalid license is never touched, a renewal only by the term list. A
// refusal is yielded like a difference, naming the license's position: it
// never ends the sequence.
//
// The answer is exact over all time, not sampled, and no standing is
// decided per license per instant. Impact allocates one value of about 4
// KiB, shared by everything it yields; the sequence reads every column
// once, in order, on the caller's goroutine, O(n) for n licenses, and
// allocates nothing per license. Each IndexedImpact's accessors cost O(1)
// (O(log s) for a license of the s whose instants the index keeps in its
// side table). Stopping early (break) stops the sequence.
func (x *FleetIndex) Impact(t Terms) (iter.Seq[IndexedImpact], error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	im := &impact{x: x, t: newImpactTerms(x, t)}
	return func(yield func(IndexedImpact) bool) {
		if x == nil {
			return
		}
		for ci := range x.chunks {
			if !im.chunk(ci, yield) {
				return
			}
		}
	}, nil
}

// newImpactTerms compiles t, valid, for the column pass over x.
func newImpactTerms(x *FleetIndex, t Terms) impactTerms {
	it := impactTerms{
		grace: int64(t.InitialGraceDays) * daySeconds, warn: int64(t.TrialWarningDays) * daySeconds,
		graceDays: t.InitialGraceDays, list: fmt.Sprint(t.SubscriptionTermYears),
	}
	for _, y := range t.SubscriptionTermYears {
		it.years[y>>6] |= 1 << (y & 63)
	}
	for k := range it.byKind {
		c := &it.byKind[k]
		if k&kindRenewal == 0 {
			c.grace = it.grace
		}
		switch Kind(k & 3) {
		case Subscription:
			c.sel = 1
		case Trial:
			c.sel = 2
		}
		if k&kindSide != 0 {
			c.sel |= 4
		}
	}
	for b := range 1 << (32 - termBucketBits) {
		if y := termYearsOf(int64(b)<<termBucketBits + 1<<(termBucketBits-1)); it.listed(y) == 1 {
			it.buckets[b>>6] |= 1 << (b & 63)
		}
	}
	if x != nil && len(x.changes) > 0 {
		// The changes are sorted: the last is the index's latest instant,
		// at or after every subscription's end of years.
		it.mayOverflow = x.changeAt(x.changes[len(x.changes)-1]).sec+it.grace > lastSec
	}
	return it
}

// impact is one Impact call's index and terms, shared by the values it
// yields; never written after Impact returns.
type impact struct {
	x *FleetIndex
	t impactTerms
}

// impactTerms are new terms in the form the column pass compares.
type impactTerms struct {
	// years has bit y set when a y-year term is listed (y <= maxTermYears);
	// four words, so that any offset's years index it.
	years [4]uint64
	// buckets has bit b set when a term lasting b<<termBucketBits seconds
	// or up to a bucket more is listed: years read from a column's uint32
	// offset without a division.
	buckets [1 << (32 - termBucketBits - 6)]uint64
	// grace and warn are the initial grace and trial warning as seconds.
	grace, warn int64
	// graceDays and list are for a refusal's reason: the grace in days and
	// the term list as Program.NewLicense prints it.
	graceDays int
	list      string
	// mayOverflow is whether some initial subscription's new grace could
	// end after 9999: the latest instant of the index plus the grace.
	mayOverflow bool
	// byKind is, for each kind byte of the columns, the grace the new
	// terms give (zero for a renewal) and which cases apply, so that the
	// column pass looks them up rather than compares.
	byKind [256]kindCase
}

// kindCase is what a kind byte of the columns selects: sel is 1 for a
// subscription, 2 for a trial, plus 4 for a license of the side table.
type kindCase struct {
	grace int64
	sel   int
}

const daySeconds = 86400

// lastSec is the last second of year 9999, the last an instant may fall on.
var lastSec = calendar.Last.Unix()

// impactBlock is how many licenses the column pass sifts at a time: the
// positions of those the terms touch are gathered into a small array
// without a branch, so that the scan over all of them mispredicts nothing.
const impactBlock = 256

// chunk yields the impact of each license of chunk ci the terms touch.
func (im *impact) chunk(ci int, yield func(IndexedImpact) bool) bool {
	x, t := im.x, &im.t
	c := &x.chunks[ci]
	base := ci << indexChunkBits
	starts := c.start
	mids, ends, kinds := c.mid[:len(starts)], c.end[:len(starts)], c.kind[:len(starts)]
	var pick [impactBlock]uint8
	for lo := 0; lo < len(starts); lo += impactBlock {
		hi := min(len(starts), lo+impactBlock)
		var n int
		if t.mayOverflow {
			n = t.siftEnds(&pick, starts[lo:hi], mids[lo:hi], ends[lo:hi], kinds[lo:hi])
		} else {
			n = t.sift(&pick, mids[lo:hi], ends[lo:hi], kinds[lo:hi])
		}
		for _, o := range pick[:n] {
			j := lo + int(o)
			k := kinds[j]
			li := IndexedImpact{im: im, ref: uint64(base+j)<<16 | uint64(k)}
			if k&kindSide != 0 {
				// The side table's exact instants decide, and From and To
				// are worked out from them when asked.
				k, s, m, e := li.facts()
				var r rule.ID
				if Kind(k&3) == Subscription {
					r = t.refusal(k, s.sec, m.sec)
				}
				if r == 0 && !t.differs(k, s, m, e) {
					continue
				}
				li.ref |= uint64(r) << 8
			} else {
				// The terms move p, a subscription's end or a trial's
				// warning opening, to q: the standings differ from the
				// earlier of the two to the later, and a refused one over no
				// interval; worked out for both kinds and picked without a
				// branch.
				s, dm := starts[j], int64(mids[j])
				m := s + dm
				e := m + int64(ends[j])
				kc := &t.byKind[k]
				sub := -int64(kc.sel & 1)
				end2 := m + kc.grace
				p := m ^ (m^e)&sub
				q := max(s, e-t.warn)
				q ^= (q ^ end2) & sub
				from, to := min(p, q), max(p, q)
				listed := t.listedOffset(mids[j])
				badTerm := (listed ^ 1) & int(sub&1)
				badGrace := listed & b2i(end2 > lastSec) & int(sub&1)
				li.ref |= uint64(badTerm*int(rule.LicSubTerm)|badGrace*int(rule.EntGrace)) << 8
				taken := ^-int64(badTerm | badGrace)
				li.from, li.to = (from+internalOffset)&taken, (to+internalOffset)&taken
			}
			if !yield(li) {
				return false
			}
		}
	}
	return true
}

// sift puts in pick the positions of the licenses of a block (at most
// impactBlock) the terms touch, and returns how many. Every case is worked
// out and the license's kind picks one, so that no branch depends on the
// license: a subscription differs when its grace changes and is refused
// when its term is not listed; a trial differs when its window, opening
// max(0, years+end-warn) after its start, moves; a license of the side
// table is decided on its exact instants later. The start is not read:
// sift serves terms whose grace ends no subscription after 9999.
func (t *impactTerms) sift(pick *[impactBlock]uint8, mids, ends []uint32, kinds []uint8) int {
	mids, ends = mids[:len(kinds)], ends[:len(kinds)]
	n := 0
	for j, k := range kinds {
		dm, de := int64(mids[j]), int64(ends[j])
		listed := t.listedOffset(mids[j])
		sub := listed&b2i(t.byKind[k].grace != de) | (listed ^ 1)
		trial := b2i(max(0, dm+de-t.warn) != dm)
		pick[n&(impactBlock-1)] = uint8(j)
		sel := t.byKind[k].sel
		n += sub&sel | trial&(sel>>1) | sel>>2
	}
	return n
}

// siftEnds is sift for terms whose grace could end a subscription after
// 9999, which refuses it (ENT-GRACE): it reads the start too.
func (t *impactTerms) siftEnds(pick *[impactBlock]uint8, starts []int64, mids, ends []uint32, kinds []uint8) int {
	starts, mids, ends = starts[:len(kinds)], mids[:len(kinds)], ends[:len(kinds)]
	n := 0
	for j, k := range kinds {
		dm, de := int64(mids[j]), int64(ends[j])
		de2 := t.byKind[k].grace
		listed := t.listedOffset(mids[j]) & b2i(starts[j]+dm+de2 <= lastSec)
		sub := listed&b2i(de2 != de) | (listed ^ 1)
		trial := b2i(max(0, dm+de-t.warn) != dm)
		pick[n&(impactBlock-1)] = uint8(j)
		sel := t.byKind[k].sel
		n += sub&sel | trial&(sel>>1) | sel>>2
	}
	return n
}

// listed is 1 when a years-long term is listed, 0 otherwise; years is below
// 256 for any offset the columns hold.
func (t *impactTerms) listed(years int) int { return int(t.years[years>>6&3] >> (years & 63) & 1) }

// termBucketBits sizes the buckets of listedOffset: 2^22 seconds, 48 days.
// A term's years last within two days of a whole number of mean years, so
// the bucket holding one lies within 50 days of it, well inside the half
// year around it that rounds to it.
const termBucketBits = 22

// listedOffset is listed(termYearsOf(dm)) for the years of a subscription
// dm seconds long, as a column's uint32 offset holds them.
func (t *impactTerms) listedOffset(dm uint32) int {
	b := dm >> termBucketBits
	return int(t.buckets[b>>6] >> (b & 63) & 1)
}

func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// yearSeconds is the Gregorian calendar's mean year, 365.2425 days.
const yearSeconds = 31_556_952

// termYearsOf is the term of a subscription whose years last dm seconds.
// Calendar years from any start (month-end clamped, LIC-SUB-TERM) last
// within two days of y mean years, far from the half year that would make
// the rounding ambiguous.
func termYearsOf(dm int64) int { return int((dm + yearSeconds/2) / yearSeconds) }

// refusal is the rule new terms break for a subscription of kind byte k
// whose years run from second s to second m, as Program.NewLicense checks
// them: its term unlisted (LIC-SUB-TERM), then an initial subscription's
// grace ending after year 9999 (ENT-GRACE); zero when they break none.
func (t *impactTerms) refusal(k uint8, s, m int64) rule.ID {
	if years := termYearsOf(m - s); uint(years) > maxTermYears || t.listed(years) == 0 {
		return rule.LicSubTerm
	}
	if k&kindRenewal == 0 && m+t.grace > lastSec {
		return rule.EntGrace
	}
	return 0
}

// IndexedImpact is what new terms change for one license of a [FleetIndex]
// (see [FleetIndex.Impact]): either they refuse it ([IndexedImpact.Refused],
// [IndexedImpact.Err]), or its standing under them differs from its
// standing as indexed over one interval [From, To), throughout which each
// holds one state ([IndexedImpact.Old], [IndexedImpact.New]).
//
// Under new grace, warning days and term list a license's standing differs
// over one interval at most, between the instant as indexed and the
// instant under the new terms of the one boundary they move. An initial
// subscription whose grace changes differs between its two ends: in grace
// under the terms that end it later, expired under the others. A trial
// whose warning window moves differs between its two window openings:
// warned under the terms that open it earlier, active under the others.
// Before the interval and after it the two standings show the same, though
// their Until may differ (both in grace until different ends, or both
// active until different openings).
//
// An IndexedImpact is a small comparable value: the impact it belongs to
// (which holds the index) and the license's position. Its accessors work
// out what they return from the index's columns when called. The zero
// IndexedImpact is license 0, neither refused nor differing: an empty
// interval at the zero instant and zero phases.
type IndexedImpact struct {
	im *impact
	// ref is the position<<16 | the refusal's rule<<8 | the kind byte.
	ref uint64
	// from and to are the interval's instants as seconds since the zero
	// time.Time's instant, so that zero is the zero time.Time; for a
	// license of the side table they are worked out when asked.
	from, to int64
}

// internalOffset is the Unix seconds of the zero time.Time's instant,
// 0001-01-01T00:00:00Z, negated.
const internalOffset = 62_135_596_800

// Index returns the license's position in the stream the index was built
// from.
func (l IndexedImpact) Index() int { return int(l.ref >> 16) }

// facts returns the license's kind byte and instants as indexed.
func (l IndexedImpact) facts() (k uint8, s, m, e instant) {
	if l.im == nil {
		return 0, instant{}, instant{}, instant{}
	}
	s, m, e = l.im.x.bounds(l.Index())
	return uint8(l.ref), s, m, e
}

// moves returns the instant as indexed that the new terms move, p, and
// where they move it, q: a subscription's end (its years' end plus the new
// grace, for an initial one: ENT-GRACE), a trial's warning opening (the new
// warning before its end, or its start for a trial shorter than that:
// LIC-TRIAL-WARN). They are equal for any other license.
func (t *impactTerms) moves(k uint8, s, m, e instant) (p, q instant) {
	switch Kind(k & 3) {
	case Trial:
		q = instant{sec: e.sec - t.warn, nsec: e.nsec}
		if q.before(s) {
			q = s
		}
		return m, q
	case Subscription:
		if k&kindRenewal == 0 {
			m.sec += t.grace
		}
		return e, m
	}
	return e, e
}

// differs reports whether the standing of a license the terms take
// differs under them: whether they move its end or its warning opening.
func (t *impactTerms) differs(k uint8, s, m, e instant) bool {
	p, q := t.moves(k, s, m, e)
	return p != q
}

// Refused returns the rule the new terms refuse the license by, as
// [Program.NewLicense] would: LIC-SUB-TERM when they do not list its term,
// ENT-GRACE when its initial grace would end after 9999-12-31; zero when
// they take it.
func (l IndexedImpact) Refused() rule.ID { return rule.ID(l.ref >> 8) }

// Err returns nil unless the new terms refuse the license, and then the
// refusal as a [*rule.Violation] worded as [Program.NewLicense] words it,
// whose Subject is "position N": the index keeps no IDs.
func (l IndexedImpact) Err() error {
	r := l.Refused()
	if r == 0 {
		return nil
	}
	_, s, m, _ := l.facts()
	years := termYearsOf(m.sec - s.sec)
	subject := "position " + strconv.Itoa(l.Index())
	name := "license at " + subject
	if r == rule.LicSubTerm {
		return rule.Errorf([]rule.ID{rule.LicSubTerm}, subject, "%s: term of %d years is not one of %s", name, years, l.im.t.list)
	}
	return rule.Errorf([]rule.ID{rule.EntGrace}, subject, "%s: initialGraceDays %d after a term of %d years from %s ends after 9999-12-31, the last day an instant may fall on",
		name, l.im.t.graceDays, years, rfc3339(timeOf(s)))
}

// From returns the first instant at which the license's standings differ,
// in UTC: the earlier of a subscription's two ends, of a trial's two
// warning openings; zero for a refused license.
func (l IndexedImpact) From() time.Time {
	if l.ref&kindSide != 0 {
		p, q := l.sideMoves()
		return timeOf(minInstant(p, q))
	}
	return time.Unix(l.from-internalOffset, 0).UTC()
}

// To returns the first instant after From at which its standings agree
// again, for good, in UTC: the later of a subscription's two ends, of a
// trial's two warning openings; zero for a refused license.
func (l IndexedImpact) To() time.Time {
	if l.ref&kindSide != 0 {
		p, q := l.sideMoves()
		return timeOf(maxInstant(p, q))
	}
	return time.Unix(l.to-internalOffset, 0).UTC()
}

// sideMoves is moves for a license of the side table, whose exact
// instants the columns do not hold; a refused license moves nothing, at
// the zero time.
func (l IndexedImpact) sideMoves() (p, q instant) {
	if l.Refused() != 0 {
		return instant{sec: nilStart}, instant{sec: nilStart}
	}
	k, s, m, e := l.facts()
	return l.im.t.moves(k, s, m, e)
}

// Old returns the license's standing as indexed throughout [From, To): its
// state and the first instant after which it holds another (zero: for
// good). For an initial subscription it is in-grace or expired, for a
// trial active or in-warning, and always another state than New's. It is
// the zero Phase for a refused license.
func (l IndexedImpact) Old() Phase {
	old, _ := l.phases()
	return old
}

// New returns the license's standing under the new terms throughout
// [From, To), as Old returns it as indexed; the zero Phase for a refused
// license.
func (l IndexedImpact) New() Phase {
	_, new := l.phases()
	return new
}

// phases returns Old and New. Both kinds take one shape: from From the
// terms that put the moved boundary later keep the license in its first
// state until To, and under the others it has passed into the next.
func (l IndexedImpact) phases() (old, new Phase) {
	k, s, m, e := l.facts()
	var first, next State
	var nextUntil time.Time // when the next state ends: zero for good
	switch {
	case l.Refused() != 0:
		return Phase{}, Phase{}
	case Kind(k&3) == Trial:
		first, next, nextUntil = Active, InWarning, timeOf(e)
	case Kind(k&3) == Subscription:
		first, next = InGrace, Expired
	default:
		return Phase{}, Phase{}
	}
	p, q := l.im.t.moves(k, s, m, e)
	switch {
	case p == q:
		return Phase{}, Phase{}
	case p.before(q):
		return Phase{next, nextUntil}, Phase{first, timeOf(q)}
	}
	return Phase{first, timeOf(p)}, Phase{next, nextUntil}
}

// String describes the impact for logs: the refusal, or the interval and
// both standings over it, with instants in RFC 3339.
func (l IndexedImpact) String() string {
	if err := l.Err(); err != nil {
		return fmt.Sprintf("license %d refused: %v", l.Index(), err)
	}
	if l.im == nil {
		return fmt.Sprintf("license %d: no difference", l.Index())
	}
	old, new := l.phases()
	return fmt.Sprintf("license %d differs over [%s, %s): %v as indexed, %v under the new terms", l.Index(), rfc3339(l.From()), rfc3339(l.To()), old, new)
}

func rfc3339(t time.Time) string { return t.Format(time.RFC3339Nano) }

func minInstant(a, b instant) instant {
	if b.before(a) {
		return b
	}
	return a
}

func maxInstant(a, b instant) instant {
	if a.before(b) {
		return b
	}
	return a
}

// Phase is a state a license holds and the first instant after which it
// holds another (in UTC; zero when it holds for good): what
// [IndexedImpact.Old] and [IndexedImpact.New] report of a [Standing],
// whose answer, rules, reason and warnings follow from its state. The zero
// Phase is the invalid state, for good.
type Phase struct {
	State State
	Until time.Time
}

// String returns the state and until when it holds, as "in-grace until
// 2026-01-31T00:00:00Z" or "expired for good".
func (p Phase) String() string {
	if p.Until.IsZero() {
		return p.State.String() + " for good"
	}
	return p.State.String() + " until " + rfc3339(p.Until)
}
