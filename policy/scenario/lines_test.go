package scenario

import (
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// naiveLineColumn is line:column counted from the file's start.
func naiveLineColumn(src []byte, off int) (line, col int) {
	line, start := 1, 0
	for i, c := range src[:off] {
		if c == '\n' {
			line, start = line+1, i+1
		}
	}
	return line, utf8.RuneCount(src[start:off]) + 1
}

// TestLineColumnIsCountedFromTheFileStart: wherever a character falls (on
// a block's edge, after a block edge that cuts a character of several
// bytes, on a line of thousands of characters, just after a newline), the
// marks give the line:column that counting from the file's start gives,
// the column in characters, whatever order the lookups come in.
func TestLineColumnIsCountedFromTheFileStart(t *testing.T) {
	piece := rapid.SampledFrom([]string{"a", " ", "\n", "é", "€", "😀", strings.Repeat("x", lineBlock-1)})
	rapid.Check(t, func(t *rapid.T) {
		src := []byte(strings.Join(rapid.SliceOfN(piece, 0, 400).Draw(t, "text"), ""))
		l := &lines{src: src}
		offs := rapid.SliceOfN(rapid.IntRange(0, len(src)), 1, 50).Draw(t, "offsets")
		for _, off := range offs {
			for off < len(src) && !utf8.RuneStart(src[off]) {
				off-- // a value, key or bad byte starts a character
			}
			line, col := l.at(off)
			if wl, wc := naiveLineColumn(src, off); line != wl || col != wc {
				t.Fatalf("offset %d of %q: %d:%d, want %d:%d", off, src, line, col, wl, wc)
			}
		}
	})
}

// TestLineColumnOfAMinifiedFile: the checks of a file of one line several
// blocks long are placed by their character, not byte, column.
func TestLineColumnOfAMinifiedFile(t *testing.T) {
	check := `{"at":"2025-06-01T00:00:00Z","request":{"kind":"trialAvailable","platform":"MX","feature":"bgp"}}`
	src := `{"name":"one-line","source":"` + strings.Repeat("é", 3*lineBlock) + `","checks":[` + check + `,` + check + `]}`
	s, err := decode("f.json", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range s.Checks {
		off := strings.Index(src, `{"kind"`) + i*(len(check)+1)
		if _, col := naiveLineColumn([]byte(src), off); c.Line != 1 || c.Column != col {
			t.Errorf("check %d at %d:%d, want 1:%d", i, c.Line, c.Column, col)
		}
	}
}
