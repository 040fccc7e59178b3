package renewal

import (
	"fmt"
	"io"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/charts"
	"github.com/groupdesk/groupdesk/reports/pdf"
)

func writePDF(w io.Writer, c *Comparison) error {
	doc := pdf.New(pdf.Options{Title: c.title(), Subtitle: c.subtitle(), Author: "GroupDesk", Landscape: true, Created: c.Prepared})
	doc.Heading("Summary")
	doc.Fields(c.summary())
	doc.Heading("Plans today and at renewal (a month)")
	planTable(doc, c)
	if plans := charts.RenewalPlans(c.Review); len(plans) > 0 {
		img, err := charts.RenewalChange(plans, charts.Options{Width: 1200, Height: 120 + 70*len(plans)})
		if err != nil {
			return err
		}
		if err := doc.Chart("renewal-change", img, 110); err != nil {
			return err
		}
	}
	doc.Heading("Benefits that change")
	benefitTable(doc, c)
	doc.Heading("Options side by side")
	sideBySide(doc, c)
	doc.Heading("Members re-rated at renewal (a month)")
	memberTable(doc, c)
	doc.Note(RatingNote + " " + model.DeductionRule)
	doc.Heading("Status history")
	historyTable(doc, c.Renewal)
	return doc.Write(w)
}

// summary is the renewal in label–value pairs.
func (c *Comparison) summary() [][2]string {
	r, rv := c.Renewal, c.Review
	delivered := "online"
	if r.Delivery == model.DeliveryPaper {
		delivered = "by mail (the group chose paper) and online"
	}
	pairs := [][2]string{
		{"Group", fmt.Sprintf("%s (%s)", c.Group.Name, c.Group.Number)},
		{"Renewal date", r.Effective.US()},
		{"Status", r.Status.Label()},
		{"Answer by", fmt.Sprintf("%s (%s)", r.Cutoff.US(), c.countdown())},
		{"Offer", fmt.Sprintf("delivered %s on %s; %s", delivered, r.DeliveredOn.US(), noticeNote(r))},
		{"Premium a month", fmt.Sprintf("%s today, %s at renewal: %s (%s)", rv.Current, rv.Renewal,
			model.SignedMoney(rv.Renewal-rv.Current), model.ChangePercent(rv.Current, rv.Renewal))},
		{"Shown", c.scenarioName()},
		{"Employer contribution", fmt.Sprintf("%s: %s a month, employees %s", c.Scenario.Contribution.Describe(), c.Cost.Employer, c.Cost.Employee)},
	}
	if s := r.Submission; s != nil {
		pairs = append(pairs, [2]string{"Submitted", fmt.Sprintf("%s by %s: %s", s.SubmittedOn.US(), s.SubmittedBy, s.Describe())})
	}
	for _, ch := range c.Scenario.Changes {
		pairs = append(pairs, [2]string{"Member change", ch.Describe(r.Effective)})
	}
	return pairs
}

// noticeNote says whether the offer reached the group with the notice the
// law asks for.
func noticeNote(r *model.Renewal) string {
	if r.DeliveredOn.After(r.NoticeBy) {
		return fmt.Sprintf("the notice was due by %s: it came %d days late", r.NoticeBy.US(), r.NoticeBy.DaysUntil(r.DeliveredOn))
	}
	return fmt.Sprintf("within the notice period (due by %s)", r.NoticeBy.US())
}

var planColumns = []pdf.Column{{Title: "Plan today", Weight: 2}, {Title: "Renews into", Weight: 2.2},
	{Title: "Subscribers", Weight: 0.9, Align: pdf.Right}, {Title: "Members", Weight: 0.8, Align: pdf.Right},
	{Title: "Today", Weight: 1.1, Align: pdf.Right}, {Title: "At renewal", Weight: 1.1, Align: pdf.Right},
	{Title: "Change", Weight: 1.1, Align: pdf.Right}, {Title: "Change %", Weight: 0.8, Align: pdf.Right}}

func planTable(doc *pdf.Doc, c *Comparison) {
	rows := c.planRows()
	last := len(rows) - 1
	doc.Table(pdf.Table{Columns: planColumns, Rows: rows, Bold: func(r int) bool { return r == last },
		Mark: func(r, col int) bool {
			return col == 1 && r < last && c.Review.Plans[r].From.ID != c.Review.Plans[r].To.ID
		}})
}

func benefitTable(doc *pdf.Doc, c *Comparison) {
	changes := c.benefitChanges()
	if len(changes) == 0 {
		doc.Paragraph("No benefit changes: every plan renews with the benefits it has today.")
		return
	}
	names := c.Renewal.Offer.PlanNames()
	t := pdf.Table{Columns: []pdf.Column{{Title: "Plan today", Weight: 1.6}, {Title: "Item", Weight: 2.2}, {Title: "Today", Weight: 1.6},
		{Title: "At renewal", Weight: 1.6}}, Mark: func(_, col int) bool { return col == 3 }}
	for _, b := range changes {
		t.Rows = append(t.Rows, []string{names[b.PlanID], b.Item, b.Before, b.After})
	}
	doc.Table(t)
}

// benefitChanges are what differs in the plans as mapped: the offer's
// own, or a scenario's.
func (c *Comparison) benefitChanges() []model.BenefitChange {
	var out []model.BenefitChange
	for _, p := range c.Review.Plans {
		out = append(out, model.PlanDifferences(p.From, p.To)...)
	}
	return out
}

func sideBySide(doc *pdf.Doc, c *Comparison) {
	if len(c.Compare) == 0 {
		doc.Paragraph("No plans are compared.")
		return
	}
	cols := []pdf.Column{{Title: "", Weight: 2.2}}
	for _, q := range c.Compared {
		cols = append(cols, pdf.Column{Title: q.Plan.Name, Weight: 1.4, Align: pdf.Right})
	}
	t := pdf.Table{Columns: cols, Mark: func(r, col int) bool { return col > 0 && c.Compare[r].Differ }}
	for _, r := range c.Compare {
		t.Rows = append(t.Rows, append([]string{r.Label}, r.Values...))
	}
	doc.Table(t)
	doc.Note("Each column is what the plan would cost at renewal rates if every member were on it, under the contribution above. " +
		"Highlighted rows differ between the plans.")
}

func memberTable(doc *pdf.Doc, c *Comparison) {
	names := c.Renewal.Offer.PlanNames()
	t := pdf.Table{Columns: []pdf.Column{{Title: "Member", Weight: 2}, {Title: "Relationship", Weight: 1.1}, {Title: "Plan", Weight: 2.6},
		{Title: "Age", Weight: 0.8, Align: pdf.Right}, {Title: "Today", Weight: 1, Align: pdf.Right},
		{Title: "At renewal", Weight: 1, Align: pdf.Right}, {Title: "Change", Weight: 1, Align: pdf.Right}},
		Mark: func(r, col int) bool { return col == 3 && c.Review.Members[r].NewRatingAge() }}
	for i := range c.Review.Members {
		t.Rows = append(t.Rows, memberRow(&c.Review.Members[i], names))
	}
	doc.Table(t)
}

func historyTable(doc *pdf.Doc, r *model.Renewal) {
	t := pdf.Table{Columns: []pdf.Column{{Title: "When", Weight: 1.2}, {Title: "Who", Weight: 1.3}, {Title: "Status", Weight: 1.2},
		{Title: "Note", Weight: 5}}}
	for _, h := range r.History {
		t.Rows = append(t.Rows, []string{h.At.UTC().Format("2006-01-02 15:04"), h.By, h.To.Label(), strings.TrimSpace(h.Note)})
	}
	doc.Table(t)
}
