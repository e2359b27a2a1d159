package policy

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/licensepolicy/licensepolicy/license"
)

// WithHistory asks Request about the license History records, as its
// history leaves it at the instant asked: Request is a [UseFeature],
// [MoveLicense], [ChangeTier] or [RenewLicense] whose License is the zero
// License, and
// [Engine.Decide] fills it in with [license.History.At], or for a
// RenewLicense with [license.History.Latest], so that a renewal asked while an earlier renewal's
// term is still to come starts from that renewal's end (LIC-RENEW). Every
// event dated at or before at counts; one dated after it has not
// happened yet.
//
// The decision's Until also counts the history still to come: it is the
// first event or renewal after at at which the decision differs, so a use
// refused in the gap before a late renewal holds until the renewal's
// instant. Deciding looks at most 64 such instants ahead at which the
// decision stays the same; past them, Until is the next one.
//
// The zero WithHistory names no history: Decide refuses it with a
// [*RequestError], as it does a Request of another kind or one that names a
// license of its own. The history is held by value: no one asking a
// request reaches another's history.
type WithHistory struct {
	History license.History
	Request Request
}

func (WithHistory) request() {}

// LogValue is the inner request's group with the history's license and
// its number of events ("events").
func (r WithHistory) LogValue() slog.Value {
	lv, ok := r.Request.(slog.LogValuer)
	if !ok {
		return slog.GroupValue(slog.String("kind", ""))
	}
	attrs := lv.LogValue().Group()
	if r.History.IsValid() && len(attrs) > 0 {
		out := make([]slog.Attr, 0, len(attrs)+2)
		out = append(out, attrs[0], slog.String("license", r.History.License().ID()))
		out = append(out, attrs[1:]...)
		attrs = append(out, slog.Int("events", r.History.Len()))
	}
	return slog.GroupValue(attrs...)
}

// askHistory refuses what ask refuses of r's request, asked of the
// license as r's history issued it, and a history missing, a request of
// another kind or one naming a license of its own.
func (e Engine) askHistory(r WithHistory, at time.Time) error {
	kind := kindOf(r.Request)
	var inner Request
	switch q := r.Request.(type) {
	case UseFeature:
		q.License = r.History.License()
		inner = q
	case MoveLicense:
		q.License = r.History.License()
		inner = q
	case ChangeTier:
		q.License = r.History.License()
		inner = q
	case RenewLicense:
		q.License = r.History.License()
		inner = q
	case nil:
		return &RequestError{Field: "Request", Reason: "WithHistory holds no request"}
	default:
		return &RequestError{Kind: kind, Field: "Request",
			Reason: fmt.Sprintf("WithHistory asks a useFeature, moveLicense, changeTier or renewLicense, not %T", q)}
	}
	switch {
	case !r.History.IsValid():
		return &RequestError{Kind: kind, Field: "History", Reason: "no license history: build one with license.NewHistory"}
	case ownLicense(r.Request):
		return &RequestError{Kind: kind, Field: "License", Reason: "a request asked with a history names no license of its own: the history gives it"}
	}
	return e.ask(inner, at)
}

// ownLicense reports whether r, one of the four license kinds, names a
// license.
func ownLicense(r Request) bool {
	switch q := r.(type) {
	case UseFeature:
		return q.License.IsValid()
	case MoveLicense:
		return q.License.IsValid()
	case ChangeTier:
		return q.License.IsValid()
	case RenewLicense:
		return q.License.IsValid()
	}
	return false
}

// withHistory decides r at at, which askHistory has checked: the inner
// request about the license as of at, its Until moved past the history's
// changes that leave it the same.
func (e Engine) withHistory(r WithHistory, at time.Time, d *Decision) error {
	if err := e.decideAsOf(r, at, d); err != nil {
		return err
	}
	var next Decision
	for n, t := 0, at; ; n++ {
		c := r.History.Until(t)
		if c.IsZero() || (!d.Until.IsZero() && c.After(d.Until)) {
			// Nothing in the history changes the license before the
			// decision changes by itself.
			return nil
		}
		if n == maxSettle {
			d.Until = c
			return nil
		}
		if err := e.decideAsOf(r, c, &next); err != nil || !sameDecision(*d, next) {
			d.Until = c
			return nil
		}
		d.Until, t = next.Until, c
	}
}

// decideAsOf decides r's request about the license as r's history leaves
// it at at.
func (e Engine) decideAsOf(r WithHistory, at time.Time, d *Decision) error {
	h := r.History
	var req Request
	switch q := r.Request.(type) {
	case UseFeature:
		q.License = h.At(at)
		req = q
	case MoveLicense:
		q.License = h.At(at)
		req = q
	case ChangeTier:
		q.License = h.At(at)
		req = q
	case RenewLicense:
		q.License = h.Latest(at)
		req = q
	}
	_, err := e.decide(req, at, d)
	return err
}

// historySpan is decideSpan for a request asked of a history: a late
// renewal of the license as of at drifts as the license's own would, and
// at the latest until the history next changes the license.
func (e Engine) historySpan(r WithHistory, at time.Time, d *Decision) (driftsUntil time.Time, err error) {
	if err := e.DecideInto(r, at, d); err != nil {
		return time.Time{}, err
	}
	rr, ok := r.Request.(RenewLicense)
	if !ok {
		return time.Time{}, nil
	}
	_, v := r.History.Latest(at).Renew(rr.TermYears, at)
	driftsUntil = v.DriftsUntil
	if next := r.History.Until(at); !driftsUntil.IsZero() && !next.IsZero() && next.Before(driftsUntil) {
		driftsUntil = next
	}
	return driftsUntil, nil
}
