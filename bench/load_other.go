//go:build !linux

package bench

import "os/exec"

// dieWithParent does nothing here: only Linux can tie a child's life to
// its parent's, so elsewhere a killed benchmark leaves its instances.
func dieWithParent(cmd *exec.Cmd) {}
