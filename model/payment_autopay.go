package model

// AutopayDraft is what automatic payment draws for a billing unit on a
// day (an invoice's due date): every charge issued by then less what the
// payments have paid, less the payments already scheduled to be drawn by
// then, never below zero.
func AutopayDraft(stream []Invoice, pays []Payment, on Date) Money {
	var owed Money
	for i := range stream {
		if !stream[i].IssuedOn.After(on) {
			owed += stream[i].Charges()
		}
	}
	owed -= NetPaid(pays, on)
	for i := range pays {
		if pays[i].Pending() && !pays[i].On.After(on) {
			owed -= pays[i].Amount
		}
	}
	return max(0, owed)
}

// AutopayID is the ID of the automatic payment of an invoice: one
// invoice is drafted once, however often the job runs.
func AutopayID(invoiceID string) string { return "autopay-" + invoiceID }

// OpenBalance is what a billing unit owes on a day, less the payments
// scheduled: the most a new payment may be.
func OpenBalance(stream []Invoice, pays []Payment, on Date) Money {
	var owed Money
	for i := range stream {
		owed += stream[i].Charges()
	}
	owed -= NetPaid(pays, on)
	for i := range pays {
		if pays[i].Pending() {
			owed -= pays[i].Amount
		}
	}
	return owed
}
