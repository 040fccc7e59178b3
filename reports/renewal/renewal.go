package renewal

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/internal/atomicfile"
	"github.com/groupdesk/groupdesk/model"
)

// Comparison is what the renewal files show: the offer as it stands, or a
// scenario of it.
type Comparison struct {
	Group    model.Group
	Renewal  *model.Renewal
	Scenario *model.RenewalScenario // the plans, contribution and changes shown
	Review   *model.RenewalReview
	Compare  []model.CompareRow // the compared plans side by side
	Compared []model.PlanQuote
	Cost     model.PlanCost // the employer's and employees' share as mapped
	Today    model.Date
	Prepared time.Time
}

// New works out the comparison of a renewal for the group's families: the
// scenario's plans and contribution when one is given (fams must then be
// the roster after its member changes), else the offer as it stands.
func New(g model.Group, r *model.Renewal, fams [][]model.Member, s *model.RenewalScenario, today model.Date, prepared time.Time) (*Comparison, error) {
	if s == nil {
		def := model.NewRenewalScenario(r)
		def.Name = "As offered"
		s = &def
	}
	rv, err := r.Offer.Review(fams, r.Effective, s.Plans)
	if err != nil {
		return nil, err
	}
	rows, quotes, err := rv.Compare(s.Compare, s.Contribution)
	if err != nil {
		return nil, err
	}
	return &Comparison{Group: g, Renewal: r, Scenario: s, Review: rv, Compare: rows, Compared: quotes,
		Cost: rv.Cost(s.Contribution), Today: today, Prepared: prepared}, nil
}

// scenarioName names what the comparison shows.
func (c *Comparison) scenarioName() string {
	if strings.TrimSpace(c.Scenario.Name) == "" {
		return "Scenario (not saved)"
	}
	return c.Scenario.Name
}

func (c *Comparison) title() string {
	return fmt.Sprintf("Renewal of %s, effective %s", c.Group.Name, c.Renewal.Effective.US())
}

func (c *Comparison) subtitle() string {
	return fmt.Sprintf("Group %s · %s · %s · answer by %s, %s", c.Group.Number, c.Renewal.Status.Label(), c.scenarioName(),
		c.Renewal.Cutoff.US(), c.countdown())
}

// countdown says how long is left to answer.
func (c *Comparison) countdown() string {
	r := c.Renewal
	switch left := r.DaysToCutoff(c.Today); {
	case !r.Status.Open():
		return "answered"
	case left < 0:
		return "the cutoff has passed"
	case left == 1:
		return "1 day left"
	default:
		return fmt.Sprintf("%d days left", left)
	}
}

// WriteFile writes the comparison as PDF or XLSX, by the file's extension,
// through a temporary file so that a failure leaves no half-written file.
func WriteFile(path string, c *Comparison) error {
	write := writePDF
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
	case ".xlsx":
		write = writeXLSX
	default:
		return model.Errorf(model.EINVALID, "A renewal comparison is a .pdf or an .xlsx file, not %s.", filepath.Base(path))
	}
	return atomicfile.Write(path, func(w io.Writer) error { return write(w, c) })
}

// planRows are the plans today and at renewal, with a total row.
func (c *Comparison) planRows() [][]string {
	var rows [][]string
	for _, p := range c.Review.Plans {
		to := p.To.Name
		if p.Discontinued && p.To.ID == c.Renewal.Offer.DefaultMapping()[p.From.ID] {
			to += " (successor)"
		}
		rows = append(rows, []string{p.From.Name, to, fmt.Sprint(p.Subscribers), fmt.Sprint(p.Members), p.Current.String(),
			p.Renewal.String(), model.SignedMoney(p.Change()), model.ChangePercent(p.Current, p.Renewal)})
	}
	rv := c.Review
	return append(rows, []string{"Total", "", fmt.Sprint(rv.Subscribers()), fmt.Sprint(len(rv.Members)), rv.Current.String(),
		rv.Renewal.String(), model.SignedMoney(rv.Renewal - rv.Current), model.ChangePercent(rv.Current, rv.Renewal)})
}

// memberRow is one member's line: today and at renewal.
func memberRow(m *model.MemberRenewal, plans map[string]string) []string {
	plan := plans[m.From]
	if m.To != m.From {
		plan += " → " + plans[m.To]
	}
	return []string{m.Name, m.Relationship.Label(), plan, fmt.Sprintf("%d → %d", m.AgeNow, m.AgeAt), model.Charged(m.Current, m.RatedNow),
		model.Charged(m.Renewal, m.Rated), model.SignedMoney(m.Change())}
}

// RatingNote explains how the premiums were worked out.
const RatingNote = "Today's premiums rate each member at their age at the start of the plan year, under today's plan and rates; " +
	"renewal premiums at their age on the renewal date, under the plan their plan renews into, at the renewal rates " +
	"(rates change only at renewal). Members are rated in the group's rating area; the three oldest children under 21 " +
	"of a family are charged; ages over 64 use the 64 factor."
