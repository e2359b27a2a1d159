package junos

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// xmlToJSON converts an XML capture by Juniper's documented JSON mapping:
// the root element is the one member of an object; every element is an array
// of its occurrences, each an object holding its text under "data", its
// attributes under "attributes" and its children as members.
func xmlToJSON(t testing.TB, in []byte) string {
	t.Helper()
	type elem struct {
		name  string
		attrs map[string]string
		text  strings.Builder
		kids  []*elem
	}
	d := xml.NewDecoder(bytes.NewReader(in))
	var stack []*elem
	var root *elem
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			e := &elem{name: tk.Name.Local, attrs: map[string]string{}}
			for _, a := range tk.Attr {
				name := a.Name.Local
				if a.Name.Space == "junos" {
					name = "junos:" + name
				}
				e.attrs[name] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(tk)
			}
		}
	}
	var obj func(e *elem) map[string]any
	obj = func(e *elem) map[string]any {
		m := map[string]any{}
		if len(e.attrs) > 0 {
			m["attributes"] = e.attrs
		}
		if len(e.kids) == 0 {
			if s := strings.TrimSpace(e.text.String()); s != "" {
				m["data"] = s
			}
		}
		for _, k := range e.kids {
			arr, _ := m[k.name].([]any)
			m[k.name] = append(arr, obj(k))
		}
		return m
	}
	out, err := json.MarshalIndent(map[string]any{root.name: []any{obj(root)}}, "", "    ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestJSONReadsWhatXMLReads: every XML capture, converted by Juniper's JSON
// mapping ("| display json"), reads as the same report.
func TestJSONReadsWhatXMLReads(t *testing.T) {
	for _, name := range append(fixtureNames, newerFixtureNames...) {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		b, ok := readFixtureIfPresent(t, name)
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			fromXML, err := ParseXML(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			js := xmlToJSON(t, b)
			fromJSON, err := Parse(strings.NewReader(js))
			if err != nil {
				t.Fatalf("%v\n%s", err, js)
			}
			if fromJSON.Form != JSON {
				t.Errorf("detected form %v, want json", fromJSON.Form)
			}
			fromJSON.Form = XML
			if d := cmp.Diff(fromXML, fromJSON, ignoreLines); d != "" {
				t.Errorf("JSON differs from XML (-xml +json):\n%s", d)
			}
		})
	}
}

// TestJSONRefusals: the JSON reader refuses a second capture, a root that
// is not license output and a member given twice, naming the line.
func TestJSONRefusals(t *testing.T) {
	for _, c := range []struct{ name, in, msg string }{
		{"two documents", `{"license-usage-summary":[{}]}` + "\n" + `{"license-usage-summary":[{}]}`, "line 2: a second capture"},
		{"two roots", `{"license-usage-summary":[{}], "license-information":[{}]}`, "a second root element"},
		{"a root twice", `{"license-usage-summary":[{},{}]}`, "given 2 times"},
		{"not license output", `{"interface-information":[{}]}`, "is not license output"},
		{"data twice", `{"license-usage-summary":[{"feature-summary":[{"name":[{"data":"a","data":"b"}]}]}]}`, `gives "data" twice`},
		{"duplicate feature", `{"license-usage-summary":[{"feature-summary":[{"name":[{"data":"idp-sig"}]},{"name":[{"data":"IDP-SIG"}]}]}]}`, "listed twice"},
	} {
		_, err := ParseJSON(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
}
