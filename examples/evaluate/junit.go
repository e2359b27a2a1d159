package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// junitReport is -junit's JUnit XML, in the shape CI systems read (Jenkins,
// GitLab, GitHub test reporters): one testsuite per file, one testcase per
// check named "check N: request in words", the mismatch lines as the
// failure's message and text, a check without expect skipped, a check that
// could not be decided an error, and a file that could not be decoded a
// failed testcase named "decode".
type junitReport struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitProblem `xml:"skipped"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// suite returns the suite of file, the last one when the file is the one
// being evaluated.
func (r *junitReport) suite(file string) *junitSuite {
	if n := len(r.Suites); n > 0 && r.Suites[n-1].Name == file {
		return &r.Suites[n-1]
	}
	r.Suites = append(r.Suites, junitSuite{Name: file})
	return &r.Suites[len(r.Suites)-1]
}

func (r *junitReport) add(file string, c junitCase) {
	if r == nil {
		return
	}
	c.ClassName = file
	s := r.suite(file)
	s.Cases = append(s.Cases, c)
	s.Tests++
	r.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
		r.Failures++
	case c.Error != nil:
		s.Errors++
		r.Errors++
	case c.Skipped != nil:
		s.Skipped++
		r.Skipped++
	}
}

func (r *junitReport) broken(file string, err error) {
	lines := errorLines(err)
	r.add(file, junitCase{Name: "decode", Failure: &junitProblem{Message: lines[0], Type: "decode",
		Text: strings.Join(lines, "\n")}})
}

func (r *junitReport) undecided(file string, c scenario.Check, err error) {
	r.add(file, junitCase{Name: caseName(c), Error: &junitProblem{Message: err.Error(), Type: "undecided"}})
}

func (r *junitReport) check(file string, c scenario.Check, mismatches []string) {
	jc := junitCase{Name: caseName(c)}
	switch {
	case c.Expect == nil:
		jc.Skipped = &junitProblem{Message: "no expect: decided, nothing to compare"}
	case len(mismatches) > 0:
		jc.Failure = &junitProblem{Message: mismatches[0], Type: "mismatch", Text: strings.Join(mismatches, "\n")}
	}
	r.add(file, jc)
}

func caseName(c scenario.Check) string { return fmt.Sprintf("check %d: %s", c.Index, c.Describe()) }

// write writes the report; encoding/xml escapes markup and replaces what
// XML cannot carry.
func (r *junitReport) write(w io.Writer) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
