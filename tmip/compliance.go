package tmip

import (
	"fmt"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
	"github.com/shopspring/decimal"
)

// Status is where a trade-in's return obligation stands (TMIP-RETURN,
// TMIP-BREACH). The zero Status is invalid: a Compliance nobody filled in
// says nothing.
type Status uint8

// The statuses. The list is append-only: a value is never reordered or
// reused.
const (
	// Met: returned, or a valid certificate of destruction, before the
	// deadline.
	Met Status = iota + 1
	// Pending: nothing valid yet, and the deadline has not passed (or the
	// new equipment has not shipped).
	Pending
	// Breach: the deadline passed without a return or a valid certificate;
	// for good, whatever comes later.
	Breach

	statusCount
)

var statuses = enum.New[Status]("tmip", "Status", "status", rule.ID(0).UnknownName,
	"", "met", "pending", "breach")

// ParseStatus returns the status named s ("met", "pending", "breach"); an unknown
// name is an error that lists the names.
func ParseStatus(s string) (Status, error) { return statuses.Parse(s) }

// IsValid reports whether s is one of the statuses.
func (s Status) IsValid() bool { return statuses.IsValid(s) }

// String returns "met", "pending" or "breach", or "tmip.Status(N)" for a
// value that is none.
func (s Status) String() string { return statuses.String(s) }

// AppendText appends s's name; an invalid Status is an error.
func (s Status) AppendText(b []byte) ([]byte, error) { return statuses.AppendText(b, s) }

// MarshalText encodes s by its name; an invalid Status is an error.
func (s Status) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText decodes a status's name, leaving s as it was on an
// error; any other text is an error listing the names.
func (s *Status) UnmarshalText(text []byte) error { return statuses.Unmarshal(s, text) }

// Compliance is the answer to "is the trade-in's return obligation met
// now": the [rule.Verdict] every domain answers with, and the status,
// deadline and claw-back. Its Reason names the trade-in. Allowed is false
// in breach only; Err gives the breach as an error.
//
// The Verdict's Rules, met or pending: TMIP-RETURN; in breach: TMIP-BREACH,
// TMIP-RETURN; TMIP-SIGNER follows the first rule from the instant a
// certificate that is no certificate counts. Its Obligations, pending with
// a deadline: a rule.Deadline (TMIP-RETURN, due at the deadline); in
// breach: a rule.Notice (TMIP-BREACH, due at the latest notice instant at
// or before the instant asked) and a rule.Clawback (TMIP-BREACH, due at
// the deadline), all about the trade-in. Until is exact. The zero
// Compliance is a refusal that cites no rule.
type Compliance struct {
	rule.Verdict
	// Status is Met, Pending or Breach.
	Status Status
	// Deadline is the return deadline: shipment of the new equipment plus
	// the terms' ReturnMonths, clamped to the month's end; zero when the
	// shipment is not recorded.
	Deadline time.Time
	// Clawback is, in breach, the discount granted at order (the Discount of
	// Assess at the trade-in's Ordered instant, when that allowed it; zero
	// when it did not or no order is recorded). Zero otherwise.
	Clawback decimal.Decimal
}

// Compliance decides whether the return obligation of the trade-in named id
// is met at at (SCENARIOS.md's tradeInCompliance check). The only error is
// an unknown id.
//
// A return or a certificate counts from its own instant (the history dated
// at or before at counts), and meets the obligation when it is dated
// before the deadline (TMIP-RETURN); a certificate signed below vice
// president or without legal sign-off authority is no certificate
// (TMIP-SIGNER). From the deadline on, without either, the trade-in is in
// breach for good (TMIP-BREACH): a notice falls due at the deadline and
// every NoticeEveryDays days after, and the discount granted at order is
// owed back. A late return or certificate cures nothing, but ends the
// notices: none is due at or after its instant.
//
// Until is exact: the answer changes only when a return or certificate
// starts to count, at the deadline, and in breach at every notice instant
// until the notices end.
func (b Book) Compliance(id string, at time.Time) (Compliance, error) {
	e, ok := b.entry(id)
	if !ok {
		return Compliance{}, b.unknown(id)
	}
	return b.b.compliance(e, at), nil
}

// standing is everything a Compliance at an instant depends on; two instants
// with equal standings get equal answers.
type standing struct {
	status Status
	signer bool  // TMIP-SIGNER cited: the certificate counts and is no certificate
	notice int64 // in breach, the notice instant is deadline + notice × cadence; -1 once the notices ended
}

func (b *book) standingAt(e *entry, at time.Time) standing {
	s := standing{signer: e.badCert && !e.t.Destruction.Signed.After(at)}
	switch {
	case e.hasCure && !e.cure.After(at):
		s.status = Met
	case !e.hasDeadline || at.Before(e.deadline):
		s.status = Pending
	case e.hasLate && !e.late.After(at):
		// TMIP-BREACH: a late return or certificate ends the notices.
		s.status, s.notice = Breach, -1
	default:
		s.status = Breach
		s.notice = b.noticesBefore(e.deadline, at)
	}
	return s
}

// noticesBefore is the k of the latest notice instant deadline + k ×
// NoticeEveryDays days at or before at (at >= deadline). It is computed in
// seconds, as a time.Duration would saturate three centuries out.
func (b *book) noticesBefore(deadline, at time.Time) int64 {
	sec := at.Unix() - deadline.Unix()
	if at.Nanosecond() < deadline.Nanosecond() {
		sec--
	}
	return sec / (int64(b.terms.NoticeEveryDays) * 86400)
}

// noticeAt is the k-th notice instant: the deadline plus k × NoticeEveryDays
// days of 24 hours, as AddDate counts them (the deadline is UTC,
// where AddDate's days are 24 hours).
func (b *book) noticeAt(deadline time.Time, k int64) time.Time {
	return deadline.AddDate(0, 0, int(k)*b.terms.NoticeEveryDays)
}

// Shared rule lists of compliance answers, by Status and whether TMIP-SIGNER
// is cited.
var complianceRules = [statusCount][2]rule.List{
	Met:     {rule.ListOf(rule.TmipReturn), rule.ListOf(rule.TmipReturn, rule.TmipSigner)},
	Pending: {rule.ListOf(rule.TmipReturn), rule.ListOf(rule.TmipReturn, rule.TmipSigner)},
	Breach:  {rule.ListOf(rule.TmipBreach, rule.TmipReturn), rule.ListOf(rule.TmipBreach, rule.TmipSigner, rule.TmipReturn)},
}

func (b *book) compliance(e *entry, at time.Time) Compliance {
	s := b.standingAt(e, at)
	reason := e.reasons[s.status][boolIndex(s.signer)]
	if s.notice < 0 {
		reason = e.lateReasons[boolIndex(s.signer)]
	}
	c := Compliance{
		Verdict: rule.Verdict{
			Allowed: s.status != Breach,
			Rules:   complianceRules[s.status][boolIndex(s.signer)],
			Reason:  reason,
			Until:   b.complianceUntil(e, at, s),
		},
		Status:   s.status,
		Deadline: e.deadline,
	}
	switch s.status {
	case Pending:
		c.Obligations = e.pendingObl
	case Breach: // TMIP-BREACH: repeated notices, the credits owed back
		c.Clawback = e.clawback
		if s.notice < 0 { // the notices ended at a late return or certificate
			c.Obligations = e.lateObl
			break
		}
		c.Obligations = rule.ObligationsOf(
			rule.Obligation{Kind: rule.Notice, Rule: rule.TmipBreach, Due: b.noticeAt(e.deadline, s.notice), Subject: e.t.ID},
			rule.Obligation{Kind: rule.Clawback, Rule: rule.TmipBreach, Due: e.deadline, Subject: e.t.ID},
		)
	}
	return c
}

// complianceUntil is the first instant after at whose standing differs from
// s, at's. A standing changes only when a return or certificate starts to
// count (its own instant), at the deadline, or in breach at the next
// notice while the notices last; of those after at, the earliest that
// differs is the answer.
func (b *book) complianceUntil(e *entry, at time.Time, s standing) time.Time {
	var until time.Time
	try := func(t time.Time) {
		// An instant past year 9999 is none: nothing changes within the
		// years the library answers for.
		if t.After(at) && calendar.InRange(t) && (until.IsZero() || t.Before(until)) && b.standingAt(e, t) != s {
			until = t
		}
	}
	if e.t.Returned.Valid {
		try(e.t.Returned.Time)
	}
	if d := e.t.Destruction; d != nil {
		try(d.Signed)
	}
	if e.hasDeadline {
		try(e.deadline)
		if s.status == Breach && s.notice >= 0 {
			try(b.noticeAt(e.deadline, s.notice+1))
		}
	}
	return until
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// prepareCompliance works out what every compliance answer of e shares: the
// return or certificate that meets the deadline, the one that ends the
// notices of a breach, whether the certificate is one, the pending and the
// ended-notices obligations.
func (e *entry) prepareCompliance() {
	t := e.t
	beforeDeadline := func(at time.Time) bool { return !e.hasDeadline || at.Before(e.deadline) }
	// note takes an instant the item was returned or validly certified at:
	// before the deadline it meets the obligation, after it it ends the
	// notices of the breach (TMIP-BREACH); the earliest of each counts.
	note := func(at time.Time) {
		switch {
		case beforeDeadline(at):
			if !e.hasCure || at.Before(e.cure) {
				e.cure, e.hasCure = at, true
			}
		case !e.hasLate || at.Before(e.late):
			e.late, e.hasLate = at, true
		}
	}
	if t.Returned.Valid {
		note(t.Returned.Time)
	}
	if d := t.Destruction; d != nil {
		e.badCert = !d.Valid() // TMIP-SIGNER: signed otherwise, no certificate
		if !e.badCert {
			note(d.Signed)
		}
	}
	if e.hasDeadline {
		e.pendingObl = rule.ObligationsOf(rule.Obligation{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: e.deadline, Subject: t.ID})
		e.lateObl = rule.ObligationsOf(rule.Obligation{Kind: rule.Clawback, Rule: rule.TmipBreach, Due: e.deadline, Subject: t.ID})
	}
}

// prepareReasons writes the reason of every compliance answer e can give,
// once its claw-back is known.
func (e *entry) prepareReasons() {
	t := e.t
	var reachable []Status
	if e.hasCure {
		reachable = append(reachable, Met)
		how := "returned"
		if !t.Returned.Valid || !e.cure.Equal(t.Returned.Time) {
			how = "destroyed, with a certificate of destruction signed"
		}
		by := "before its deadline " + stamp(e.deadline)
		if !e.hasDeadline {
			by = "before the new equipment shipped"
		}
		e.reasons[Met][0] = "trade-in " + t.ID + " was " + how + " " + stamp(e.cure) + ", " + by
	}
	reachable = append(reachable, Pending)
	if !e.hasDeadline {
		e.reasons[Pending][0] = "trade-in " + t.ID + " is due back, or its destruction certified, within the return period of the new equipment's shipment, not yet recorded"
	} else {
		reachable = append(reachable, Breach)
		e.reasons[Pending][0] = "trade-in " + t.ID + " is due back, or its destruction certified, by " + stamp(e.deadline)
		e.reasons[Breach][0] = "trade-in " + t.ID + " was neither returned nor validly destroyed by " + stamp(e.deadline) +
			": it is in breach, and " + e.clawback.StringFixed(2) + " of TMIP credits are owed back"
		if e.hasLate {
			how := "returned"
			if !t.Returned.Valid || !e.late.Equal(t.Returned.Time) {
				how = "destroyed, with a certificate of destruction signed"
			}
			e.lateReasons[0] = e.reasons[Breach][0] + "; it was " + how + " late, " + stamp(e.late) + ", which ends the breach notices"
		}
	}
	if d := t.Destruction; e.badCert {
		authority := "with"
		if !d.LegalAuthority {
			authority = "without"
		}
		note := fmt.Sprintf("; its certificate of destruction, signed by a %s %s legal sign-off authority, is no certificate",
			d.SignerTitle, authority)
		for _, s := range reachable {
			e.reasons[s][1] = e.reasons[s][0] + note
		}
		e.lateReasons[1] = e.lateReasons[0] + note
	}
}
