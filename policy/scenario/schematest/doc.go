// Package schematest keeps policy/scenario/scenario.schema.json true: every
// scenario file of the repository validates against it, and every file the
// decoder refuses in its bad-file tables is refused by it too, or is listed
// in beyondSchema with the reason a schema cannot say it. It is a module of
// its own so that the library keeps its three dependencies.
package schematest
