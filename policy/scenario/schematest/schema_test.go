package schematest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

const schemaFile = "../scenario.schema.json"

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	s, err := c.Compile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validate reports whether the schema accepts src; a file that is not JSON
// is refused.
func validate(s *jsonschema.Schema, src []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// TestSchemaHasIDAndDraft: the schema says what it is, for editors.
func TestSchemaHasIDAndDraft(t *testing.T) {
	b, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		Schema string `json:"$schema"`
		ID     string `json:"$id"`
	}
	if err := json.Unmarshal(b, &head); err != nil || head.Schema != "https://json-schema.org/draft/2020-12/schema" || head.ID == "" {
		t.Errorf("$schema %q $id %q (%v): want draft 2020-12 and an $id", head.Schema, head.ID, err)
	}
}

// TestEveryScenarioFileValidates: every scenario file in the repository
// (and the shared samples beside it) validates against the schema and
// decodes.
func TestEveryScenarioFileValidates(t *testing.T) {
	s := compile(t)
	var files []string
	for _, pat := range []string{"../testdata/scenarios/*.json", "../../../tmip/testdata/*.json", "../../../../shared/scenarios/*.json",
		"../../../examples/evaluate/testdata/samples/*.json"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("only %d scenario files found", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := scenario.Decode(f, bytes.NewReader(b)); err != nil {
			continue // not a scenario file the decoder accepts: not the schema's to accept
		}
		if err := validate(s, b); err != nil {
			t.Errorf("%s decodes but the schema refuses it: %v", f, err)
		}
	}
}

// beyondSchema are the bad files the schema accepts, and why a JSON Schema
// cannot refuse them.
var beyondSchema = map[string]string{
	"an unknown license":                                        "references to IDs the file defines",
	"an unknown device serial":                                  "references to IDs the file defines",
	"an unknown device of a license":                            "references to IDs the file defines",
	"an unknown order":                                          "references to IDs the file defines",
	"an unknown line":                                           "references to IDs the file defines",
	"an unknown contact":                                        "references to IDs the file defines",
	"an unknown credit account":                                 "references to IDs the file defines",
	"an unknown trade-in":                                       "references to IDs the file defines",
	"duplicate license IDs":                                     "IDs unique by one field of objects in a list",
	"duplicate device serials":                                  "IDs unique by one field of objects in a list",
	"duplicate line IDs":                                        "IDs unique by one field of objects in a list",
	"duplicate trade-in IDs":                                    "IDs unique by one field of objects in a list",
	"a repeated key":                                            "a JSON Schema sees the parsed object, where the last of a repeated key wins",
	"an instant before year 0 in UTC":                           "the year after applying the offset: arithmetic",
	"a license the license package refuses":                     "the terms' list of subscription terms (a rule of the domain)",
	"terms the domain refuses":                                  "terms the domain validates (an empty list of terms)",
	"a trade-in tmip refuses":                                   "comparing two instants (support ends before it starts)",
	"history that breaks a rule: a call-off under the minimum":  "history that breaks a rule (CRD-MIN-CALLOFF against the terms)",
	"history that breaks a rule: spending more than was bought": "history that breaks a rule (a balance over time)",
	"history that breaks a rule: a discounted purchase":         "history that breaks a rule (CRD-NO-DISCOUNT)",
	"instant 2024-02-30T00:00:00Z":                              "days a month does not have (leap years)",
	"instant 2023-02-29T00:00:00Z":                              "days a month does not have (leap years)",
	"instant 2025-04-31T00:00:00Z":                              "days a month does not have",
	"broken-history.json":                                       "history that breaks a rule (a balance over time)",
	"a history event the rules refuse":                          "history that breaks a rule (LIC-PORT against the devices' classes)",
	"a history out of time order":                               "comparing two instants (an event dated before the one listed before it)",
	"an unknown device in a history event":                      "references to IDs the file defines",
	"a platform's order line without features":                  "whether a line may list no features depends on the file's heritage products",
	"a rule both in rules and notRules":                         "comparing the items of two lists of one object",
}

// TestBadFilesAreRefusedByTheSchema: every file of the decoder's bad-file
// tables (testdata/bad/table.json, written by the scenario package's tests,
// and testdata/bad/*.json) is refused by the schema, or listed in
// beyondSchema with the reason.
func TestBadFilesAreRefusedByTheSchema(t *testing.T) {
	s := compile(t)
	b, err := os.ReadFile("../testdata/bad/table.json")
	if err != nil {
		t.Fatal(err)
	}
	var table []struct {
		Name string `json:"name"`
		Src  []byte `json:"src"`
	}
	if err := json.Unmarshal(b, &table); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/bad/*.json")
	for _, f := range files {
		if filepath.Base(f) == "table.json" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		table = append(table, struct {
			Name string `json:"name"`
			Src  []byte `json:"src"`
		}{filepath.Base(f), src})
	}
	used := map[string]bool{}
	for _, c := range table {
		if _, err := scenario.Decode(c.Name, bytes.NewReader(c.Src)); err == nil {
			t.Errorf("%s: the decoder accepts it; it is not a bad file", c.Name)
			continue
		}
		err := validate(s, c.Src)
		reason, listed := beyondSchema[c.Name]
		used[c.Name] = listed
		switch {
		case err == nil && !listed:
			t.Errorf("%s: the decoder refuses it, the schema accepts it:\n%s", c.Name, c.Src)
		case err != nil && listed:
			t.Errorf("%s: listed as beyond the schema (%s), but the schema refuses it: %v", c.Name, reason, err)
		}
	}
	for name := range beyondSchema {
		if !used[name] {
			t.Errorf("beyondSchema lists %q, which is no bad file", name)
		}
	}
}
