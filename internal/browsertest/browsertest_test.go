package browsertest

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that notes logs, skips and failures instead of
// acting on them, so a test can see what a helper decided.
type recorder struct {
	testing.TB
	logs    []string
	skipped string
	failed  string
}

func (r *recorder) Helper() {}

func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

func (r *recorder) Skip(args ...any) { r.skipped = fmt.Sprint(args...); runtime.Goexit() }

func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatal(args ...any) { r.failed = fmt.Sprint(args...); runtime.Goexit() }

func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// call runs f against r on its own goroutine, as Skip and Fatal end it.
func (r *recorder) call(f func(tb testing.TB)) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f(r)
	}()
	<-done
}

// Without axe-core a browser journey goes on (Axe returns, having said
// once that nothing was checked), except under CI, where it fails; a
// LINKWAY_AXE naming no file fails everywhere.
func TestAxeNotInstalled(t *testing.T) {
	tests := []struct {
		name, ci, axe string
		wantFail      string // "" when the journey must go on
	}{
		{"outside CI", "", "", ""},
		{"under CI", "true", "", "axe-core not installed, and CI=true"},
		{"LINKWAY_AXE names no file", "", filepath.Join(t.TempDir(), "axe.min.js"), "read axe-core"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			t.Setenv("LINKWAY_AXE", tt.axe)
			t.Chdir(t.TempDir()) // no module root above, so no .cache/axe
			r := &recorder{TB: t}
			returned := 0
			for range 2 {
				r.call(func(tb testing.TB) {
					if Axe(tb, context.Background()) == nil {
						returned++
					}
				})
			}
			if tt.wantFail != "" {
				if !strings.Contains(r.failed, tt.wantFail) {
					t.Errorf("failure = %q, want one containing %q", r.failed, tt.wantFail)
				}
				return
			}
			if r.failed != "" || r.skipped != "" || returned != 2 {
				t.Fatalf("failed %q, skipped %q, returned %d times; want no violations returned twice", r.failed, r.skipped, returned)
			}
			if len(r.logs) != 1 || !strings.Contains(r.logs[0], "accessibility not checked") {
				t.Errorf("logs = %q, want one saying accessibility was not checked", r.logs)
			}
		})
	}
}

// Without Chromium a browser test is skipped, with a message, except
// under CI, where it fails.
func TestNewWithoutChromium(t *testing.T) {
	tests := []struct {
		ci       string
		wantSkip bool
	}{
		{"", true},
		{"true", false},
	}
	for _, tt := range tests {
		t.Run("CI="+tt.ci, func(t *testing.T) {
			t.Setenv("CI", tt.ci)
			t.Setenv("LINKWAY_CHROMIUM", "")
			t.Setenv("PATH", t.TempDir())
			r := &recorder{TB: t}
			r.call(func(tb testing.TB) { New(tb) })
			if tt.wantSkip && (r.skipped == "" || r.failed != "") {
				t.Errorf("skipped %q, failed %q; want a skip", r.skipped, r.failed)
			}
			if !tt.wantSkip && (r.failed == "" || r.skipped != "") {
				t.Errorf("skipped %q, failed %q; want a failure", r.skipped, r.failed)
			}
		})
	}
}
