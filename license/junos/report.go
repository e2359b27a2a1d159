package junos

import (
	"strings"
	"time"

	"github.com/licensepolicy/licensepolicy/internal/enum"
	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Validity is how a feature's license lasts, as Junos prints it. The zero
// Validity means the output gave none (a usage row without an expiry): it is
// not valid, and it does not marshal.
type Validity uint8

// The validities. Append-only: never reorder or reuse a value.
const (
	_ Validity = iota
	// Permanent never expires.
	Permanent
	// DateBased runs between two dates.
	DateBased
	// CountDown runs a number of days from installation.
	CountDown
	// Expired is what the XML summary says of a feature whose license has
	// ended (<validity-type>expired</validity-type>); it gives no date.
	Expired
)

var validities = enum.New[Validity]("junos", "Validity", "validity", rule.ID(0).UnknownName, "", "permanent", "date-based", "count-down", "expired")

// ParseValidity returns the validity named s ("permanent", "date-based",
// "count-down", "expired").
func ParseValidity(s string) (Validity, error) { return validities.Parse(s) }

// IsValid reports whether v is one of the validities.
func (v Validity) IsValid() bool { return validities.IsValid(v) }

// String returns the validity's name, or "junos.Validity(N)" for a value
// that is none.
func (v Validity) String() string { return validities.String(v) }

// AppendText appends the validity's name; the zero and unknown values are
// errors (a row without an expiry omits the field instead).
func (v Validity) AppendText(b []byte) ([]byte, error) { return validities.AppendText(b, v) }

// MarshalText encodes the validity's name; the zero and unknown values are
// errors.
func (v Validity) MarshalText() ([]byte, error) { return v.AppendText(nil) }

// UnmarshalText decodes a validity's name.
func (v *Validity) UnmarshalText(b []byte) error { return validities.Unmarshal(v, b) }

// Expiry is the expiry column of a usage row or the validity of an installed
// feature. The zero Expiry says nothing: no validity, no dates, no days.
type Expiry struct {
	Validity Validity `json:"validity,omitempty"`
	// Start is a date-based feature's first instant; zero when the output
	// gives only the end (the usage table, the XML summary).
	Start time.Time `json:"start,omitzero"`
	// End is a date-based feature's end, the first instant it is not valid.
	End time.Time `json:"end,omitzero"`
	// Remaining is a count-down feature's validity left at the capture
	// ("59 days"); Original its validity when installed ("Original
	// validity: 60 days"). The text form counts whole days.
	Remaining time.Duration `json:"remaining,omitempty"`
	Original  time.Duration `json:"original,omitempty"`
}

// Usage is one row of the "License usage" table, or one XML
// feature-summary. The zero Usage is a row of no feature, nothing used,
// installed or needed.
type Usage struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Used        int    `json:"used"`
	Installed   int    `json:"installed"`
	Needed      int    `json:"needed"`
	// UsedUnknown is true where the capture does not give the count used:
	// RANCID prints "--" or a share ("45%") in its place, to keep its
	// diffs quiet. Used is then 0. The structured forms always give it.
	UsedUnknown bool   `json:"usedUnknown,omitempty"`
	Expiry      Expiry `json:"expiry"`
	// Line is where the capture gives the row (1-based; 0 when built by
	// hand), so that a refusal or a report can point at it.
	Line int `json:"-"`
}

// Key is one installed license key of the "Licenses installed" blocks. Any
// field may be empty: devices and the people quoting them blank some. The
// zero Key has no ID and grants nothing.
type Key struct {
	ID string `json:"id"`
	// SKU and Count are what newer releases print as "License SKU" and
	// "License count", kept as printed.
	SKU        string       `json:"sku,omitempty"`
	Count      string       `json:"count,omitempty"`
	Version    string       `json:"version,omitempty"`
	OrderType  string       `json:"orderType,omitempty"`
	Serial     string       `json:"serial,omitempty"`
	CustomerID string       `json:"customerId,omitempty"`
	Features   []KeyFeature `json:"features,omitempty"`
}

// Trial reports whether the key's order type says it is a trial.
func (k Key) Trial() bool { return strings.EqualFold(k.OrderType, "trial") }

// KeyFeature is one feature of an installed key with its validity. The zero
// KeyFeature names no feature.
type KeyFeature struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Expiry      Expiry `json:"expiry"`
	// Line is where the capture gives the feature's validity (1-based; 0
	// when built by hand).
	Line int `json:"-"`
}

// Form is the form a report was read from. The zero Form is unknown.
type Form uint8

// The forms. Append-only: never reorder or reuse a value.
const (
	_ Form = iota
	// Text is the CLI output of show system license.
	Text
	// XML is the output of show system license | display xml.
	XML
	// JSON is the output of show system license | display json.
	JSON
)

var forms = enum.New[Form]("junos", "Form", "form", rule.ID(0).UnknownName, "", "text", "xml", "json")

// ParseForm returns the form named s ("text", "xml", "json").
func ParseForm(s string) (Form, error) { return forms.Parse(s) }

// IsValid reports whether f is one of the forms.
func (f Form) IsValid() bool { return forms.IsValid(f) }

// String returns "text", "xml" or "json", or "junos.Form(N)" for a value
// that is none.
func (f Form) String() string { return forms.String(f) }

// AppendText appends the form's name; the zero and unknown values are
// errors.
func (f Form) AppendText(b []byte) ([]byte, error) { return forms.AppendText(b, f) }

// MarshalText encodes the form's name; the zero and unknown values are
// errors.
func (f Form) MarshalText() ([]byte, error) { return f.AppendText(nil) }

// UnmarshalText decodes a form's name.
func (f *Form) UnmarshalText(b []byte) error { return forms.Unmarshal(f, b) }

// Report is what a device printed for show system license: its usage table
// and its installed keys. A nil Usage or Keys means the output had no such
// section; an empty, non-nil one means the section was there without rows
// ("License usage: none", "Licenses installed: none"). The zero Report is
// of no form and has neither section.
type Report struct {
	Form  Form    `json:"-"`
	Usage []Usage `json:"usage"`
	Keys  []Key   `json:"keys"`
	// CapturedAt is the instant the capture itself gives, zero when it
	// gives none: the "Current time:" of show system uptime in the same
	// text, or in XML and JSON an end date beside its remaining time.
	CapturedAt time.Time `json:"capturedAt,omitzero"`
	// Hardware is what the same file says of the device beside its
	// license output: show version and show chassis hardware.
	Hardware Hardware `json:"hardware,omitzero"`
}

// Hardware is what a file holding several commands' output says of its
// device: the host name and models of show version, the chassis of show
// chassis hardware. The zero Hardware says nothing.
type Hardware struct {
	// Hostname is show version's first "Hostname:".
	Hostname string `json:"hostname,omitempty"`
	// Models are show version's "Model:" values, each once (names compared
	// without case), in order: one a routing engine, node or member.
	Models []Model `json:"models,omitempty"`
	// Chassis is the model the chassis line of show chassis hardware
	// describes ("SRX300"; "MX204" of "JNP204 [MX204]"), Serial its serial
	// number.
	Chassis Model  `json:"chassis,omitzero"`
	Serial  string `json:"serial,omitempty"`
	// Engine is the model the first routing engine of show chassis
	// hardware names: "QFX5120-48Y-8C" of "RE-QFX5120-48Y-8C". It says the
	// model where the chassis line names none a series maps
	// ("JNP48Y8C-CHAS", a virtual chassis's "Virtual Chassis"); a
	// description naming no model ("RE-S-1800x4") gives none.
	Engine Model `json:"engine,omitzero"`
}

// Model is a device model as a capture names it, and where. The zero Model
// names none.
type Model struct {
	Name string `json:"name"`
	// Line is where the capture names it (1-based; 0 when built by hand).
	Line int `json:"-"`
}
