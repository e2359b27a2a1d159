package wire

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendJSONStringIsEncodingJSONs holds AppendJSONString to the bytes
// encoding/json writes for the same string, with and without HTML escaping.
func FuzzAppendJSONStringIsEncodingJSONs(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c", "<tag> & \u2028\u2029", "\x00\x1f\b\f\n\r\t\x7f", "\xff\xfe é 日本", "\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{true, false} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			if err := enc.Encode(s); err != nil {
				t.Fatal(err)
			}
			got := AppendJSONString([]byte("x"), s, html)
			if string(got) != "x"+string(bytes.TrimSuffix(want.Bytes(), []byte("\n"))) {
				t.Fatalf("escapeHTML %v: %q: got %s, encoding/json %s", html, s, got[1:], want.Bytes())
			}
		}
	})
}
