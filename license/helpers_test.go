package license_test

import (
	"time"

	"github.com/licensepolicy/licensepolicy/license"
	"github.com/shopspring/decimal"
)

var noUnits = decimal.NullDecimal{}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func mustDevice(serial, platform string) license.Device {
	d, err := license.MustNewProgram(license.DefaultCatalog(), license.DefaultTerms()).NewDevice(serial, platform, "")
	if err != nil {
		panic(err)
	}
	return d
}

func mustLicense(spec license.Spec) license.License {
	return license.MustNewProgram(license.DefaultCatalog(), license.DefaultTerms()).MustNewLicense(spec)
}

func nd(s string) decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: decimal.RequireFromString(s), Valid: true}
}
