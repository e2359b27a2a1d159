package policytest

import (
	"fmt"
	"strings"
	"testing"

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

// A test suite runs its scenario files with one call, usually
//
//	func TestScenarios(t *testing.T) {
//		files, _ := filepath.Glob("testdata/scenarios/*.json")
//		policytest.Run(t, files...)
//	}
//
// Each check is a subtest; one whose decision does not meet its expect
// fails with what differed.
func TestRunPrintsEachCheckAsGoTestWould(tt *testing.T) {
	out := new(strings.Builder)
	t := &printer{out: out, name: "TestScenarios"}
	run(t, Options{}, "testdata/mismatch.json")
	if got := out.String(); got != `--- PASS: TestScenarios/mismatch.json/0_may_device_vmx-1_use_feature_bgp_under_license_trial-bgp?
--- FAIL: TestScenarios/mismatch.json/1_may_device_vmx-1_use_feature_bgp_under_license_trial-bgp?
    testdata/mismatch.json: check 1 at 2025-03-01T00:00:00Z: may device vmx-1 use feature bgp under license trial-bgp?
    outcome: want allow, got deny
    rules: want LIC-TRIAL-WARN among [LIC-TRIAL-EXPIRY]
    until: want 2025-03-02T00:00:00Z, got never
--- FAIL: TestScenarios/mismatch.json/2_may_device_vmx-1_use_feature_bgp_under_license_trial-bgp?
    testdata/mismatch.json: check 2 at 2025-02-01T00:00:00Z: may device vmx-1 use feature bgp under license trial-bgp?
    obligations: want email (LIC-TRIAL-WARN) among [alarm (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, syslog (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, warning (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z]
    obligations: want alarm (LIC-TRIAL-WARN) due 2025-02-28T00:00:00Z among [alarm (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, syslog (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, warning (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z]
--- FAIL: TestScenarios/mismatch.json/3_what_does_the_2025-Q2_statement_of_account_psc_say?
    testdata/mismatch.json: check 3 at 2025-07-02T00:00:00Z: what does the 2025-Q2 statement of account psc say?
    values: available: want 24, got 25
    values: refunded: want 0, got none
--- PASS: TestScenarios/mismatch.json/4_what_does_the_2025-Q2_statement_of_account_psc_say?
` {
		tt.Errorf("printed:\n%s\nwant:\n%s", got, `--- PASS: TestScenarios/mismatch.json/0_may_device_vmx-1_use_feature_bgp_under_license_trial-bgp?
--- FAIL: TestScenarios/mismatch.json/1_may_device_vmx-1_use_feature_bgp_under_license_trial-bgp?
    testdata/mismatch.json: check 1 at 2025-03-01T00:00:00Z: may device vmx-1 use feature bgp under license trial-bgp?
    outcome: want allow, got deny
    rules: want LIC-TRIAL-WARN among [LIC-TRIAL-EXPIRY]
    until: want 2025-03-02T00:00:00Z, got never
--- FAIL: TestScenarios/mismatch.json/2_may_device_vmx-1_use_feature_bgp_under_license_trial-bgp?
    testdata/mismatch.json: check 2 at 2025-02-01T00:00:00Z: may device vmx-1 use feature bgp under license trial-bgp?
    obligations: want email (LIC-TRIAL-WARN) among [alarm (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, syslog (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, warning (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z]
    obligations: want alarm (LIC-TRIAL-WARN) due 2025-02-28T00:00:00Z among [alarm (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, syslog (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z, warning (LIC-TRIAL-WARN) for "trial-bgp" due 2025-03-01T00:00:00Z]
--- FAIL: TestScenarios/mismatch.json/3_what_does_the_2025-Q2_statement_of_account_psc_say?
    testdata/mismatch.json: check 3 at 2025-07-02T00:00:00Z: what does the 2025-Q2 statement of account psc say?
    values: available: want 24, got 25
    values: refunded: want 0, got none
--- PASS: TestScenarios/mismatch.json/4_what_does_the_2025-Q2_statement_of_account_psc_say?
`)
	}
}

// RunWith holds another way of deciding to the same files: here
// Engine.DecideInto, which must decide as Decide does.
func TestRunWithDecidesTheWayItIsTold(tt *testing.T) {
	out := new(strings.Builder)
	t := &printer{out: out, name: "TestDecideInto"}
	run(t, Options{
		Decide: func(s *scenario.Scenario, c scenario.Check) (policy.Decision, error) {
			var d policy.Decision
			err := s.Engine().DecideInto(c.Request, c.At, &d)
			return d, err
		},
	}, "testdata/pass.json")
	if got := out.String(); got != `--- PASS: TestDecideInto/pass.json/0_may_an_order_of_5_professional_credits_be_placed?
--- PASS: TestDecideInto/pass.json/1_may_7.5_credits_be_called_off_from_account_psc-acme_for_a_design_engagement?
--- PASS: TestDecideInto/pass.json/2_may_8_credits_be_called_off_from_account_psc-acme_for_a_design_engagement?
--- PASS: TestDecideInto/pass.json/3_what_does_the_2025-Q2_statement_of_account_psc-acme_say?
` {
		tt.Errorf("printed:\n%s\nwant:\n%s", got, `--- PASS: TestDecideInto/pass.json/0_may_an_order_of_5_professional_credits_be_placed?
--- PASS: TestDecideInto/pass.json/1_may_7.5_credits_be_called_off_from_account_psc-acme_for_a_design_engagement?
--- PASS: TestDecideInto/pass.json/2_may_8_credits_be_called_off_from_account_psc-acme_for_a_design_engagement?
--- PASS: TestDecideInto/pass.json/3_what_does_the_2025-Q2_statement_of_account_psc-acme_say?
`)
	}
}
