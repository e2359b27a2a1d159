package tmip

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func TestThreeMonthsFromShipmentToReturn(t *testing.T) {
	// "You have three months from shipment of your new Juniper equipment to
	// either return the trade-in equipment or a signed CoD." (TMIP-RETURN)
	shipped := instant(t, "2021-07-15T00:00:00Z")
	deadline := instant(t, "2021-10-15T00:00:00Z")
	returned := instant(t, "2021-10-14T12:00:00Z")
	cases := []struct {
		name     string
		returned time.Time
		cert     *Certificate
		at       string
		status   Status
		rules    []rule.ID
		until    string // "" never
	}{
		{"nothing yet, before the deadline", time.Time{}, nil, "2021-08-01T00:00:00Z", Pending, []rule.ID{rule.TmipReturn}, "2021-10-15T00:00:00Z"},
		{"returned before the deadline, asked 1ns before the return", returned, nil, "2021-10-14T11:59:59.999999999Z", Pending, []rule.ID{rule.TmipReturn}, "2021-10-14T12:00:00Z"},
		{"returned before the deadline, asked at the return", returned, nil, "2021-10-14T12:00:00Z", Met, []rule.ID{rule.TmipReturn}, ""},
		{"returned before the deadline, asked long after", returned, nil, "2030-01-01T00:00:00Z", Met, []rule.ID{rule.TmipReturn}, ""},
		{"a signed CoD by a vice president with legal sign-off authority", time.Time{},
			&Certificate{Signed: returned, SignerTitle: VicePresident, LegalAuthority: true}, "2021-12-01T00:00:00Z", Met, []rule.ID{rule.TmipReturn}, ""},
		{"Failure to comply within this time period (TMIP-BREACH)", time.Time{}, nil, "2021-10-15T00:00:00Z", Breach, []rule.ID{rule.TmipBreach, rule.TmipReturn}, "2021-11-14T00:00:00Z"},
		{"a late return does not cure the breach", deadline, nil, "2021-12-01T00:00:00Z", Breach, []rule.ID{rule.TmipBreach, rule.TmipReturn}, ""},
		{"a return 1ns before the deadline meets it", deadline.Add(-time.Nanosecond), nil, "2021-10-15T00:00:00Z", Met, []rule.ID{rule.TmipReturn}, ""},
		{"a CoD signed 1ns before the deadline meets it", time.Time{},
			&Certificate{Signed: deadline.Add(-time.Nanosecond), SignerTitle: President, LegalAuthority: true}, "2021-10-15T00:00:00Z", Met, []rule.ID{rule.TmipReturn}, ""},
		{"a CoD signed at the deadline is too late", time.Time{},
			&Certificate{Signed: deadline, SignerTitle: President, LegalAuthority: true}, "2021-10-15T00:00:00Z", Breach, []rule.ID{rule.TmipBreach, rule.TmipReturn}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ti := eligible(t, "T", "MX10008")
			ti.NewEquipmentShipped, ti.Returned, ti.Destruction = At(shipped), given(c.returned), c.cert
			b := mustBook(t, DefaultTerms(), ti)
			got := mustComply(t, b, "T", instant(t, c.at))
			if got.Status != c.status || !slices.Equal(got.Rules.IDs(), c.rules) || !got.Deadline.Equal(deadline) {
				t.Fatalf("%+v: want %s with %v and deadline %v", got, c.status, c.rules, deadline)
			}
			var until time.Time
			if c.until != "" {
				until = instant(t, c.until)
			}
			if !got.Until.Equal(until) {
				t.Fatalf("until %v, want %v", got.Until, until)
			}
			if (got.Err() == nil) != (c.status != Breach) {
				t.Fatalf("Err %v for status %s", got.Err(), got.Status)
			}
		})
	}
}

func TestBreachRepeatsNoticesAndOwesTheCreditsBack(t *testing.T) {
	// "Failure to comply within this time period will result in repeated
	// notifications that you are in breach of contract, and Juniper will be
	// owed the TMIP credits." (TMIP-BREACH)
	b := mustBook(t, DefaultTerms(), eligible(t, "T", "MX10008"))
	deadline := instant(t, "2021-10-15T00:00:00Z")
	for _, c := range []struct{ at, notice, next string }{
		{"2021-10-15T00:00:00Z", "2021-10-15T00:00:00Z", "2021-11-14T00:00:00Z"},
		{"2021-11-13T23:59:59.999999999Z", "2021-10-15T00:00:00Z", "2021-11-14T00:00:00Z"},
		{"2021-11-14T00:00:00Z", "2021-11-14T00:00:00Z", "2021-12-14T00:00:00Z"},
		{"2022-03-01T00:00:00Z", "2022-02-12T00:00:00Z", "2022-03-14T00:00:00Z"},
	} {
		got := mustComply(t, b, "T", instant(t, c.at))
		want := []rule.Obligation{
			{Kind: rule.Notice, Rule: rule.TmipBreach, Due: instant(t, c.notice), Subject: "T"},
			{Kind: rule.Clawback, Rule: rule.TmipBreach, Due: deadline, Subject: "T"},
		}
		if got.Allowed || !obligationsEqual(got.Obligations.Slice(), want) || !got.Until.Equal(instant(t, c.next)) {
			t.Errorf("at %s: %+v, want obligations %+v until %s", c.at, got, want, c.next)
		}
		// The claw-back is the discount granted at order, 2021-07-01.
		if !got.Clawback.Equal(dec("500")) {
			t.Errorf("at %s: claw-back %s, want 500.00", c.at, got.Clawback)
		}
	}
	pending := mustComply(t, b, "T", deadline.Add(-time.Nanosecond))
	if pending.Status != Pending || !pending.Clawback.IsZero() || !pending.Until.Equal(deadline) {
		t.Fatalf("1ns before the deadline: %+v", pending)
	}
	if want := []rule.Obligation{{Kind: rule.Deadline, Rule: rule.TmipReturn, Due: deadline, Subject: "T"}}; !obligationsEqual(pending.Obligations.Slice(), want) {
		t.Fatalf("pending obligations %+v, want %+v", pending.Obligations.Slice(), want)
	}
}

func TestLateReturnOrCertificateEndsTheNotices(t *testing.T) {
	// RULES.md TMIP-BREACH: "A late return or a certificate delivered after
	// the deadline cures no breach (deny, TMIP-BREACH, claw-back, for good),
	// but ends the notices: none is due at or after its instant." Its table:
	// in breach, until "the next notice, or the late return or certificate
	// that ends the notices".
	deadline := instant(t, "2021-10-15T00:00:00Z")
	clawback := rule.Obligation{Kind: rule.Clawback, Rule: rule.TmipBreach, Due: deadline, Subject: "T"}
	notice := func(due string) rule.Obligation {
		return rule.Obligation{Kind: rule.Notice, Rule: rule.TmipBreach, Due: instant(t, due), Subject: "T"}
	}
	late := instant(t, "2021-12-01T00:00:00Z") // between the notices of Nov 14 and Dec 14
	for _, c := range []struct {
		name     string
		returned time.Time
		cert     *Certificate
		at       string
		want     []rule.Obligation
		until    string // "" never
	}{
		{"before the late return", late, nil, "2021-11-20T00:00:00Z", []rule.Obligation{notice("2021-11-14T00:00:00Z"), clawback}, "2021-12-01T00:00:00Z"},
		{"1ns before the late return", late, nil, "2021-11-30T23:59:59.999999999Z", []rule.Obligation{notice("2021-11-14T00:00:00Z"), clawback}, "2021-12-01T00:00:00Z"},
		{"at the late return", late, nil, "2021-12-01T00:00:00Z", []rule.Obligation{clawback}, ""},
		{"long after the late return", late, nil, "2023-01-01T00:00:00Z", []rule.Obligation{clawback}, ""},
		{"returned at the deadline, asked then", deadline, nil, "2021-10-15T00:00:00Z", []rule.Obligation{clawback}, ""},
		{"returned on a notice's instant, asked 1ns before", instant(t, "2021-11-14T00:00:00Z"), nil, "2021-11-13T23:59:59.999999999Z", []rule.Obligation{notice("2021-10-15T00:00:00Z"), clawback}, "2021-11-14T00:00:00Z"},
		{"a late certificate", time.Time{}, &Certificate{Signed: late, SignerTitle: President, LegalAuthority: true}, "2021-12-01T00:00:00Z", []rule.Obligation{clawback}, ""},
		{"a late certificate that is no certificate", time.Time{}, &Certificate{Signed: late, SignerTitle: Director, LegalAuthority: true}, "2021-12-01T00:00:00Z", []rule.Obligation{notice("2021-11-14T00:00:00Z"), clawback}, "2021-12-14T00:00:00Z"},
	} {
		ti := eligible(t, "T", "MX10008")
		ti.Returned, ti.Destruction = given(c.returned), c.cert
		got := mustComply(t, mustBook(t, DefaultTerms(), ti), "T", instant(t, c.at))
		var until time.Time
		if c.until != "" {
			until = instant(t, c.until)
		}
		if got.Allowed || got.Status != Breach || !got.Clawback.Equal(dec("500")) || !obligationsEqual(got.Obligations.Slice(), c.want) || !got.Until.Equal(until) {
			t.Errorf("%s: %+v\nwant breach, claw-back 500.00, obligations %+v until %v", c.name, got, c.want, until)
		}
	}
}

func TestSignerIsVicePresidentOrAboveWithLegalAuthority(t *testing.T) {
	// "Authorized signers must hold the official title of vice president or
	// above and must have legal signoff authority for the customer,
	// government agency, or partner/reseller." (TMIP-SIGNER)
	signed := instant(t, "2021-09-01T00:00:00Z")
	after := instant(t, "2021-09-02T00:00:00Z")
	for _, c := range []struct {
		title     Title
		authority bool
		valid     bool
	}{
		{VicePresident, true, true},
		{SeniorVicePresident, true, true},
		{ExecutiveVicePresident, true, true},
		{President, true, true},
		{ChiefExecutiveOfficer, true, true},
		{VicePresident, false, false},
		{ChiefExecutiveOfficer, false, false},
		{Director, true, false},
		{Manager, true, false},
		{OtherTitle, true, false},
	} {
		ti := eligible(t, "T", "MX10008")
		ti.Destruction = &Certificate{Signed: signed, SignerTitle: c.title, LegalAuthority: c.authority}
		b := mustBook(t, DefaultTerms(), ti)
		got := mustComply(t, b, "T", after)
		if c.valid {
			if got.Status != Met || slices.Contains(got.Rules.IDs(), rule.TmipSigner) {
				t.Errorf("%s, authority %v: %+v, want met", c.title, c.authority, got)
			}
			continue
		}
		// A certificate signed otherwise is no certificate.
		if got.Status != Pending || !slices.Equal(got.Rules.IDs(), []rule.ID{rule.TmipReturn, rule.TmipSigner}) ||
			!strings.Contains(got.Reason, "no certificate") {
			t.Errorf("%s, authority %v: %+v, want pending citing TMIP-SIGNER", c.title, c.authority, got)
		}
		// TMIP-SIGNER is cited from the instant the certificate counts, its
		// own.
		before := mustComply(t, b, "T", signed.Add(-time.Nanosecond))
		if slices.Contains(before.Rules.IDs(), rule.TmipSigner) || !before.Until.Equal(signed) {
			t.Errorf("%s 1ns before its signing: %+v, want no TMIP-SIGNER until its signing", c.title, before)
		}
		if at := mustComply(t, b, "T", signed); !slices.Contains(at.Rules.IDs(), rule.TmipSigner) {
			t.Errorf("%s at its signing: %+v, want TMIP-SIGNER", c.title, at)
		}
		breach := mustComply(t, b, "T", instant(t, "2021-10-15T00:00:00Z"))
		if !slices.Equal(breach.Rules.IDs(), []rule.ID{rule.TmipBreach, rule.TmipSigner, rule.TmipReturn}) {
			t.Errorf("%s in breach: rules %v", c.title, breach.Rules.IDs())
		}
	}
}

func TestNoShipmentNoDeadline(t *testing.T) {
	ti := eligible(t, "T", "MX10008")
	ti.NewEquipmentShipped = Instant{}
	ti.Returned = At(instant(t, "2021-08-01T00:00:00Z"))
	b := mustBook(t, DefaultTerms(), ti)
	c := mustComply(t, b, "T", instant(t, "2021-07-20T00:00:00Z"))
	if c.Status != Pending || !c.Deadline.IsZero() || c.Obligations.Slice() != nil || !c.Until.Equal(ti.Returned.Time) {
		t.Fatalf("not shipped: %+v", c)
	}
	if c := mustComply(t, b, "T", c.Until); c.Status != Met || !c.Until.IsZero() {
		t.Fatalf("returned, not shipped: %+v", c)
	}
	a := mustAssess(t, b, "T", instant(t, "2021-07-01T00:00:00Z"))
	if !a.Allowed || a.Obligations.Slice() != nil || !a.Deadline.IsZero() {
		t.Fatalf("assessment without shipment: %+v", a)
	}
}

func TestTradeInCarriesNoCountry(t *testing.T) {
	// "The program operates in all countries that Juniper does business in."
	// (TMIP-GLOBAL): TradeIn has no field that could refuse by country.
	for _, f := range []string{"Country", "Region", "Location"} {
		if _, ok := reflectField(TradeIn{}, f); ok {
			t.Errorf("TradeIn has a %s field: TMIP-GLOBAL says none refuses", f)
		}
	}
}

func TestStatusIsValidOnlyForMetPendingBreach(t *testing.T) {
	// "The zero Status is invalid": so is anything past Breach.
	for s, want := range map[Status]bool{0: false, Met: true, Pending: true, Breach: true, statusCount: false, 200: false} {
		if got := s.IsValid(); got != want {
			t.Errorf("Status(%d).IsValid() = %v, want %v", s, got, want)
		}
	}
}
