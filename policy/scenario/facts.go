package scenario

import (
	"errors"
	"sort"
	"strconv"

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
	licenses map[string]*license.License
	orders   map[string]*entitlement.Order
	contacts map[string]*entitlement.Contact
	ledgers  map[string]*credits.Ledger
	book     *tmip.Book
	tradeIns map[string]bool
}

// terms applies the file's "terms" over the defaults.
func (d *decoder) terms(o obj) policy.Terms {
	t := policy.DefaultTerms()
	if o.n == nil {
		return t
	}
	if es := o.list("subscriptionTermYears", false, "JSON integers"); es != nil {
		t.License.SubscriptionTermYears = make([]int, len(es))
		for i, e := range es {
			t.License.SubscriptionTermYears[i] = d.integerOf(e.n, e.path)
		}
	}
	if n, ok := o.integer("trialWarningDays", false); ok {
		t.License.TrialWarningDays = n
	}
	if n, ok := o.integer("initialGraceDays", false); ok {
		t.License.InitialGraceDays = n
	}
	if es := o.list("creditBlocks", false, "JSON integers"); es != nil {
		blocks := make([]decimal.Decimal, len(es))
		for i, e := range es {
			blocks[i] = decimal.NewFromInt(int64(d.integerOf(e.n, e.path)))
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
	if !d.failed() {
		if err := t.Validate(); err != nil {
			d.wrap(o.path, err)
		}
	}
	return t
}

var termsKeys = []string{"subscriptionTermYears", "trialWarningDays", "initialGraceDays", "creditBlocks",
	"creditMinOrder", "professionalMinCallOff", "flexibleMinCallOff", "creditValidityMonths",
	"tmipWindowStart", "tmipWindowEnd", "tmipReturnMonths", "tmipNoticeEveryDays", "tmipCombinable"}

// catalog adds the file's "catalog" to the defaults.
func (d *decoder) catalog(o obj) policy.Catalog {
	c := policy.DefaultCatalog()
	if o.n == nil {
		return c
	}
	names := map[string]string{}
	for _, e := range o.list("platforms", false, "platforms") {
		p := d.object(e.n, e.path, "name", "family", "class", "classes", "trial")
		spec := license.PlatformSpec{Name: p.id("name", "platform name"), Class: p.str("class", false, "a like-device class"),
			Classes: p.strings("classes", false, "a like-device class")}
		p.enum("family", true, &spec.Family, `"hardware", "virtual" or "software"`)
		// Without "trial" the platform follows LIC-TRIAL-PRODUCTS by its
		// family.
		if p.has("trial") {
			spec.Trial = license.TrialsNone
			if p.boolean("trial", false, false) {
				spec.Trial = license.TrialsOffered
			}
		}
		d.unique(names, spec.Name, e.path+".name")
		if d.failed() {
			return c
		}
		var err error
		if c.License, err = c.License.AddPlatform(spec); err != nil {
			d.wrap(e.path, err)
		}
	}
	clear(names)
	for _, e := range o.list("features", false, "features") {
		f := d.object(e.n, e.path, "name", "trial")
		spec := license.FeatureSpec{Name: f.id("name", "feature name"), Trial: f.boolean("trial", false, true)}
		d.unique(names, spec.Name, e.path+".name")
		if d.failed() {
			return c
		}
		var err error
		if c.License, err = c.License.AddFeature(spec); err != nil {
			d.wrap(e.path, err)
		}
	}
	if h := o.strings("heritage", false, "a product name"); h != nil {
		var err error
		if c.Entitlement, err = c.Entitlement.AddHeritage(h...); err != nil {
			d.wrap(o.path+".heritage", err)
		}
	}
	if s := o.strings("tmipSkus", false, "a SKU"); s != nil {
		var err error
		if c.TMIP, err = c.TMIP.AddSKUs(s...); err != nil {
			d.wrap(o.path+".tmipSkus", err)
		}
	}
	if !d.failed() {
		if err := c.Validate(); err != nil {
			d.wrap(o.path, err)
		}
	}
	return c
}

func (d *decoder) devices(top obj, e *policy.Engine, f *facts) {
	seen := map[string]string{}
	for _, el := range top.list("devices", false, "devices") {
		o := d.object(el.n, el.path, "serial", "platform", "class")
		serial := o.id("serial", "serial number")
		platform := o.id("platform", "platform name")
		class := o.str("class", false, "a like-device class")
		d.unique(seen, serial, el.path+".serial")
		if d.failed() {
			return
		}
		dev, err := e.License().NewDevice(serial, platform, class)
		d.wrap(el.path, err)
		f.devices[serial] = dev
	}
}

// ref looks up an ID another list defines, refusing an unknown one with the
// IDs there are.
func ref[T any](d *decoder, m map[string]T, id, path, what string) (T, bool) {
	v, ok := m[id]
	if !ok && !d.failed() {
		known := make([]string, 0, len(m))
		for k := range m {
			known = append(known, k)
		}
		sort.Strings(known)
		if len(known) > 10 {
			known = append(known[:10], "...")
		}
		if len(known) == 0 {
			d.fail(path, "unknown %s %q; the file defines none", what, id)
		} else {
			d.fail(path, "unknown %s %q; want one of %v", what, id, known)
		}
	}
	return v, ok
}

func (d *decoder) licenses(top obj, e *policy.Engine, f *facts) {
	seen := map[string]string{}
	for _, el := range top.list("licenses", false, "licenses") {
		o := d.object(el.n, el.path, "id", "kind", "tier", "platform", "device", "features", "start",
			"termYears", "end", "initial", "capacity")
		spec := license.Spec{ID: o.id("id", "license ID")}
		d.unique(seen, spec.ID, el.path+".id")
		o.enum("kind", true, &spec.Kind, `"perpetual", "subscription" or "trial"`)
		o.enum("tier", true, &spec.Tier, `"standard", "advanced" or "premium"`)
		spec.Platform = o.id("platform", "platform name")
		serial := o.id("device", "device serial number")
		spec.Device, _ = ref(d, f.devices, serial, el.path+".device", "device")
		spec.Features = o.strings("features", true, "a feature name")
		spec.Start = o.instant("start", true)
		spec.TermYears, _ = o.integer("termYears", false)
		spec.End = o.instant("end", false)
		spec.Renewal = !o.boolean("initial", false, true)
		if a, ok := o.amount("capacity", false); ok {
			spec.Capacity = decimal.NewNullDecimal(a)
		}
		if d.failed() {
			return
		}
		l, err := e.License().NewLicense(spec)
		d.wrap(el.path, err)
		f.licenses[spec.ID] = &l
	}
}

func (d *decoder) orders(top obj, e *policy.Engine, f *facts) {
	seen := map[string]string{}
	for _, el := range top.list("orders", false, "orders") {
		o := d.object(el.n, el.path, "id", "accounts", "emails", "lines")
		spec := entitlement.OrderSpec{ID: o.id("id", "order ID")}
		d.unique(seen, spec.ID, el.path+".id")
		spec.Accounts = o.strings("accounts", true, "an account ID")
		spec.Emails = o.strings("emails", true, "an email address")
		lines := map[string]string{}
		for _, le := range o.list("lines", true, "order lines") {
			lo := d.object(le.n, le.path, "id", "product", "kind", "tier", "termYears", "features",
				"quantity", "shipDate", "initial")
			l := entitlement.Line{ID: lo.id("id", "line ID"), Product: lo.id("product", "product name")}
			d.unique(lines, l.ID, le.path+".id")
			lo.enum("kind", true, &l.Kind, `"perpetual" or "subscription"`)
			lo.enum("tier", true, &l.Tier, `"standard", "advanced" or "premium"`)
			l.TermYears, _ = lo.integer("termYears", false)
			l.Features = lo.strings("features", true, "a feature name")
			l.Quantity, _ = lo.integer("quantity", true)
			l.ShipDate = lo.instant("shipDate", true)
			l.Renewal = !lo.boolean("initial", false, true)
			spec.Lines = append(spec.Lines, l)
		}
		if d.failed() {
			return
		}
		ord, err := e.Entitlement().NewOrder(spec)
		d.wrap(el.path, err)
		f.orders[spec.ID] = &ord
	}
}

func (d *decoder) contacts(top obj, f *facts) {
	seen := map[string]string{}
	for _, el := range top.list("contacts", false, "contacts") {
		o := d.object(el.n, el.path, "id", "accounts")
		id := o.id("id", "contact ID")
		d.unique(seen, id, el.path+".id")
		accounts := o.strings("accounts", true, "an account ID")
		if d.failed() {
			return
		}
		c, err := entitlement.NewContact(id, accounts)
		d.wrap(el.path, err)
		f.contacts[id] = &c
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

func (d *decoder) creditAccounts(top obj, e *policy.Engine, f *facts) {
	program := e.Credits()
	seen := map[string]string{}
	for _, el := range top.list("creditAccounts", false, "credit accounts") {
		o := d.object(el.n, el.path, "id", "kind", "purchases", "callOffs")
		acct := credits.Account{ID: o.id("id", "account ID")}
		d.unique(seen, acct.ID, el.path+".id")
		o.enum("kind", true, &acct.Kind, `"professional" or "flexible"`)
		var purchases []credits.Purchase
		ids := map[string]string{}
		for _, pe := range o.list("purchases", false, "purchases") {
			po := d.object(pe.n, pe.path, "id", "at", "credits", "discount", "localEntity")
			p := credits.Purchase{ID: po.id("id", "purchase ID"), At: po.instant("at", true)}
			d.unique(ids, p.ID, pe.path+".id")
			p.Credits, _ = po.amount("credits", true)
			p.Discount, _ = po.amount("discount", false)
			p.LocalEntity = po.boolean("localEntity", false, true)
			if d.failed() {
				return
			}
			// A purchase's validity does not depend on the history, so
			// it is checked alone to name its path.
			if _, err := program.CheckPurchase(acct.Kind, p.Order, p.At); err != nil {
				d.wrap(pe.path, err)
				return
			}
			purchases = append(purchases, p)
		}
		var callOffs []credits.CallOffRecord
		var paths []string
		for _, ce := range o.list("callOffs", false, "call-offs") {
			co := d.object(ce.n, ce.path, "at", "credits", "engagement")
			c := credits.CallOffRecord{At: co.instant("at", true)}
			c.Credits, _ = co.amount("credits", true)
			c.Engagement = d.engagement(co.sub("engagement", true, engagementKeys...))
			callOffs = append(callOffs, c)
			paths = append(paths, ce.path)
		}
		if d.failed() {
			return
		}
		l, err := program.NewLedger(acct, purchases, callOffs)
		if err != nil {
			d.ledgerError(el.path, paths, err)
			return
		}
		f.ledgers[acct.ID] = l
	}
}

// ledgerError names the recorded entry that broke a rule: the ledger's
// *credits.HistoryError carries the list and the index the file gave it.
func (d *decoder) ledgerError(path string, paths []string, err error) {
	var he *credits.HistoryError
	switch {
	case errors.As(err, &he) && he.Entry == "callOffs" && he.Index >= 0 && he.Index < len(paths):
		d.wrap(paths[he.Index], err)
	case errors.As(err, &he) && he.Entry == "purchases" && he.Index >= 0:
		d.wrap(path+".purchases["+strconv.Itoa(he.Index)+"]", err)
	default:
		d.wrap(path, err)
	}
}

func (d *decoder) tradeIns(top obj, e *policy.Engine, f *facts) {
	var ts []tmip.TradeIn
	var paths []string
	seen := map[string]string{}
	for _, el := range top.list("tradeIns", false, "trade-ins") {
		o := d.object(el.n, el.path, "id", "partner", "sku", "serial", "condition", "newProduct",
			"otherPromotion", "support", "ordered", "newEquipmentShipped", "returned", "destruction")
		t := tmip.TradeIn{ID: o.id("id", "trade-in ID"), Partner: o.boolean("partner", false, false)}
		d.unique(seen, t.ID, el.path+".id")
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
		if d.failed() {
			return
		}
		ts = append(ts, t)
		paths = append(paths, el.path)
		f.tradeIns[t.ID] = true
	}
	b, err := e.TMIP().NewBook(ts)
	if err != nil {
		// The book names the trade-in it refused by its index.
		var ee *tmip.EntryError
		if errors.As(err, &ee) && ee.Index >= 0 && ee.Index < len(paths) {
			d.wrap(paths[ee.Index], ee.Err)
			return
		}
		d.wrap("tradeIns", err)
		return
	}
	f.book = b
}
