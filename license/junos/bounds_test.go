package junos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// usageRows is a usage table of n rows, f000000 to f(n-1), each 26 bytes:
// a 4 MiB capture of them is 161k rows.
func usageRows(n int) string {
	var b strings.Builder
	b.WriteString(header)
	for i := range n {
		fmt.Fprintf(&b, "  f%06d 1 1 0 permanent\n", i)
	}
	return b.String()
}

// wantLineErr fails unless err is a *ParseError at line naming msg.
func wantLineErr(t *testing.T, err error, line int, msg string) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != line || !strings.Contains(pe.Msg, msg) {
		t.Errorf("got %v, want line %d: ...%s...", err, line, msg)
	}
}

// TestManyRowsAreRefusedAtTheBound: a capture of more usage rows, keys and
// key features than MaxEntries is refused at the first one past it, in
// every form, rather than held at tens of times its size.
func TestManyRowsAreRefusedAtTheBound(t *testing.T) {
	rows := usageRows(MaxEntries)
	if r, err := Parse(strings.NewReader(rows)); err != nil || len(r.Usage) != MaxEntries {
		t.Fatalf("MaxEntries rows: %d, %v", len(r.Usage), err)
	}
	_, err := Parse(strings.NewReader(usageRows(MaxEntries + 1)))
	wantLineErr(t, err, 3+MaxEntries+1, "over 10000 usage rows, keys and key features")

	// 160k rows in 4 MiB: refused, not read.
	_, err = Parse(strings.NewReader(usageRows(160000)))
	wantLineErr(t, err, 3+MaxEntries+1, "the most a capture may list")

	// MaxEntries rows as devices print them in XML and JSON are within the
	// bound on elements: each row is read.
	full := Report{Usage: []Usage{}}
	for i := range MaxEntries {
		full.Usage = append(full.Usage, Usage{Name: fmt.Sprintf("f%d", i), Description: "d", Used: 1, Installed: 1,
			Expiry: Expiry{Validity: DateBased, End: utc(2030, 1, 1)}})
	}
	for form, in := range map[string]string{"xml": full.XML(), "json": compactJSON(t, full.JSON())} {
		if r, err := Parse(strings.NewReader(in)); err != nil || len(r.Usage) != MaxEntries {
			t.Errorf("%s: MaxEntries rows of %d bytes: %d, %v", form, len(in), len(r.Usage), err)
		}
	}

	// Keys and their features count together: ten keys of a tenth of the
	// bound each are over it by ten.
	keys := Report{Keys: []Key{}}
	for i := range 10 {
		k := Key{ID: fmt.Sprintf("E%d", i)}
		for f := range MaxEntries / 10 {
			k.Features = append(k.Features, KeyFeature{Name: fmt.Sprint(f), Expiry: Expiry{Validity: Permanent}})
		}
		keys.Keys = append(keys.Keys, k)
	}
	for _, form := range []struct {
		name string
		in   string
	}{{"text", keys.Text()}, {"xml", keys.XML()}, {"json", compactJSON(t, keys.JSON())}} {
		if _, err := Parse(strings.NewReader(form.in)); err == nil || !strings.Contains(err.Error(), "the most a capture may list") {
			t.Errorf("%s: ten keys of %d features: %v", form.name, MaxEntries/10, err)
		}
	}
}

// TestHugeLinesAndValuesAreRefused: a line over MaxLine, or a name, an
// identifier or an element's text over MaxValue, is refused naming its
// line and quoting at most a little of it.
func TestHugeLinesAndValuesAreRefused(t *testing.T) {
	long := strings.Repeat("x", MaxValue+1)
	for _, c := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"a line of spaces", header + strings.Repeat(" ", MaxLine+1) + "\n", 4, "the line is over 4096 bytes"},
		{"a usage row's name", header + "  " + long + " 1 1 0 permanent\n", 4, "is over 1024 bytes"},
		{"a key's identifier", "Licenses installed:\n  License identifier: " + long + "\n", 2, "is over 1024 bytes"},
		{"a key's field", "Licenses installed:\n  License identifier: E1\n  Customer ID: " + long + "\n", 3, "is over 1024 bytes"},
		{"a feature's description", "Licenses installed:\n  License identifier: E1\n  Features:\n    f - " + long + "\n      permanent\n", 4, "is over 1024 bytes"},
		{"an XML name", "<license-usage-summary>\n<feature-summary><name>" + long + "</name></feature-summary></license-usage-summary>", 2, "is over 1024 bytes"},
		{"an XML element name", "<license-usage-summary>\n<" + long + "/></license-usage-summary>", 2, "an element name over 1024 bytes"},
		{"a JSON name", `{"license-usage-summary":[{` + "\n" + `"feature-summary":[{"name":[{"data":"` + long + `"}]}]}]}`, 2, "is over 1024 bytes"},
		{"a JSON member name", `{"license-usage-summary":[{` + "\n" + `"` + long + `":[{}]}]}`, 2, "is over 1024 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.in))
			wantLineErr(t, err, c.line, c.msg)
			if err != nil && len(err.Error()) > 400 {
				t.Errorf("the refusal is %d bytes long: it quotes too much", len(err.Error()))
			}
		})
	}
}

func manyAttrs(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// TestDeepAndWideStructuresAreRefused: XML and JSON nesting past 64, and
// more elements, attributes or members than a capture of MaxEntries rows
// holds, are refused naming the line, whatever they are called, so that no
// layout of 4 MiB makes a reader take more steps than that.
func TestDeepAndWideStructuresAreRefused(t *testing.T) {
	deepXML := strings.Repeat("<a>", maxDepth+1) + strings.Repeat("</a>", maxDepth+1)
	deepJSON := strings.Repeat(`{"a":[`, maxDepth+1) + strings.Repeat("]}", maxDepth+1)
	wideXML := "<license-usage-summary>\n" + strings.Repeat("<x/>", maxElements) + "</license-usage-summary>"
	wideJSON := `{"license-usage-summary":[{"x":[` + "\n" + strings.Repeat("{},", maxElements) + "{}]}]}"
	attrs := "<license-usage-summary>\n<feature-summary " + strings.Repeat(`a="1" `, 1) + strings.Repeat(`seconds="1" `, 2) + "/></license-usage-summary>"
	for _, c := range []struct {
		name, in string
		line     int
		msg      string
	}{
		{"deep XML", deepXML, 1, "nest more than 64 deep"},
		{"deep JSON", deepJSON, 1, "nest more than 64 deep"},
		{"wide XML", wideXML, 2, "over 160000 elements, attributes and members"},
		{"wide JSON", wideJSON, 2, "over 160000 elements, attributes and members"},
		{"many XML attributes", "<license-usage-summary\n" + manyAttrs(maxElements, "a%x=\"\" ") + "/>", 2, "over 160000 elements, attributes and members"},
		{"many JSON attributes", `{"license-usage-summary":[{"attributes":{` + "\n" + manyAttrs(maxElements, `"%x":"",`) + `"z":"y"}}]}`, 2, "over 160000 elements, attributes and members"},
		{"many JSON members", `{"license-usage-summary":[{` + "\n" + manyAttrs(maxElements, `"%x":[],`) + `"z":[]}]}`, 2, "over 160000 elements, attributes and members"},
		{"repeated attributes", attrs, 2, "gives seconds twice"},
	} {
		_, err := Parse(strings.NewReader(c.in))
		wantLineErr(t, err, c.line, c.msg)
	}
}

// TestFeatureOfTooManyKeysIsRefused: a feature granted by more keys than
// MaxGrantsPerFeature is refused naming the line of the one past it, since
// its answer is searched over every key at each change of one.
func TestFeatureOfTooManyKeysIsRefused(t *testing.T) {
	keys := func(n int) Report {
		r := Report{Keys: []Key{}}
		for i := range n {
			r.Keys = append(r.Keys, Key{ID: fmt.Sprintf("E%d", i), CustomerID: "vSRX-x", Features: []KeyFeature{
				dated("idp-sig", utc(2020+i, 1, 1), utc(2030+i, 1, 1))}})
		}
		back, err := Parse(strings.NewReader(r.Text()))
		if err != nil {
			t.Fatal(err)
		}
		return back
	}
	if f, err := keys(MaxGrantsPerFeature).Facts(Options{}); err != nil || len(f.Features[0].Grants) != MaxGrantsPerFeature {
		t.Fatalf("%d keys: %v", MaxGrantsPerFeature, err)
	}
	r := keys(MaxGrantsPerFeature + 1)
	_, err := r.Facts(Options{})
	if want := fmt.Sprintf("line %d: feature \"idp-sig\" has more than %d keys", r.Keys[MaxGrantsPerFeature].Features[0].Line, MaxGrantsPerFeature); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want ...%s...", err, want)
	}
}
