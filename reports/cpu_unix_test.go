//go:build unix

package reports_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used so far. Benchmarks
// report it per operation beside the wall time, which on a busy shared
// machine measures the queue for a core more than the report.
func cpuTime() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
