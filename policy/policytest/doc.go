// Package policytest runs scenario files (spec/SCENARIOS.md) as Go tests:
// every check of every file becomes a subtest named after the file and the
// check's index, which decides the check's request at its instant and fails
// when the decision does not meet the check's expect.
//
//	func TestScenarios(t *testing.T) {
//		files, _ := filepath.Glob("testdata/scenarios/*.json")
//		policytest.Run(t, files...)
//	}
//
// A failure names the file and the check, says the request in words, lists
// what differed one line each (scenario.Expect.Mismatches, as evaluate -check
// prints them), prints the whole decision, and shows cmp.Diff of the expect
// against the decision restricted to what the expect lists, so the diff
// carries no noise from rules, obligations or values the expect leaves
// free: a rule of notRules the decision cites shows as cited, and an exact
// expect's diff shows the obligations (the first ten) and values it does
// not list. Matching is SCENARIOS.md's: equal outcome, every listed rule
// among the decision's, no rule of notRules among them, the same until
// when given, each listed obligation matching one of the decision's by
// kind and rule (and due and subject when given), each listed value
// numerically equal, and with "exact": true no obligation or value of the
// decision beyond those listed.
//
// What the spec leaves to this package, and the choices made:
//
//   - A file that cannot be read or decoded fails the file's subtest with
//     the decoder's message, which names the file and the path inside it;
//     the other files still run.
//   - A check without an expect is still decided, and fails only when the
//     engine cannot decide it; there is nothing to compare.
//   - A call with no file fails: a suite whose glob matched nothing must
//     not pass by testing nothing.
//   - A check is decided by the scenario's own engine (its terms and
//     catalog); RunWith's Options.Decide replaces that, for instance to
//     hold another way of deciding (Engine.DecideInto, a reference
//     evaluator) to the same files. The facts are always built under the
//     file's terms, as the decoder builds them.
//   - Subtests are named "<index> <request in words>" under the file's
//     base name, so go test -json shows one test per check with its file,
//     index and request.
//   - Options.Coverage gathers, for every rule of the catalog, the checks
//     whose decisions cited it, by outcome (only checks with an expect: a
//     check without one pins nothing); Options.MinCoverage fails the run
//     under a percentage of the catalog's rules, naming those no check
//     reached. A threshold is for the whole run: when go test -run or
//     -skip selects part of it (one file, one check), coverage under the
//     threshold is logged and the run does not fail for it.
package policytest
