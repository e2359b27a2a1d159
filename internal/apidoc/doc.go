// Package apidoc holds the test of the library's exported documentation:
// what every exported doc says, and what none names.
package apidoc
