package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestSmoke starts the real groupdesk binary in a real window under Xvfb on
// a demo database, waits for the window and its first painted frame, saves a
// screenshot, and fails if no window appears or the picture stays blank.
// It runs when GROUPDESK_SMOKE=1 (make smoke); it needs Xvfb, xwininfo
// (x11-utils) and ImageMagick's import and identify.
func TestSmoke(t *testing.T) {
	if os.Getenv("GROUPDESK_SMOKE") != "1" {
		t.Skip("set GROUPDESK_SMOKE=1 (make smoke) to open the real window under Xvfb")
	}
	for _, tool := range []string{"Xvfb", "xwininfo", "import", "identify"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the smoke test needs %s: %v (make test installs it)", tool, err)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "groupdesk")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building groupdesk: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	if out, err := exec.Command(bin, "demo", "--db", db, "--people", "4000").CombinedOutput(); err != nil {
		t.Fatalf("writing the demo database: %v\n%s", err, out)
	}

	display := startXvfb(t)
	var log bytes.Buffer
	app := exec.Command(bin, "--db", db)
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	app.Stdout, app.Stderr = &log, &log
	start := time.Now()
	if err := app.Start(); err != nil {
		t.Fatalf("starting groupdesk: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() {
		app.Process.Kill()
		<-exited
	})

	shot := filepath.Join(artifactsDir(t), "smoke.png")
	deadline := start.Add(60 * time.Second)
	var windowAt time.Duration
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("groupdesk exited before showing a window: %v\n%s", err, log.String())
		default:
		}
		if windowAt == 0 && hasWindow(display, "GroupDesk") {
			windowAt = time.Since(start)
		}
		if windowAt > 0 {
			colours, err := screenshot(display, shot)
			if err == nil && colours > 64 {
				t.Logf("window after %d ms; first frame after %d ms; %d colours; screenshot %s",
					windowAt.Milliseconds(), time.Since(start).Milliseconds(), colours, shot)
				fmt.Printf("smoke: time from process start to first frame: %d ms\n", time.Since(start).Milliseconds())
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if windowAt == 0 {
		t.Fatalf("no GroupDesk window appeared within 60 s\n%s", log.String())
	}
	t.Fatalf("the window stayed blank for 60 s (see %s)\n%s", shot, log.String())
}

// startXvfb starts a private X server and returns its display name.
func startXvfb(t *testing.T) string {
	t.Helper()
	for n := 90 + os.Getpid()%300; n < 1000; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := ":" + strconv.Itoa(n)
		x := exec.Command("Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatalf("starting Xvfb: %v", err)
		}
		t.Cleanup(func() {
			x.Process.Kill()
			x.Wait()
		})
		for i := 0; i < 50; i++ {
			if exec.Command("xwininfo", "-display", display, "-root").Run() == nil {
				return display
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("Xvfb %s did not start", display)
	}
	t.Fatal("no free X display")
	return ""
}

func hasWindow(display, title string) bool {
	out, err := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
	return err == nil && bytes.Contains(out, []byte(`"`+title))
}

// screenshot saves the whole screen and returns how many colours it has: a
// blank screen has one or two.
func screenshot(display, path string) (int, error) {
	if err := exec.Command("import", "-display", display, "-window", "root", path).Run(); err != nil {
		return 0, err
	}
	out, err := exec.Command("identify", "-format", "%k", path).Output()
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}

// artifactsDir is where tests leave files for people to look at:
// $GROUPDESK_ARTIFACTS, or artifacts/ at the repository root.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("GROUPDESK_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("creating %s: %v", dir, err)
	}
	return dir
}
