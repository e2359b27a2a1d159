package policytest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/licensepolicy/licensepolicy/internal/golden"

	"github.com/licensepolicy/licensepolicy/policy"
	"github.com/licensepolicy/licensepolicy/policy/scenario"
)

// printer stands in for *testing.T so that the examples can show what a
// test prints: a subtest's result, and a failure's lines before the
// decision and the diff (cmp.Diff's layout is deliberately unstable).
type printer struct {
	name   string
	out    *strings.Builder
	failed bool
	msgs   []string
}

func (p *printer) Helper() {}

func (p *printer) Errorf(format string, args ...any) {
	p.failed = true
	msg, _, _ := strings.Cut(fmt.Sprintf(format, args...), "\ndecision:")
	p.msgs = append(p.msgs, "    "+strings.ReplaceAll(msg, "\n", "\n    "))
}

func (p *printer) Logf(format string, args ...any) {
	p.msgs = append(p.msgs, "    "+strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", "\n    "))
}

func (p *printer) Run(name string, f func(*printer)) bool {
	sub := &printer{name: p.name + "/" + strings.ReplaceAll(name, " ", "_"), out: p.out} // as go test names it
	f(sub)
	if strings.Count(sub.name, "/") == 2 { // a check, not a file
		result := "PASS"
		if sub.failed {
			result = "FAIL"
		}
		fmt.Fprintf(sub.out, "--- %s: %s\n", result, sub.name)
	}
	for _, m := range sub.msgs {
		fmt.Fprintln(sub.out, m)
	}
	p.failed = p.failed || sub.failed
	return !sub.failed
}

// TestRunPrintsWhatGoTestWould pins what a suite shows, through a printer
// standing in for *testing.T: each check a subtest named for its file,
// index and request; a failure's lines before the decision. RunWith decides
// the same files another way, here Engine.DecideInto, which must decide as
// Decide does.
func TestRunPrintsWhatGoTestWould(t *testing.T) {
	intoDecision := func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
		var d policy.Decision
		err := s.Engine().DecideInto(c.Request, c.At, &d)
		return d, err
	}
	for _, c := range []struct {
		name, file string
		o          Options
	}{
		{"TestScenarios", "testdata/mismatch.json", Options{}},
		{"TestDecideInto", "testdata/pass.json", Options{Decide: intoDecision}},
	} {
		out := new(strings.Builder)
		run(&printer{out: out, name: c.name}, c.o, c.file)
		golden.Check(t, "testdata/"+c.name+".golden", []byte(out.String()))
	}
}
