package model

import "strings"

// Address is a US postal address.
type Address struct {
	Line1 string `json:"line1,omitempty"`
	Line2 string `json:"line2,omitempty"`
	City  string `json:"city,omitempty"`
	State string `json:"state,omitempty"` // two-letter USPS code
	ZIP   string `json:"zip,omitempty"`   // five digits, or ZIP+4
}

// ZIP5 returns the five-digit ZIP code.
func (a Address) ZIP5() string {
	if len(a.ZIP) >= 5 {
		return a.ZIP[:5]
	}
	return a.ZIP
}

// String formats the address on one line.
func (a Address) String() string {
	parts := []string{}
	for _, p := range []string{a.Line1, a.Line2, a.City} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	tail := strings.TrimSpace(a.State + " " + a.ZIP)
	if tail != "" {
		parts = append(parts, tail)
	}
	return strings.Join(parts, ", ")
}

// ValidZIP reports whether s is a five-digit ZIP code or ZIP+4.
func ValidZIP(s string) bool {
	if len(s) != 5 && len(s) != 10 {
		return false
	}
	for i, r := range s {
		if i == 5 {
			if r != '-' {
				return false
			}
			continue
		}
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
