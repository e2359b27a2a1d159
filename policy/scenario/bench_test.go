package scenario_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/scenariogen"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

func benchmarkDecode(b *testing.B, size int) { benchmarkDecodeFile(b, scenariogen.File(size)) }

func benchmarkDecodeFile(b *testing.B, file []byte) {
	if _, err := scenario.Decode("generated.json", bytes.NewReader(file)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := scenario.Decode("generated.json", bytes.NewReader(file)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeGenerated decodes generated files at 1 MB and 8 MB (issue
// 22: 30 MB/s or more), and at 128 KB for the growth exponent.
func BenchmarkDecodeGenerated(b *testing.B) {
	for _, c := range []struct {
		name string
		size int
	}{{"128KB", 128 << 10}, {"1MB", 1 << 20}, {"8MB", scenario.MaxSize - 1024}} {
		b.Run(c.name, func(b *testing.B) { benchmarkDecode(b, c.size) })
	}
}

// BenchmarkDecodeOneLine decodes generated files of 256 KB to 8 MB, each
// twice the one before, minified onto one line (about 8% smaller): the time per byte stays
// flat (growth exponent about 1) when no position costs more than a
// constant to place, however long its line (issue 26, class 4).
func BenchmarkDecodeOneLine(b *testing.B) {
	for _, size := range []int{256 << 10, 512 << 10, 1 << 20, 2 << 20, 4 << 20, scenario.MaxSize - 1024} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			benchmarkDecodeFile(b, scenariogen.OneLine(scenariogen.File(size)))
		})
	}
}

// BenchmarkDecodeLayout decodes the same 25,000 checks in three layouts:
// minified onto one line, as generated (a check a line) and indented, one
// value a line. The three cost about the same per check (issue 26, class
// 4: the one-line file took 75 s where the indented one took 0.11 s).
func BenchmarkDecodeLayout(b *testing.B) {
	file := scenariogen.Checks(25_000)
	for _, c := range []struct {
		name string
		file []byte
	}{{"one-line", scenariogen.OneLine(file)}, {"check-a-line", file}, {"pretty", scenariogen.Pretty(file)}} {
		b.Run(c.name, func(b *testing.B) { benchmarkDecodeFile(b, c.file) })
	}
}

// hostileFile is a file of about n entries in one list that the old
// decoder checked pairwise or copied whole per entry (issue 18, finding 3).
func hostileFile(list string, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"name": "hostile", `)
	entry := map[string]string{
		"heritage":  `"product-%d"`,
		"platforms": `{"name": "p%d", "family": "virtual"}`,
		"devices":   `{"serial": "mx-%d", "platform": "MX"}`,
		"features":  `"f%d"`,
	}[list]
	switch list {
	case "heritage", "platforms":
		fmt.Fprintf(&b, `"catalog": {%q: [`, list)
	case "devices":
		b.WriteString(`"devices": [`)
	case "features":
		b.WriteString(`"devices": [{"serial": "mx-1", "platform": "MX"}], "licenses": [{"id": "L1", "kind": "perpetual", "tier": "standard", "platform": "MX", "device": "mx-1", "start": "2020-01-01T00:00:00Z", "features": [`)
	}
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, entry, i)
	}
	b.WriteString(map[string]string{"heritage": "]}", "platforms": "]}", "features": "]}]", "devices": "]"}[list])
	b.WriteString(`, ` + oneCheck + `}`)
	return b.Bytes()
}

// BenchmarkDecodeHostileLists decodes (or refuses) files of 10,000 to
// 800,000 entries in one list: heritage and platforms past the catalog's
// cap, a license's features past its cap, and devices, each unique. Cost
// grows with the file, at most n log n (issue 18, finding 3).
func BenchmarkDecodeHostileLists(b *testing.B) {
	for _, list := range []string{"heritage", "platforms", "features", "devices"} {
		for _, n := range []int{10_000, 100_000, 400_000} {
			file := hostileFile(list, n)
			if len(file) > scenario.MaxSize {
				continue
			}
			b.Run(fmt.Sprintf("%s/%d", list, n), func(b *testing.B) {
				b.SetBytes(int64(len(file)))
				b.ReportAllocs()
				for b.Loop() {
					_, err := scenario.Decode("hostile.json", bytes.NewReader(file))
					if (err == nil) != (list == "devices") {
						b.Fatalf("%s: %v", list, err)
					}
				}
			})
		}
	}
}
