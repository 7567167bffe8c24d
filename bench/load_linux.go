package bench

import (
	"os/exec"
	"syscall"
)

// dieWithParent has Linux stop the instance when the benchmark dies,
// even when it is killed and cannot stop them itself.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
