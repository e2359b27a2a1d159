package rule_test

import (
	"errors"
	"fmt"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

func Example() {
	err := rule.Errorf([]rule.ID{rule.LicPort}, "L1", "license L1 cannot move from class MX to class PTX")
	fmt.Println(err)
	fmt.Println(errors.Is(err, rule.LicPort))
	fmt.Println(rule.LicPort.Source())
	// Output:
	// LIC-PORT: license L1 cannot move from class MX to class PTX
	// true
	// 000_858b2c4013de9dc9.txt
}

func ExampleParse() {
	id, err := rule.Parse("CRD-MIN-CALLOFF")
	fmt.Println(id, err)
	fmt.Println(id.Statement())
	// Output:
	// CRD-MIN-CALLOFF <nil>
	// The minimum call-off is 5 credits, in whole credits.
}
