package x12

import (
	"fmt"
	"strconv"
	"strings"
)

// ISALength is the length of the fixed-format ISA segment without its
// terminator.
const ISALength = 105

// Separators are the delimiters of an interchange.
type Separators struct {
	Element    byte // ISA position 3, usually '*'
	Component  byte // ISA16, usually ':'
	Repetition byte // ISA11 in 5010, usually '^'
	Segment    byte // right after ISA16, usually '~'
}

// Default is what GroupDesk writes.
var Default = Separators{Element: '*', Component: ':', Repetition: '^', Segment: '~'}

// Segment is one segment of a file: its ID and elements, and its number in
// the file (the ISA is segment 1).
type Segment struct {
	Pos      int
	Elements []string // Elements[0] is the segment ID
	comp     byte
}

// ID is the segment's identifier (ISA, ST, INS…).
func (s Segment) ID() string {
	if len(s.Elements) == 0 {
		return ""
	}
	return s.Elements[0]
}

// E returns element i (1-based), or "" when the segment is shorter.
func (s Segment) E(i int) string {
	if i <= 0 || i >= len(s.Elements) {
		return ""
	}
	return s.Elements[i]
}

// C returns component j (1-based) of element i.
func (s Segment) C(i, j int) string {
	e := s.E(i)
	for k := 1; k < j; k++ {
		n := strings.IndexByte(e, s.comp)
		if n < 0 {
			return ""
		}
		e = e[n+1:]
	}
	if n := strings.IndexByte(e, s.comp); n >= 0 {
		e = e[:n]
	}
	return e
}

// Error is a problem in a file, at a segment.
type Error struct {
	Pos int    // segment number, from 1; 0 when the file has no segment
	ID  string // the segment's ID, when known
	Msg string
}

func (e *Error) Error() string {
	switch {
	case e.Pos == 0:
		return e.Msg
	case e.ID == "":
		return fmt.Sprintf("segment %d: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("segment %d (%s): %s", e.Pos, e.ID, e.Msg)
}

// Errors is every problem a check found, in file order.
type Errors []*Error

func (es Errors) Error() string {
	const shown = 10
	var b strings.Builder
	for i, e := range es {
		if i == shown {
			fmt.Fprintf(&b, "\n… and %d more", len(es)-shown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// First is the first problem.
func (es Errors) First() *Error {
	if len(es) == 0 {
		return nil
	}
	return es[0]
}

func errAt(s Segment, format string, args ...any) *Error {
	return &Error{Pos: s.Pos, ID: s.ID(), Msg: fmt.Sprintf(format, args...)}
}

// Interchange is a parsed file: its header and trailer and the functional
// groups between them.
type Interchange struct {
	Sep     Separators
	ISA     Segment
	Groups  []Group
	IEA     Segment
	Control string // ISA13
}

// Group is a functional group (GS … GE).
type Group struct {
	GS, GE       Segment
	Transactions []Transaction
}

// Transaction is a transaction set: its ST and SE and the segments
// between them.
type Transaction struct {
	ST, SE   Segment
	Segments []Segment
}

// Code is the transaction set's code (ST01: 834, 820).
func (t *Transaction) Code() string { return t.ST.E(1) }

// Tokenize splits a file into segments with the separators its ISA header
// declares. It checks only what it needs to find the segments.
func Tokenize(data []byte) (Separators, []Segment, error) {
	text := string(data)
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.TrimLeft(text, " \t\r\n")
	var sep Separators
	if !strings.HasPrefix(text, "ISA") {
		if text == "" {
			return sep, nil, &Error{Msg: "the file is empty"}
		}
		return sep, nil, &Error{Pos: 1, Msg: "an X12 file starts with an ISA segment"}
	}
	if len(text) < ISALength+1 {
		return sep, nil, &Error{Pos: 1, ID: "ISA", Msg: fmt.Sprintf("the ISA segment is cut short: %d characters, want %d and the terminator", len(text), ISALength)}
	}
	sep.Element = text[3]
	// ISA16 follows the sixteenth element separator; the terminator
	// follows ISA16.
	n, i := 0, 3
	for ; i < len(text) && n < 16; i++ {
		if text[i] == sep.Element {
			n++
		}
	}
	if n < 16 || i+1 >= len(text) {
		return sep, nil, &Error{Pos: 1, ID: "ISA", Msg: fmt.Sprintf("the ISA segment has %d elements, want 16 separated by %q", n, sep.Element)}
	}
	sep.Component, sep.Segment = text[i], text[i+1]
	if i+1 != ISALength {
		return sep, nil, &Error{Pos: 1, ID: "ISA", Msg: fmt.Sprintf("the ISA segment is %d characters, want %d (its elements have fixed widths)", i+1, ISALength)}
	}
	if err := checkSeparators(sep); err != nil {
		return sep, nil, err
	}
	rep := strings.Split(text[:ISALength], string(sep.Element))
	if len(rep[11]) == 1 && rep[11] != "U" {
		sep.Repetition = rep[11][0]
	}
	segs := make([]Segment, 0, strings.Count(text, string(sep.Segment)))
	// The elements of every segment share one array: a file of half a
	// million segments is split with a handful of allocations.
	arena := make([]string, 0, strings.Count(text, string(sep.Element))+cap(segs)+1)
	pos := 0
	for len(text) > 0 {
		end := strings.IndexByte(text, sep.Segment)
		raw := text
		if end >= 0 {
			raw, text = text[:end], text[end+1:]
		} else {
			text = ""
		}
		raw = strings.TrimLeft(raw, " \t\r\n")
		if raw == "" {
			if end < 0 {
				break
			}
			continue
		}
		pos++
		if end < 0 {
			return sep, segs, &Error{Pos: pos, Msg: fmt.Sprintf("the file ends inside a segment (no %q after %q)", sep.Segment, clip(raw))}
		}
		start := len(arena)
		for {
			i := strings.IndexByte(raw, sep.Element)
			if i < 0 {
				break
			}
			arena = append(arena, raw[:i])
			raw = raw[i+1:]
		}
		arena = append(arena, raw)
		s := Segment{Pos: pos, Elements: arena[start:len(arena):len(arena)], comp: sep.Component}
		if !validID(s.ID()) {
			return sep, segs, &Error{Pos: pos, Msg: fmt.Sprintf("%q is not a segment ID (the elements are separated by %q)", clip(s.ID()), sep.Element)}
		}
		segs = append(segs, s)
	}
	return sep, segs, nil
}

func clip(s string) string {
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}

func validID(id string) bool {
	if len(id) < 2 || len(id) > 3 || id[0] < 'A' || id[0] > 'Z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		c := id[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func checkSeparators(s Separators) error {
	chars := []byte{s.Element, s.Component, s.Segment}
	for i, c := range chars {
		if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' {
			return &Error{Pos: 1, ID: "ISA", Msg: fmt.Sprintf("%q cannot be a separator (letters, digits and spaces are data)", c)}
		}
		for _, d := range chars[:i] {
			if c == d {
				return &Error{Pos: 1, ID: "ISA", Msg: fmt.Sprintf("the element, component and segment separators must differ (%q is used twice)", c)}
			}
		}
	}
	return nil
}

// Parse splits a file into segments and checks its envelopes: the ISA
// header's fixed fields, GS/GE and ST/SE pairs with matching control
// numbers, SE01 against the segments counted, GE01 and IEA01 against the
// sets and groups counted, and nothing after the IEA.
func Parse(data []byte) (*Interchange, error) {
	sep, segs, err := Tokenize(data)
	if err != nil {
		return nil, err
	}
	ic := &Interchange{Sep: sep, ISA: segs[0], Control: segs[0].E(13)}
	var errs Errors
	errs = append(errs, checkISA(segs[0])...)
	var g *Group
	var t *Transaction
	ended := false
	start := 0 // index in segs of the first segment of the open transaction set
	for k := 1; k < len(segs); k++ {
		s := segs[k]
		if ended {
			errs = append(errs, errAt(s, "a segment after the IEA that ended the interchange"))
			break
		}
		switch s.ID() {
		case "ISA":
			errs = append(errs, errAt(s, "a second ISA before the IEA of the first interchange"))
		case "GS":
			if g != nil {
				errs = append(errs, errAt(s, "a GS before the GE of the group at segment %d", g.GS.Pos))
			}
			ic.Groups = append(ic.Groups, Group{GS: s})
			g = &ic.Groups[len(ic.Groups)-1]
		case "GE":
			if g == nil {
				errs = append(errs, errAt(s, "a GE without its GS"))
				continue
			}
			if t != nil {
				errs = append(errs, errAt(s, "a GE before the SE of the transaction set at segment %d", t.ST.Pos))
				t = nil
			}
			g.GE = s
			errs = append(errs, checkGE(g)...)
			g = nil
		case "ST":
			if g == nil {
				errs = append(errs, errAt(s, "an ST outside a functional group (no GS before it)"))
				continue
			}
			if t != nil {
				errs = append(errs, errAt(s, "an ST before the SE of the transaction set at segment %d", t.ST.Pos))
			}
			g.Transactions = append(g.Transactions, Transaction{ST: s})
			t = &g.Transactions[len(g.Transactions)-1]
			start = k + 1
		case "SE":
			if t == nil {
				errs = append(errs, errAt(s, "an SE without its ST"))
				continue
			}
			t.SE = s
			t.Segments = segs[start:k:k]
			errs = append(errs, checkSE(t, g)...)
			t = nil
		case "IEA":
			if g != nil {
				errs = append(errs, errAt(s, "the IEA comes before the GE of the group at segment %d", g.GS.Pos))
				g = nil
			}
			ic.IEA = s
			errs = append(errs, checkIEA(ic)...)
			ended = true
		default:
			if t == nil {
				errs = append(errs, errAt(s, "a segment outside a transaction set (between the envelopes)"))
			}
		}
	}
	if !ended {
		last := segs[len(segs)-1]
		errs = append(errs, &Error{Pos: last.Pos, ID: last.ID(), Msg: "the file ends here without its IEA: it is cut short"})
	}
	if len(errs) > 0 {
		return ic, errs
	}
	return ic, nil
}

var (
	isaAuthQual = codes("00", "03")
	isaSecQual  = codes("00", "01")
	isaIDQual   = codes("01", "14", "20", "27", "28", "29", "30", "33", "ZZ")
)

func codes(cs ...string) map[string]bool {
	m := make(map[string]bool, len(cs))
	for _, c := range cs {
		m[c] = true
	}
	return m
}

func checkISA(s Segment) Errors {
	var errs Errors
	if len(s.Elements) != 17 {
		return Errors{errAt(s, "the ISA has %d elements, want 16", len(s.Elements)-1)}
	}
	widths := []int{0, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1}
	for i := 1; i <= 16; i++ {
		if len(s.E(i)) != widths[i] {
			errs = append(errs, errAt(s, "ISA%02d is %d characters, want %d", i, len(s.E(i)), widths[i]))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	check := func(i int, valid map[string]bool) {
		if !valid[s.E(i)] {
			errs = append(errs, errAt(s, "%q is not a valid code for ISA%02d", s.E(i), i))
		}
	}
	check(1, isaAuthQual)
	check(3, isaSecQual)
	check(5, isaIDQual)
	check(7, isaIDQual)
	check(12, codes("00501"))
	check(14, codes("0", "1"))
	check(15, codes("P", "T"))
	if !digitsOnly(s.E(9)) || !validYYMMDD(s.E(9)) {
		errs = append(errs, errAt(s, "ISA09 %q is not a date (YYMMDD)", s.E(9)))
	}
	if !validHHMM(s.E(10)) {
		errs = append(errs, errAt(s, "ISA10 %q is not a time (HHMM)", s.E(10)))
	}
	if !digitsOnly(s.E(13)) {
		errs = append(errs, errAt(s, "the interchange control number ISA13 %q is not nine digits", s.E(13)))
	}
	return errs
}

func checkGE(g *Group) Errors {
	var errs Errors
	gs, ge := g.GS, g.GE
	if n, err := strconv.Atoi(ge.E(1)); err != nil || n != len(g.Transactions) {
		errs = append(errs, errAt(ge, "GE01 says %q transaction sets; the group at segment %d has %d", ge.E(1), gs.Pos, len(g.Transactions)))
	}
	if ge.E(2) != gs.E(6) {
		errs = append(errs, errAt(ge, "the group control number GE02 %q does not match GS06 %q at segment %d", ge.E(2), gs.E(6), gs.Pos))
	}
	if gs.E(6) == "" || !digitsOnly(gs.E(6)) || len(gs.E(6)) > 9 {
		errs = append(errs, errAt(gs, "the group control number GS06 %q is not 1 to 9 digits", gs.E(6)))
	}
	if !validCCYYMMDD(gs.E(4)) {
		errs = append(errs, errAt(gs, "GS04 %q is not a date (CCYYMMDD)", gs.E(4)))
	}
	return errs
}

func checkSE(t *Transaction, g *Group) Errors {
	var errs Errors
	st, se := t.ST, t.SE
	count := len(t.Segments) + 2
	if n, err := strconv.Atoi(se.E(1)); err != nil || n != count {
		errs = append(errs, errAt(se, "SE01 says %q segments; the transaction set from segment %d to %d has %d", se.E(1), st.Pos, se.Pos, count))
	}
	if se.E(2) != st.E(2) {
		errs = append(errs, errAt(se, "the transaction set control number SE02 %q does not match ST02 %q at segment %d", se.E(2), st.E(2), st.Pos))
	}
	if l := len(st.E(2)); l < 4 || l > 9 {
		errs = append(errs, errAt(st, "the control number ST02 %q is not 4 to 9 characters", st.E(2)))
	}
	if st.E(3) != g.GS.E(8) {
		errs = append(errs, errAt(st, "ST03 %q must equal GS08 %q at segment %d", st.E(3), g.GS.E(8), g.GS.Pos))
	}
	return errs
}

func checkIEA(ic *Interchange) Errors {
	var errs Errors
	iea := ic.IEA
	if n, err := strconv.Atoi(iea.E(1)); err != nil || n != len(ic.Groups) {
		errs = append(errs, errAt(iea, "IEA01 says %q functional groups; the interchange has %d", iea.E(1), len(ic.Groups)))
	}
	if iea.E(2) != ic.ISA.E(13) {
		errs = append(errs, errAt(iea, "the interchange control number IEA02 %q does not match ISA13 %q", iea.E(2), ic.ISA.E(13)))
	}
	return errs
}

func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func validYYMMDD(s string) bool {
	return len(s) == 6 && digitsOnly(s) && validMonthDay(s[2:4], s[4:6])
}

func validCCYYMMDD(s string) bool {
	return len(s) == 8 && digitsOnly(s) && validMonthDay(s[4:6], s[6:8])
}

func validMonthDay(mm, dd string) bool {
	m, _ := strconv.Atoi(mm)
	d, _ := strconv.Atoi(dd)
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func validHHMM(s string) bool {
	if len(s) != 4 || !digitsOnly(s) {
		return false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[2:])
	return h < 24 && m < 60
}

// onlyTransaction parses a file that must hold one functional group (GS01
// group, named in messages as "an RA" or "a BE") of one transaction set
// (ST01 code, version): the way GroupDesk reads 834 and 820 files. It
// returns the transaction set and the problems of its envelope; a
// transaction set of another kind is not returned.
func onlyTransaction(data []byte, group, groupName, code, version string) (*Transaction, Errors, error) {
	ic, err := Parse(data)
	if err != nil {
		return nil, nil, err
	}
	if len(ic.Groups) != 1 || len(ic.Groups[0].Transactions) != 1 {
		return nil, nil, &Error{Pos: ic.ISA.Pos, ID: "ISA", Msg: "GroupDesk reads an " + code + " file with one functional group of one transaction set"}
	}
	g := &ic.Groups[0]
	var errs Errors
	if g.GS.E(1) != group {
		errs = append(errs, errAt(g.GS, "GS01 is %q; an %s is in %s functional group", g.GS.E(1), code, groupName))
	}
	t := &g.Transactions[0]
	if t.Code() != code || t.ST.E(3) != version {
		errs = append(errs, errAt(t.ST, "this is a %s %s transaction set, not an %s %s", t.Code(), t.ST.E(3), code, version))
		return nil, errs, nil
	}
	return t, errs, nil
}

// orErrs is err, or else the envelope's problems as one error.
func orErrs(err error, errs Errors) error {
	if err != nil {
		return err
	}
	return errs
}
