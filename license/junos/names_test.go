package junos

import (
	"strings"
	"testing"
)

// jsonUsage is a JSON usage summary of one feature named by the JSON
// string literal name, on line 2.
func jsonUsage(name string) string {
	return `{"license-usage-summary":[{"feature-summary":[` + "\n" + `{"name":[{"data":` + name + `}],"licensed":[{"data":"1"}]}]}]}`
}

// TestLoneSurrogatesAreRefused: encoding/json reads "\ud800" and "\udfff"
// alike as U+FFFD, so two names a capture gives apart would be one; an
// escape of half a surrogate pair is refused naming its line, a whole pair
// is read.
func TestLoneSurrogatesAreRefused(t *testing.T) {
	for _, name := range []string{`"\ud800"`, `"\udfff"`, `"a\ud800b"`, `"\ud800\u0041"`, `"\udc00\ud800"`, `"\uD83D"`} {
		_, err := ParseJSON(strings.NewReader(jsonUsage(name)))
		wantLineErr(t, err, 2, "is a lone surrogate")
	}
	for _, c := range []struct{ literal, want string }{
		{`"\ud83d\ude00"`, "\U0001F600"},
		{`"\\ud800"`, `\ud800`}, // an escaped backslash, then text
		{`"\ufffd"`, "\ufffd"},
	} {
		r, err := ParseJSON(strings.NewReader(jsonUsage(c.literal)))
		if err != nil || r.Usage[0].Name != c.want {
			t.Errorf("%s: %+v, %v; want the name %q", c.literal, r.Usage, err, c.want)
		}
	}
}

// TestBytesThatAreNotUTF8AreRefused: every form refuses invalid UTF-8,
// which JSON would read as U+FFFD and the commands could not print back.
func TestBytesThatAreNotUTF8AreRefused(t *testing.T) {
	for _, c := range []struct{ name, in, msg string }{
		{"text", header + "  f\xff 1 1 0 permanent\n", "is not UTF-8"},
		{"xml", "<license-usage-summary>\n<feature-summary><name>f\xff</name></feature-summary></license-usage-summary>", "invalid UTF-8"},
		{"json", jsonUsage("\"f\xff\""), "is not UTF-8"},
	} {
		_, err := Parse(strings.NewReader(c.in))
		wantLineErr(t, err, map[string]int{"text": 4, "xml": 2, "json": 2}[c.name], c.msg)
	}
}

// TestControlCharactersAreRefused: device output holds no control
// character, and a name holding one (a newline, an escape sequence, a
// carriage return) could forge a line wherever it is printed; a tab
// between columns is whitespace.
func TestControlCharactersAreRefused(t *testing.T) {
	for _, c := range []struct{ name, in string }{
		{"text escape", header + "  f\x1b[2J 1 1 0 permanent\n"},
		{"text carriage return", header + "  f\rforged 1 1 0 permanent\n"},
		{"text C1", header + "  f\u0085 1 1 0 permanent\n"},
		{"xml newline", "<license-usage-summary>\n<feature-summary><name>a&#10;b</name></feature-summary></license-usage-summary>"},
		{"json newline", jsonUsage(`"a\nb"`)},
		{"json escape", jsonUsage(`"a\u001bb"`)},
		{"json member name", `{"license-usage-summary":[{` + "\n" + `"a\nb":[{}]}]}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.in))
			if err == nil || !strings.Contains(err.Error(), "control character") {
				t.Fatalf("got %v, want a refusal naming a control character", err)
			}
			if strings.ContainsAny(err.Error(), "\n\r\x1b\u0085") {
				t.Errorf("the refusal prints the control character: %q", err)
			}
		})
	}
	r, err := Parse(strings.NewReader(header + "\tf\t1\t1\t0\tpermanent\n"))
	if err != nil || r.Usage[0].Name != "f" {
		t.Errorf("tabs between columns: %+v, %v", r, err)
	}
}
