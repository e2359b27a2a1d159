package license

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time the calling thread has used: on a shared,
// loaded machine the time a single-goroutine pass spends on a core,
// whatever waiting for one added to its wall time. The caller locks its
// goroutine to the thread.
func threadCPU() time.Duration {
	const rusageThread = 1
	var ru syscall.Rusage
	if syscall.Getrusage(rusageThread, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
