package junos

import (
	"strings"
	"testing"
	"time"
)

// TestXMLDocumentShape: a license-usage-summary without features is an
// empty usage table; a feature-summary outside one is not read, a second
// root element is a second capture, text after the root is not this output.
func TestXMLDocumentShape(t *testing.T) {
	r, err := ParseXML(strings.NewReader("<license-usage-summary></license-usage-summary>"))
	if err != nil || r.Usage == nil || len(r.Usage) != 0 {
		t.Errorf("empty summary: %+v, %v", r, err)
	}
	for _, c := range []struct{ name, in, msg string }{
		{"a feature outside the summary", "<rpc-reply><feature-summary><name>f</name></feature-summary></rpc-reply>", "no <license-usage-summary>"},
		{"a second root", "<license-usage-summary></license-usage-summary>\n<html></html>", "a second capture (<html>)"},
		{"two captures", "<license-usage-summary></license-usage-summary><license-usage-summary></license-usage-summary>", "one capture a file"},
		{"text after the root", "<license-usage-summary></license-usage-summary>\ntrailing", `text "trailing" outside any element`},
	} {
		_, err := ParseXML(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
}

// TestXMLFeatureHasOneValidity: a feature-summary is permanent or expired,
// or has dates: validity-type beside an end or a remaining time is refused.
// An end beside its remaining time gives the capture's instant.
func TestXMLFeatureHasOneValidity(t *testing.T) {
	perm := "<validity-type>permanent</validity-type>"
	end := `<end-date junos:seconds="1545696000">2018-12-25</end-date>`
	rem := `<remaining-time><remaining-validity-value junos:seconds="86400">1 days</remaining-validity-value></remaining-time>`
	for _, pair := range [][2]string{{perm, end}, {perm, rem}} {
		in := "<license-usage-summary><feature-summary><name>f</name>" + pair[0] + pair[1] + "</feature-summary></license-usage-summary>"
		if _, err := ParseXML(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "is not permanent, expired, or the kind its dates say") {
			t.Errorf("%s: %v", in, err)
		}
	}
	r, err := ParseXML(strings.NewReader("<license-usage-summary><feature-summary><name>f</name>" + end + rem + "</feature-summary></license-usage-summary>"))
	if err != nil || !r.CapturedAt.Equal(time.Date(2018, 12, 24, 0, 0, 0, 0, time.UTC)) || r.Usage[0].Expiry.Validity != DateBased {
		t.Errorf("an end beside its remaining time: %+v, %v", r, err)
	}
}

// TestXMLSecondsBounds: junos:seconds reads instants from 0000-01-01 to
// 9999-12-31T23:59:59Z, the years every output format writes back.
func TestXMLSecondsBounds(t *testing.T) {
	for _, c := range []struct {
		seconds string
		want    time.Time
		ok      bool
	}{
		{"0", time.Unix(0, 0).UTC(), true},
		{"253402300799", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{"-62167219200", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"-62167219201", time.Time{}, false},
		{"253402300800", time.Time{}, false},
	} {
		got, err := instantOf(&node{seconds: c.seconds, hasSeconds: true})
		if (err == nil) != c.ok || !got.Equal(c.want) {
			t.Errorf("seconds %s: %v, %v", c.seconds, got, err)
		}
	}
}

// TestXMLPrintsWholeDays: a count-down prints its seconds and its whole
// days, as devices do ("<remaining-validity-value junos:seconds="2572880">29
// days").
func TestXMLPrintsWholeDays(t *testing.T) {
	out := Report{Usage: []Usage{{Name: "f", Installed: 1, Expiry: Expiry{Validity: CountDown, Remaining: 2572880 * time.Second}}}}.XML()
	if !strings.Contains(out, `<remaining-validity-value junos:seconds="2572880">29 days</remaining-validity-value>`) {
		t.Errorf("XML() =\n%s", out)
	}
}
