package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// catalogFile is the plans file as written (README "Plans file"): curves
// are maps of age to factor, where an age not listed takes the factor of
// the closest younger age listed (so "0" and "15" make a band 0–14).
type catalogFile struct {
	Areas  []RatingArea                      `json:"areas"`
	Curves map[string]map[string]json.Number `json:"curves"`
	Plans  []json.RawMessage                 `json:"plans"`
}

// ParseCatalog reads and validates a whole plans file. Nothing of a file
// with any problem is returned: every problem is listed, naming the plan,
// area or curve (and, for broken JSON, the line and column).
func ParseCatalog(data []byte) (*Catalog, error) {
	var f catalogFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return nil, jsonProblem(data, err)
	}
	var p Problems
	c := &Catalog{Areas: f.Areas}
	for _, name := range sortedKeys(f.Curves) {
		cv, err := parseCurve(name, f.Curves[name])
		p.addErr(err)
		c.Curves = append(c.Curves, cv)
	}
	for i, raw := range f.Plans {
		pl, err := parsePlan(i, raw)
		p.addErr(err)
		c.Plans = append(c.Plans, pl)
	}
	if len(c.Plans) == 0 {
		p.Add("plans", "the file has no plans")
	}
	if len(p) == 0 {
		p.addErr(c.Validate())
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// parsePlan reads one plan strictly; an error names the plan by its ID
// when it has one, else by its place in the file.
func parsePlan(i int, raw json.RawMessage) (Plan, error) {
	var pl Plan
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&pl); err != nil {
		var id struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(raw, &id)
		name := fmt.Sprintf("plan %d in the file", i+1)
		if id.ID != "" {
			name = "plan " + id.ID
		}
		return pl, FieldError("plans", "%s: %s", name, jsonReason(err))
	}
	if pl.Rating.Method == RatingAge && pl.Rating.Curve == "" {
		pl.Rating.Curve = CurveFederal2018.Name
	}
	return pl, nil
}

// parseCurve turns a map of age to factor into a curve of ages 0–64.
func parseCurve(name string, ages map[string]json.Number) (AgeCurve, error) {
	c := AgeCurve{Name: name}
	var p Problems
	set := [65]bool{}
	for k, v := range ages {
		age, err := strconv.Atoi(k)
		if err != nil || age < 0 || age > 64 {
			p.Add("curves", "curve %s: %q is not an age from 0 to 64 (64 stands for 64 and older)", name, k)
			continue
		}
		f, err := ParseFactor(v.String())
		if err != nil {
			p.Add("curves", "curve %s, age %d: %v", name, age, err)
			continue
		}
		c.Factors[age], set[age] = f, true
	}
	if !set[0] && len(p) == 0 {
		p.Add("curves", "curve %s has no factor for age 0; list at least the first age of each band", name)
	}
	for age := 1; age < len(c.Factors); age++ {
		if !set[age] {
			c.Factors[age] = c.Factors[age-1]
		}
	}
	return c, p.Err()
}

// jsonProblem describes a JSON decoding error with its line and column.
func jsonProblem(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	}
	if offset < 0 {
		return Errorf(EFORMAT, "the plans file is not valid: %s", jsonReason(err))
	}
	line, col := lineCol(data, offset)
	return Errorf(EFORMAT, "the plans file is not valid JSON at line %d, column %d: %s", line, col, jsonReason(err))
}

func lineCol(data []byte, offset int64) (int, int) {
	offset = min(offset, int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, max(col, 1)
}

// jsonReason words a JSON error for a person.
func jsonReason(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		return fmt.Sprintf("%s cannot be a JSON %s (amounts and factors are strings such as \"440.00\")", typ.Field, typ.Value)
	}
	s := err.Error()
	for _, prefix := range []string{"json: ", "model.Plan.", "model."} {
		s = trimPrefix(s, prefix)
	}
	return s
}

func trimPrefix(s, prefix string) string {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):]
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
