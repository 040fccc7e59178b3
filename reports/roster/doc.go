// Package roster writes a group's roster to a file: an Excel workbook
// (sheets Subscribers, Dependents and Summary, streamed with excelize's
// StreamWriter so a group of 100,000 people never sits in memory) or CSV.
// Cells are typed (dates as dates, money as currency), SSNs are masked
// unless asked otherwise, and no cell is ever evaluated as a formula.
//
// It imports model and file-format libraries only; the caller hands it the
// group's families (model.RosterService) and checks permissions.
package roster
