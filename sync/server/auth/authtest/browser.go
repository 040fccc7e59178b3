package authtest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// startTimeout bounds the start of the browser.
const startTimeout = time.Minute

// Browser starts Debian's chromium, headless with a fresh profile, and
// returns a context for chromedp actions in one tab. The browser stops
// when the test ends. A machine without chromium fails the test: CI
// installs it (scripts/install-deps.sh test).
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(path); err != nil {
		t.Fatalf("the browser tests need Debian's chromium at %s (or set CHROMIUM): run scripts/install-deps.sh test, or apt-get install chromium", path)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(actx)
	// The first run starts the browser, which lives as long as its context:
	// no timeout on that context, but a watchdog that kills the browser
	// when it does not come up (a busy machine once left a test waiting
	// here until go test's own timeout), and a timeout on the steps that
	// follow.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tab) }()
	select {
	case err := <-started:
		if err != nil {
			cancelTab()
			cancelAlloc()
			t.Fatalf("starting chromium: %v", err)
		}
	case <-time.After(startTimeout):
		cancelTab()
		cancelAlloc()
		t.Fatalf("chromium did not start within %s", startTimeout)
	}
	ctx, cancelTime := context.WithTimeout(tab, 2*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	return ctx
}
