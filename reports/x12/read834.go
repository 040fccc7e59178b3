package x12

import (
	"strconv"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// Code lists of the 834 (DOMAIN.md §2.1, §4.3, from the pyx12 map).
var (
	bgnPurpose     = codes("00", "15", "22")
	bgnAction      = codes("2", "4", "RX")
	headerDTP      = codes("007", "090", "091", "303", "382", "388")
	qtyQual        = codes("ET", "DT", "TO")
	sponsorIDQual  = codes("FI", "24", "94")
	payerIDQual    = codes("FI", "94", "XV")
	brokerIDQual   = codes("94", "FI", "XV")
	relationships  = codes("01", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "23", "24", "25", "26", "31", "38", "53", "60", "D2", "G8", "G9")
	insMaintenance = codes("001", "021", "024", "025", "030")
	insReason      = codes("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "14", "15", "16", "17", "18", "20", "21", "22", "25", "26", "27", "28", "29", "31", "32", "33", "37", "38", "39", "40", "41", "43", "59", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AL", "EC", "XN", "XT")
	benefitStatus  = codes("A", "C", "S", "T")
	employment     = codes("AC", "AO", "AU", "FT", "L1", "PT", "RT", "TE")
	memberREF      = codes("0F", "1L", "17", "23", "3H", "4A", "6O", "ABB", "D3", "DX", "F6", "P5", "Q4", "QQ", "ZZ")
	memberDTP      = codes("050", "286", "296", "297", "300", "301", "303", "336", "337", "338", "339", "340", "341", "350", "351", "356", "357", "383", "385", "386", "393", "394", "473", "474")
	genders        = codes("F", "M", "U")
	maritalStatus  = codes("B", "D", "I", "M", "R", "S", "U", "W", "X")
	tobaccoCodes   = codes("N", "S", "T", "U", "X")
	hdMaintenance  = codes("001", "002", "021", "024", "025", "026", "030", "032")
	insuranceLines = codes("AG", "AH", "AJ", "AK", "DCP", "DEN", "EPO", "FAC", "HE", "HLT", "HMO", "LTC", "LTD", "MM", "MOD", "PDG", "POS", "PPO", "PRA", "STD", "UR", "VIS")
	coverageLevels = codes("CHD", "DEP", "E1D", "E2D", "E3D", "E5D", "E6D", "E7D", "E8D", "E9D", "ECH", "EMP", "ESP", "FAM", "IND", "SPC", "SPO", "TWO")
	coverageDTP    = codes("300", "303", "343", "348", "349", "543", "695")
	nameIDQual     = codes("34", "ZZ")
	otherNames     = codes("70", "31", "36", "M8", "S3", "QD", "E1", "EI", "EXS", "GB", "GD", "J6", "LR", "QD", "S1", "TZ", "X4", "45")
)

// loop states of the 834 detail.
const (
	inHeader = iota
	inMember // 2000 before the 2100A name
	inName   // 2100A
	inOther  // 2100B–H
	inDisability
	inCoverage
	inProvider
	inCOB
	inReporting
)

// Read834 parses an 834 file, checks its envelopes, loops, required
// segments and code values, and returns its one transaction set. Every
// problem found is returned, each naming its segment.
func Read834(data []byte) (*Enrollment, error) { return read834File(data, true) }

func read834File(data []byte, keep bool) (*Enrollment, error) {
	t, errs, err := onlyTransaction(data, "BE", "a BE", "834", Version834)
	if err != nil || t == nil {
		return nil, orErrs(err, errs)
	}
	e, more := read834(t, keep)
	if errs = append(errs, more...); len(errs) > 0 {
		return e, errs
	}
	return e, nil
}

// Validate834 checks an 834 file as Read834 does, without keeping what
// it says (each member loop is read into the same place).
func Validate834(data []byte) error {
	_, err := read834File(data, false)
	return err
}

type reader834 struct {
	e    *Enrollment
	keep bool // every member loop kept, or each read into the same place
	subs int  // subscriber loops read
	deps int  // dependent loops read
	errs Errors
	m    *EnrolledMember
	c    *Coverage
	// seen in the member loop
	has0F, hasName, coverageDates bool
}

func (r *reader834) bad(s Segment, format string, args ...any) {
	r.errs = append(r.errs, errAt(s, format, args...))
}

// code checks element i of s against a code list; required says it must be
// there.
func (r *reader834) code(s Segment, i int, valid map[string]bool, name string, required bool) string {
	v := s.E(i)
	switch {
	case v == "" && required:
		r.bad(s, "%s%02d (%s) is required", s.ID(), i, name)
	case v != "" && !valid[v]:
		r.bad(s, "%q is not a valid code for %s (%s%02d)", v, name, s.ID(), i)
	}
	return v
}

func (r *reader834) date(s Segment, i int, name string) (d dateValue) {
	v := s.E(i)
	if v == "" {
		r.bad(s, "%s%02d (%s) is required", s.ID(), i, name)
		return
	}
	var ok bool
	if d.Date, ok = parseD8(v); !ok {
		r.bad(s, "%s%02d %q is not a date (CCYYMMDD)", s.ID(), i, v)
	}
	return
}

// dtpDate reads a DTP's date: D8 CCYYMMDD, or the first date of an RD8
// range.
func (r *reader834) dtpDate(s Segment) dateValue {
	switch s.E(2) {
	case "D8":
		return r.date(s, 3, "date")
	case "RD8":
		v := s.E(3)
		if len(v) == 17 && v[8] == '-' {
			d, ok := parseD8(v[:8])
			_, ok2 := parseD8(v[9:])
			if ok && ok2 {
				return dateValue{d}
			}
		}
		r.bad(s, "DTP03 %q is not a date range (CCYYMMDD-CCYYMMDD)", v)
	default:
		r.bad(s, "%q is not a date format for DTP02 (D8 or RD8)", s.E(2))
	}
	return dateValue{}
}

func read834(t *Transaction, keep bool) (*Enrollment, Errors) {
	r := &reader834{e: &Enrollment{Employees: -1, Dependents: -1, Total: -1}, keep: keep}
	segs := t.Segments
	n := 0
	for i := range segs {
		if segs[i].ID() == "INS" {
			n++
		}
	}
	if !keep {
		n = 1
	}
	r.e.Members = make([]EnrolledMember, 0, n)
	state := inHeader
	var sponsor, payer bool
	if len(segs) == 0 || segs[0].ID() != "BGN" {
		at := t.SE
		if len(segs) > 0 {
			at = segs[0]
		}
		r.bad(at, "the transaction set must begin with BGN")
	}
	for _, s := range segs {
		id := s.ID()
		if state == inHeader {
			switch id {
			case "BGN":
				r.bgn(s)
				continue
			case "REF":
				if s.E(1) != "38" {
					r.bad(s, "%q is not a valid code for the header's REF01 (38 master policy number)", s.E(1))
				}
				r.e.PolicyNumber = s.E(2)
				continue
			case "DTP":
				r.code(s, 1, headerDTP, "the file's date qualifier", true)
				if d := r.dtpDate(s); s.E(1) == "007" {
					r.e.FileEffective = d.Date
				}
				continue
			case "QTY":
				r.qty(s)
				continue
			case "N1":
				if s.E(3) != "" && blank(s.E(4)) {
					r.bad(s, "N104 (the identification code) is required with N103")
				}
				switch s.E(1) {
				case "P5":
					sponsor = true
					r.code(s, 3, sponsorIDQual, "the sponsor's ID qualifier", true)
					r.e.Sponsor = Party{Name: s.E(2), IDQual: s.E(3), ID: s.E(4)}
				case "IN":
					payer = true
					r.code(s, 3, payerIDQual, "the payer's ID qualifier", true)
					r.e.Payer = Party{Name: s.E(2), IDQual: s.E(3), ID: s.E(4)}
				case "BO", "TV":
					r.code(s, 3, brokerIDQual, "the broker's ID qualifier", true)
					r.e.Broker = &Party{Name: s.E(2), IDQual: s.E(3), ID: s.E(4)}
				default:
					r.bad(s, "%q is not a valid code for N101 in the header (P5 sponsor, IN payer, BO broker, TV TPA)", s.E(1))
				}
				continue
			case "ACT":
				continue
			case "INS":
				if !sponsor {
					r.bad(s, "the header has no N1*P5 sponsor (loop 1000A is required)")
				}
				if !payer {
					r.bad(s, "the header has no N1*IN payer (loop 1000B is required)")
				}
				state = inMember
			default:
				r.bad(s, "%s is not a segment of the 834 header", id)
				continue
			}
		}
		state = r.detail(s, state)
	}
	r.endMember(t.SE)
	if len(segs) > 0 && state == inHeader {
		r.bad(t.SE, "the transaction set has no member (INS) loop")
	}
	r.checkTotals(t)
	return r.e, r.errs
}

func (r *reader834) bgn(s Segment) {
	r.code(s, 1, bgnPurpose, "the transaction set purpose", true)
	if blank(s.E(2)) {
		r.bad(s, "BGN02 (reference number) is required")
	}
	d := r.date(s, 3, "the file's date")
	r.e.Purpose, r.e.Reference = s.E(1), s.E(2)
	r.e.Created = d.Time()
	if hm := s.E(4); len(hm) >= 4 && validHHMM(hm[:4]) {
		h, _ := strconv.Atoi(hm[:2])
		m, _ := strconv.Atoi(hm[2:4])
		r.e.Created = r.e.Created.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	} else {
		r.bad(s, "BGN04 %q is not a time (HHMM)", hm)
	}
	r.e.Action = r.code(s, 8, bgnAction, "the action code", true)
}

func (r *reader834) qty(s Segment) {
	q := r.code(s, 1, qtyQual, "the control total qualifier", true)
	n, err := strconv.Atoi(s.E(2))
	if err != nil || n < 0 {
		r.bad(s, "QTY02 %q is not a count", s.E(2))
		return
	}
	switch q {
	case "ET":
		r.e.Employees = n
	case "DT":
		r.e.Dependents = n
	case "TO":
		r.e.Total = n
	}
}

// checkTotals compares the QTY control totals with the members counted.
func (r *reader834) checkTotals(t *Transaction) {
	subs, deps := r.subs, r.deps
	at := func(q string) Segment {
		for _, s := range t.Segments {
			if s.ID() == "QTY" && s.E(1) == q {
				return s
			}
		}
		return t.ST
	}
	if r.e.Employees >= 0 && r.e.Employees != subs {
		r.bad(at("ET"), "QTY*ET says %d employees; the file has %d subscriber loops", r.e.Employees, subs)
	}
	if r.e.Dependents >= 0 && r.e.Dependents != deps {
		r.bad(at("DT"), "QTY*DT says %d dependents; the file has %d dependent loops", r.e.Dependents, deps)
	}
	if r.e.Total >= 0 && r.e.Total != subs+deps {
		r.bad(at("TO"), "QTY*TO says %d members; the file has %d member loops", r.e.Total, subs+deps)
	}
}

// detail reads a segment of the member loops and returns the new state.
func (r *reader834) detail(s Segment, state int) int {
	m := r.m
	switch s.ID() {
	case "INS":
		r.endMember(s)
		r.ins(s)
		return inMember
	case "REF":
		switch state {
		case inMember:
			q := r.code(s, 1, memberREF, "the member's reference qualifier", true)
			switch q {
			case "0F":
				if r.has0F {
					r.bad(s, "a second REF*0F in the member loop")
				}
				r.has0F, m.SubscriberNumber = true, s.E(2)
			case "1L":
				m.GroupNumber = s.E(2)
			}
			if blank(s.E(2)) {
				r.bad(s, "REF02 (the identifier) is required")
			}
			return state
		case inCoverage, inCOB, inReporting:
			return state
		}
	case "DTP":
		switch state {
		case inMember:
			q := r.code(s, 1, memberDTP, "the member level date qualifier", true)
			d := r.dtpDate(s)
			switch q {
			case "336":
				m.EmploymentBegin = d.Date
			case "337":
				m.EmploymentEnd = d.Date
			case "356":
				m.EligibilityBegin = d.Date
			case "357":
				m.EligibilityEnd = d.Date
			}
			return state
		case inCoverage:
			q := r.code(s, 1, coverageDTP, "the health coverage date qualifier", true)
			d := r.dtpDate(s)
			r.coverageDates = true
			switch q {
			case "348":
				r.c.Begin = d.Date
			case "349":
				r.c.End = d.Date
			}
			return state
		case inDisability, inCOB, inReporting:
			return state
		}
	case "NM1":
		switch state {
		case inMember:
			r.name(s)
			return inName
		case inName, inOther:
			if s.E(1) == "IL" || s.E(1) == "74" {
				r.bad(s, "a second member name (NM1*%s) in the member loop", s.E(1))
			} else if !otherNames[s.E(1)] {
				r.bad(s, "%q is not a valid code for NM101 in the member loop", s.E(1))
			}
			return inOther
		case inProvider, inCOB:
			return state
		}
	case "PER", "N3", "N4":
		switch state {
		case inName:
			r.contact(s)
			return state
		case inOther, inProvider, inCOB:
			return state
		}
	case "DMG":
		switch state {
		case inName:
			r.dmg(s)
			return state
		case inOther:
			return state
		}
	case "EC", "ICM", "AMT", "HLH", "LUI":
		switch {
		case state == inName:
			if s.ID() == "HLH" {
				m.Tobacco = r.code(s, 1, tobaccoCodes, "the health related code", true)
			}
			return state
		case s.ID() == "AMT" && state == inCoverage:
			return state
		}
	case "DSB":
		if state >= inName && state <= inDisability {
			r.endCoverage(s)
			return inDisability
		}
	case "HD":
		if state >= inName {
			r.hd(s)
			return inCoverage
		}
	case "IDC":
		if state == inCoverage {
			return state
		}
	case "LX":
		if state >= inCoverage && state <= inCOB {
			r.endCoverage(s)
			return inProvider
		}
		if state == inReporting {
			return state
		}
	case "PLA":
		if state == inProvider {
			return state
		}
	case "COB":
		if state >= inCoverage && state <= inCOB {
			return inCOB
		}
	case "LS", "LE":
		if state >= inName {
			r.endCoverage(s)
			return inReporting
		}
	case "N1":
		if state == inReporting {
			return state
		}
	case "SE", "ST", "GS", "GE", "ISA", "IEA":
	default:
		r.bad(s, "%s is not a segment of the 834", s.ID())
		return state
	}
	if state == inMember && !r.hasName {
		r.bad(s, "%s cannot come before the member's name (NM1*IL, loop 2100A)", s.ID())
	} else {
		r.bad(s, "%s is not expected here in the member loop that starts at segment %d", s.ID(), m.Pos)
	}
	return state
}

func (r *reader834) ins(s Segment) {
	if !r.keep {
		r.e.Members = r.e.Members[:0]
	}
	r.e.Members = append(r.e.Members, EnrolledMember{Pos: s.Pos})
	m := &r.e.Members[len(r.e.Members)-1]
	r.m, r.c = m, nil
	r.has0F, r.hasName, r.coverageDates = false, false, false
	yn := s.E(1)
	if yn != "Y" && yn != "N" {
		r.bad(s, "%q is not a valid code for INS01 (Y subscriber, N dependent)", yn)
	}
	m.Subscriber = yn == "Y"
	if m.Subscriber {
		r.subs++
	} else {
		r.deps++
	}
	m.Relationship = r.code(s, 2, relationships, "the individual relationship code", true)
	if m.Subscriber && m.Relationship != "" && m.Relationship != "18" {
		r.bad(s, "a subscriber (INS01 Y) has relationship 18 (self), not %q", m.Relationship)
	}
	if !m.Subscriber && m.Relationship == "18" {
		r.bad(s, "a dependent (INS01 N) cannot have relationship 18 (self)")
	}
	m.Maintenance = r.code(s, 3, insMaintenance, "the maintenance type code", true)
	m.Reason = r.code(s, 4, insReason, "the maintenance reason code", false)
	m.BenefitStatus = r.code(s, 5, benefitStatus, "the benefit status code", true)
	m.EmploymentStatus = r.code(s, 8, employment, "the employment status code", false)
}

// endMember checks the member loop just read before the next begins.
func (r *reader834) endMember(next Segment) {
	r.endCoverage(next)
	if r.m == nil {
		return
	}
	if !r.has0F {
		r.errs = append(r.errs, &Error{Pos: r.m.Pos, ID: "INS", Msg: "the member loop has no REF*0F subscriber identifier (it is required)"})
	}
	if !r.hasName {
		r.errs = append(r.errs, &Error{Pos: r.m.Pos, ID: "INS", Msg: "the member loop has no NM1*IL member name (loop 2100A is required)"})
	}
	r.m = nil
}

// endCoverage checks the coverage loop just read.
func (r *reader834) endCoverage(next Segment) {
	if r.c != nil && !r.coverageDates {
		r.errs = append(r.errs, &Error{Pos: r.c.Pos, ID: "HD", Msg: "the health coverage loop has no DTP coverage date (348 begin or 349 end is required)"})
	}
	r.c = nil
}

func (r *reader834) name(s Segment) {
	m := r.m
	r.hasName = true
	if q := s.E(1); q != "IL" && q != "74" {
		r.bad(s, "%q is not a valid code for NM101 of the member name (IL or 74)", q)
	}
	if s.E(2) != "1" {
		r.bad(s, "%q is not a valid code for NM102 (1, a person)", s.E(2))
	}
	if blank(s.E(3)) {
		r.bad(s, "NM103 (the member's last name) is required")
	}
	m.Last, m.First, m.Middle = s.E(3), s.E(4), s.E(5)
	if s.E(9) != "" || s.E(8) != "" {
		m.IDQual = r.code(s, 8, nameIDQual, "the identification code qualifier", true)
		m.ID = s.E(9)
		if blank(m.ID) {
			r.bad(s, "NM109 is required with NM108")
		}
	}
}

func (r *reader834) contact(s Segment) {
	m := r.m
	switch s.ID() {
	case "PER":
		if s.E(1) != "IP" {
			r.bad(s, "%q is not a valid code for PER01 (IP insured party)", s.E(1))
		}
		for i := 3; i+1 < len(s.Elements); i += 2 {
			switch s.E(i) {
			case "HP", "TE", "CP", "WP":
				if m.Phone == "" {
					m.Phone = s.E(i + 1)
				}
			case "EM":
				m.Email = s.E(i + 1)
			case "AP", "BN", "EX", "FX":
			default:
				r.bad(s, "%q is not a valid communication number qualifier (PER%02d)", s.E(i), i)
			}
		}
	case "N3":
		if blank(s.E(1)) {
			r.bad(s, "N301 (the street address) is required")
		}
		m.Address.Line1, m.Address.Line2 = s.E(1), s.E(2)
	case "N4":
		m.Address.City, m.Address.State, m.Address.ZIP = s.E(1), s.E(2), s.E(3)
	}
}

func (r *reader834) dmg(s Segment) {
	if s.E(1) != "D8" {
		r.bad(s, "%q is not a valid date format for DMG01 (D8)", s.E(1))
	}
	r.m.BirthDate = r.date(s, 2, "the date of birth").Date
	r.m.Gender = r.code(s, 3, genders, "the gender code", true)
	r.m.Marital = r.code(s, 4, maritalStatus, "the marital status code", false)
}

func (r *reader834) hd(s Segment) {
	r.endCoverage(s)
	m := r.m
	m.Coverages = append(m.Coverages, Coverage{Pos: s.Pos})
	c := &m.Coverages[len(m.Coverages)-1]
	r.c, r.coverageDates = c, false
	c.Maintenance = r.code(s, 1, hdMaintenance, "the maintenance type code", true)
	c.Line = r.code(s, 3, insuranceLines, "the insurance line code", true)
	c.Plan = s.E(4)
	c.Level = r.code(s, 5, coverageLevels, "the coverage level code", false)
}

// blank reports whether a value has nothing but spaces and separators:
// an element must hold at least one character of data.
func blank(v string) bool { return v == "" || text(v) == "" }

// dateValue is a date read from an element (zero when it was wrong).
type dateValue struct{ model.Date }
