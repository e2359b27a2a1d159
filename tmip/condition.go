package tmip

import (
	"github.com/licensepolicy/licensepolicy/internal/enum"

	"github.com/licensepolicy/licensepolicy/policy/rule"
)

// Network is where the returned equipment was deployed (TMIP-CONDITION). The
// zero Network is invalid: a trade-in that does not say is refused as bad
// input.
type Network uint8

// The networks, as SCENARIOS.md names them. The list is append-only: a value
// is never reordered or reused.
const (
	// Production is a production network: eligible.
	Production Network = iota + 1
	// Lab is a lab network: eligible.
	Lab
	// OtherNetwork is any other deployment: not eligible.
	OtherNetwork
)

var networks = enum.New[Network]("tmip", "Network", "network", rule.ID(0).UnknownName,
	"", "production", "lab", "other")

// ParseNetwork returns the network named s ("production", "lab", "other"); an unknown
// name is an error that lists the names.
func ParseNetwork(s string) (Network, error) { return networks.Parse(s) }

// IsValid reports whether n is one of the networks.
func (n Network) IsValid() bool { return networks.IsValid(n) }

// String returns the name SCENARIOS.md uses: "production", "lab" or
// "other", or "tmip.Network(N)" for a value that is none.
func (n Network) String() string { return networks.String(n) }

// AppendText appends n's name; an invalid Network is an error.
func (n Network) AppendText(b []byte) ([]byte, error) { return networks.AppendText(b, n) }

// MarshalText encodes n by its name; an invalid Network is an error.
func (n Network) MarshalText() ([]byte, error) { return n.AppendText(nil) }

// UnmarshalText decodes a network's name, leaving n as it was on an
// error; any other text is an error listing the names.
func (n *Network) UnmarshalText(text []byte) error { return networks.Unmarshal(n, text) }

// Channel is how the returned equipment was bought (TMIP-CONDITION). The
// zero Channel is invalid.
type Channel uint8

// The channels, as SCENARIOS.md names them. The list is append-only: a value
// is never reordered or reused.
const (
	// Authorized is a Juniper authorized channel: eligible.
	Authorized Channel = iota + 1
	// Direct is bought directly from Juniper: eligible.
	Direct
	// Gray is the gray market: never eligible.
	Gray
)

var channels = enum.New[Channel]("tmip", "Channel", "channel", rule.ID(0).UnknownName,
	"", "authorized", "direct", "gray")

// ParseChannel returns the channel named s ("authorized", "direct", "gray"); an unknown
// name is an error that lists the names.
func ParseChannel(s string) (Channel, error) { return channels.Parse(s) }

// IsValid reports whether c is one of the channels.
func (c Channel) IsValid() bool { return channels.IsValid(c) }

// String returns the name SCENARIOS.md uses: "authorized", "direct" or
// "gray", or "tmip.Channel(N)" for a value that is none.
func (c Channel) String() string { return channels.String(c) }

// AppendText appends c's name; an invalid Channel is an error.
func (c Channel) AppendText(b []byte) ([]byte, error) { return channels.AppendText(b, c) }

// MarshalText encodes c by its name; an invalid Channel is an error.
func (c Channel) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText decodes a channel's name, leaving c as it was on an
// error; any other text is an error listing the names.
func (c *Channel) UnmarshalText(text []byte) error { return channels.Unmarshal(c, text) }

// Condition is the returned equipment's state as the customer declares it.
// The zero Condition is invalid (no network, no channel).
type Condition struct {
	// Working says the equipment is in working condition.
	Working bool
	// Network is where it was deployed.
	Network Network
	// Damaged says it is damaged.
	Damaged bool
	// Channel is how it was originally bought.
	Channel Channel
}

// IsValid reports whether the condition's enumerations are set. Validity is
// not eligibility: a valid condition may still break TMIP-CONDITION.
func (c Condition) IsValid() bool { return c.Network.IsValid() && c.Channel.IsValid() }

// problems lists what makes c ineligible under TMIP-CONDITION, in words, or
// nil when c is eligible: "Returned equipment must be in working condition
// from a production or lab network. No damaged equipment is eligible. ... No
// gray market equipment is allowed."
func (c Condition) problems() []string {
	var out []string
	if !c.Working {
		out = append(out, "not in working condition")
	}
	if c.Network != Production && c.Network != Lab {
		out = append(out, "not from a production or lab network")
	}
	if c.Damaged {
		out = append(out, "damaged")
	}
	if c.Channel == Gray {
		out = append(out, "gray-market equipment")
	}
	return out
}
