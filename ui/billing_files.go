package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/invoice"
)

// chooseFile asks where to save a file of the given extension, then
// calls write with the path.
func (b *billingScreen) chooseFile(name, ext string, write func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		write(path)
	}, b.shell.win)
	d.SetFileName(name + ext)
	d.Resize(fyne.NewSize(900, 620))
	d.Show()
}

// chooseInvoiceFile saves the invoice as PDF or XLSX, its lines fetched
// first when they are not here.
func (b *billingScreen) chooseInvoiceFile(inv model.Invoice, ext string) {
	b.chooseFile("invoice-"+inv.Number, ext, func(path string) { b.writeInvoice(inv, path) })
}

// writeInvoice writes the invoice as a PDF statement or a workbook of its
// lines (by the path's extension), its lines fetched first when they are
// not here.
func (b *billingScreen) writeInvoice(inv model.Invoice, path string) {
	b.withLines(inv, func(full model.Invoice, err error) {
		if err == nil {
			err = invoice.WriteFile(path, &invoice.Statement{Group: b.group.Group, Invoice: &full, Prepared: b.shell.deps.Now()})
		}
		if err != nil {
			b.shell.showError("The invoice could not be written", err)
			return
		}
		b.shell.setStatus("Invoice " + inv.Number + " written to " + path)
	})
}

// saveDiscrepancies saves a reconciliation's report as PDF or XLSX.
func (b *billingScreen) saveDiscrepancies(r model.DiscrepancyReport, name, ext string) {
	b.chooseFile("discrepancies-"+name, ext, func(path string) { b.writeDiscrepancies(r, path) })
}

// writeDiscrepancies writes a reconciliation's report as PDF or XLSX (by
// the path's extension).
func (b *billingScreen) writeDiscrepancies(r model.DiscrepancyReport, path string) {
	if err := invoice.WriteDiscrepancies(path, &r); err != nil {
		b.shell.showError("The report could not be written", err)
		return
	}
	b.shell.setStatus("Discrepancy report written to " + path)
}
