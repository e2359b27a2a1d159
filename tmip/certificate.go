package tmip

import (
	"time"

	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Title is the official title of a Certificate of Destruction's signer
// (TMIP-SIGNER). The zero Title is invalid: a certificate that does not say
// who signed it is refused as bad input.
type Title uint8

// The titles, as SCENARIOS.md names them. The list is append-only: a value
// is never reordered or reused. The first five are "vice president or
// above"; the rest are not.
const (
	VicePresident Title = iota + 1
	SeniorVicePresident
	ExecutiveVicePresident
	President
	ChiefExecutiveOfficer
	Director
	Manager
	OtherTitle
)

var titles = enum.New[Title]("tmip", "Title", "signer title", rule.ID(0).UnknownName,
	"",
	"vice-president",
	"senior-vice-president",
	"executive-vice-president",
	"president",
	"chief-executive-officer",
	"director",
	"manager",
	"other")

// ParseTitle returns the title named s (such as "vice-president"); an unknown
// name is an error that lists the names.
func ParseTitle(s string) (Title, error) { return titles.Parse(s) }

// IsValid reports whether t is one of the titles.
func (t Title) IsValid() bool { return titles.IsValid(t) }

// VicePresidentOrAbove reports whether t is vice president or above, as
// TMIP-SIGNER requires of a signer: "Authorized signers must hold the official
// title of vice president or above".
func (t Title) VicePresidentOrAbove() bool { return t >= VicePresident && t <= ChiefExecutiveOfficer }

// String returns the name SCENARIOS.md uses, such as "vice-president", or
// "tmip.Title(N)" for a value that is none.
func (t Title) String() string { return titles.String(t) }

// AppendText appends t's name; an invalid Title is an error.
func (t Title) AppendText(b []byte) ([]byte, error) { return titles.AppendText(b, t) }

// MarshalText encodes t by its name; an invalid Title is an error.
func (t Title) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// UnmarshalText decodes a title's name, leaving t as it was on an
// error; any other text is an error listing the names.
func (t *Title) UnmarshalText(text []byte) error { return titles.Unmarshal(t, text) }

// Certificate is a Certificate of Destruction delivered instead of returning
// the equipment (TMIP-RETURN). The zero Certificate is no certificate: it has
// no signer (TMIP-SIGNER).
type Certificate struct {
	// Signed is when it was signed; it counts from the next nanosecond.
	Signed time.Time
	// SignerTitle is the signer's official title.
	SignerTitle Title
	// LegalAuthority says the signer has legal sign-off authority for the
	// customer, government agency, or partner.
	LegalAuthority bool
}

// Valid reports whether the certificate is one at all (TMIP-SIGNER): signed
// by a vice president or above with legal sign-off authority. A certificate
// signed otherwise is no certificate.
func (c Certificate) Valid() bool { return c.SignerTitle.VicePresidentOrAbove() && c.LegalAuthority }
