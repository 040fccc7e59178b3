package invoice

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/internal/atomicfile"
	"github.com/groupdesk/groupdesk/model"
)

// CaliforniaNotice is the wording 28 CCR §1300.65(a)(2) asks a California
// premium bill to carry in type of at least 12 points (DOMAIN.md §6).
const CaliforniaNotice = "Your health plan is billing you for the cost of your health coverage. You must pay all amounts listed in " +
	"this bill by the due date. If you do not pay this amount by the due date, your health coverage can be cancelled. You will " +
	"receive a grace period before your plan can cancel your coverage for not paying the amount due. You can file a complaint " +
	"with your plan and with the California Department of Managed Health Care if you think there is a mistake. Learn more about " +
	"your health care rights and responsibilities in your plan Evidence of Coverage."

// NoticeSize is the size, in points, the notice is printed at.
const NoticeSize = 12

// Statement is what an invoice file shows: the invoice with its lines, the
// group it bills, and when the file was made.
type Statement struct {
	Group    model.Group
	Invoice  *model.Invoice
	Prepared time.Time
}

// Californian reports whether the bill goes to a California group.
func (s *Statement) Californian() bool { return strings.EqualFold(s.Group.Address.State, "CA") }

func (s *Statement) title() string {
	return fmt.Sprintf("Invoice %s — %s", s.Invoice.Number, s.Group.Name)
}

func (s *Statement) subtitle() string {
	inv := s.Invoice
	sub := fmt.Sprintf("Group %s · coverage %s · due %s · %s", s.Group.Number, inv.Period.Label(), inv.DueOn.US(), inv.Status.Label())
	if inv.Unit != "" {
		sub += " · billing unit " + inv.Unit
	}
	return sub
}

// summary is the invoice in label–value pairs.
func (s *Statement) summary() [][2]string {
	inv, g := s.Invoice, s.Group
	pairs := [][2]string{
		{"Bill to", strings.Join(nonEmpty(g.Name, g.Address.Line1, g.Address.Line2, cityLine(g.Address)), ", ")},
		{"Group number", g.Number},
		{"Invoice number", inv.Number},
		{"Period covered", fmt.Sprintf("%s – %s (%s)", inv.Period.First().US(), inv.Period.Last().US(), inv.Period.Label())},
		{"Issued", inv.IssuedOn.US()},
		{"Due date", inv.DueOn.US()},
		{"Status", inv.Status.Label()},
		{"Covered", fmt.Sprintf("%d subscribers, %d members", inv.Subscribers, inv.Members)},
	}
	if inv.Unit != "" {
		pairs = append(pairs, [2]string{"Billing unit", inv.Unit})
	}
	if g := inv.Grace; g != nil {
		pairs = append(pairs, [2]string{"Grace period", fmt.Sprintf("Notice of start of grace period sent %s: the grace period runs %s – %s (%d days)",
			g.SentOn.US(), g.Starts.US(), g.Ends.US(), g.Days)})
	}
	if !inv.CoverageEnds.IsZero() {
		pairs = append(pairs, [2]string{"Coverage ended", inv.CoverageEnds.US() + " for non-payment"})
	}
	return pairs
}

// statementRows are the statement from the previous balance to the amount
// due; the last row is the amount due.
func (s *Statement) statementRows() [][2]string {
	inv := s.Invoice
	return [][2]string{
		{"Previous balance", inv.PreviousBalance.String()},
		{"Payments received, thank you", negative(inv.PaymentsReceived)},
		{"Payments returned", inv.PaymentsReturned.String()},
		{fmt.Sprintf("Current charges for %s", inv.Period.Label()), inv.Current.String()},
		{"Retroactive adjustments", model.SignedMoney(inv.RetroTotal)},
		{fmt.Sprintf("Amount due by %s", inv.DueOn.US()), inv.AmountDue.String()},
	}
}

func negative(m model.Money) string {
	if m == 0 {
		return m.String()
	}
	return (-m).String()
}

func cityLine(a model.Address) string {
	return strings.TrimSpace(strings.Join(nonEmpty(a.City, strings.TrimSpace(a.State+" "+a.ZIP)), ", "))
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// WriteFile writes the invoice as PDF or XLSX, by the file's extension,
// through a temporary file so that a failure leaves no half-written file.
func WriteFile(path string, s *Statement) error {
	if !s.Invoice.HasLines() {
		return model.Errorf(model.ENOTFOUND, "The lines of invoice %s are not on this computer: open it in GroupDesk while signed in first.", s.Invoice.Number)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return atomicfile.Write(path, func(w io.Writer) error { return writePDF(w, s) })
	case ".xlsx":
		return atomicfile.Write(path, func(w io.Writer) error { return writeXLSX(w, s) })
	}
	return model.Errorf(model.EINVALID, "An invoice is a .pdf or an .xlsx file, not %s.", filepath.Base(path))
}
