package x12

import (
	"io"
	"strconv"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// Version834 is the 834 implementation guide GroupDesk reads and writes.
const Version834 = "005010X220A1"

// Actions of BGN08.
const (
	ActionChange = "2" // additions, terminations and changes
	ActionVerify = "4" // the full file of current enrollment
)

// Maintenance type codes (INS03, HD01).
const (
	MaintChange       = "001"
	MaintAdd          = "021"
	MaintTerm         = "024"
	MaintReinstate    = "025"
	MaintAuditCompare = "030"
)

// Party is a sponsor, payer, broker or premium receiver (N1).
type Party struct {
	Name   string
	IDQual string // FI (FEIN), 24, 94, XV
	ID     string
}

// Enrollment is an 834 transaction set.
type Enrollment struct {
	Purpose       string    // BGN01: 00 original
	Reference     string    // BGN02
	Created       time.Time // BGN03/04
	Action        string    // BGN08: 2 change, 4 full file
	PolicyNumber  string    // REF*38, the group number
	FileEffective model.Date
	// Control totals (QTY ET, DT, TO) as read; -1 when the file has none.
	// A full file is written with the totals of its members.
	Employees, Dependents, Total int
	Sponsor, Payer               Party
	Broker                       *Party
	Members                      []EnrolledMember
}

// EnrolledMember is one member loop (2000): the person, their dates and
// their coverages.
type EnrolledMember struct {
	Pos              int    // segment number of the INS
	Subscriber       bool   // INS01
	Relationship     string // INS02: 18, 01, 19, 53…
	Maintenance      string // INS03
	Reason           string // INS04
	BenefitStatus    string // INS05: A active, C COBRA
	EmploymentStatus string // INS08: FT, PT, TE…
	SubscriberNumber string // REF*0F: the subscriber's number, on every member
	GroupNumber      string // REF*1L
	EmploymentBegin  model.Date
	EmploymentEnd    model.Date
	EligibilityBegin model.Date
	EligibilityEnd   model.Date
	Last, First      string
	Middle           string
	IDQual, ID       string // NM108/NM109: 34 SSN or ZZ
	Phone, Email     string
	Address          model.Address
	BirthDate        model.Date
	Gender           string // F, M, U
	Marital          string
	Tobacco          string // HLH01
	Coverages        []Coverage
}

// Coverage is a health coverage loop (2300).
type Coverage struct {
	Pos         int
	Maintenance string // HD01
	Line        string // HD03: HLT, HMO, PPO, DEN…
	Plan        string // HD04
	Level       string // HD05: EMP, ESP, ECH, FAM
	Begin, End  model.Date
}

// Write834 writes an interchange with one 834 transaction set.
func Write834(w io.Writer, env Envelope, e *Enrollment) error {
	x := newWriter(w)
	x.open(env, "BE", Version834, "834")
	created := e.Created.UTC()
	x.seg("BGN", orDefault(e.Purpose, "00"), text(e.Reference), created.Format("20060102"), created.Format("1504"), "", "", "", e.Action)
	if v := text(e.PolicyNumber); v != "" {
		x.seg("REF", "38", v)
	}
	if !e.FileEffective.IsZero() {
		x.seg("DTP", "007", "D8", d8(e.FileEffective))
	}
	if e.Action == ActionVerify {
		subs := 0
		for i := range e.Members {
			if e.Members[i].Subscriber {
				subs++
			}
		}
		x.seg("QTY", "ET", strconv.Itoa(subs))
		x.seg("QTY", "DT", strconv.Itoa(len(e.Members)-subs))
		x.seg("QTY", "TO", strconv.Itoa(len(e.Members)))
	}
	x.seg("N1", "P5", text(e.Sponsor.Name), e.Sponsor.IDQual, text(e.Sponsor.ID))
	x.seg("N1", "IN", text(e.Payer.Name), e.Payer.IDQual, text(e.Payer.ID))
	if e.Broker != nil {
		x.seg("N1", "BO", text(e.Broker.Name), e.Broker.IDQual, text(e.Broker.ID))
	}
	for i := range e.Members {
		writeMember(x, &e.Members[i])
	}
	return x.close(env)
}

func writeMember(x *writer, m *EnrolledMember) {
	yn := "N"
	if m.Subscriber {
		yn = "Y"
	}
	x.seg("INS", yn, m.Relationship, m.Maintenance, m.Reason, orDefault(m.BenefitStatus, "A"), "", "", m.EmploymentStatus)
	x.seg("REF", "0F", text(m.SubscriberNumber))
	if v := text(m.GroupNumber); v != "" {
		x.seg("REF", "1L", v)
	}
	dtp(x, "336", m.EmploymentBegin)
	dtp(x, "337", m.EmploymentEnd)
	dtp(x, "356", m.EligibilityBegin)
	dtp(x, "357", m.EligibilityEnd)
	idq, id := m.IDQual, text(m.ID)
	if id == "" {
		idq = ""
	}
	x.seg("NM1", "IL", "1", text(m.Last), text(m.First), text(m.Middle), "", "", idq, id)
	if phone, email := text(m.Phone), text(m.Email); phone != "" || email != "" {
		els := []string{"IP", ""}
		if phone != "" {
			els = append(els, "HP", phone)
		}
		if email != "" {
			els = append(els, "EM", email)
		}
		x.seg("PER", els...)
	}
	if text(m.Address.Line1) != "" {
		x.seg("N3", text(m.Address.Line1), text(m.Address.Line2))
		x.seg("N4", text(m.Address.City), text(m.Address.State), text(m.Address.ZIP))
	}
	if !m.BirthDate.IsZero() {
		x.seg("DMG", "D8", d8(m.BirthDate), m.Gender, m.Marital)
	}
	if m.Tobacco != "" {
		x.seg("HLH", m.Tobacco)
	}
	for _, c := range m.Coverages {
		x.seg("HD", c.Maintenance, "", c.Line, text(c.Plan), c.Level)
		if !c.Begin.IsZero() {
			x.seg("DTP", "348", "D8", d8(c.Begin))
		}
		if !c.End.IsZero() {
			x.seg("DTP", "349", "D8", d8(c.End))
		}
	}
}

func dtp(x *writer, qual string, d model.Date) {
	if !d.IsZero() {
		x.seg("DTP", qual, "D8", d8(d))
	}
}

func d8(d model.Date) string {
	b := make([]byte, 0, 8)
	for y := 1000; y > 1 && d.Year < y; y /= 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(d.Year), 10)
	if d.Month < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(d.Month), 10)
	if d.Day < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(d.Day), 10)
	return string(b)
}

// parseD8 reads a CCYYMMDD date.
func parseD8(s string) (model.Date, bool) {
	if !validCCYYMMDD(s) {
		return model.Date{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:])
	out := model.NewDate(y, time.Month(m), d)
	if out.Day != d {
		return model.Date{}, false // 20260230
	}
	return out, true
}
