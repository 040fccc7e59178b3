// Package contract writes a version of a group's agreement with the
// carrier as a PDF to keep or to send: a cover page, the parties and the
// period, the plans and rates in force (the table's header repeated on
// every page it runs onto), the employer's contribution, the terms, the
// amendments folded in, and the signatures, with page numbers, a running
// header and footer, in the shared reports/pdf base (DejaVu Sans embedded,
// so names such as Zoë Łukasiewicz print as written). It imports model and
// reports/pdf only.
package contract
