package policytest

import (
	"fmt"
	"strings"
)

// recorder is a TB[*recorder] that records failures instead of failing, so
// that a test can prove Run fails.
type recorder struct {
	name   string
	log    *[]string // "name: message", shared by a test and its subtests
	failed bool
}

func newRecorder(name string) *recorder { return &recorder{name: name, log: new([]string)} }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	*r.log = append(*r.log, r.name+": "+fmt.Sprintf(format, args...))
}

func (r *recorder) Run(name string, f func(*recorder)) bool {
	sub := &recorder{name: r.name + "/" + name, log: r.log}
	f(sub)
	if sub.failed {
		r.failed = true
	}
	return !sub.failed
}

// failures returns the recorded messages of the subtest named name.
func (r *recorder) failures(name string) []string {
	var out []string
	for _, m := range *r.log {
		if rest, ok := strings.CutPrefix(m, name+": "); ok {
			out = append(out, rest)
		}
	}
	return out
}
