package policy_test

import (
	"os"
	"strings"
	"testing"
)

// exampleBody returns the body of the Example function name in
// example_test.go, unindented, up to its Output comment.
func exampleBody(t *testing.T, name string) []string {
	t.Helper()
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	head := "func " + name + "() {\n"
	start := strings.Index(s, head)
	end := -1
	if start >= 0 {
		end = strings.Index(s[start:], "\t// Output:")
	}
	if start < 0 || end < 0 {
		t.Fatalf("example_test.go has no %s with an Output comment", name)
	}
	var body []string
	for _, l := range strings.Split(strings.TrimRight(s[start+len(head):start+end], "\n"), "\n") {
		body = append(body, strings.TrimPrefix(l, "\t"))
	}
	return body
}

// TestREADMEQuotesTheExamples keeps the README's snippets runnable: the
// embedding snippet is the body of Example, the "What would new terms
// change?" one the body of ExampleImpact.
func TestREADMEQuotesTheExamples(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Example", "ExampleImpact"} {
		body := exampleBody(t, name)
		if n := len(body); name == "Example" && (n < 15 || n > 25) {
			t.Errorf("the snippet is %d lines, want 15 to 25", n)
		}
		if !strings.Contains(string(readme), "```go\n"+strings.Join(body, "\n")+"\n```") {
			t.Errorf("README.md does not quote %s's body; copy it from policy/example_test.go", name)
		}
	}
}
