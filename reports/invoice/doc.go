// Package invoice writes a group's premium invoice as a PDF statement (the
// itemized amounts, the period covered and the due date, the California
// bill wording in 12-point type) or as a workbook of its lines, and the
// discrepancy report of a reconciliation as PDF or workbook, to send to
// the carrier.
//
// It imports model and the shared reports/pdf base, and nothing else of
// GroupDesk.
package invoice
