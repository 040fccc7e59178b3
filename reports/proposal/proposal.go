package proposal

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/internal/atomicfile"
	"github.com/groupdesk/groupdesk/model"
)

// Proposal is what a proposal shows.
type Proposal struct {
	Prospect     string // the employer's name
	Source       string // the census file, or "the roster of …"
	Census       *model.QuoteCensus
	Quotes       []model.PlanQuote // the plans side by side (at most four)
	Contribution model.Contribution
	Prepared     time.Time
}

// title is the proposal's heading.
func (p *Proposal) title() string { return "Group health plan proposal for " + p.Prospect }

func (p *Proposal) subtitle() string {
	return fmt.Sprintf("Coverage effective %s · %d employees, %d people · %s", p.Census.Effective.US(),
		p.Census.Employees(), len(p.Census.People), p.Source)
}

// WriteFile writes the proposal as PDF or XLSX, by the file's extension,
// through a temporary file so that a failure leaves no half-written file.
func WriteFile(path string, p *Proposal) error {
	write := writePDF
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
	case ".xlsx":
		write = writeXLSX
	default:
		return model.Errorf(model.EINVALID, "A proposal is a .pdf or an .xlsx file, not %s.", filepath.Base(path))
	}
	return atomicfile.Write(path, func(w io.Writer) error { return write(w, p) })
}

// familyRow is one employee's line of a plan's cost table.
func familyRow(c *model.QuoteCensus, f int, fc model.FamilyCost, periods int) []string {
	sub := c.Subscriber(f)
	per := fc.Deduction.String()
	if fc.Extra > 0 {
		per += fmt.Sprintf(" (+1¢ × %d)", fc.Extra)
	}
	return []string{sub.FirstName + " " + sub.LastName, c.Families[f].Tier.Label(), fmt.Sprint(len(c.Families[f].Members)),
		fc.Premium.String(), fc.Employer.String(), fc.Employee.String(), per}
}
