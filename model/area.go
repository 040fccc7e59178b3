package model

import (
	"sort"
	"strings"
)

// RatingArea is a geographic premium rating area: the ZIP codes it holds,
// each an exact five-digit ZIP or a three-digit prefix. An exact ZIP wins
// over a prefix, so "945" can hold a region and "94612" carve one ZIP out.
type RatingArea struct {
	ID      string   `json:"id"`
	State   string   `json:"state"`
	ZIPs    []string `json:"zips"`
	Version int64    `json:"version,omitempty"`
}

// Validate checks the area's own fields.
func (a *RatingArea) Validate() error {
	var p Problems
	if strings.TrimSpace(a.ID) == "" {
		p.Add("id", "a rating area needs an ID")
	}
	if len(a.State) != 2 || strings.ToUpper(a.State) != a.State {
		p.Add("state", "area %s: state must be a two-letter USPS code such as CA, not %q", a.ID, a.State)
	}
	if len(a.ZIPs) == 0 {
		p.Add("zips", "area %s lists no ZIP codes", a.ID)
	}
	for _, z := range a.ZIPs {
		if (len(z) != 5 && len(z) != 3) || strings.Trim(z, "0123456789") != "" {
			p.Add("zips", "area %s: %q is neither a five-digit ZIP nor a three-digit prefix", a.ID, z)
		}
	}
	return p.Err()
}

// AreaIndex finds the rating area of a ZIP code.
type AreaIndex struct {
	ids    []string       // area IDs, sorted; Lookup answers an index into it
	exact  map[string]int // five-digit ZIP → area
	prefix map[string]int // three-digit prefix → area
}

// NewAreaIndex indexes areas. A ZIP or prefix listed by two areas is an
// error naming both: the answer would depend on the order of the file.
func NewAreaIndex(areas []RatingArea) (*AreaIndex, error) {
	x := &AreaIndex{exact: map[string]int{}, prefix: map[string]int{}}
	for _, a := range areas {
		x.ids = append(x.ids, a.ID)
	}
	sort.Strings(x.ids)
	var p Problems
	for i := 1; i < len(x.ids); i++ {
		if x.ids[i] == x.ids[i-1] {
			p.Add("areas", "area %s is defined twice", x.ids[i])
		}
	}
	for _, a := range areas {
		at := sort.SearchStrings(x.ids, a.ID)
		for _, z := range a.ZIPs {
			m := x.exact
			if len(z) == 3 {
				m = x.prefix
			}
			if other, ok := m[z]; ok && other != at {
				p.Add("zips", "ZIP %s is in both area %s and area %s", z, x.ids[other], a.ID)
			}
			m[z] = at
		}
	}
	return x, p.Err()
}

// Lookup returns the area of a ZIP (five digits or ZIP+4): the area that
// lists it exactly, else the one that lists its first three digits.
func (x *AreaIndex) Lookup(zip string) (string, bool) {
	i, ok := x.lookup(zip)
	if !ok {
		return "", false
	}
	return x.ids[i], true
}

func (x *AreaIndex) lookup(zip string) (int, bool) {
	if x == nil || len(zip) < 5 {
		return 0, false
	}
	if i, ok := x.exact[zip[:5]]; ok {
		return i, true
	}
	i, ok := x.prefix[zip[:3]]
	return i, ok
}

// IDs lists the indexed areas' IDs, sorted.
func (x *AreaIndex) IDs() []string { return x.ids }

// Has reports whether the index holds an area.
func (x *AreaIndex) Has(id string) bool {
	i := sort.SearchStrings(x.ids, id)
	return i < len(x.ids) && x.ids[i] == id
}
