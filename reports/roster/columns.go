package roster

import (
	"github.com/groupdesk/groupdesk/model"
)

// kind is how a column's cells are typed.
type kind int

const (
	text kind = iota
	date
	money
)

// cell is one value of the roster, typed.
type cell struct {
	kind  kind
	text  string
	date  model.Date
	money model.Money
	blank bool // no money value (the premium of a dependent, or unknown)
}

// person is a member with what the columns need from the family.
type person struct {
	m          *model.Member
	subscriber *model.Member
	premium    model.Money
	rated      bool
	planName   string
	unmasked   bool
}

// column is one column of a sheet.
type column struct {
	title string
	width float64
	value func(p *person) cell
}

func textOf(f model.CensusField) func(p *person) cell {
	return func(p *person) cell { return cell{text: p.m.CensusValue(f)} }
}

func dateOf(get func(m *model.Member) model.Date) func(p *person) cell {
	return func(p *person) cell { return cell{kind: date, date: get(p.m)} }
}

func ssn(p *person) cell {
	if p.unmasked {
		return cell{text: model.FormatSSN(p.m.SSN)}
	}
	return cell{text: p.m.MaskedSSN()}
}

var (
	colEmployeeID = column{"Employee ID", 13, textOf(model.FieldEmployeeID)}
	colRel        = column{"Relationship", 16, textOf(model.FieldRelationship)}
	colFirst      = column{"First name", 16, textOf(model.FieldFirstName)}
	colMiddle     = column{"Middle name", 12, textOf(model.FieldMiddleName)}
	colLast       = column{"Last name", 18, textOf(model.FieldLastName)}
	colBirth      = column{"Date of birth", 13, dateOf(func(m *model.Member) model.Date { return m.DateOfBirth })}
	colGender     = column{"Gender", 8, textOf(model.FieldGender)}
	colSSN        = column{"SSN", 13, ssn}
	colTobacco    = column{"Tobacco", 9, textOf(model.FieldTobacco)}
	colEmail      = column{"Email", 28, textOf(model.FieldEmail)}
	colPhone      = column{"Phone", 16, textOf(model.FieldPhone)}
	colAddress    = column{"Address", 26, textOf(model.FieldAddress)}
	colAddress2   = column{"Address line 2", 14, textOf(model.FieldAddress2)}
	colCity       = column{"City", 16, textOf(model.FieldCity)}
	colState      = column{"State", 7, textOf(model.FieldState)}
	colZIP        = column{"ZIP", 11, textOf(model.FieldZIP)}
	colHire       = column{"Hire date", 12, dateOf(func(m *model.Member) model.Date { return m.Employment.HireDate })}
	colPlan       = column{"Plan", 14, textOf(model.FieldPlan)}
	colPlanName   = column{"Plan name", 22, func(p *person) cell { return cell{text: p.planName} }}
	colTier       = column{"Coverage tier", 13, textOf(model.FieldTier)}
	colStatus     = column{"Status", 12, textOf(model.FieldStatus)}
	colEffective  = column{"Effective date", 14, dateOf(func(m *model.Member) model.Date { return m.Effective })}
	colTerm       = column{"Termination date", 16, dateOf(func(m *model.Member) model.Date { return m.Termination })}
	colReason     = column{"Termination reason", 26, textOf(model.FieldTermReason)}
	colPremium    = column{"Monthly premium", 16, func(p *person) cell { return cell{kind: money, money: p.premium, blank: !p.rated} }}
	colSubscriber = column{"Subscriber", 24, func(p *person) cell { return cell{text: p.subscriber.FullName()} }}
)

// subscriberColumns and dependentColumns are the two sheets' columns. The
// headers are ones the census reader maps, so an exported roster imports
// back as it was.
var (
	subscriberColumns = []column{colEmployeeID, colRel, colFirst, colMiddle, colLast, colBirth, colGender, colSSN, colTobacco,
		colEmail, colPhone, colAddress, colAddress2, colCity, colState, colZIP, colHire, colPlan, colPlanName, colTier, colStatus,
		colEffective, colTerm, colReason, colPremium}
	dependentColumns = []column{colEmployeeID, colSubscriber, colRel, colFirst, colMiddle, colLast, colBirth, colGender, colSSN,
		colTobacco, colEmail, colPhone, colAddress, colAddress2, colCity, colState, colZIP, colPlan, colPlanName, colTier, colStatus,
		colEffective, colTerm, colReason}
)

// csvColumns is the CSV's one sheet: everyone, subscribers first in each
// family, the subscriber's columns (the premium on the subscriber's row).
var csvColumns = subscriberColumns
