package scenario

import (
	"errors"
	"slices"

	"github.com/licensepolicy/licensepolicy/credits"
	"github.com/licensepolicy/licensepolicy/entitlement"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/tmip"
	"github.com/shopspring/decimal"
)

// facts are a scenario's world, built by the domain constructors under the
// scenario's terms and catalog, looked up by the IDs checks refer to.
type facts struct {
	devices  map[string]license.Device
	licenses map[string]license.License
	// histories are the licenses' histories, for those that have one.
	histories map[string]license.History
	orders    map[string]entitlement.Order
	contacts  map[string]entitlement.Contact
	ledgers   map[string]credits.Ledger
	book      tmip.Book
	tradeIns  map[string]bool
	// broken are the facts the file defines that were refused: a
	// reference to one is not reported again.
	broken map[factKey]bool
}

// factKey names a fact of one kind ("license", "device"...) by its ID.
type factKey struct{ kind, id string }

// terms applies the file's "terms" over the defaults.
func (d *decoder) terms(o obj) policy.Terms {
	mark := len(d.errs)
	t := d.termsOver(o, policy.DefaultTerms())
	if o.n != nil && !d.since(mark) {
		if err := t.Validate(); err != nil {
			d.wrap(o.n.off, o.at, err)
		}
	}
	return t
}

// termsOver applies o, a "terms" object, over t: each key given replaces
// t's number. The terms are not validated: an overlay's terms are, over
// each file's.
func (d *decoder) termsOver(o obj, t policy.Terms) policy.Terms {
	if o.n == nil {
		return t
	}
	// t's lists are the caller's: replaced, never written in place.
	if o.has("subscriptionTermYears") {
		es := o.list("subscriptionTermYears", false, "JSON integers")
		t.License.SubscriptionTermYears = make([]int, es.len())
		for i, e := range es.all() {
			t.License.SubscriptionTermYears[i], _ = d.integerOf(e, loc{n: e})
		}
	}
	if n, ok := o.integer("trialWarningDays", false); ok {
		t.License.TrialWarningDays = n
	}
	if n, ok := o.integer("initialGraceDays", false); ok {
		t.License.InitialGraceDays = n
	}
	if o.has("creditBlocks") {
		es := o.list("creditBlocks", false, "JSON integers")
		blocks := make([]decimal.Decimal, es.len())
		for i, e := range es.all() {
			n, _ := d.integerOf(e, loc{n: e})
			blocks[i] = decimal.NewFromInt(int64(n))
		}
		// Two slices, so that neither kind's terms alias the other's.
		t.Credits.Professional.Blocks, t.Credits.Flexible.Blocks = blocks, append([]decimal.Decimal(nil), blocks...)
	}
	credit := func(key string, set ...*decimal.Decimal) {
		if n, ok := o.integer(key, false); ok {
			for _, p := range set {
				*p = decimal.NewFromInt(int64(n))
			}
		}
	}
	credit("creditMinOrder", &t.Credits.Professional.MinOrder, &t.Credits.Flexible.MinOrder)
	credit("professionalMinCallOff", &t.Credits.Professional.MinCallOff)
	credit("flexibleMinCallOff", &t.Credits.Flexible.MinCallOff)
	if n, ok := o.integer("creditValidityMonths", false); ok {
		t.Credits.Professional.ValidityMonths, t.Credits.Flexible.ValidityMonths = n, n
	}
	if o.has("tmipWindowStart") {
		t.TMIP.WindowStart = o.given("tmipWindowStart")
	}
	if o.has("tmipWindowEnd") {
		t.TMIP.WindowEnd = o.given("tmipWindowEnd")
	}
	if n, ok := o.integer("tmipReturnMonths", false); ok {
		t.TMIP.ReturnMonths = n
	}
	if n, ok := o.integer("tmipNoticeEveryDays", false); ok {
		t.TMIP.NoticeEveryDays = n
	}
	t.TMIP.Combinable = o.boolean("tmipCombinable", false, t.TMIP.Combinable)
	return t
}

var termsKeys = []string{"subscriptionTermYears", "trialWarningDays", "initialGraceDays", "creditBlocks",
	"creditMinOrder", "professionalMinCallOff", "flexibleMinCallOff", "creditValidityMonths",
	"tmipWindowStart", "tmipWindowEnd", "tmipReturnMonths", "tmipNoticeEveryDays", "tmipCombinable"}

// maxCatalogListed bounds each list of "catalog": the domain catalogs look
// names up by scanning their lists, and check heritage for repeats
// pairwise.
const maxCatalogListed = 1000

// catalogList reads a list of "catalog", at most maxCatalogListed long.
func (o obj) catalogList(key, want string) kidList {
	es := o.list(key, false, want)
	if es.len() > maxCatalogListed {
		v := o.d.t.get(o.n, key)
		o.d.fail(v.off, loc{n: v}, "%d entries; want at most %d", es.len(), maxCatalogListed)
		return kidList{}
	}
	return es
}

// catalog adds the file's "catalog" to the defaults.
func (d *decoder) catalog(o obj) policy.Catalog {
	mark := len(d.errs)
	c := d.catalogOver(o, policy.DefaultCatalog())
	if o.n != nil && !d.since(mark) {
		if err := c.Validate(); err != nil {
			d.wrap(o.n.off, o.at, err)
		}
	}
	return c
}

// catalogOver adds o, a "catalog" object, to c in one pass: an entry
// replaces c's of the same name, else is appended. The catalog is not
// validated: an overlay's catalog is, over each file's.
func (d *decoder) catalogOver(o obj, c policy.Catalog) policy.Catalog {
	if o.n == nil {
		return c
	}
	// c's lists are the caller's: copied before any is written in place.
	c.License.Platforms = slices.Clone(c.License.Platforms)
	c.License.Features = slices.Clone(c.License.Features)
	platforms := make(map[string]int, len(c.License.Platforms))
	for i, p := range c.License.Platforms {
		platforms[p.Name] = i
	}
	names := map[string]loc{}
	for _, e := range o.catalogList("platforms", "platforms").all() {
		m := len(d.errs)
		spec := d.platformSpec(e, c, platforms)
		d.unique(names, spec.Name, e.off, loc{e, "name"})
		if d.since(m) {
			continue
		}
		if spec.Family == 0 && d.familyLater {
			// Its family comes from the file's platform it replaces.
			continue
		}
		// Validated alone, then placed: AddPlatform on the whole catalog
		// would copy it for every entry.
		one, err := license.Catalog{}.AddPlatform(spec)
		if err != nil {
			d.wrap(e.off, loc{n: e}, err)
			continue
		}
		if i, ok := platforms[spec.Name]; ok {
			c.License.Platforms[i] = one.Platforms[0]
		} else {
			platforms[spec.Name] = len(c.License.Platforms)
			c.License.Platforms = append(c.License.Platforms, one.Platforms[0])
		}
	}
	features := make(map[string]int, len(c.License.Features))
	for i, f := range c.License.Features {
		features[f.Name] = i
	}
	clear(names)
	for _, e := range o.catalogList("features", "features").all() {
		m := len(d.errs)
		f := d.object(e, loc{n: e}, "name", "trial")
		spec := license.FeatureSpec{Name: f.id("name", "feature name"), Trial: f.boolean("trial", false, true)}
		d.unique(names, spec.Name, e.off, loc{e, "name"})
		if d.since(m) {
			continue
		}
		if i, ok := features[spec.Name]; ok {
			c.License.Features[i] = spec
		} else {
			features[spec.Name] = len(c.License.Features)
			c.License.Features = append(c.License.Features, spec)
		}
	}
	if v := d.t.get(o.n, "heritage"); v != nil {
		if n := d.t.children(v).len(); n > maxCatalogListed {
			d.fail(v.off, loc{n: v}, "%d entries; want at most %d", n, maxCatalogListed)
		} else if h := o.strings("heritage", false, "a product name", false, 0); h != nil {
			// A name already listed is kept once, as AddHeritage does.
			c.Entitlement.Heritage = appendNew(c.Entitlement.Heritage, h)
		}
	}
	if v := d.t.get(o.n, "tmipSkus"); v != nil {
		if n := d.t.children(v).len(); n > maxCatalogListed {
			d.fail(v.off, loc{n: v}, "%d entries; want at most %d", n, maxCatalogListed)
		} else if skus := o.strings("tmipSkus", false, "a SKU", false, 0); skus != nil {
			// Each SKU is checked alone; a SKU already listed is kept once.
			for i, sku := range skus {
				if _, err := (tmip.Catalog{}).AddSKUs(sku); err != nil {
					e := d.t.children(v).at(i)
					d.wrap(e.off, loc{n: e}, err)
				}
			}
			c.TMIP.SKUs = appendNew(c.TMIP.SKUs, skus)
		}
	}
	return c
}

// platformSpec reads e, an entry of "catalog"'s platforms, over c, whose
// platforms are indexed by name.
func (d *decoder) platformSpec(e *jnode, c policy.Catalog, platforms map[string]int) license.PlatformSpec {
	p := d.object(e, loc{n: e}, "name", "family", "class", "classes", "trial")
	name := p.id("name", "platform name")
	// An entry naming a platform c has (a default one, under a file)
	// replaces it, and every key it leaves out keeps c's value; a
	// platform added needs its family, and without "trial" follows
	// LIC-TRIAL-PRODUCTS by it.
	spec, replaces := license.PlatformSpec{Name: name}, false
	if i, ok := platforms[name]; ok {
		spec, replaces = c.License.Platforms[i], true
	}
	if p.has("class") {
		spec.Class = p.str("class", false, "a like-device class")
	}
	if p.has("classes") {
		spec.Classes = p.strings("classes", false, "a like-device class", false, maxNamesListed)
	}
	if p.has("family") || !replaces && !d.familyLater {
		p.enum("family", true, &spec.Family, `"hardware", "virtual" or "software"`)
	}
	switch {
	case p.has("trial"):
		spec.Trial = license.TrialsNone
		if p.boolean("trial", false, false) {
			spec.Trial = license.TrialsOffered
		}
	case replaces:
		// The replaced platform's value of "trial" is whether it has
		// trials, whatever family the entry gives it.
		spec.Trial = license.TrialsNone
		if c.License.Platforms[platforms[name]].HasTrials() {
			spec.Trial = license.TrialsOffered
		}
	}
	return spec
}

// appendNew appends to list the names it does not hold yet, in order.
func appendNew(list, names []string) []string {
	seen := make(map[string]bool, len(list)+len(names))
	for _, s := range list {
		seen[s] = true
	}
	list = slices.Clone(list)
	for _, s := range names {
		if !seen[s] {
			seen[s] = true
			list = append(list, s)
		}
	}
	return list
}

func (d *decoder) devices(top obj, e policy.Engine, f *facts) {
	seen := map[string]loc{}
	for _, el := range top.list("devices", false, "devices").all() {
		if d.full {
			return
		}
		mark := len(d.errs)
		o := d.object(el, loc{n: el}, "serial", "platform", "class")
		serial := o.id("serial", "serial number")
		platform := o.id("platform", "platform name")
		class := o.str("class", false, "a like-device class")
		if !d.unique(seen, serial, el.off, loc{el, "serial"}) {
			continue
		}
		if !d.since(mark) {
			dev, err := e.License().NewDevice(serial, platform, class)
			if err == nil {
				f.devices[serial] = dev
				continue
			}
			d.refuse(el.off, loc{n: el}, err)
		}
		f.broken[factKey{"device", serial}] = true
	}
}

// ref looks up an ID another list defines, refusing an unknown one with the
// IDs there are. A fact that was itself refused is not reported again.
func ref[T any](d *decoder, f *facts, m map[string]T, id string, at *jnode, what string) (T, bool) {
	if f.broken[factKey{what, id}] {
		d.usedBroken = true
	}
	v, ok := m[id]
	if ok || id == "" || at == nil || f.broken[factKey{what, id}] {
		return v, ok
	}
	known, ok := d.known[what]
	if !ok {
		known = firstIDs(m)
		if d.known == nil {
			d.known = map[string][]string{}
		}
		d.known[what] = known
	}
	if len(known) == 0 {
		d.fail(at.off, loc{n: at}, "unknown %s %s; the file defines none", what, quote(id))
	} else {
		d.fail(at.off, loc{n: at}, "unknown %s %s; want one of %v", what, quote(id), known)
	}
	return v, false
}

// firstIDs is the ten first IDs of m in order, and "..." when there are
// more, for an error naming the IDs a reference could have been: found in
// one pass, since a file may define a million.
func firstIDs[T any](m map[string]T) []string {
	const listed = 10
	known := make([]string, 0, listed+1)
	for k := range m {
		if len(known) == listed && k >= known[listed-1] {
			continue
		}
		i, _ := slices.BinarySearch(known, k)
		known = slices.Insert(known, i, k)
		if len(known) > listed {
			known = known[:listed]
		}
	}
	for i, k := range known {
		known[i] = shown(k)
	}
	if len(m) > listed {
		known = append(known, "...")
	}
	return known
}

func (d *decoder) licenses(top obj, e policy.Engine, f *facts) {
	seen := map[string]loc{}
	for _, el := range top.list("licenses", false, "licenses").all() {
		if d.full {
			return
		}
		mark := len(d.errs)
		o := d.object(el, loc{n: el}, "id", "kind", "tier", "platform", "device", "features", "start",
			"termYears", "end", "initial", "capacity", "history")
		spec := license.Spec{ID: o.id("id", "license ID")}
		if !d.unique(seen, spec.ID, el.off, loc{el, "id"}) {
			continue
		}
		o.enum("kind", true, &spec.Kind, `"perpetual", "subscription" or "trial"`)
		o.enum("tier", true, &spec.Tier, `"standard", "advanced" or "premium"`)
		spec.Platform = o.id("platform", "platform name")
		serial := o.id("device", "device serial number")
		spec.Device, _ = ref(d, f, f.devices, serial, o.get("device"), "device")
		spec.Features = o.strings("features", true, "a feature name", true, maxNamesListed)
		spec.Start = o.presentInstant("start", true)
		spec.TermYears, _ = o.integer("termYears", false)
		spec.End = o.instant("end", false)
		spec.Renewal = !o.boolean("initial", false, true)
		if a, ok := o.amount("capacity", false); ok {
			spec.Capacity = decimal.NewNullDecimal(a)
		}
		events, nodes, historyOK := d.history(o, f)
		if !d.since(mark) && !f.broken[factKey{"device", serial}] && historyOK {
			l, err := e.License().NewLicense(spec)
			if err != nil {
				d.refuse(el.off, loc{n: el}, err)
			} else if !o.has("history") {
				f.licenses[spec.ID] = l
				continue
			} else if h, err := license.NewHistory(l, events); err != nil {
				d.historyError(el, nodes, err)
			} else {
				f.licenses[spec.ID], f.histories[spec.ID] = l, h
				continue
			}
		}
		f.broken[factKey{"license", spec.ID}] = true
	}
}

// maxLinesListed bounds an order's lines: the order checks line IDs for
// repeats pairwise.
const maxLinesListed = 1000

func (d *decoder) orders(top obj, e policy.Engine, f *facts) {
	seen := map[string]loc{}
	for _, el := range top.list("orders", false, "orders").all() {
		if d.full {
			return
		}
		mark := len(d.errs)
		o := d.object(el, loc{n: el}, "id", "accounts", "emails", "lines")
		spec := entitlement.OrderSpec{ID: o.id("id", "order ID")}
		if !d.unique(seen, spec.ID, el.off, loc{el, "id"}) {
			continue
		}
		spec.Accounts = o.strings("accounts", true, "an account ID", true, maxNamesListed)
		spec.Emails = o.strings("emails", true, "an email address", false, maxNamesListed)
		lines := map[string]loc{}
		les := o.list("lines", true, "order lines")
		if les.len() > maxLinesListed {
			d.fail(o.get("lines").off, loc{el, "lines"}, "%d lines; want at most %d", les.len(), maxLinesListed)
			les = kidList{}
		}
		for _, le := range les.all() {
			lo := d.object(le, loc{n: le}, "id", "product", "kind", "tier", "termYears", "features",
				"quantity", "shipDate", "initial")
			l := entitlement.Line{ID: lo.id("id", "line ID"), Product: lo.id("product", "product name")}
			d.unique(lines, l.ID, le.off, loc{le, "id"})
			lo.enum("kind", true, &l.Kind, `"perpetual" or "subscription"`)
			lo.enum("tier", true, &l.Tier, `"standard", "advanced" or "premium"`)
			l.TermYears, _ = lo.integer("termYears", false)
			// A heritage line may list no features (ENT-HERITAGE: no
			// entitlement); a platform's line grants at least one.
			l.Features = lo.strings("features", !e.Entitlement().IsHeritage(l.Product), "a feature name", true, maxNamesListed)
			l.Quantity, _ = lo.integer("quantity", true)
			l.ShipDate = lo.presentInstant("shipDate", true)
			l.Renewal = !lo.boolean("initial", false, true)
			spec.Lines = append(spec.Lines, l)
		}
		if !d.since(mark) {
			ord, err := e.Entitlement().NewOrder(spec)
			if err == nil {
				f.orders[spec.ID] = ord
				continue
			}
			d.refuse(el.off, loc{n: el}, err)
		}
		f.broken[factKey{"order", spec.ID}] = true
	}
}

func (d *decoder) contacts(top obj, f *facts) {
	seen := map[string]loc{}
	for _, el := range top.list("contacts", false, "contacts").all() {
		if d.full {
			return
		}
		mark := len(d.errs)
		o := d.object(el, loc{n: el}, "id", "accounts")
		id := o.id("id", "contact ID")
		if !d.unique(seen, id, el.off, loc{el, "id"}) {
			continue
		}
		accounts := o.strings("accounts", true, "an account ID", true, maxNamesListed)
		if !d.since(mark) {
			c, err := entitlement.NewContact(id, accounts)
			if err == nil {
				f.contacts[id] = c
				continue
			}
			d.refuse(el.off, loc{n: el}, err)
		}
		f.broken[factKey{"contact", id}] = true
	}
}

var engagementKeys = []string{"type", "pricing", "definedScope", "purchaseOrder", "statementOfWork", "professionalServices"}

func (d *decoder) engagement(o obj) credits.Engagement {
	var g credits.Engagement
	o.enum("type", true, &g.Type, `"assessment", "design", "deployment" or "migration"`)
	o.enum("pricing", true, &g.Pricing, `"fixed" or "duration"`)
	g.DefinedScope = o.boolean("definedScope", true, false)
	g.PurchaseOrder = o.boolean("purchaseOrder", true, false)
	g.StatementOfWork = o.boolean("statementOfWork", true, false)
	g.OtherService = !o.boolean("professionalServices", false, true)
	return g
}

func (d *decoder) creditAccounts(top obj, e policy.Engine, f *facts) {
	program := e.Credits()
	seen := map[string]loc{}
	for _, el := range top.list("creditAccounts", false, "credit accounts").all() {
		if d.full {
			return
		}
		mark := len(d.errs)
		o := d.object(el, loc{n: el}, "id", "kind", "purchases", "callOffs")
		acct := credits.Account{ID: o.id("id", "account ID")}
		if !d.unique(seen, acct.ID, el.off, loc{el, "id"}) {
			continue
		}
		kindOK := o.enum("kind", true, &acct.Kind, `"professional" or "flexible"`)
		refused := len(d.invalid)
		var purchases []credits.Purchase
		var purchaseNodes []*jnode
		ids := map[string]loc{}
		for _, pe := range o.list("purchases", false, "purchases").all() {
			m := len(d.errs)
			po := d.object(pe, loc{n: pe}, "id", "at", "credits", "discount", "localEntity")
			p := credits.Purchase{ID: po.id("id", "purchase ID"), At: po.instant("at", true)}
			d.unique(ids, p.ID, pe.off, loc{pe, "id"})
			p.Credits, _ = po.amount("credits", true)
			p.Discount, _ = po.amount("discount", false)
			p.LocalEntity = po.boolean("localEntity", false, true)
			if d.since(m) || !kindOK {
				continue
			}
			// A purchase's validity does not depend on the history, so
			// it is checked alone to name its path.
			res, err := program.CheckPurchase(acct.Kind, p.Order, p.At)
			if err == nil {
				err = res.Err()
			}
			if err != nil {
				d.refuse(pe.off, loc{n: pe}, err)
			}
			if !d.since(m) {
				purchases = append(purchases, p)
				purchaseNodes = append(purchaseNodes, pe)
			}
		}
		var callOffs []credits.CallOffRecord
		var nodes []*jnode
		for _, ce := range o.list("callOffs", false, "call-offs").all() {
			co := d.object(ce, loc{n: ce}, "at", "credits", "engagement")
			c := credits.CallOffRecord{At: co.instant("at", true)}
			c.Credits, _ = co.amount("credits", true)
			c.Engagement = d.engagement(co.sub("engagement", true, engagementKeys...))
			callOffs = append(callOffs, c)
			nodes = append(nodes, ce)
		}
		// A purchase refused under an overlay leaves no ledger to build.
		if !d.since(mark) && len(d.invalid) == refused {
			l, err := program.NewLedger(acct, purchases, callOffs)
			if err == nil {
				f.ledgers[acct.ID] = l
				continue
			}
			d.ledgerError(el, purchaseNodes, nodes, err)
		}
		f.broken[factKey{"credit account", acct.ID}] = true
	}
}

// ledgerError names the recorded entry that broke a rule: the ledger's
// *credits.HistoryError carries the list and the index it was given, and
// purchases and callOffs hold the file's node of each entry given.
func (d *decoder) ledgerError(account *jnode, purchases, callOffs []*jnode, err error) {
	var he *credits.HistoryError
	switch {
	case errors.As(err, &he) && he.Entry == "callOffs" && he.Index >= 0 && he.Index < len(callOffs):
		d.refuse(callOffs[he.Index].off, loc{n: callOffs[he.Index]}, err)
	case errors.As(err, &he) && he.Entry == "purchases" && he.Index >= 0 && he.Index < len(purchases):
		d.refuse(purchases[he.Index].off, loc{n: purchases[he.Index]}, err)
	default:
		d.refuse(account.off, loc{n: account}, err)
	}
}

func (d *decoder) tradeIns(top obj, e policy.Engine, f *facts) {
	var ts []tmip.TradeIn
	var nodes []*jnode
	seen := map[string]loc{}
	mark := len(d.errs)
	for _, el := range top.list("tradeIns", false, "trade-ins").all() {
		if d.full {
			return
		}
		o := d.object(el, loc{n: el}, "id", "partner", "sku", "serial", "condition", "newProduct",
			"otherPromotion", "support", "ordered", "newEquipmentShipped", "returned", "destruction")
		t := tmip.TradeIn{ID: o.id("id", "trade-in ID"), Partner: o.boolean("partner", false, false)}
		d.unique(seen, t.ID, el.off, loc{el, "id"})
		t.SKU = o.id("sku", "SKU")
		t.Serial = o.id("serial", "serial number")
		c := o.sub("condition", true, "working", "network", "damaged", "channel")
		t.Condition.Working = c.boolean("working", true, false)
		c.enum("network", true, &t.Condition.Network, `"production", "lab" or "other"`)
		t.Condition.Damaged = c.boolean("damaged", true, false)
		c.enum("channel", true, &t.Condition.Channel, `"authorized", "direct" or "gray"`)
		t.NewProduct = o.id("newProduct", "product name")
		t.OtherPromotion = o.boolean("otherPromotion", false, false)
		if o.has("support") {
			s := o.sub("support", false, "serial", "start", "end", "value")
			t.Support = &tmip.Contract{Serial: s.id("serial", "serial number"), Start: s.instant("start", true),
				End: s.instant("end", true)}
			t.Support.Value, _ = s.amount("value", true)
		}
		t.Ordered = o.given("ordered")
		t.NewEquipmentShipped = o.given("newEquipmentShipped")
		t.Returned = o.given("returned")
		if o.has("destruction") {
			s := o.sub("destruction", false, "signed", "signerTitle", "legalAuthority")
			t.Destruction = &tmip.Certificate{Signed: s.instant("signed", true)}
			s.enum("signerTitle", true, &t.Destruction.SignerTitle, "a title such as \"vice-president\"")
			t.Destruction.LegalAuthority = s.boolean("legalAuthority", true, false)
		}
		ts = append(ts, t)
		nodes = append(nodes, el)
		f.tradeIns[t.ID] = true
	}
	// The book takes the trade-ins in file order (TMIP-ONE-FOR-ONE): with
	// one of them refused there is no book, and the checks that ask it are
	// not reported again.
	if d.since(mark) {
		for id := range f.tradeIns {
			f.broken[factKey{"trade-in", id}] = true
		}
		return
	}
	b, err := e.TMIP().NewBook(ts)
	if err != nil {
		for id := range f.tradeIns {
			f.broken[factKey{"trade-in", id}] = true
		}
		// The book names the trade-in it refused by its index.
		var ee *tmip.EntryError
		if errors.As(err, &ee) && ee.Index >= 0 && ee.Index < len(nodes) {
			d.refuse(nodes[ee.Index].off, loc{n: nodes[ee.Index]}, ee.Err)
			return
		}
		d.refuse(top.n.off, loc{top.n, "tradeIns"}, err)
		return
	}
	f.book = b
}
