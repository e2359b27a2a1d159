package junos

import (
	"strings"
	"testing"
	"time"
)

// summaryEnd is a usage summary whose one feature ends where end says.
func summaryEnd(root, end string) string {
	return "<license-usage-summary" + root + ">\n<feature-summary><name>idp-sig</name><licensed>1</licensed>\n" + end + "\n</feature-summary></license-usage-summary>"
}

// TestOnlyJunosSecondsCounts: the end of a feature comes from the seconds
// attribute in the Junos namespace (by its URI, or by the junos prefix left
// undeclared as devices print it) and from nothing else; seconds given
// twice, or contradicting the printed date, are refused naming the line.
// Before, any attribute named seconds counted and the last one won, so
// 2018-12-25 read as usable until 2099.
func TestOnlyJunosSecondsCounts(t *testing.T) {
	d2018 := time.Date(2018, 12, 25, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, root, end string
		want            time.Time
		msg             string
	}{
		{"undeclared junos prefix, as devices print it", "", `<end-date junos:seconds="1545696000">2018-12-25</end-date>`, d2018, ""},
		{"a prefix bound to the Junos URI", ` xmlns:j="http://xml.juniper.net/junos/24.4R1/junos"`, `<end-date j:seconds="1545696000">2018-12-25</end-date>`, d2018, ""},
		{"junos declared as the Junos URI", ` xmlns:junos="http://xml.juniper.net/junos/*/junos"`, `<end-date junos:seconds="1545696000">2018-12-25</end-date>`, d2018, ""},
		{"seconds in no namespace are not read", "", `<end-date seconds="4070908800">2018-12-25</end-date>`, d2018, ""},
		{"junos bound to another URI is not read", ` xmlns:junos="urn:example:other"`, `<end-date junos:seconds="4070908800">2018-12-25</end-date>`, d2018, ""},
		{"a device's date in its own zone", "", `<end-date junos:seconds="1545732000">2018-12-25</end-date>`, d2018.Add(10 * time.Hour), ""},
		{"seconds beside junos:seconds", "", `<end-date junos:seconds="1545696000" seconds="4070908800">2018-12-25</end-date>`, time.Time{}, "gives seconds twice"},
		{"two prefixes of the Junos URI", ` xmlns:a="http://xml.juniper.net/junos/1/junos" xmlns:b="http://xml.juniper.net/junos/2/junos"`,
			`<end-date a:seconds="1545696000" b:seconds="4070908800">2018-12-25</end-date>`, time.Time{}, "gives seconds twice"},
		{"seconds contradicting the date", "", `<end-date junos:seconds="4070908800">2018-12-25</end-date>`, time.Time{}, "contradicts the printed date"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := ParseXML(strings.NewReader(summaryEnd(c.root, c.end)))
			if c.msg != "" {
				wantLineErr(t, err, 3, c.msg)
				return
			}
			if err != nil || !r.Usage[0].Expiry.End.Equal(c.want) {
				t.Fatalf("%+v, %v; want the end %v", r.Usage, err, c.want)
			}
		})
	}
}

// TestJSONSecondsGivenTwiceAreRefused: in the JSON form "junos:seconds"
// is read, given twice (or beside another seconds) it is refused naming
// the line, and a bare "seconds" is not read.
func TestJSONSecondsGivenTwiceAreRefused(t *testing.T) {
	capture := func(attrs string) string {
		return `{"license-usage-summary":[{"feature-summary":[{"name":[{"data":"idp-sig"}],` + "\n" +
			`"end-date":[{"attributes":{` + attrs + `},"data":"2018-12-25"}]}]}]}`
	}
	for _, attrs := range []string{
		`"junos:seconds":"1545696000","junos:seconds":"4070908800"`,
		`"junos:seconds":"1545696000","seconds":"4070908800"`,
	} {
		_, err := ParseJSON(strings.NewReader(capture(attrs)))
		wantLineErr(t, err, 2, "twice")
	}
	r, err := ParseJSON(strings.NewReader(capture(`"seconds":"4070908800"`)))
	if err != nil || !r.Usage[0].Expiry.End.Equal(time.Date(2018, 12, 25, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("a bare seconds attribute was read: %+v, %v", r.Usage, err)
	}
}

// TestRemainingTimeContradictingItsSecondsIsRefused: a remaining time's
// printed days must be its seconds in whole days.
func TestRemainingTimeContradictingItsSecondsIsRefused(t *testing.T) {
	rem := `<remaining-time><remaining-validity-value junos:seconds="8640000">1 days</remaining-validity-value></remaining-time>`
	_, err := ParseXML(strings.NewReader(summaryEnd("", rem)))
	wantLineErr(t, err, 3, "contradicts the printed")
	twice := `<remaining-time><remaining-validity-value junos:seconds="86400">1 days</remaining-validity-value><remaining-validity-value junos:seconds="8640000">100 days</remaining-validity-value></remaining-time>`
	_, err = ParseXML(strings.NewReader(summaryEnd("", twice)))
	wantLineErr(t, err, 3, "given twice")
}

// TestPermanentKeyFeatureWithDatesIsRefused: a key's feature marked
// permanent beside dates is refused, as the usage summary refuses it,
// rather than shown perpetual with its dates dropped.
func TestPermanentKeyFeatureWithDatesIsRefused(t *testing.T) {
	for _, c := range []struct{ validity, extra, elem string }{
		{"permanent", `<end-date junos:seconds="1545696000">2018-12-25 00:00:00 UTC</end-date>`, "end-date"},
		{"permanent", `<start-date>2018-12-25 00:00:00 UTC</start-date>`, "start-date"},
		{"permanent", `<original-time-allowed>60 days</original-time-allowed>`, "original-time-allowed"},
		{"count-down", `<original-time-allowed>60 days</original-time-allowed><end-date>2018-12-25</end-date>`, "end-date"},
	} {
		in := "<license-information><license><name>E1</name><feature-block><feature>\n<name>idp-sig</name><validity-type>" + c.validity + "</validity-type>\n" + c.extra + "\n</feature></feature-block></license></license-information>"
		_, err := ParseXML(strings.NewReader(in))
		wantLineErr(t, err, 3, "is "+c.validity+" and gives <"+c.elem+">")
		js := `{"license-information":[{"license":[{"name":[{"data":"E1"}],"feature-block":[{"feature":[{"name":[{"data":"idp-sig"}],"validity-type":[{"data":"` + c.validity + `"}],` + "\n" + `"` + c.elem + `":[{"data":"2018-12-25"}]}]}]}]}]}`
		_, err = ParseJSON(strings.NewReader(js))
		wantLineErr(t, err, 2, "is "+c.validity+" and gives <"+c.elem+">")
	}
}
