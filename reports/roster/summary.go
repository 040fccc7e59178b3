package roster

import (
	"fmt"

	"github.com/groupdesk/groupdesk/model"
	"github.com/xuri/excelize/v2"
)

// writeSummary fills the Summary sheet: the group, the head counts by
// status, covered people by plan and tier, and the monthly premium.
func writeSummary(f *excelize.File, st styles, src *Source, sum *Summary, o Options) error {
	const sheet = "Summary"
	masked := "masked (***-**-1234)"
	if o.Unmasked {
		masked = "shown in full"
	}
	rows := [][]any{
		{bold(st, "Group"), src.Group.Name},
		{bold(st, "Group number"), src.Group.Number},
		{bold(st, "Rating area"), src.Group.RatingArea},
		{bold(st, "Exported"), o.Now.Local().Format("January 2, 2006 3:04 PM")},
		{bold(st, "Premiums rated on"), excelize.Cell{StyleID: st.date, Value: serial(src.RatingDate)}},
		{bold(st, "SSNs"), masked},
		{},
		{bold(st, "Status"), bold(st, "Subscribers"), bold(st, "Dependents")},
	}
	for _, s := range model.Statuses {
		c := sum.ByStatus[s]
		rows = append(rows, []any{s.Label(), c[0], c[1]})
	}
	rows = append(rows, []any{}, []any{bold(st, "Plan"), bold(st, "Plan name"), bold(st, "Coverage tier"), bold(st, "Covered people")})
	for _, k := range sum.planTiers() {
		name := ""
		if p, ok := src.Plans[k.plan]; ok {
			name = p.Name
		}
		rows = append(rows, []any{k.plan, name, string(k.tier), sum.ByPlanTier[k]})
	}
	rows = append(rows, []any{}, []any{bold(st, "Estimated monthly premium"), excelize.Cell{StyleID: st.money, Value: float64(sum.MonthlyPremium) / 100}})
	if sum.Unrated > 0 {
		rows = append(rows, []any{bold(st, "Families without a rate"), sum.Unrated})
	}
	for i, r := range rows {
		for j, v := range r {
			if err := setCell(f, sheet, j+1, i+1, v); err != nil {
				return fmt.Errorf("writing the summary: %w", err)
			}
		}
	}
	for col, w := range map[string]float64{"A": 28, "B": 26, "C": 14, "D": 15} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}

func bold(st styles, s string) excelize.Cell { return excelize.Cell{StyleID: st.bold, Value: s} }

// setCell writes a value, styled when it is an excelize.Cell.
func setCell(f *excelize.File, sheet string, col, row int, v any) error {
	ref, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	c, styled := v.(excelize.Cell)
	if styled {
		v = c.Value
	}
	if err := f.SetCellValue(sheet, ref, v); err != nil || !styled {
		return err
	}
	return f.SetCellStyle(sheet, ref, ref, c.StyleID)
}
