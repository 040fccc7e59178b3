package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildWindows cross-compiles a tiny pure-Go program for Windows.
func buildWindows(t *testing.T, arch string, ldflags string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\nfunc main() {}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "hello.exe")
	cmd := exec.Command("go", "build", "-ldflags", ldflags, "-o", out, src)
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH="+arch, "CGO_ENABLED=0", "GO111MODULE=off")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return out
}

func TestCheckRefusesWhatIsNotAFinishedWindowsProgram(t *testing.T) {
	notPE := filepath.Join(t.TempDir(), "x.exe")
	os.WriteFile(notPE, []byte("MZ but not really"), 0o600)
	for _, tc := range []struct {
		name string
		path string
		want string
	}{
		{"a file that is not a program", notPE, "not a Windows program"},
		{"a 32-bit program", buildWindows(t, "386", "-H=windowsgui"), "not AMD64"},
		{"a console program", buildWindows(t, "amd64", ""), "opens a console"},
		{"a program without icon or version", buildWindows(t, "amd64", "-H=windowsgui"), "no resources"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Check(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestTheBuiltExeIsAWindowsGUIProgram checks the real artefact when make
// windows has built it.
func TestTheBuiltExeIsAWindowsGUIProgram(t *testing.T) {
	exe := filepath.Join("..", "..", "dist", "GroupDesk.exe")
	if _, err := os.Stat(exe); err != nil {
		t.Skip("dist/GroupDesk.exe is not built (make windows builds it)")
	}
	info, err := Check(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckVersion(exe, "GroupDesk", "0.1.0"); err != nil {
		t.Fatal(err)
	}
	if err := CheckVersion(exe, "GroupDesk", "9.9.9"); err == nil {
		t.Fatal("a version the program does not carry was found")
	}
	t.Log(info)
}
