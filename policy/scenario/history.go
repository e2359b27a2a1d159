package scenario

import (
	"errors"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
)

// historyKeys are the fields of each kind of a license's history event:
// those of the request of its kind, with "at" for "license".
var historyKeys = map[string][]string{
	"moveLicense":  {"at", "kind", "to", "reason"},
	"changeTier":   {"at", "kind", "tier"},
	"renewLicense": {"at", "kind", "termYears"},
}

const historyKinds = "moveLicense, changeTier or renewLicense"

// history reads a license's "history": its events and the node of each.
// ok is false when an event broke the format or names a device that was
// itself refused: then there is no history to build.
func (d *decoder) history(o obj, f *facts) (events []license.Event, nodes []*jnode, ok bool) {
	ok = true
	for _, el := range o.list("history", false, "history events").all() {
		if d.full {
			return nil, nil, false
		}
		e, good := d.historyEvent(el, f)
		ok = ok && good
		events, nodes = append(events, e), append(nodes, el)
	}
	return events, nodes, ok
}

func (d *decoder) historyEvent(n *jnode, f *facts) (license.Event, bool) {
	var e license.Event
	if n.kind != jObject {
		d.fail(n.off, loc{n: n}, "want an object, not %s", n.kind)
		return e, false
	}
	k := d.t.get(n, "kind")
	if k == nil {
		d.fail(n.end-1, loc{n, "kind"}, "missing; want %s", historyKinds)
		return e, false
	}
	if !d.typed(k, loc{n, "kind"}, jString, historyKinds) {
		return e, false
	}
	keys, known := historyKeys[d.str(k)]
	if !known {
		d.fail(k.off, loc{n, "kind"}, "unknown event kind %s; want %s", quote(d.str(k)), historyKinds)
		return e, false
	}
	mark := len(d.errs)
	o := d.object(n, loc{n: n}, keys...)
	e.At = o.instant("at", true)
	ok := true
	switch d.str(k) {
	case "moveLicense":
		e.Kind = license.Moved
		e.To, ok = ref(d, f, f.devices, o.id("to", "device serial number"), o.get("to"), "device")
		o.enum("reason", true, &e.Reason, `"rma" or "rebalance"`)
	case "changeTier":
		e.Kind = license.TierChanged
		o.enum("tier", true, &e.Tier, `"standard", "advanced" or "premium"`)
	case "renewLicense":
		e.Kind = license.Renewed
		e.TermYears, _ = o.integer("termYears", true)
	}
	return e, ok && !d.since(mark)
}

// historyError records a history license.NewHistory refused at the path
// of the event it names, its message the rules' ("LIC-PORT: ..."); nodes
// hold the file's node of each event. Under an overlay it is an invalid
// fact, as refuse records one.
func (d *decoder) historyError(lic *jnode, nodes []*jnode, err error) {
	var he *license.HistoryError
	if !errors.As(err, &he) || he.Err == nil || he.Index < 0 || he.Index >= len(nodes) {
		d.refuse(lic.off, loc{n: lic}, err)
		return
	}
	n := nodes[he.Index]
	e := &Error{File: d.file, Path: loc{n: n}.path(d.t), Msg: clip(he.Err.Error()), Err: err, off: int(n.off)}
	switch {
	case d.overlay != nil:
		d.invalid = append(d.invalid, e)
	case !d.full:
		d.add(e)
	}
}

// withHistory asks r, a request of a license kind, of the history of the
// license it names when that license has one, as SCENARIOS.md has checks
// ask about the license as its events at or before the check's instant
// left it.
func withHistory(f *facts, r policy.Request) policy.Request {
	switch q := r.(type) {
	case policy.UseFeature:
		if h, ok := historyOf(f, q.License); ok {
			q.License = license.License{}
			return policy.WithHistory{History: h, Request: q}
		}
	case policy.MoveLicense:
		if h, ok := historyOf(f, q.License); ok {
			q.License = license.License{}
			return policy.WithHistory{History: h, Request: q}
		}
	case policy.RenewLicense:
		if h, ok := historyOf(f, q.License); ok {
			q.License = license.License{}
			return policy.WithHistory{History: h, Request: q}
		}
	case policy.ChangeTier:
		if h, ok := historyOf(f, q.License); ok {
			q.License = license.License{}
			return policy.WithHistory{History: h, Request: q}
		}
	}
	return r
}

func historyOf(f *facts, l license.License) (license.History, bool) {
	if !l.IsValid() {
		return license.History{}, false
	}
	h, ok := f.histories[l.ID()]
	return h, ok
}

// describeWithHistory says r's request in words, naming the history's
// license.
func describeWithHistory(r policy.WithHistory) string {
	if !r.History.IsValid() {
		return describe(r.Request)
	}
	l := r.History.License()
	switch q := r.Request.(type) {
	case policy.UseFeature:
		q.License = l
		return describe(q)
	case policy.MoveLicense:
		q.License = l
		return describe(q)
	case policy.RenewLicense:
		q.License = l
		return describe(q)
	case policy.ChangeTier:
		q.License = l
		return describe(q)
	}
	return describe(r.Request)
}
