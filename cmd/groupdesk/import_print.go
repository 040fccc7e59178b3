package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// printPlan prints an import's preview: what it adds, changes and
// terminates, then every problem with its row and column.
func printPlan(out io.Writer, g model.Group, c *census.Census, p *model.ImportPlan) {
	fmt.Fprintf(out, "%s → %s (%s)\n", c.File, g.Name, g.Number)
	if len(c.Ignored) > 0 {
		fmt.Fprintf(out, "Columns not imported: %s\n", strings.Join(c.Ignored, ", "))
	}
	fmt.Fprintf(out, "Read %d people: %s\n", p.Rows, p.Summary())
	section(out, "Add", p.Adds, func(ch model.ImportChange) string {
		m := ch.After
		return fmt.Sprintf("%s  %s  %s (%s), born %s, plan %s, tier %s, from %s", rowOf(ch), m.EmployeeID, m.FullName(),
			m.Relationship, m.DateOfBirth, m.PlanID, m.Tier, m.Effective)
	})
	section(out, "Change", p.Changes, func(ch model.ImportChange) string {
		return fmt.Sprintf("%s  %s  %s: %s", rowOf(ch), ch.After.EmployeeID, ch.After.FullName(), fieldChanges(ch.Fields))
	})
	section(out, "Terminate", p.Terms, func(ch model.ImportChange) string {
		m := ch.After
		return fmt.Sprintf("%s  %s  %s (%s): coverage ends %s, %s", rowOf(ch), m.EmployeeID, m.FullName(), m.Relationship, m.Termination, m.TermReason)
	})
	if len(p.Excluded) > 0 {
		fmt.Fprintf(out, "\nLeft out for their errors (left as they are in the roster): employee IDs %s\n", strings.Join(p.Excluded, ", "))
	}
	problems(out, "Errors", p.Problems, false)
	problems(out, "Warnings", p.Problems, true)
}

func section(out io.Writer, title string, list []model.ImportChange, line func(model.ImportChange) string) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(out, "\n%s (%d):\n", title, len(list))
	for _, ch := range list {
		fmt.Fprintln(out, "  "+line(ch))
	}
}

func rowOf(ch model.ImportChange) string {
	switch {
	case ch.Row == 0:
		return "not in file"
	case ch.Sheet != "":
		return fmt.Sprintf("%s row %d", ch.Sheet, ch.Row)
	}
	return fmt.Sprintf("row %d", ch.Row)
}

func fieldChanges(fs []model.FieldChange) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = fmt.Sprintf("%s %s → %s", f.Field, orNone(f.Before), orNone(f.After))
	}
	return strings.Join(parts, "; ")
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func problems(out io.Writer, title string, list []model.ImportProblem, warnings bool) {
	var lines []string
	for _, p := range list {
		if p.Warning == warnings {
			lines = append(lines, "  "+p.Where()+": "+p.Message)
		}
	}
	if len(lines) > 0 {
		fmt.Fprintf(out, "\n%s (%d):\n%s\n", title, len(lines), strings.Join(lines, "\n"))
	}
}
