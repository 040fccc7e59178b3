package x12

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// Version820 is the 820 implementation guide GroupDesk reads and writes.
const Version820 = "005010X218"

// Remittance is a premium payment (820): the payment (BPR), its trace
// number, the parties, and the remittance detail, either one summary for
// the organization (2000A) or one remittance per member (2000B).
type Remittance struct {
	Handling        string      // BPR01: C payment and remittance, I remittance only, U split…
	Amount          model.Money // BPR02
	CreditDebit     string      // BPR03: C
	Method          string      // BPR04: ACH, CHK, NON…
	Format          string      // BPR05: CCP, CTX
	PayerRouting    string      // BPR07
	PayerAccount    string      // BPR09
	PayerID         string      // BPR10: 1 and the FEIN
	ReceiverRouting string      // BPR13
	ReceiverAccount string      // BPR15
	EffectiveOn     model.Date  // BPR16
	Trace           string      // TRN02
	TraceOriginator string      // TRN03
	AccountRef      string      // REF*14 master account (the group number)
	InvoiceRef      string      // REF*2F consolidated invoice number
	From, To        model.Date  // DTM*582 coverage period
	Receiver        Party       // N1*PE premium receiver
	Payer           Party       // N1*PR premium payer
	Summary         *Summary    // 2000A
	Members         []MemberRemittance
}

// Summary is the organization summary remittance (2000A).
type Summary struct {
	EntityQual, EntityID string // ENT03/04
	Invoice              string // RMR*IK
	Paid, Billed         model.Money
	From, To             model.Date
	Members              int // SLN04 member count; 0 leaves IT1/SLN out
}

// MemberRemittance is one member's remittance (2000B).
type MemberRemittance struct {
	Pos         int
	EmployeeID  string // ENT04 and NM109 (EI)
	Last, First string
	Middle      string
	Invoice     string // RMR*IK
	Paid        model.Money
	Billed      model.Money
	From, To    model.Date
}

// amount writes money as the 820 does: dollars with the cents after a
// point, no thousands separator (1543.37, 255).
func amount(m model.Money) string {
	neg := m < 0
	if neg {
		m = -m
	}
	s := strconv.FormatInt(int64(m/100), 10)
	if c := m % 100; c != 0 {
		s += fmt.Sprintf(".%02d", c)
		s = strings.TrimSuffix(s, "0")
	}
	if neg {
		return "-" + s
	}
	return s
}

// parseAmount reads a decimal amount into cents.
func parseAmount(s string) (model.Money, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" && !dot || !digitsOnly(orDefault(whole, "0")) || len(frac) > 2 || (dot && !digitsOnly(frac)) || len(whole) > 15 {
		return 0, false
	}
	w, _ := strconv.ParseInt(orDefault(whole, "0"), 10, 64)
	c := int64(0)
	if frac != "" {
		c, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			c *= 10
		}
	}
	v := model.Money(w*100 + c)
	if neg {
		v = -v
	}
	return v, true
}

func rd8(from, to model.Date) string { return d8(from) + "-" + d8(to) }

// Write820 writes an interchange with one 820 transaction set.
func Write820(w io.Writer, env Envelope, p *Remittance) error {
	x := newWriter(w)
	x.open(env, "RA", Version820, "820")
	bpr := []string{p.Handling, amount(p.Amount), orDefault(p.CreditDebit, "C"), p.Method, p.Format}
	if p.PayerRouting != "" {
		bpr = append(bpr, "01", p.PayerRouting, "DA", p.PayerAccount, p.PayerID, "")
	} else {
		bpr = append(bpr, "", "", "", "", "", "")
	}
	if p.ReceiverRouting != "" {
		bpr = append(bpr, "01", p.ReceiverRouting, "DA", p.ReceiverAccount)
	} else {
		bpr = append(bpr, "", "", "", "")
	}
	bpr = append(bpr, d8(p.EffectiveOn))
	x.seg("BPR", bpr...)
	x.seg("TRN", "1", text(p.Trace), text(p.TraceOriginator))
	if p.AccountRef != "" {
		x.seg("REF", "14", text(p.AccountRef))
	}
	if p.InvoiceRef != "" {
		x.seg("REF", "2F", text(p.InvoiceRef))
	}
	if !p.From.IsZero() {
		x.seg("DTM", "582", "", "", "", "RD8", rd8(p.From, p.To))
	}
	x.seg("N1", "PE", text(p.Receiver.Name), p.Receiver.IDQual, text(p.Receiver.ID))
	x.seg("N1", "PR", text(p.Payer.Name), p.Payer.IDQual, text(p.Payer.ID))
	if s := p.Summary; s != nil {
		x.seg("ENT", "1", "2L", s.EntityQual, text(s.EntityID))
		x.seg("RMR", "IK", text(s.Invoice), "PI", amount(s.Paid), amount(s.Billed))
		if !s.From.IsZero() {
			x.seg("DTM", "582", "", "", "", "RD8", rd8(s.From, s.To))
		}
		if s.Members > 0 {
			x.seg("IT1", "1")
			x.seg("SLN", "1", "", "O", strconv.Itoa(s.Members), "IE")
		}
	}
	for i, m := range p.Members {
		x.seg("ENT", strconv.Itoa(i+1), "2J", "EI", text(m.EmployeeID))
		x.seg("NM1", "IL", "1", text(m.Last), text(m.First), text(m.Middle), "", "", "EI", text(m.EmployeeID))
		x.seg("RMR", "IK", text(m.Invoice), "", amount(m.Paid), amount(m.Billed))
		if !m.From.IsZero() {
			x.seg("DTM", "582", "", "", "", "RD8", rd8(m.From, m.To))
		}
	}
	return x.close(env)
}

var (
	bprHandling = codes("C", "D", "I", "P", "U", "X")
	bprMethod   = codes("ACH", "BOP", "CHK", "FWT", "NON", "SWT")
	bprFormat   = codes("CCP", "CTX")
	trnType     = codes("1", "3")
	refPremium  = codes("14", "17", "18", "2F", "38", "72", "LB")
	dtmHeader   = codes("009", "035", "582", "097")
	entOrg      = codes("2L", "AG", "NH", "RGA", "UN")
	entQualOrg  = codes("1", "24", "9", "FI")
	entQualInd  = codes("EI", "34", "II", "N")
	rmrOrg      = codes("11", "1L", "CT", "IK")
	rmrInd      = codes("11", "9J", "AZ", "B7", "CT", "ID", "IG", "IK", "KW")
	rmrPayment  = codes("PA", "PI", "PO", "PP")
	nm1Ind      = codes("IL", "EY", "QE", "DO")
)

// Read820 parses an 820 file and checks its envelopes, loops, code values
// and that BPR02 equals the remittances paid (RMR04) less adjustments.
func Read820(data []byte) (*Remittance, error) {
	t, errs, err := onlyTransaction(data, "RA", "an RA", "820", Version820)
	if err != nil || t == nil {
		return nil, orErrs(err, errs)
	}
	p, more := read820(t)
	if errs = append(errs, more...); len(errs) > 0 {
		return p, errs
	}
	return p, nil
}

func read820(t *Transaction) (*Remittance, Errors) {
	r := &reader834{} // for its code and date checks
	p := &Remittance{}
	const (
		header = iota
		org
		ind
	)
	state := header
	var hasBPR, hasTRN, pe, pr bool
	var adjust model.Money
	var paid model.Money
	var rmrs int
	var m *MemberRemittance
	for i, s := range t.Segments {
		switch s.ID() {
		case "BPR":
			if i != 0 {
				r.bad(s, "BPR must be the first segment after ST")
			}
			hasBPR = true
			p.Handling = r.code(s, 1, bprHandling, "the transaction handling code", true)
			var ok bool
			if p.Amount, ok = parseAmount(s.E(2)); !ok {
				r.bad(s, "BPR02 %q is not an amount", s.E(2))
			}
			if cd := s.E(3); cd != "C" && cd != "D" {
				r.bad(s, "%q is not a valid code for BPR03 (C credit, D debit)", cd)
			}
			p.CreditDebit = s.E(3)
			p.Method = r.code(s, 4, bprMethod, "the payment method code", true)
			p.Format = r.code(s, 5, bprFormat, "the payment format code", p.Method == "ACH")
			if p.Method == "ACH" || p.Method == "BOP" || p.Method == "FWT" || p.Method == "SWT" {
				if s.E(6) != "01" || s.E(7) == "" || s.E(9) == "" {
					r.bad(s, "a %s payment needs the payer's bank (BPR06 01, BPR07 routing, BPR09 account)", p.Method)
				}
			}
			p.PayerRouting, p.PayerAccount, p.PayerID = s.E(7), s.E(9), s.E(10)
			p.ReceiverRouting, p.ReceiverAccount = s.E(13), s.E(15)
			for _, rt := range []string{p.PayerRouting, p.ReceiverRouting} {
				if rt != "" && model.ValidRouting(rt) != nil {
					r.bad(s, "the routing number %s fails its check digit", rt)
				}
			}
			p.EffectiveOn = r.date(s, 16, "the payment's effective date").Date
		case "TRN":
			hasTRN = true
			r.code(s, 1, trnType, "the trace type code", true)
			if s.E(2) == "" {
				r.bad(s, "TRN02 (the trace number) is required")
			}
			p.Trace, p.TraceOriginator = s.E(2), s.E(3)
		case "CUR":
		case "REF":
			switch state {
			case header:
				switch r.code(s, 1, refPremium, "the premium receiver's reference qualifier", true) {
				case "14":
					p.AccountRef = s.E(2)
				case "2F":
					p.InvoiceRef = s.E(2)
				}
			}
		case "DTM":
			if state == header {
				r.code(s, 1, dtmHeader, "the date qualifier", true)
			}
			from, to := r.dtmPeriod(s)
			switch {
			case state == header && s.E(1) == "582":
				p.From, p.To = from, to
			case state == org && p.Summary != nil:
				p.Summary.From, p.Summary.To = from, to
			case state == ind && m != nil:
				m.From, m.To = from, to
			}
		case "N1":
			switch s.E(1) {
			case "PE":
				pe, p.Receiver = true, Party{Name: s.E(2), IDQual: s.E(3), ID: s.E(4)}
			case "PR":
				pr, p.Payer = true, Party{Name: s.E(2), IDQual: s.E(3), ID: s.E(4)}
			case "IN", "BE", "PRP":
			default:
				r.bad(s, "%q is not a valid code for N101 (PE premium receiver, PR premium payer)", s.E(1))
			}
		case "N2", "N3", "N4", "PER", "RDM":
		case "ENT":
			if !pe || !pr {
				r.bad(s, "the header needs N1*PE (premium receiver) and N1*PR (premium payer) before the remittance")
			}
			if s.E(2) == "2J" {
				state = ind
				r.code(s, 3, entQualInd, "the individual's ID qualifier", true)
				p.Members = append(p.Members, MemberRemittance{Pos: s.Pos, EmployeeID: s.E(4)})
				m = &p.Members[len(p.Members)-1]
			} else {
				state = org
				r.code(s, 2, entOrg, "the entity identifier code", true)
				r.code(s, 3, entQualOrg, "the organization's ID qualifier", true)
				if p.Summary != nil {
					r.bad(s, "GroupDesk reads one organization summary (2000A) per 820")
				}
				p.Summary = &Summary{EntityQual: s.E(3), EntityID: s.E(4)}
			}
		case "NM1":
			if state != ind {
				r.bad(s, "NM1 belongs to an individual remittance (ENT*…*2J)")
				continue
			}
			r.code(s, 1, nm1Ind, "the individual's entity code", true)
			m.Last, m.First, m.Middle = s.E(3), s.E(4), s.E(5)
		case "RMR":
			rmrs++
			var got model.Money
			var ok bool
			if got, ok = parseAmount(s.E(4)); !ok {
				r.bad(s, "RMR04 %q is not an amount", s.E(4))
			}
			billed, _ := parseAmount(s.E(5))
			if s.E(5) != "" {
				if _, ok := parseAmount(s.E(5)); !ok {
					r.bad(s, "RMR05 %q is not an amount", s.E(5))
				}
			}
			paid += got
			switch state {
			case org:
				r.code(s, 1, rmrOrg, "the reference qualifier", true)
				r.code(s, 3, rmrPayment, "the payment action code", false)
				p.Summary.Invoice, p.Summary.Paid, p.Summary.Billed = s.E(2), got, billed
			case ind:
				r.code(s, 1, rmrInd, "the reference qualifier", true)
				m.Invoice, m.Paid, m.Billed = s.E(2), got, billed
			default:
				r.bad(s, "RMR belongs to a remittance (after ENT)")
			}
		case "ADX":
			a, ok := parseAmount(s.E(1))
			if !ok {
				r.bad(s, "ADX01 %q is not an amount", s.E(1))
			}
			adjust += a
		case "IT1", "SAC":
		case "SLN":
			if state == org && p.Summary != nil {
				n, err := strconv.Atoi(s.E(4))
				if err != nil || s.E(3) != "O" {
					r.bad(s, "the member count SLN needs SLN03 O and a count in SLN04, not %q", s.E(4))
				}
				if s.E(5) == "" {
					r.bad(s, "SLN05 (the unit of measure) is required")
				}
				p.Summary.Members = n
			}
		default:
			r.bad(s, "%s is not a segment of the 820", s.ID())
		}
	}
	if !hasBPR || !hasTRN {
		r.bad(t.SE, "the 820 needs its BPR and TRN segments")
	}
	if !pe || !pr {
		r.bad(t.SE, "the 820 needs N1*PE (premium receiver) and N1*PR (premium payer)")
	}
	if rmrs == 0 {
		r.bad(t.SE, "the 820 has no remittance (RMR)")
	} else if hasBPR && paid+adjust != p.Amount {
		at := t.SE
		if len(t.Segments) > 0 {
			at = t.Segments[0]
		}
		r.bad(at, "BPR02 %s does not equal the remittances paid (RMR04) %s", amount(p.Amount), amount(paid+adjust))
	}
	return p, r.errs
}

// dtmPeriod reads DTM*582's RD8 range (DTM05/06).
func (r *reader834) dtmPeriod(s Segment) (model.Date, model.Date) {
	if s.E(5) == "RD8" {
		v := s.E(6)
		if len(v) == 17 && v[8] == '-' {
			from, ok := parseD8(v[:8])
			to, ok2 := parseD8(v[9:])
			if ok && ok2 && !to.Before(from) {
				return from, to
			}
		}
		r.bad(s, "DTM06 %q is not a date range (CCYYMMDD-CCYYMMDD)", v)
		return model.Date{}, model.Date{}
	}
	d, ok := parseD8(s.E(2))
	if !ok {
		r.bad(s, "DTM02 %q is not a date (CCYYMMDD)", s.E(2))
	}
	return d, d
}
