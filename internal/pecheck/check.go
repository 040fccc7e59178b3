package main

import (
	"bytes"
	"debug/pe"
	"fmt"
	"unicode/utf16"
)

// Check opens a file and reports what it is, or why it is not a PE32+
// program for 64-bit Windows with a graphical subsystem and a resource
// section.
func Check(path string) (string, error) {
	f, err := pe.Open(path)
	if err != nil {
		return "", fmt.Errorf("%s is not a Windows program: %w", path, err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		return "", fmt.Errorf("%s is built for machine %#x, not AMD64", path, f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return "", fmt.Errorf("%s has no PE32+ optional header", path)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		return "", fmt.Errorf("%s opens a console (subsystem %d): build it with -H=windowsgui", path, oh.Subsystem)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil || rsrc.Size == 0 {
		return "", fmt.Errorf("%s has no resources: the icon and version are missing", path)
	}
	return fmt.Sprintf("PE32+ for AMD64, Windows GUI, %d sections, %d bytes of resources", len(f.Sections), rsrc.Size), nil
}

// CheckVersion reports whether the program's resources name it and carry
// its version, as Windows shows them in the file's properties.
func CheckVersion(path, name, version string) error {
	f, err := pe.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		return fmt.Errorf("%s has no resources", path)
	}
	data, err := rsrc.Data()
	if err != nil {
		return err
	}
	for _, want := range []string{"ProductName", name, "ProductVersion", version} {
		if !bytes.Contains(data, utf16le(want)) {
			return fmt.Errorf("%s: the version resource lacks %q", path, want)
		}
	}
	return nil
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}
