// Package nacha writes the account service's day of premium debits as an
// ACH file in the NACHA format: 94-character records (file header, one
// batch of CCD debits with transaction code 27 for checking and 37 for
// savings, batch control, file control), the entry hash of the receiving
// banks' routing numbers, and filler records to a multiple of ten
// (DOMAIN.md §5.3).
//
// It imports model for money, dates and account types, and nothing else
// of GroupDesk.
package nacha
