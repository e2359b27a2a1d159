package license

import "github.com/licensepolicy/licensepolicy/policy/rule"

// Device is a device a license can be bound to: its serial number, platform
// and like-device class. The zero Device is invalid.
type Device struct {
	Serial   string
	Platform string
	Class    string
}

// NewDevice returns the device with serial on platform. An empty class takes
// the platform's class from the catalog (LIC-PLATFORM).
func NewDevice(c Catalog, serial, platform, class string) (Device, error) {
	if serial == "" {
		return Device{}, rule.Errorf([]rule.ID{rule.LicPerpBind}, "", "a device has no serial number")
	}
	p, err := c.platformOrError(platform)
	if err != nil {
		return Device{}, err
	}
	if class == "" {
		class = p.Class
	}
	return Device{Serial: serial, Platform: p.Name, Class: class}, nil
}

// IsValid reports whether d was built with a serial, platform and class.
func (d Device) IsValid() bool { return d.Serial != "" && d.Platform != "" && d.Class != "" }
