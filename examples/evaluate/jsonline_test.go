package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// TestJSONLinesParseBack decodes every line of -json: each names its file
// and check in file order, echoes the request as written, and its decision
// decodes to the decision the engine gives for that check.
func TestJSONLinesParseBack(t *testing.T) {
	files := append(append([]string{}, samples...), "testdata/mismatch.json")
	var stdout, stderr bytes.Buffer
	if exit := run(append([]string{"-json"}, files...), &stdout, &stderr); exit != exitOK {
		t.Fatalf("exit status %d: %s", exit, stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		s, err := scenario.Decode(file, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range s.Checks {
			if !sc.Scan() {
				t.Fatalf("%s check %d: no line: %v", file, c.Index, sc.Err())
			}
			lines++
			var got struct {
				File     string          `json:"file"`
				Check    *int            `json:"check"`
				At       string          `json:"at"`
				Request  json.RawMessage `json:"request"`
				Decision policy.Decision `json:"decision"`
			}
			dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("%s check %d: %v in %s", file, c.Index, err, sc.Bytes())
			}
			if got.File != file || got.Check == nil || *got.Check != c.Index {
				t.Errorf("line %d names file %q check %v, want %q check %d", lines, got.File, got.Check, file, c.Index)
			}
			if want := c.At.UTC().Format("2006-01-02T15:04:05.999999999Z07:00"); got.At != want {
				t.Errorf("%s check %d: at %q, want %q", file, c.Index, got.At, want)
			}
			var raw bytes.Buffer
			if err := json.Compact(&raw, c.Raw); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Request, raw.Bytes()) {
				t.Errorf("%s check %d: request %s, want as written %s", file, c.Index, got.Request, raw.Bytes())
			}
			want, err := s.Engine().Decide(c.Request, c.At)
			if err != nil {
				t.Fatal(err)
			}
			// Nil and empty lists are the same decision; amounts and
			// instants compare by their Equal methods.
			if diff := cmp.Diff(want, got.Decision, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s check %d: decision does not parse back (-engine +line):\n%s", file, c.Index, diff)
			}
		}
	}
	if sc.Scan() {
		t.Errorf("extra line after %d: %s", lines, sc.Bytes())
	}
	if lines < 15 {
		t.Errorf("only %d lines checked", lines)
	}
}

// jsonLine is one line of -json: the check's place, its request as the file
// writes it, and the decision in policy.Decision's JSON. The command writes
// it by hand; the test holds the two to the same bytes.
type jsonLine struct {
	File     string          `json:"file"`
	Check    int             `json:"check"`
	At       string          `json:"at"`
	Request  json.RawMessage `json:"request"`
	Decision policy.Decision `json:"decision"`
}

// TestJSONLineIsAnEncodersLine holds the hand-written -json line to what a
// json.Encoder without HTML escaping writes for a jsonLine, for file names
// that need escapes and for every check of the samples.
func TestJSONLineIsAnEncodersLine(t *testing.T) {
	for _, file := range append(append([]string{}, samples...), "testdata/mismatch.json") {
		s, err := decodeFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{file, `a<b>&"c"\` + "\u2028\x01\xff.json"} {
			for _, c := range s.Checks {
				d, err := engineDecide(s, c)
				if err != nil {
					t.Fatal(err)
				}
				var got, want bytes.Buffer
				newEvaluator(&got, io.Discard, jsonMode).json(name, c, d)
				enc := json.NewEncoder(&want)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(jsonLine{File: name, Check: c.Index, At: instant(c.At), Request: c.Raw, Decision: d}); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("%q check %d:\n got %s\nwant %s", name, c.Index, got.Bytes(), want.Bytes())
				}
			}
		}
	}
}
