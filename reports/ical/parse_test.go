package ical

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// This file is a minimal, strict reader of RFC 5545, written apart from the
// writer so that the test reads the file the way a calendar program would
// and refuses what one might refuse.

type property struct {
	name   string
	params map[string]string
	value  string // unescaped for TEXT properties
}

type component struct {
	name     string
	props    []property
	children []*component
}

func (c *component) get(name string) []property {
	var out []property
	for _, p := range c.props {
		if p.name == name {
			out = append(out, p)
		}
	}
	return out
}

// one returns the single property of a name, failing on none or several.
func (c *component) one(t *testing.T, name string) property {
	t.Helper()
	ps := c.get(name)
	if len(ps) != 1 {
		t.Fatalf("%s has %d %s properties, want exactly one", c.name, len(ps), name)
	}
	return ps[0]
}

// parseICS checks the physical lines (CRLF, at most 75 octets, whole UTF-8
// characters), unfolds them and builds the component tree.
func parseICS(data []byte) (*component, error) {
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		return nil, fmt.Errorf("the file does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var logical []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			return nil, fmt.Errorf("line %d has a bare CR or LF", i+1)
		}
		if len(l) > 75 {
			return nil, fmt.Errorf("line %d is %d octets long", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			return nil, fmt.Errorf("line %d splits a UTF-8 character", i+1)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(logical) == 0 {
				return nil, fmt.Errorf("line %d continues nothing", i+1)
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	return build(logical)
}

func build(lines []string) (*component, error) {
	var stack []*component
	var root *component
	for i, l := range lines {
		p, err := parseLine(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		switch p.name {
		case "BEGIN":
			c := &component{name: p.value}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.children = append(top.children, c)
			} else if root != nil {
				return nil, fmt.Errorf("line %d: a second top-level component", i+1)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != p.value {
				return nil, fmt.Errorf("line %d: END:%s closes nothing open", i+1, p.value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("line %d: a property outside any component", i+1)
			}
			top := stack[len(stack)-1]
			top.props = append(top.props, p)
		}
	}
	if root == nil || len(stack) != 0 {
		return nil, fmt.Errorf("the calendar is not closed")
	}
	return root, nil
}

// parseLine reads NAME;PARAM=VALUE:value. Parameter values here are never
// quoted, so the first colon ends the name and parameters.
func parseLine(l string) (property, error) {
	head, value, ok := strings.Cut(l, ":")
	if !ok {
		return property{}, fmt.Errorf("no colon in %q", l)
	}
	parts := strings.Split(head, ";")
	p := property{name: parts[0], params: map[string]string{}}
	for _, c := range p.name {
		if !(c >= 'A' && c <= 'Z' || c == '-') {
			return p, fmt.Errorf("bad property name %q", p.name)
		}
	}
	for _, kv := range parts[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return p, fmt.Errorf("bad parameter %q", kv)
		}
		p.params[k] = v
	}
	var err error
	p.value, err = unescape(value)
	return p, err
}

// unescape reads a TEXT value, refusing a backslash before anything but
// the four escapes and an unescaped semicolon or comma.
func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';' || c == ',':
			return "", fmt.Errorf("unescaped %q in %q", c, s)
		case c != '\\':
			b.WriteByte(c)
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("a lone backslash ends %q", s)
		}
		i++
		switch s[i] {
		case '\\', ';', ',':
			b.WriteByte(s[i])
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			return "", fmt.Errorf("unknown escape \\%c in %q", s[i], s)
		}
	}
	return b.String(), nil
}
