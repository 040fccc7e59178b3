// Package renewal writes a group's renewal as a comparison to keep or to
// share: what each plan costs today and at renewal, the benefits that
// change, the options compared side by side under the employer's
// contribution, every member re-rated, and the renewal's status history.
// A PDF (on the shared reports/pdf base) and an XLSX workbook with amounts
// as numbers. It imports model and the file-format libraries only.
package renewal
