package policytest

import (
	"fmt"
	"strings"
)

// recorder is a tb[*recorder] that records failures instead of failing, so
// that a test can prove Run fails.
type recorder struct {
	name   string
	log    *[]string // "name: message", shared by a test and its subtests
	logged *[]string // what Logf recorded, the same way
	// selected, when not nil, stands for go test's -run: a subtest whose
	// name it refuses is not run, and Run returns true.
	selected func(name string) bool
	failed   bool
}

func newRecorder(name string) *recorder {
	return &recorder{name: name, log: new([]string), logged: new([]string)}
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	*r.log = append(*r.log, r.name+": "+fmt.Sprintf(format, args...))
}

func (r *recorder) Logf(format string, args ...any) {
	*r.logged = append(*r.logged, r.name+": "+fmt.Sprintf(format, args...))
}

func (r *recorder) Run(name string, f func(*recorder)) bool {
	// As go test names a subtest: spaces become underscores.
	sub := &recorder{name: r.name + "/" + strings.ReplaceAll(name, " ", "_"), log: r.log, logged: r.logged, selected: r.selected}
	if r.selected != nil && !r.selected(sub.name) {
		return true
	}
	f(sub)
	if sub.failed {
		r.failed = true
	}
	return !sub.failed
}

// failures returns the recorded messages of the subtest named name, or of
// the check subtest whose name begins with name and "_" ("T/f.json/1"
// names "T/f.json/1_may_device_...").
func (r *recorder) failures(name string) []string {
	var out []string
	for _, m := range *r.log {
		sub, rest, _ := strings.Cut(m, ": ")
		if sub == name || strings.HasPrefix(sub, name+"_") {
			out = append(out, rest)
		}
	}
	return out
}
