package invoice

import (
	"fmt"
	"io"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/pdf"
)

func writePDF(w io.Writer, s *Statement) error {
	doc := pdf.New(pdf.Options{Title: s.title(), Subtitle: s.subtitle(), Author: "GroupDesk", Landscape: true, Created: s.Prepared})
	doc.Fields(s.summary())
	statementTable(doc, s)
	if s.Californian() {
		doc.Notice("Important information about your bill", CaliforniaNotice, NoticeSize)
	}
	doc.Heading(fmt.Sprintf("Current charges for %s", s.Invoice.Period.Label()))
	currentTable(doc, s.Invoice)
	doc.Heading("Retroactive adjustments")
	retroTable(doc, s.Invoice)
	doc.Note(RatingNote)
	return doc.Write(w)
}

func statementTable(doc *pdf.Doc, s *Statement) {
	rows := s.statementRows()
	t := pdf.Table{Columns: []pdf.Column{{Title: "Statement", Weight: 4}, {Title: "Amount", Weight: 1.4, Align: pdf.Right}},
		Bold: func(r int) bool { return r == len(rows)-1 }}
	for _, r := range rows {
		t.Rows = append(t.Rows, []string{r[0], r[1]})
	}
	doc.Table(t)
}

var currentColumns = []pdf.Column{{Title: "Employee ID", Weight: 1.1}, {Title: "Subscriber", Weight: 2.4}, {Title: "Plan", Weight: 2.2},
	{Title: "Coverage tier", Weight: 1.9}, {Title: "Covered", Weight: 0.8, Align: pdf.Right}, {Title: "Premium", Weight: 1.1, Align: pdf.Right}}

func currentTable(doc *pdf.Doc, inv *model.Invoice) {
	t := pdf.Table{Columns: currentColumns, Bold: func(r int) bool { return r == len(inv.Lines) }}
	for _, l := range inv.Lines {
		t.Rows = append(t.Rows, []string{l.EmployeeID, l.Name, planLabel(l), l.Tier.Label(), fmt.Sprint(l.Covered), l.Amount.String()})
	}
	t.Rows = append(t.Rows, []string{"", fmt.Sprintf("Total, %d subscribers", len(inv.Lines)), "", "", fmt.Sprint(inv.Members), inv.Current.String()})
	doc.Table(t)
}

var retroColumns = []pdf.Column{{Title: "Month", Weight: 0.9}, {Title: "Member", Weight: 1.8}, {Title: "Relationship", Weight: 1.1},
	{Title: "Change", Weight: 1}, {Title: "Plan", Weight: 1.5}, {Title: "What changed", Weight: 4}, {Title: "Amount", Weight: 1, Align: pdf.Right}}

func retroTable(doc *pdf.Doc, inv *model.Invoice) {
	if len(inv.Retro) == 0 {
		doc.Paragraph("None: no change reached back into a month already billed.")
		return
	}
	t := pdf.Table{Columns: retroColumns, Bold: func(r int) bool { return r == len(inv.Retro) }}
	for _, l := range inv.Retro {
		t.Rows = append(t.Rows, []string{l.Month.Short(), l.Name, l.Relationship.Label(), l.Kind.Label(), planLabel(l), l.Note,
			model.SignedMoney(l.Amount)})
	}
	t.Rows = append(t.Rows, []string{"", "Total", "", "", "", "", model.SignedMoney(inv.RetroTotal)})
	doc.Table(t)
}

func planLabel(l model.InvoiceLine) string {
	if l.PlanName != "" {
		return l.PlanName
	}
	return l.PlanID
}

// RatingNote explains how the lines were worked out.
const RatingNote = "Premiums are billed by whole months. Each member is rated at their age at the start of the plan year in the " +
	"group's rating area (composite plans: one rate per coverage tier on the subscriber's line); the three oldest children under 21 " +
	"of a family are charged. Retroactive adjustments correct earlier months for changes that reached the carrier after those " +
	"months were billed, one line per member and month."
