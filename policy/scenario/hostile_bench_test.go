package scenario_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// repeatTo writes head, then item(i) for i = 0, 1, ... separated by sep
// while the file is under size, then tail.
func repeatTo(size int, head, sep, tail string, item func(i int) string) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	for i := 0; b.Len() < size-len(tail)-64; i++ {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(item(i))
	}
	b.WriteString(tail)
	return b.Bytes()
}

const hostileCheck = `{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}}`

// hostileLayouts are files of about size bytes, one line each, shaped to
// make a decoder do more than a constant's work per byte: deep nesting,
// one long string plain or escaped, one object of many keys, numbers of a
// million digits or exponents, a file of errors, unknown references among
// many facts, errors at the end of a long list.
var hostileLayouts = []struct {
	name string
	file func(size int) []byte
	ok   bool // decodes
}{
	{"deep", func(size int) []byte {
		return []byte(`{"checks": ` + strings.Repeat("[", size/2) + strings.Repeat("]", size/2) + `}`)
	}, false},
	{"long-string", func(size int) []byte {
		return []byte(`{"name": "t", "source": "` + strings.Repeat("é", size/2) + `", ` + oneCheck + `}`)
	}, true},
	{"long-escaped-string", func(size int) []byte {
		return []byte(`{"name": "t", "source": "` + strings.Repeat(`\u00e9\ud83d\ude00`, size/18) + `", ` + oneCheck + `}`)
	}, true},
	{"long-key", func(size int) []byte {
		return []byte(`{"name": "t", "` + strings.Repeat("k", size) + `": 1, ` + oneCheck + `}`)
	}, false},
	{"many-keys", func(size int) []byte {
		return repeatTo(size, `{"name": "t", `+oneCheck+`, `, `,`, `}`, func(i int) string { return fmt.Sprintf(`"k%d":0`, i) })
	}, false},
	{"many-values", func(size int) []byte {
		return repeatTo(size, `{"name": "t", "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "trialAvailable", "platform": "MX", "feature": "bgp"}, "expect": {"outcome": "allow", "values": {`,
			`,`, `}}}]}`, func(i int) string { return fmt.Sprintf(`"v%d":"1"`, i) })
	}, true},
	{"huge-integer", func(size int) []byte {
		return []byte(`{"name": "t", "checks": [{"at": "2025-01-01T00:00:00Z", "request": {"kind": "renewLicense", "license": "L1", "termYears": ` + strings.Repeat("9", size) + `}}]}`)
	}, false},
	{"huge-exponent", func(size int) []byte {
		return []byte(`{"name": "t", "terms": {"trialWarningDays": 1e` + strings.Repeat("9", size) + `}, ` + oneCheck + `}`)
	}, false},
	{"tiny-values", func(size int) []byte {
		return repeatTo(size, `{"name": "t", "checks": [`, `,`, `]}`, func(int) string { return `0` })
	}, false},
	{"empty-checks", func(size int) []byte {
		return repeatTo(size, `{"name": "t", "checks": [`, `,`, `]}`, func(int) string { return `{}` })
	}, false},
	{"many-errors", func(size int) []byte {
		return repeatTo(size, `{"name": "t", "checks": [`, `,`, `]}`, func(int) string { return `{"at":"x"}` })
	}, false},
	{"unknown-references", func(size int) []byte {
		devices := repeatTo(size/2, `{"name": "t", "devices": [`, `,`, `], "checks": [`, func(i int) string {
			return fmt.Sprintf(`{"serial":"mx-%d","platform":"MX"}`, i)
		})
		return repeatTo(size, string(devices), `,`, `]}`, func(i int) string {
			return fmt.Sprintf(`{"at":"2025-01-01T00:00:00Z","request":{"kind":"moveLicense","license":"L","to":"nx-%d","reason":"rma"}}`, i)
		})
	}, false},
	{"errors-at-the-end", func(size int) []byte {
		return repeatTo(size, `{"name": "t", "checks": [`, `,`, strings.Repeat(`,{}`, 100)+`]}`, func(int) string { return hostileCheck })
	}, false},
}

// BenchmarkDecodeHostileLayouts decodes (or refuses) each hostile layout
// at 1 MB and 8 MB: every one costs time linear in its size, so MB/s is
// about the same at both (issue 26: the decoder's bounds).
func BenchmarkDecodeHostileLayouts(b *testing.B) {
	for _, h := range hostileLayouts {
		for _, size := range []int{1 << 20, scenario.MaxSize - 1024} {
			b.Run(fmt.Sprintf("%s/%dKB", h.name, size>>10), func(b *testing.B) {
				file := h.file(size)
				if len(file) > scenario.MaxSize {
					b.Fatalf("%d bytes, over MaxSize", len(file))
				}
				b.SetBytes(int64(len(file)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := scenario.Decode("hostile.json", bytes.NewReader(file)); (err == nil) != h.ok {
						b.Fatalf("decoded: %v, want %v: %.300v", err == nil, h.ok, err)
					}
				}
			})
		}
	}
}
