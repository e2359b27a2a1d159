package capture

import (
	"fmt"
	"sync"

	"github.com/licensepolicy/licensepolicy/license/junos"
)

// The default bounds of one pass: ten thousand devices of six kilobytes
// and twenty features each fit, and the most costly 64 MiB to parse (JSON
// of the most members a capture may hold) takes seconds.
const (
	DefaultFiles    = 10000
	DefaultBytes    = 64 << 20
	DefaultFeatures = 200000
)

// Bounds says, for a command's -h, what one pass holds to.
var Bounds = fmt.Sprintf(`Only regular files are read: each is opened without blocking and checked on
its descriptor, so a named pipe, socket or device is refused at once. A pass
takes in at most -max-files files (a directory holding more: its first by
name; paths wanting more together share them fairly, so one crowded path
never hides another), -max-bytes capture bytes and -max-features features
together; a
capture is at most %d bytes and lists at most %d rows, keys and key
features, in lines of at most %d bytes and values of at most %d, UTF-8
without control characters, XML and JSON nested at most 64 deep. Past a
bound a file is refused naming it and the bound, and the rest is read. Time
is linear in the bytes read.
`, junos.MaxBytes, junos.MaxEntries, junos.MaxLine, junos.MaxValue)

// WalkBounds says, for the -h of a command that walks subdirectories and
// reads an inventory, what those hold to.
var WalkBounds = fmt.Sprintf(`A directory's subdirectories are walked in name order among its files, at
most -max-depth levels below a directory given, entering at most as many
directories as -max-files; a subdirectory past either bound is named, not
read. Hidden directories and links to directories are left out. An
inventory is a CSV file of at most %d bytes and %d devices.
`, MaxInventoryBytes, MaxInventoryRows)

// Limits bound one pass over the captures (a run of a command, a scrape).
// A zero field means its default.
type Limits struct {
	// Files is the most files a pass takes in.
	Files int
	// Bytes is the most capture bytes a pass reads, together.
	Bytes int64
	// Features is the most features (usage rows and features of installed
	// keys) the captures of a pass list, together.
	Features int
}

// or returns l with its zero fields set to the defaults.
func (l Limits) or() Limits {
	if l.Files <= 0 {
		l.Files = DefaultFiles
	}
	if l.Bytes <= 0 {
		l.Bytes = DefaultBytes
	}
	if l.Features <= 0 {
		l.Features = DefaultFeatures
	}
	return l
}

// Budget is what one pass may still take in: Reader.Read charges it. The
// zero Budget takes in nothing; build one with NewBudget. A Budget is safe
// for concurrent use.
type Budget struct {
	mu       sync.Mutex
	limits   Limits
	bytes    int64
	features int
}

// NewBudget returns the budget of a pass within l (its zero fields the
// defaults).
func NewBudget(l Limits) *Budget { return &Budget{limits: l.or()} }

// Limits returns the limits the budget was built with.
func (b *Budget) Limits() Limits { return b.limits }

// takeBytes charges n bytes, refusing them when they do not fit.
func (b *Budget) takeBytes(n int64) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.limits.Bytes == 0 || n > b.limits.Bytes-b.bytes {
		return fmt.Errorf("%d bytes, past the %d bytes of captures one pass reads (-max-bytes; %d read before it)", n, b.limits.Bytes, b.bytes)
	}
	b.bytes += n
	return nil
}

// takeFeatures charges n features, refusing them when they do not fit.
func (b *Budget) takeFeatures(n int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.limits.Features == 0 || n > b.limits.Features-b.features {
		return fmt.Errorf("%d features, past the %d features the captures of one pass may list (-max-features; %d listed before it)", n, b.limits.Features, b.features)
	}
	b.features += n
	return nil
}

// Charge charges b what a capture read before takes in again unchanged:
// its bytes, then its features (none for a capture that did not parse),
// refusing them as a read would where they do not fit.
func (b *Budget) Charge(bytes int64, features int) error {
	if err := b.takeBytes(bytes); err != nil {
		return err
	}
	if features > 0 {
		return b.takeFeatures(features)
	}
	return nil
}

// addBytes charges n bytes read past what the file said it held (it grew
// while read): they were read, so they count.
func (b *Budget) addBytes(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.bytes += n
}
