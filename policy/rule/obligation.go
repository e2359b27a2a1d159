package rule

import (
	"encoding/binary"
	"iter"
	"slices"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/enum"
)

// Obligation is something a decision requires to happen: an alarm to raise,
// an email to send, an entitlement to create, an invoice, a deadline, a
// notice, a claw-back, an advisory. It carries the rule that imposes it, the
// instant it is due (zero when it has none) and its subject (a license, an
// order line, an address, a trade-in).
//
// Obligations live beside rule IDs, in this leaf package, so that every
// domain package can state them in one vocabulary and the policy engine
// passes them on without translating; domain packages precompute the ones
// that do not depend on a request and share them.
type Obligation struct {
	Kind    ObligationKind
	Rule    ID
	Due     time.Time
	Subject string
}

// ObligationKind is the kind of an obligation. The zero kind is invalid.
type ObligationKind uint8

// The kinds, as spec/SCENARIOS.md names them. Append-only: never reorder or
// reuse a value.
const (
	_ ObligationKind = iota
	Alarm
	Syslog
	Warning
	Email
	Entitlement
	Invoice
	Deadline
	Notice
	Clawback
	Advisory
)

var obligationKinds = enum.New[ObligationKind]("rule", "ObligationKind", "obligation kind", ID(0).UnknownName,
	"", "alarm", "syslog", "warning", "email", "entitlement", "invoice", "deadline", "notice", "clawback", "advisory")

// ParseObligationKind returns the kind named s, such as "alarm"; an unknown
// name is an error listing the kinds.
func ParseObligationKind(s string) (ObligationKind, error) { return obligationKinds.Parse(s) }

// IsValid reports whether k is one of the kinds.
func (k ObligationKind) IsValid() bool { return obligationKinds.IsValid(k) }

// String returns the kind's name, or "rule.ObligationKind(N)" for a value
// that is none.
func (k ObligationKind) String() string { return obligationKinds.String(k) }

// AppendText appends the kind's name; an invalid kind is an error.
func (k ObligationKind) AppendText(b []byte) ([]byte, error) { return obligationKinds.AppendText(b, k) }

// MarshalText encodes the kind's name; an invalid kind is an error.
func (k ObligationKind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText decodes a kind's name.
func (k *ObligationKind) UnmarshalText(b []byte) error { return obligationKinds.Unmarshal(k, b) }

// Obligations is a list of obligations that is a value like a string: an
// answer hands it out and keeps sharing it, and nothing a caller does
// through it changes what any other answer says. Read it with Len, At and
// All; Slice copies it. Lists compare with ==, as Equal does: the same
// obligations in the same order, their instants compared as
// time.Time.Equal compares them. The zero Obligations is empty.
type Obligations struct {
	// enc holds a count, then per obligation a fixed-size record (kind,
	// rule, whether it is due, its instant in UTC, where its subject is),
	// then the subjects: one string, never written, so it is shared freely
	// and compared by content.
	enc string
}

// The encoding of Obligations: a 4-byte count, then a record per
// obligation, then the subjects.
const (
	countSize  = 4
	recordSize = 1 + 1 + 1 + 8 + 4 + 4 + 4 // kind, rule, due?, sec, nsec, subject offset, length
)

// ObligationsOf returns the list of os.
func ObligationsOf(os ...Obligation) Obligations {
	var b ObligationsBuilder
	b.Grow(len(os))
	for _, o := range os {
		b.Add(o)
	}
	return b.List()
}

// Len returns how many obligations the list holds.
func (o Obligations) Len() int {
	if o.enc == "" {
		return 0
	}
	return int(le32(o.enc, 0))
}

// At returns the i'th obligation, from 0, with its Due in UTC; it panics
// when i is out of range, as indexing a slice does.
func (o Obligations) At(i int) Obligation {
	if i < 0 || i >= o.Len() {
		panic("rule: Obligations.At: index out of range")
	}
	r := countSize + i*recordSize
	ob := Obligation{Kind: ObligationKind(o.enc[r]), Rule: ID(o.enc[r+1])}
	if o.enc[r+2] != 0 {
		ob.Due = time.Unix(int64(le64(o.enc, r+3)), int64(le32(o.enc, r+11))).UTC()
	}
	off, n := le32(o.enc, r+15), le32(o.enc, r+19)
	ob.Subject = o.enc[off : off+n]
	return ob
}

// All yields the obligations in order.
func (o Obligations) All() iter.Seq[Obligation] {
	return func(yield func(Obligation) bool) {
		for i := range o.Len() {
			if !yield(o.At(i)) {
				return
			}
		}
	}
}

// Slice returns the obligations as a new slice the caller owns; nil when
// empty.
func (o Obligations) Slice() []Obligation {
	if o.Len() == 0 {
		return nil
	}
	return slices.Collect(o.All())
}

// Equal reports whether o and p hold equal obligations in the same order,
// their instants compared with time.Time.Equal, as o == p does; go-cmp
// uses it.
func (o Obligations) Equal(p Obligations) bool { return o == p }

// Equal reports whether o and p are the same obligation, their instants
// compared with time.Time.Equal.
func (o Obligation) Equal(p Obligation) bool {
	return o.Kind == p.Kind && o.Rule == p.Rule && o.Subject == p.Subject && o.Due.Equal(p.Due)
}

// ObligationsBuilder builds an Obligations one obligation at a time. The
// zero ObligationsBuilder is empty and ready to use.
type ObligationsBuilder struct {
	records  []byte
	subjects []byte
	n        int
}

// Grow makes room for n more obligations.
func (b *ObligationsBuilder) Grow(n int) { b.records = slices.Grow(b.records, n*recordSize) }

// Add appends o. An instant outside what a Unix time in seconds holds is
// kept as the nearest one it holds; every instant the library computes
// lies in years 0000 to 9999, far inside.
func (b *ObligationsBuilder) Add(o Obligation) {
	var rec [recordSize]byte
	rec[0], rec[1] = byte(o.Kind), byte(o.Rule)
	if !o.Due.IsZero() {
		rec[2] = 1
		binary.LittleEndian.PutUint64(rec[3:], uint64(o.Due.Unix()))
		binary.LittleEndian.PutUint32(rec[11:], uint32(o.Due.Nanosecond()))
	}
	binary.LittleEndian.PutUint32(rec[15:], uint32(len(b.subjects)))
	binary.LittleEndian.PutUint32(rec[19:], uint32(len(o.Subject)))
	b.records = append(b.records, rec[:]...)
	b.subjects = append(b.subjects, o.Subject...)
	b.n++
}

// List returns the obligations added so far and empties b, so that nothing
// added later reaches the list returned.
func (b *ObligationsBuilder) List() Obligations {
	if b.n == 0 {
		*b = ObligationsBuilder{}
		return Obligations{}
	}
	base := countSize + len(b.records)
	enc := make([]byte, base+len(b.subjects))
	binary.LittleEndian.PutUint32(enc, uint32(b.n))
	copy(enc[countSize:], b.records)
	for i := range b.n {
		r := enc[countSize+i*recordSize:]
		binary.LittleEndian.PutUint32(r[15:], binary.LittleEndian.Uint32(r[15:])+uint32(base))
	}
	copy(enc[base:], b.subjects)
	*b = ObligationsBuilder{}
	return Obligations{enc: string(enc)}
}

func le32(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

func le64(s string, i int) uint64 { return uint64(le32(s, i)) | uint64(le32(s, i+4))<<32 }
