// Package proposal writes a quote as a proposal a broker hands to an
// employer: a PDF (on the shared reports/pdf base) and an XLSX workbook,
// with the plans side by side, each plan's cost to the employer and the
// employees, and every employee's payroll deduction. It imports model and
// the file-format libraries only.
package proposal
