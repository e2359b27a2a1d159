package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// clock is what -junit reads the time from; a test stops it.
var clock = time.Now

// junitReport is -junit's JUnit XML, in the shape CI systems read (the Ant
// JUnit schema that Jenkins, GitLab and GitHub test reporters follow): one
// testsuite per file given, with the instant its evaluation began
// (timestamp, in UTC and without a zone, as that schema writes it) and its
// time in seconds; one testcase per check named "check N: request in
// words", with its time, its classname built from the file's name (see
// className) and the file's path; the mismatch lines as the failure's
// message and text, a check without expect skipped, a check that could
// not be decided an error, and a file that could not be read or decoded
// an error in a testcase named "decode", counted in errors.
type junitReport struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`

	elapsed time.Duration
	// classes maps each file to its classname; taken holds the classnames
	// given, so that two files never share one.
	classes map[string]string
	taken   map[string]bool
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	Skipped   *junitProblem `xml:"skipped"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

func newJUnitReport() *junitReport {
	return &junitReport{Name: "evaluate", classes: map[string]string{}, taken: map[string]bool{}}
}

// begin starts the suite of file, evaluated from start.
func (r *junitReport) begin(file string, start time.Time) {
	if r == nil {
		return
	}
	if _, ok := r.classes[file]; !ok {
		r.classes[file] = r.className(file)
	}
	r.Suites = append(r.Suites, junitSuite{Name: file, Timestamp: start.UTC().Format("2006-01-02T15:04:05")})
}

// end closes the suite begun last, which took elapsed.
func (r *junitReport) end(elapsed time.Duration) {
	if r == nil {
		return
	}
	r.Suites[len(r.Suites)-1].Time = seconds(elapsed)
	r.elapsed += elapsed
	r.Time = seconds(r.elapsed)
}

// className is file's base name without ".json", every other dot made
// "_": tools that split a classname at its last dot into package and
// class (Jenkins) would otherwise show "json" as the class and the path
// as its package. A name another file of the run already has gets the
// file's directories in front, joined by "/", until it is unique, then a
// number.
func (r *junitReport) className(file string) string {
	parts := strings.Split(filepath.ToSlash(filepath.Clean(file)), "/")
	parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], ".json")
	var kept []string
	for _, p := range parts {
		if p != "" && p != "." && p != ".." {
			kept = append(kept, strings.ReplaceAll(p, ".", "_"))
		}
	}
	if len(kept) == 0 {
		kept = []string{"_"}
	}
	name := kept[len(kept)-1]
	for i := len(kept) - 2; r.taken[name] && i >= 0; i-- {
		name = kept[i] + "/" + name
	}
	for n, base := 2, name; r.taken[name]; n++ {
		name = base + "_" + strconv.Itoa(n)
	}
	r.taken[name] = true
	return name
}

// seconds writes d as JUnit times are written: seconds, to the millisecond.
func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

// add adds c, which took elapsed, to the suite begun last.
func (r *junitReport) add(file string, c junitCase, elapsed time.Duration) {
	if r == nil {
		return
	}
	c.ClassName, c.File, c.Time = r.classes[file], file, seconds(elapsed)
	s := &r.Suites[len(r.Suites)-1]
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

// broken records that file could not be read or decoded: not a check that
// failed, but a suite that could not run.
func (r *junitReport) broken(file string, err error, elapsed time.Duration) {
	lines := errorLines(err)
	r.add(file, junitCase{Name: "decode", Error: &junitProblem{Message: lines[0], Type: "decode",
		Text: strings.Join(lines, "\n")}}, elapsed)
}

func (r *junitReport) undecided(file string, c scenario.Check, err error, elapsed time.Duration) {
	r.add(file, junitCase{Name: caseName(c), Error: &junitProblem{Message: err.Error(), Type: "undecided"}}, elapsed)
}

func (r *junitReport) check(file string, c scenario.Check, mismatches []string, elapsed time.Duration) {
	jc := junitCase{Name: caseName(c)}
	switch {
	case c.Expect == nil:
		jc.Skipped = &junitProblem{Message: "no expect: decided, nothing to compare"}
	case len(mismatches) > 0:
		jc.Failure = &junitProblem{Message: mismatches[0], Type: "mismatch", Text: strings.Join(mismatches, "\n")}
	}
	r.add(file, jc, elapsed)
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
