//go:build !linux

package license

import "time"

// threadCPU is not measured outside Linux: zero, and the benchmarks leave
// out their CPU figures.
func threadCPU() time.Duration { return 0 }
