package x12

import (
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// relationshipCode is a member's INS02: 18 self, 01 spouse, 53 life
// partner, 19 child, G8 other.
func relationshipCode(r model.Relationship) string {
	switch r {
	case model.RelEmployee:
		return "18"
	case model.RelSpouse:
		return "01"
	case model.RelDomesticPartner:
		return "53"
	case model.RelChild:
		return "19"
	}
	return "G8"
}

// relationshipOf reads INS02 back: the children of the 5010 list (child,
// adopted, foster, stepchild) are children.
func relationshipOf(code string) model.Relationship {
	switch code {
	case "18":
		return model.RelEmployee
	case "01":
		return model.RelSpouse
	case "53":
		return model.RelDomesticPartner
	case "19", "09", "10", "17":
		return model.RelChild
	}
	return model.RelOther
}

// tierOf reads HD05: "" for a level GroupDesk's four tiers do not name.
func tierOf(level string) model.Tier {
	switch level {
	case "EMP":
		return model.TierEE
	case "ESP":
		return model.TierES
	case "ECH":
		return model.TierEC
	case "FAM":
		return model.TierFAM
	}
	return ""
}

// insuranceLine is HD03 for a plan: its network type, HLT for a high
// deductible plan or one not in the catalog.
func insuranceLine(p *model.Plan) string {
	if p != nil {
		switch p.Type {
		case model.PlanHMO, model.PlanPPO, model.PlanEPO:
			return string(p.Type)
		}
	}
	return "HLT"
}

var medicalLines = codes("HLT", "HMO", "PPO", "EPO", "POS")

// termReason is INS04 for a termination, from the reason recorded.
func termReason(m *model.Member) string {
	r := strings.ToLower(m.TermReason)
	switch {
	case strings.Contains(r, "retire"):
		return "04"
	case strings.Contains(r, "death") || strings.Contains(r, "died") || strings.Contains(r, "deceased"):
		return "03"
	case strings.Contains(r, "divorce"):
		return "01"
	case m.IsSubscriber() && (strings.Contains(r, "employ") || strings.Contains(r, "resign") || strings.Contains(r, "quit") || strings.Contains(r, "fired")):
		return "08"
	}
	return "07"
}

// loopOptions say how members are written.
type loopOptions struct {
	group    *model.Group
	plans    map[string]*model.Plan
	unmasked bool // NM108 34 and the SSN; otherwise ZZ and GroupDesk's member ID
}

// memberLoop is a member's 2000 loop with one health coverage.
func memberLoop(m *model.Member, maint, reason string, o loopOptions) EnrolledMember {
	em := EnrolledMember{
		Subscriber: m.IsSubscriber(), Relationship: relationshipCode(m.Relationship), Maintenance: maint, Reason: reason,
		BenefitStatus: "A", SubscriberNumber: m.EmployeeID, GroupNumber: o.group.Number,
		EligibilityBegin: m.Effective, EligibilityEnd: m.Termination,
		Last: m.LastName, First: m.FirstName, Middle: m.MiddleName, IDQual: "ZZ", ID: m.ID,
		Phone: m.Phone, Email: m.Email, Address: m.Address, BirthDate: m.DateOfBirth, Gender: string(m.Gender),
	}
	if o.unmasked && m.SSN != "" {
		em.IDQual, em.ID = "34", m.SSN
	}
	if m.Status == model.StatusCOBRA {
		em.BenefitStatus = "C"
	}
	if m.IsSubscriber() {
		em.EmploymentBegin = m.Employment.HireDate
		switch {
		case maint == MaintTerm:
			em.EmploymentStatus = "TE"
		case m.Employment.Status == "part_time":
			em.EmploymentStatus = "PT"
		case m.Employment.Status == "full_time":
			em.EmploymentStatus = "FT"
		}
	}
	if m.Tobacco {
		em.Tobacco = "T"
	} else {
		em.Tobacco = "N"
	}
	if m.PlanID != "" {
		em.Coverages = []Coverage{{Maintenance: maint, Line: insuranceLine(o.plans[m.PlanID]), Plan: m.PlanID, Level: m.Tier.X12(),
			Begin: m.Effective, End: m.Termination}}
	}
	return em
}

// Member is the roster record an 834 member loop describes, as far as the
// file tells: the carrier's side of a comparison. Names are as the file
// spells them; the SSN is there when NM108 is 34, GroupDesk's member ID
// when it is ZZ.
func (em *EnrolledMember) Member() model.Member {
	m := model.Member{
		EmployeeID: em.SubscriberNumber, Relationship: relationshipOf(em.Relationship),
		FirstName: em.First, MiddleName: em.Middle, LastName: em.Last, DateOfBirth: em.BirthDate,
		Gender: model.Gender(em.Gender), Email: em.Email, Phone: em.Phone, Address: em.Address,
		Effective: em.EligibilityBegin, Termination: em.EligibilityEnd, Status: model.StatusActive,
		Tobacco: em.Tobacco == "T" || em.Tobacco == "X",
	}
	m.Employment.HireDate = em.EmploymentBegin
	switch em.IDQual {
	case "ZZ":
		m.ID = em.ID
	case "34":
		m.SSN = em.ID
	}
	var cov *Coverage
	for i := range em.Coverages {
		if medicalLines[em.Coverages[i].Line] {
			cov = &em.Coverages[i]
			break
		}
	}
	if cov == nil && len(em.Coverages) > 0 {
		cov = &em.Coverages[0]
	}
	ended := em.Maintenance == MaintTerm
	if cov != nil {
		m.PlanID, m.Tier = cov.Plan, tierOf(cov.Level)
		if !cov.Begin.IsZero() {
			m.Effective = cov.Begin
		}
		if !cov.End.IsZero() {
			m.Termination = cov.End
		}
		ended = ended || cov.Maintenance == MaintTerm
	}
	switch {
	case ended:
		m.Status = model.StatusTerminated
	case em.BenefitStatus == "C":
		m.Status = model.StatusCOBRA
	}
	return m
}

// Families groups the file's members as families, subscriber first: each
// dependent joins the subscriber before it with the same subscriber
// number, or stands alone (a change file may send a dependent by itself).
func (e *Enrollment) Families() [][]model.Member {
	var out [][]model.Member
	for i := range e.Members {
		em := &e.Members[i]
		m := em.Member()
		if !em.Subscriber && len(out) > 0 {
			fam := out[len(out)-1]
			if strings.EqualFold(fam[0].EmployeeID, m.EmployeeID) {
				if fam[0].IsSubscriber() {
					m.SubscriberID = fam[0].ID
				}
				out[len(out)-1] = append(fam, m)
				continue
			}
		}
		out = append(out, []model.Member{m})
	}
	return out
}
