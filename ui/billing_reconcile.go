package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// reconcile compares the invoice with the roster and the rates and shows
// what differs, with the report to send to the carrier.
func (b *billingScreen) reconcile(inv model.Invoice) {
	b.withLines(inv, func(_ model.Invoice, err error) {
		var r model.DiscrepancyReport
		if err == nil {
			r, err = b.shell.billingStore().ReconcileInvoice(b.shell.deps.Ctx, inv.ID)
		}
		if err != nil {
			b.shell.showError("The invoice could not be reconciled", err)
			return
		}
		b.showReport(r, inv.Number)
	})
}

// showReport shows a discrepancy report in a dialog.
func (b *billingScreen) showReport(r model.DiscrepancyReport, name string) {
	summary := fmt.Sprintf("%s: billed %s, the roster and rates give %s.", r.Source, r.Found, r.Expected)
	body := container.NewVBox(wrapped(summary))
	if r.Clean() {
		body.Add(wrapped("Nothing to report: every line matches the roster and the rates, and every retroactive line matches a recorded change."))
	} else {
		body.Add(bold(fmt.Sprintf("%s, %s in all (positive: billed too much)", plural(len(r.Items), "discrepancy", "discrepancies"),
			model.SignedMoney(r.Net()))))
		body.Add(discrepancyList(r.Items))
	}
	var d dialog.Dialog
	pdf := widget.NewButton("Save as PDF…", func() { b.saveDiscrepancies(r, name, ".pdf") })
	xlsx := widget.NewButton("Save as Excel…", func() { b.saveDiscrepancies(r, name, ".xlsx") })
	body.Add(container.NewHBox(pdf, xlsx))
	d = dialog.NewCustom(r.Title, "Close", container.NewVScroll(body), b.shell.win)
	d.Resize(fyne.NewSize(900, 560))
	b.shell.showDialog(d, nil)
}

// discrepancyList is one line per discrepancy: what, who, which month,
// expected and billed.
func discrepancyList(items []model.Discrepancy) fyne.CanvasObject {
	grid := newColumns(5, 4)
	for _, h := range []string{"Kind", "Month", "Name", "Difference", "Detail"} {
		grid.Add(bold(h))
	}
	for _, d := range items {
		kind := widget.NewLabel(d.Kind.Label())
		kind.Importance = widget.WarningImportance
		grid.Add(kind)
		grid.Add(widget.NewLabel(d.Month.Short()))
		grid.Add(widget.NewLabel(d.Name))
		grid.Add(widget.NewLabelWithStyle(model.SignedMoney(d.Amount), fyne.TextAlignTrailing, fyne.TextStyle{}))
		grid.Add(wrapped(d.Detail))
	}
	return grid
}
