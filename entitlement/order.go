package entitlement

import (
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/calendar"
	"github.com/licensepolicy/licensepolicy/internal/names"
	"github.com/licensepolicy/licensepolicy/license"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Line is one line of a sales order: a product bought in some quantity,
// shipped on the date the customer asked for (ENT-SHIP). The zero Line is
// refused by NewOrder: it has no ID, product, kind, tier, feature or unit.
type Line struct {
	// ID names the line, unique within its order; it may not contain "/".
	ID string
	// Product is a platform of the license catalog or a heritage product
	// (ENT-HERITAGE).
	Product string
	// Kind is perpetual or subscription; trial keys are not sold on orders.
	Kind license.Kind
	Tier license.Tier
	// TermYears is a subscription's term, one of the license terms' list;
	// zero for a perpetual line.
	TermYears int
	// Features the license grants: at least one, each named once. A
	// heritage line may list none: it creates no entitlement
	// (ENT-HERITAGE).
	Features []string
	// Quantity is the number of units, each its own entitlement (ENT-AUTO).
	Quantity int
	// ShipDate is the fulfilment instant asked for (ENT-SHIP); the
	// subscription timer starts then (ENT-TIMER). Every line has one, and
	// every instant of years 0000 to 9999 is one, the zero time.Time
	// included: zero does not mean absent.
	ShipDate time.Time
	// Renewal marks a subscription bought as a renewal, which gets no grace
	// (ENT-GRACE). The zero value is an initial subscription, as scenario
	// files presume ("initial" defaults to true).
	Renewal bool
}

// OrderSpec is what a caller's records say of a sales order; NewOrder
// validates it. The zero OrderSpec is refused: it has no ID, account, address
// or line.
type OrderSpec struct {
	ID string
	// Accounts are the customer and partner account IDs of the order
	// (ENT-ORDER): at least one, each named once.
	Accounts []string
	// Emails are the addresses the fulfilment emails go to (ENT-EMAIL): at
	// least one bare address such as "ops@example.com"; repeats are sent
	// once.
	Emails []string
	// Lines are the order's lines: at least one, with unique IDs.
	Lines []Line
}

// Order is a validated sales order, bound to the Program it was built
// under. It is immutable: its accessors return copies.
//
// An Order is a handle to what NewOrder validated, as a Program is: copies
// are the same order, == reports whether two handles are, and nothing a
// caller does to its copy reaches the order itself. A line's fulfilment is
// worked out once, on its first allowed Fulfil, and kept by the order for
// every handle to it; an order never fulfilled holds no fulfilment, so an
// order of large lines costs its spec until asked. The zero Order is
// invalid: fulfilling it or showing it is refused citing ENT-ORDER and
// ENT-VISIBLE.
type Order struct{ o *order }

// noOrder is what the zero Order reads: an order of no program, no line
// and no account, never written.
var noOrder order

// get returns the order o is a handle to, or noOrder.
func (o Order) get() *order {
	if o.o == nil {
		return &noOrder
	}
	return o.o
}

type order struct {
	program  Program
	id       string
	accounts []string
	// emails are the distinct addresses, sorted, so one email goes to each
	// whatever the order or repeats of the spec's list (ENT-EMAIL).
	emails []string
	lines  []Line
	// periods[i] is the period of one entitlement of lines[i], computed by
	// the license package (ENT-TIMER, ENT-GRACE); zero for heritage lines.
	periods []period
	// lineAt indexes lines by ID and hasAccount holds the accounts, so a
	// question costs no scan of the order.
	lineAt     map[string]int
	hasAccount map[string]bool
	// cache[i] is lines[i]'s fulfilment once asked for (Fulfil).
	cache []lineCache
}

type period struct{ start, end time.Time }

// NewOrder validates spec and returns the order, bound to p. The error is a
// *rule.Violation naming every value that is wrong and the rule it breaks.
func (p Program) NewOrder(spec OrderSpec) (Order, error) {
	if p.p == nil {
		return Order{}, rule.Errorf([]rule.ID{rule.EntOrder}, spec.ID, "order %s: no delivery program: build one with entitlement.NewProgram", spec.ID)
	}
	env := p
	var bad []*rule.Violation
	prefix := "order " + spec.ID + ": "
	if spec.ID == "" {
		prefix = "order: "
	}
	fail := func(r rule.ID, subject, format string, args ...any) {
		bad = append(bad, rule.Errorf([]rule.ID{r}, subject, prefix+format, args...))
	}
	switch {
	case spec.ID == "":
		fail(rule.EntOrder, spec.ID, "has no ID")
	case strings.Contains(spec.ID, "/"):
		fail(rule.EntOrder, spec.ID, "ID %q contains \"/\", which separates the parts of entitlement IDs", spec.ID)
	}
	// ENT-ORDER: account IDs decide what is assigned and visible, so an
	// order without one would be visible to no one.
	if len(spec.Accounts) == 0 {
		fail(rule.EntOrder, spec.ID, "has no account ID")
	}
	hasAccount := make(map[string]bool, len(spec.Accounts))
	for i, a := range spec.Accounts {
		switch {
		case a == "":
			fail(rule.EntOrder, spec.ID, "account ID %d is empty", i)
		case hasAccount[a]:
			fail(rule.EntOrder, a, "account ID %q is listed twice", a)
		}
		hasAccount[a] = true
	}
	// ENT-EMAIL: at least one address, or fulfilment would tell no one.
	if len(spec.Emails) == 0 {
		fail(rule.EntEmail, spec.ID, "has no email address")
	}
	emails := make([]string, 0, len(spec.Emails))
	for _, e := range spec.Emails {
		addr, err := parseAddress(e)
		if err != nil {
			fail(rule.EntEmail, e, "email address %q is not a bare address such as ops@example.com", e)
			continue
		}
		emails = append(emails, addr)
	}
	slices.Sort(emails)
	emails = slices.Compact(emails)
	if len(spec.Lines) == 0 {
		fail(rule.EntOrder, spec.ID, "has no line")
	}
	periods := make([]period, len(spec.Lines))
	lines := make([]Line, len(spec.Lines))
	lineAt := make(map[string]int, len(spec.Lines))
	for i, l := range spec.Lines {
		l.Features = slices.Clone(l.Features)
		lines[i] = l
		if _, dup := lineAt[l.ID]; dup && l.ID != "" {
			fail(rule.EntOrder, l.ID, "line ID %q is listed twice", l.ID)
		} else {
			lineAt[l.ID] = i
		}
		n := len(bad)
		validateLine(env, spec.ID, l, i, fail)
		if len(bad) > n || env.IsHeritage(l.Product) {
			continue
		}
		lp, err := linePeriod(env, spec.ID, l)
		if err != nil {
			var v *rule.Violation
			if !errors.As(err, &v) {
				v = rule.Errorf([]rule.ID{rule.EntAuto}, l.ID, "%v", err)
			}
			bad = append(bad, v)
			continue
		}
		periods[i] = lp
	}
	if v := rule.Merge(bad...); v != nil {
		return Order{}, v
	}
	return Order{&order{
		program:  p,
		id:       spec.ID,
		accounts: slices.Clone(spec.Accounts),
		emails:   emails,
		lines:    lines,
		periods:  periods,

		lineAt:     lineAt,
		hasAccount: hasAccount,
		cache:      make([]lineCache, len(lines)),
	}}, nil
}

// MustNewOrder is NewOrder for tests and examples only: it panics on an
// error.
func (p Program) MustNewOrder(spec OrderSpec) Order {
	o, err := p.NewOrder(spec)
	if err != nil {
		panic(err)
	}
	return o
}

func validateLine(env Program, order string, l Line, i int, fail func(rule.ID, string, string, ...any)) {
	id := l.ID
	switch {
	case id == "":
		fail(rule.EntOrder, order, "line %d has no ID", i)
		id = fmt.Sprintf("#%d", i+1)
	case strings.Contains(id, "/"):
		fail(rule.EntAuto, id, "line ID %q contains \"/\", which separates the parts of entitlement IDs", id)
	}
	if !env.knownProduct(l.Product) {
		fail(rule.EntOrder, l.Product, "line %s: unknown product %q (neither a platform of the license catalog nor a heritage product)", id, l.Product)
	}
	switch l.Kind {
	case license.Perpetual:
		if l.TermYears != 0 {
			fail(rule.LicPerpTerm, id, "line %s: a perpetual line has no term, not %d years", id, l.TermYears)
		}
		if l.Renewal {
			fail(rule.LicRenew, id, "line %s: a perpetual license is never renewed", id)
		}
	case license.Subscription:
		if t := env.p.licenses.Terms(); !t.AllowsTerm(l.TermYears) {
			fail(rule.LicSubTerm, id, "line %s: term of %d years is not one of %v", id, l.TermYears, t.SubscriptionTermYears)
		}
	case license.Trial:
		fail(rule.LicKind, id, "line %s: trial keys are not sold on sales orders", id)
	default:
		fail(rule.LicKind, id, "line %s: kind %d is not perpetual or subscription", id, l.Kind)
	}
	if !l.Tier.IsValid() {
		fail(rule.LicTier, id, "line %s: tier %d is not standard, advanced or premium", id, l.Tier)
	}
	if len(l.Features) == 0 && !env.IsHeritage(l.Product) {
		fail(rule.LicTier, id, "line %s grants no feature", id)
	}
	seen := make(map[string]bool, len(l.Features))
	for j, f := range l.Features {
		switch {
		case f == "":
			fail(rule.LicTier, id, "line %s: feature %d has no name", id, j)
		case seen[f]:
			fail(rule.LicTier, id, "line %s: feature %q is listed twice", id, f)
		}
		seen[f] = true
	}
	if l.Quantity < 1 || l.Quantity > env.p.terms.MaxLineQuantity {
		fail(rule.EntAuto, id, "line %s: quantity %d is not between 1 and %d", id, l.Quantity, env.p.terms.MaxLineQuantity)
	}
	if !calendar.InRange(l.ShipDate) {
		fail(rule.EntShip, id, "line %s: ship date %s is not in years 0000 to 9999", id, l.ShipDate.UTC().Format(time.RFC3339Nano))
	}
}

// linePeriod builds the line's license on a stand-in device, so the period
// of its entitlements is the license package's arithmetic: from the ship
// instant (ENT-TIMER) to the end of its years plus the initial grace
// (ENT-GRACE), or no end for a perpetual line. The device does not change
// the period; building the license also validates the line as a license.
func linePeriod(env Program, order string, l Line) (period, error) {
	standIn, err := env.p.licenses.NewDevice("unbound", l.Product, "")
	if err != nil {
		return period{}, err
	}
	e := Entitlement{
		ID: order + "/" + l.ID, Product: l.Product, Kind: l.Kind, Tier: l.Tier,
		Features: l.Features, TermYears: l.TermYears, Renewal: l.Renewal, Start: l.ShipDate,
	}
	lic, err := e.License(env.p.licenses, standIn)
	if err != nil {
		return period{}, err
	}
	return period{start: lic.Start(), end: lic.End()}, nil
}

// parseAddress accepts only a bare address ("ops@example.com", not
// "Ops <ops@example.com>") and lower-cases it: mail systems treat addresses
// without case, so OPS@acme.example and ops@acme.example get one email.
func parseAddress(s string) (string, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", err
	}
	if a.Name != "" || a.Address != s {
		return "", errNotBare
	}
	return strings.ToLower(s), nil
}

// errNotBare is only ever tested for, never handed to a caller; it is an
// errors.New value, which no one can change.
var errNotBare = errors.New("not a bare address")

// IsValid reports whether o was built by Program.NewOrder.
func (ord Order) IsValid() bool { return ord.get().program.p != nil }

// Program returns the program o was built under; the zero Program for the
// zero Order.
func (ord Order) Program() Program { return ord.get().program }

// ID returns the order's identifier.
func (ord Order) ID() string { return ord.get().id }

// Accounts returns a copy of the order's account IDs (ENT-ORDER).
func (ord Order) Accounts() []string { return slices.Clone(ord.get().accounts) }

// Emails returns the distinct addresses of the order, sorted (ENT-EMAIL).
func (ord Order) Emails() []string { return slices.Clone(ord.get().emails) }

// Lines returns a copy of the order's lines.
func (ord Order) Lines() []Line {
	out := slices.Clone(ord.get().lines)
	for i := range out {
		out[i].Features = slices.Clone(out[i].Features)
	}
	return out
}

// Line returns a copy of the line with the given ID.
func (ord Order) Line(id string) (Line, bool) {
	o := ord.get()
	i := o.lineIndex(id)
	if i < 0 {
		return Line{}, false
	}
	l := o.lines[i]
	l.Features = slices.Clone(l.Features)
	return l, true
}

func (o *order) lineIndex(id string) int {
	if i, ok := o.lineAt[id]; ok {
		return i
	}
	return -1
}

// sharesAccount reports whether any of accounts is an account of the order
// (ENT-VISIBLE), in time linear in the length of accounts.
func (o *order) sharesAccount(accounts string) bool {
	for a := range names.All(accounts) {
		if o.hasAccount[a] {
			return true
		}
	}
	return false
}

// sharesAccount reports whether a and b have an account in common: by
// scanning when both are short, else through a set of the shorter, so the
// cost is linear in their lengths.
func sharesAccount(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) <= 8 {
		for _, x := range b {
			if slices.Contains(a, x) {
				return true
			}
		}
		return false
	}
	set := make(map[string]bool, len(a))
	for _, x := range a {
		set[x] = true
	}
	for _, x := range b {
		if set[x] {
			return true
		}
	}
	return false
}
