package license

// Device is a device a license can be bound to: its serial number, platform
// and like-device class. Build one with Program.NewDevice, which checks the
// class against the catalog; the license package checks a Device built by
// hand the same way wherever it takes one. The zero Device is invalid.
type Device struct {
	Serial   string
	Platform string
	Class    string
}

// IsValid reports whether d names a serial, a platform and a class. Whether
// the catalog declares them is the Program's to say.
func (d Device) IsValid() bool { return d.Serial != "" && d.Platform != "" && d.Class != "" }
