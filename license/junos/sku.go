package junos

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// SKU names a key feature of SKU form and the feature it grants: the name
// the usage table counts it under. The zero SKU names none.
type SKU struct {
	// Key is the key feature's name ("vmx-feature-premium"), or a prefix of
	// such names ending in "*" ("vmx-bandwidth-*").
	Key string
	// Grants is the feature granted ("VMX-SCALE").
	Grants string
}

// SKUs is catalog data: the feature a key feature of SKU form grants. A
// vMX key lists "vmx-bandwidth-1g" where the usage table counts
// VMX-BANDWIDTH, so without it the key's feature is a row of its own, not
// in the usage table, and the usage row's license is not the key. Names
// are compared without case; a name a SKU names exactly is read before one
// of a prefix, and of prefixes the longest. The zero SKUs, in Options,
// stands for [DefaultSKUs]; [NoSKUs] knows none.
type SKUs struct {
	exact    map[string]string // lower-case key feature -> granted
	prefixes []SKU             // lower-case prefixes without "*", longest first
	set      bool
}

// NewSKUs builds SKUs. It refuses an empty key feature or granted
// feature, a "*" other than at a key's end, and a key named twice.
func NewSKUs(skus ...SKU) (SKUs, error) {
	s := SKUs{exact: map[string]string{}, set: true}
	seen := map[string]bool{}
	for _, k := range skus {
		name := strings.ToLower(k.Key)
		prefix, isPrefix := strings.CutSuffix(name, "*")
		switch {
		case strings.TrimSpace(prefix) == "" || strings.TrimSpace(k.Grants) == "":
			return SKUs{}, fmt.Errorf("junos: SKU %s grants %s: want both named", strconv.Quote(k.Key), strconv.Quote(k.Grants))
		case strings.Contains(prefix, "*"):
			return SKUs{}, fmt.Errorf("junos: SKU %s: a \"*\" ends a prefix, it is nowhere else", strconv.Quote(k.Key))
		case seen[name]:
			return SKUs{}, fmt.Errorf("junos: SKU %s is named twice", strconv.Quote(k.Key))
		}
		seen[name] = true
		if isPrefix {
			s.prefixes = append(s.prefixes, SKU{Key: prefix, Grants: k.Grants})
		} else {
			s.exact[name] = k.Grants
		}
	}
	slices.SortStableFunc(s.prefixes, func(a, b SKU) int { return len(b.Key) - len(a.Key) })
	return s, nil
}

// DefaultSKUs are the vMX's: its bandwidth keys (vmx-bandwidth-100m ...
// -40g, the evaluation's -50m) grant VMX-BANDWIDTH, its feature packages
// (vmx-feature-base, -advance, -premium) grant VMX-SCALE, counted 1, 2
// and 3 in the usage table.
func DefaultSKUs() SKUs {
	s, _ := NewSKUs(SKU{"vmx-bandwidth-*", "VMX-BANDWIDTH"},
		SKU{"vmx-feature-base", "VMX-SCALE"}, SKU{"vmx-feature-advance", "VMX-SCALE"}, SKU{"vmx-feature-premium", "VMX-SCALE"})
	return s
}

// NoSKUs knows no SKU: every key feature is the feature it names.
func NoSKUs() SKUs { return SKUs{set: true} }

// Grants returns the feature a key feature named name grants; false when
// it is not of SKU form.
func (s SKUs) Grants(name string) (string, bool) {
	if !s.set {
		s = DefaultSKUs()
	}
	l := strings.ToLower(name)
	if g, ok := s.exact[l]; ok {
		return g, true
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(l, p.Key) && len(l) > len(p.Key) {
			return p.Grants, true
		}
	}
	return "", false
}
