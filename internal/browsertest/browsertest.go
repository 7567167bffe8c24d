// Package browsertest starts a headless Chromium for end-to-end tests.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// candidates are where Debian and other systems install Chromium.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// New returns a browser tab context for tb. Where no Chromium is installed
// the test is skipped, except under CI (CI=true), where a missing browser
// fails the run: CI must never pass by skipping the browser tests.
func New(tb testing.TB) context.Context {
	tb.Helper()
	path := os.Getenv("LINKWAY_CHROMIUM")
	if path == "" {
		for _, c := range candidates {
			if p, err := exec.LookPath(c); err == nil {
				path = p
				break
			}
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("no Chromium found, and CI=true: install Debian's chromium package (see .ci/run)")
		}
		tb.Skip("no Chromium found: install chromium (apt-get install chromium) or set LINKWAY_CHROMIUM to run browser tests")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(tb.TempDir()),
		chromedp.WindowSize(390, 844), // a phone: pages must work there first
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	tb.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	// The first call starts the browser, whose life is that call's
	// context: it must carry no timeout.
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium at %s: %v", path, err)
	}
	return ctx
}

// Step returns a context for one step of a test, bounded so that a page
// that never shows an element fails the test instead of hanging it.
func Step(tb testing.TB, ctx context.Context) context.Context {
	tb.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	tb.Cleanup(cancel)
	return ctx
}
