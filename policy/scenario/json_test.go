package scenario

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// toAny converts a tree's node to what encoding/json's Unmarshal into an
// any gives, numbers as json.Number.
func toAny(t *tree, n *jnode) any {
	switch n.kind {
	case jNull:
		return nil
	case jBool:
		return n.b
	case jNumber:
		return json.Number(t.str(n))
	case jString:
		return t.str(n)
	case jArray:
		out := []any{}
		for _, v := range t.children(n).all() {
			out = append(out, toAny(t, v))
		}
		return out
	}
	out := map[string]any{}
	for _, v := range t.children(n).all() {
		out[t.key(v)] = toAny(t, v)
	}
	return out
}

// FuzzScannerAgreesWithEncodingJSON: the scanner accepts exactly the valid
// UTF-8 JSON texts nested at most maxDepth deep without repeated keys or
// lone surrogates in \u escapes, and reads each as encoding/json does.
func FuzzScannerAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a": [1, -0.5e+3, true, false, null, "x\u00e9\ud83d\ude00\n"]}`, `{"a": 1, "a": 2}`,
		`"\ud800"`, `"\ud800\u0041"`, `01`, `1.`, `-`, `{"a" 1}`, `[1,]`, `[[[[[[[]]]]]]]`, ` {"k": "v"} `, `{"a":{"b":{}}} x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) {
			return
		}
		tr, err := parseTree(b)
		var want any
		d := json.NewDecoder(strings.NewReader(string(b)))
		d.UseNumber()
		jerr := d.Decode(&want)
		valid := json.Valid(b)
		if err == nil {
			if !valid || jerr != nil {
				t.Fatalf("scanner accepts what encoding/json refuses: %q", b)
			}
			if len(tr.nodes) > maxValues(b) {
				t.Fatalf("%q: %d values, over the bound of %d the arenas are sized by", b, len(tr.nodes), maxValues(b))
			}
			if got := toAny(tr, tr.root()); !cmp.Equal(got, want) {
				t.Fatalf("%q: scanner reads %v, encoding/json %v", b, got, want)
			}
			return
		}
		var se *syntaxError
		if !errors.As(err, &se) || se.off < 0 || se.off > len(b) {
			t.Fatalf("%q: error %v without a place", b, err)
		}
		if valid && !strings.Contains(se.msg, "nested deeper") && !strings.Contains(se.msg, "repeated key") &&
			!strings.Contains(se.msg, "surrogate pair") {
			t.Fatalf("scanner refuses valid JSON %q: %v", b, err)
		}
	})
}

// TestLoneSurrogateEscapeIsRefused: encoding/json reads half of a UTF-16
// surrogate pair as U+FFFD, so that "\ud800" and "\udfff" would name one
// license; the scanner refuses it at the escape, with the path of the
// string or of the object whose key holds it, and reads a pair as its
// character (issue 26, class 7).
func TestLoneSurrogateEscapeIsRefused(t *testing.T) {
	for _, c := range []struct {
		src, path string
		off       int
	}{
		{`{"licenses": [{"id": "\ud800"}]}`, "licenses[0].id", 22},
		{`{"licenses": [{"id": "L\udfff"}]}`, "licenses[0].id", 23},
		{`{"a": ["x", "\uDBFF\uDBFF"]}`, "a[1]", 13},
		{`{"a": "\ud83d\u0041"}`, "a", 7},
		{`{"a": "\ud83dx"}`, "a", 7},
		{`{"a": "\ud83d"`, "a", 7},
		{`{"a": "\ud83d\`, "a", 7},
		{`{"a": {"k\ude00": 1}}`, "a", 9},
		{`"\ud800"`, "", 1},
	} {
		_, err := parseTree([]byte(c.src))
		var se *syntaxError
		if !errors.As(err, &se) || se.path != c.path || se.off != c.off || !strings.Contains(se.msg, "half of a UTF-16 surrogate pair") {
			t.Errorf("%s: got %#v, want a lone surrogate refused at %s, offset %d", c.src, err, c.path, c.off)
		}
	}
	tr, err := parseTree([]byte(`{"a": "\ud83d\ude00\uD83D\uDE00"}`))
	if err != nil || tr.str(tr.get(tr.root(), "a")) != "😀😀" {
		t.Errorf("a surrogate pair: %v", err)
	}
}

// TestErrorPathsAtTheEndOfALongList: the index an error's path gives is
// the value's own, at the end of a list of thousands too.
func TestErrorPathsAtTheEndOfALongList(t *testing.T) {
	const n = 5000
	check := `{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}, `
	src := `{"name": "t", "checks": [` + strings.Repeat(check, n) + `{}, 7]}`
	_, err := decode("f.json", strings.NewReader(src))
	es, ok := err.(Errors)
	if !ok {
		t.Fatalf("got %v, want Errors", err)
	}
	var paths []string
	for _, e := range es {
		paths = append(paths, e.Path)
	}
	want := []string{fmt.Sprintf("checks[%d].at", n), fmt.Sprintf("checks[%d].request", n), fmt.Sprintf("checks[%d]", n+1)}
	if !slices.Equal(paths, want) {
		t.Errorf("paths %q, want %q", paths, want)
	}
}
