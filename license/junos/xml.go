package junos

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ParseXML reads the XML form of show system license | display xml: a
// license-usage-summary, alone or inside license-summary-information or an
// rpc-reply. It reads every feature-summary (name, description, licensed,
// used-licensed, needed, validity-type, end-date, remaining-time), prefers
// the junos:seconds attribute where present, accepts the undeclared junos:
// prefix devices print, and skips unknown elements. It refuses a document
// whose root is not license output, or a value it cannot read, naming the
// element and its line.
func ParseXML(r io.Reader) (Report, error) {
	b, err := readBounded(r)
	if err != nil {
		return Report{}, err
	}
	return parseXML(b)
}

// roots are the elements a license document may start with.
var roots = map[string]bool{
	"rpc-reply": true, "license-summary-information": true,
	"license-usage-summary": true, "license-information": true,
}

type xmlSeconds struct {
	Seconds string `xml:"seconds,attr"`
	Text    string `xml:",chardata"`
}

type xmlFeature struct {
	Name         *string     `xml:"name"`
	Description  string      `xml:"description"`
	Licensed     string      `xml:"licensed"`
	UsedLicensed string      `xml:"used-licensed"`
	Needed       string      `xml:"needed"`
	ValidityType string      `xml:"validity-type"`
	EndDate      *xmlSeconds `xml:"end-date"`
	Remaining    *struct {
		Value xmlSeconds `xml:"remaining-validity-value"`
	} `xml:"remaining-time"`
}

func parseXML(b []byte) (Report, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	rep := Report{Form: XML}
	depth := 0
	fail := func(format string, args ...any) (Report, error) {
		line, _ := d.InputPos()
		return Report{}, &ParseError{Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail("%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if depth == 0 && !roots[name] {
				return fail("element <%s> is not license output (want license-usage-summary)", name)
			}
			if name == "license-usage-summary" && rep.Usage == nil {
				rep.Usage = []Usage{}
			}
			if name != "feature-summary" {
				depth++
				continue
			}
			if rep.Usage == nil {
				return fail("<feature-summary> outside <license-usage-summary>")
			}
			var f xmlFeature
			if err := d.DecodeElement(&f, &t); err != nil {
				return fail("<feature-summary>: %v", err)
			}
			u, err := f.usage()
			if err != nil {
				return fail("%v", err)
			}
			rep.Usage = append(rep.Usage, u)
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return fail("text %q outside any element", bytes.TrimSpace(t))
			}
		}
	}
	if rep.Usage == nil {
		return fail("no <license-usage-summary> element")
	}
	return rep, nil
}

func (f xmlFeature) usage() (Usage, error) {
	if f.Name == nil || strings.TrimSpace(*f.Name) == "" {
		return Usage{}, errors.New("<feature-summary> has no <name>")
	}
	u := Usage{Name: strings.TrimSpace(*f.Name), Description: strings.TrimSpace(f.Description)}
	for _, c := range []struct {
		elem, v string
		to      *int
	}{{"licensed", f.Licensed, &u.Installed}, {"used-licensed", f.UsedLicensed, &u.Used}, {"needed", f.Needed, &u.Needed}} {
		v := strings.TrimSpace(c.v)
		if v == "" {
			continue
		}
		n, ok := count(v)
		if !ok {
			return Usage{}, fmt.Errorf("<%s> of feature %q: %q is not a count", c.elem, u.Name, v)
		}
		*c.to = n
	}
	kinds := 0
	if v := strings.TrimSpace(f.ValidityType); v != "" {
		if v != "permanent" {
			return Usage{}, fmt.Errorf("<validity-type> of feature %q: %q is not permanent", u.Name, v)
		}
		u.Expiry.Validity = Permanent
		kinds++
	}
	if f.EndDate != nil {
		t, err := f.EndDate.instant()
		if err != nil {
			return Usage{}, fmt.Errorf("<end-date> of feature %q: %v", u.Name, err)
		}
		u.Expiry = Expiry{Validity: DateBased, End: t}
		kinds++
	}
	if f.Remaining != nil {
		d, err := f.Remaining.Value.duration()
		if err != nil {
			return Usage{}, fmt.Errorf("<remaining-validity-value> of feature %q: %v", u.Name, err)
		}
		u.Expiry = Expiry{Validity: CountDown, Remaining: d}
		kinds++
	}
	if kinds > 1 {
		return Usage{}, fmt.Errorf("feature %q has more than one of validity-type, end-date and remaining-time", u.Name)
	}
	return u, nil
}

// maxSeconds bounds junos:seconds to instants time formats as four-digit
// years.
const maxSeconds = 253402300799 // 9999-12-31T23:59:59Z

func (s xmlSeconds) instant() (time.Time, error) {
	if v := strings.TrimSpace(s.Seconds); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > maxSeconds {
			return time.Time{}, fmt.Errorf("junos:seconds %q is not an instant", v)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	v := strings.TrimSpace(s.Text)
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if t, ok := parseInstant(v); ok {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date", v)
}

func (s xmlSeconds) duration() (time.Duration, error) {
	if v := strings.TrimSpace(s.Seconds); v != "" {
		n, ok := count(v)
		if !ok {
			return 0, fmt.Errorf("junos:seconds %q is not a count of seconds", v)
		}
		return time.Duration(n) * time.Second, nil
	}
	f := strings.Fields(s.Text)
	if len(f) == 2 {
		if d, ok := parseDays(f[0], f[1]); ok {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%q is not a number of days", strings.TrimSpace(s.Text))
}

// XML renders the report's usage as a license-usage-summary with
// junos:seconds attributes (declared, so strict parsers read it too).
// ParseXML reads it back to an equal usage table. The XML form has no
// installed keys, so they are not rendered.
func (r Report) XML() string {
	var b strings.Builder
	b.WriteString(`<license-usage-summary xmlns:junos="http://xml.juniper.net/junos/*/junos">` + "\n")
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	for _, u := range r.Usage {
		b.WriteString("    <feature-summary>\n")
		fmt.Fprintf(&b, "        <name>%s</name>\n", esc(u.Name))
		if u.Description != "" {
			fmt.Fprintf(&b, "        <description>%s</description>\n", esc(u.Description))
		}
		fmt.Fprintf(&b, "        <licensed>%d</licensed>\n        <used-licensed>%d</used-licensed>\n        <needed>%d</needed>\n", u.Installed, u.Used, u.Needed)
		switch u.Expiry.Validity {
		case Permanent:
			b.WriteString("        <validity-type>permanent</validity-type>\n")
		case DateBased:
			fmt.Fprintf(&b, "        <end-date junos:seconds=\"%d\">%s</end-date>\n", u.Expiry.End.Unix(), u.Expiry.End.UTC().Format(time.DateOnly))
		case CountDown:
			fmt.Fprintf(&b, "        <remaining-time>\n            <remaining-validity-value junos:seconds=\"%d\">%d days</remaining-validity-value>\n        </remaining-time>\n",
				int64(u.Expiry.Remaining/time.Second), u.Expiry.Remaining/day)
		}
		b.WriteString("    </feature-summary>\n")
	}
	b.WriteString("</license-usage-summary>\n")
	return b.String()
}
