// Package census reads census and roster files (CSV and XLSX, DESIGN.md
// §6) into census records: it finds the header row, maps its columns to
// census fields by their usual names (or as the user says), and parses
// every cell, reporting each problem with its row and column. It refuses,
// quickly and without reading them whole, files that are not what they
// claim to be and sheets too long to import.
//
// A workbook's sheets (Subscribers and Dependents, in a roster GroupDesk
// exported) are read side by side, each by a reader of the few XML
// elements a sheet's data uses (xlsxscan.go); it gives what excelize
// gives, value for value, and leaves to excelize any sheet it is not sure
// to read the same way.
//
// It reads files and nothing else: comparing the records with the roster
// is model.PlanImport's job, applying them the store's. It imports model
// and file-format libraries only.
package census
