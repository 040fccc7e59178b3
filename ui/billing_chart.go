package ui

import (
	"fyne.io/fyne/v2"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/charts"
)

// The monthly premium over two years, from the invoices: on Home and on
// the Billing screen.
func init() {
	registerChart(homeChart{title: "Monthly premium", draw: drawMonthlyPremium})
}

func drawMonthlyPremium(sc chartScope) ([]byte, error) {
	st := sc.shell.billingStore()
	if st == nil || !sc.shell.mayBill(sc.group.ID) {
		return nil, nil
	}
	invs, err := st.Invoices(sc.ctx, sc.group.ID, model.PeriodOf(sc.shell.deps.today()).Add(-InvoiceMonths))
	if err != nil || len(invs) == 0 {
		return nil, err
	}
	return charts.MonthlyPremium(premiumByMonth(invs), sc.opts)
}

// premiumByMonth is each month's current charges across the billing
// units, oldest month first.
func premiumByMonth(invs []model.Invoice) []charts.MonthPremium {
	var out []charts.MonthPremium
	for i := len(invs) - 1; i >= 0; i-- {
		m := invs[i].Period.First()
		if n := len(out); n > 0 && out[n-1].Month == m {
			out[n-1].Premium += invs[i].Current
			continue
		}
		out = append(out, charts.MonthPremium{Month: m, Premium: invs[i].Current})
	}
	return out
}

// showPremium draws the chart on the Billing screen's tab.
func (b *billingScreen) showPremium() {
	b.premium.Objects = nil
	if len(b.invoices) == 0 {
		return
	}
	png, err := charts.MonthlyPremium(premiumByMonth(b.invoices), charts.Options{Width: 1200, Height: 520, Dark: b.shell.isDark()})
	if err != nil {
		fyne.LogError("drawing the monthly premium", err)
		return
	}
	b.premium.Objects = []fyne.CanvasObject{chartImage("Monthly premium, current charges of each month", png)}
	b.premium.Refresh()
}
