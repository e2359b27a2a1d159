package policy_test

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEQuotesTheExample keeps the README's embedding snippet the
// runnable Example: the body of Example, unindented, is in README.md.
func TestREADMEQuotesTheExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	start := strings.Index(s, "func Example() {\n")
	end := strings.Index(s, "\t// Output:")
	if start < 0 || end < start {
		t.Fatal("example_test.go has no Example with an Output comment")
	}
	var body []string
	for _, l := range strings.Split(strings.TrimRight(s[start+len("func Example() {\n"):end], "\n"), "\n") {
		body = append(body, strings.TrimPrefix(l, "\t"))
	}
	if n := len(body); n < 15 || n > 25 {
		t.Errorf("the snippet is %d lines, want 15 to 25", n)
	}
	if !strings.Contains(string(readme), "```go\n"+strings.Join(body, "\n")+"\n```") {
		t.Error("README.md does not quote Example's body; copy it from policy/example_test.go")
	}
}
