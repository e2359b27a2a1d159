package scenario_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// FuzzDecode: decoding never panics; every error is a
// *Error naming the file; decoding twice gives the same result; a
// decoded check is a well-formed request the engine decides without error.
func FuzzDecode(f *testing.F) {
	for _, pat := range []string{"../../../shared/scenarios/*.json", "testdata/scenarios/*.json", "testdata/bad/*.json", "../../tmip/testdata/*.json"} {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(fileWith("")))
	f.Add([]byte(withChecks(`{"at": "2025-06-01T00:00:00Z", "request": {"kind": "tradeIn", "tradeIn": "T1"}, "expect": {"outcome": "deny", "until": "never", "values": {"discount": "0"}}}`)))
	f.Fuzz(func(t *testing.T, b []byte) {
		s1, err1 := scenario.Decode("fuzz.json", strings.NewReader(string(b)))
		s2, err2 := scenario.Decode("fuzz.json", strings.NewReader(string(b)))
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("decoding twice: %v, then %v", err1, err2)
		}
		if err1 != nil {
			var se *scenario.Error
			if !errors.As(err1, &se) || se.File != "fuzz.json" || !strings.HasPrefix(err1.Error(), "fuzz.json:") {
				t.Fatalf("error %T %v: want a *Error naming the file", err1, err1)
			}
			return
		}
		if s1.Name != s2.Name || len(s1.Checks) != len(s2.Checks) || len(s1.Checks) == 0 {
			t.Fatalf("decoding twice: %q %d checks, then %q %d", s1.Name, len(s1.Checks), s2.Name, len(s2.Checks))
		}
		for i, c := range s1.Checks {
			c2 := s2.Checks[i]
			if !c.At.Equal(c2.At) || string(c.Raw) != string(c2.Raw) || c.Describe() != c2.Describe() ||
				!cmp.Equal(c.Expect, c2.Expect) {
				t.Fatalf("check %d decodes differently twice", i)
			}
			d1, err := s1.Engine().Decide(c.Request, c.At)
			if err != nil {
				t.Fatalf("check %d (%s): a decoded request is malformed: %v", i, c.Describe(), err)
			}
			d2, _ := s2.Engine().Decide(c2.Request, c2.At)
			if !cmp.Equal(d1, d2) {
				t.Fatalf("check %d decided differently on the second decoding:\n%v\n%v", i, d1, d2)
			}
			if c.Expect != nil {
				_ = c.Expect.Mismatches(d1)
			}
		}
	})
}

// BenchmarkDecodeSamples decodes the sample files; decoding is not a hot
// path, but a file of thousands of checks should take milliseconds.
func BenchmarkDecodeSamples(b *testing.B) {
	files := sampleFiles(b)
	var data [][]byte
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range data {
			if _, err := scenario.Decode(files[i], bytes.NewReader(d)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
