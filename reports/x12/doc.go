// Package x12 reads and writes the ANSI X12 files carriers exchange with
// employer groups (DOMAIN.md §4–5): the 834 Benefit Enrollment and
// Maintenance (005010X220A1) and the 820 premium payment (005010X218).
//
// Parse splits a file into segments with the separators its ISA header
// declares (the element separator at position 3, the component separator
// in ISA16, the segment terminator right after it) and checks the
// envelopes: ISA/IEA, GS/GE and ST/SE pairing, control numbers and counts.
// Read834 and Read820 go on to check the loops, the required segments and
// the code values of each transaction set. Every error names the segment
// number, counted from the ISA as segment 1.
//
// Write834 and Write820 write the files with their envelopes; Export834
// and Export820 build them from the store: a group's full enrollment
// (BGN08 = 4) or its changes since a date taken from the audit history
// (BGN08 = 2), and a payment with its remittance detail.
package x12
