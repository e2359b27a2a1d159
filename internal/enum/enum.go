// Package enum is the text form every enumeration of the library shares:
// a Set of names indexed by value (set.go), whose index 0 is the invalid
// zero value unless it is named, as DESIGN.md asks of every enumeration.
package enum
