package junos

import (
	"time"
)

// keysText renders installed keys as the text form prints them.
func keysText(keys ...Key) string { return Report{Keys: keys}.Text() }

// dated is a key feature valid over [start, end).
func dated(name string, start, end time.Time) KeyFeature {
	return KeyFeature{Name: name, Description: name, Expiry: Expiry{Validity: DateBased, Start: start, End: end}}
}

func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
