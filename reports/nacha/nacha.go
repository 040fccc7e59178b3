package nacha

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// RecordLength is the length of every record; BlockingFactor the records
// a block holds.
const (
	RecordLength   = 94
	BlockingFactor = 10
)

// Originator is who sends the file: the carrier, debiting its groups'
// accounts through its own bank (the ODFI).
type Originator struct {
	Destination     string // the ODFI's routing number, nine digits
	DestinationName string
	Origin          string // ten characters: "1" and the carrier's FEIN
	OriginName      string
	CompanyName     string
	CompanyID       string // ten characters, as Origin
	Description     string // company entry description: "PREMIUM"
}

// odfi is the originating bank's identification: its routing number
// without the check digit.
func (o Originator) odfi() string { return o.Destination[:8] }

// Entry is one debit of a group's bank account.
type Entry struct {
	Routing string // the group's bank, nine digits
	Account string
	Type    model.AccountType
	Amount  model.Money
	ID      string // the group's number
	Name    string // the group's name
}

// Code is the entry's transaction code: 27 checking debit, 37 savings.
func (e Entry) Code() string {
	if e.Type == model.Savings {
		return "37"
	}
	return "27"
}

// Write writes the file of the day's debits, to be settled on effective.
// It refuses an entry whose routing number fails its check digit: the
// bank would return it.
func Write(w io.Writer, o Originator, created time.Time, effective model.Date, entries []Entry) error {
	if err := check(o, entries); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	records := []string{fileHeader(o, created), batchHeader(o, effective)}
	var debits model.Money
	routings := make([]string, len(entries))
	for i, e := range entries {
		records = append(records, entryDetail(o, e, i+1))
		debits += e.Amount
		routings[i] = e.Routing
	}
	hash := EntryHash(routings)
	records = append(records, batchControl(o, len(entries), hash, debits), fileControl(len(records)+2, len(entries), hash, debits))
	for len(records)%BlockingFactor != 0 {
		records = append(records, strings.Repeat("9", RecordLength))
	}
	for _, r := range records {
		if len(r) != RecordLength {
			return fmt.Errorf("a record of %d characters: %q", len(r), r)
		}
		bw.WriteString(r + "\n")
	}
	return bw.Flush()
}

func check(o Originator, entries []Entry) error {
	if err := model.ValidRouting(o.Destination); err != nil {
		return fmt.Errorf("the originating bank: %w", err)
	}
	for _, e := range entries {
		if err := model.ValidRouting(e.Routing); err != nil {
			return fmt.Errorf("the debit of %s: %w", e.Name, err)
		}
		if e.Amount <= 0 || e.Amount > 99999999_99 {
			return fmt.Errorf("the debit of %s: %s cannot be drawn", e.Name, e.Amount)
		}
	}
	return nil
}

// EntryHash is the sum of the receiving banks' routing numbers without
// their check digits, its last ten digits kept.
func EntryHash(routings []string) int64 {
	var sum int64
	for _, r := range routings {
		var v int64
		for _, c := range r[:8] {
			v = v*10 + int64(c-'0')
		}
		sum += v
	}
	return sum % 10_000_000_000
}

func fileHeader(o Originator, created time.Time) string {
	return "1" + "01" + " " + o.Destination + alpha(o.Origin, 10) + created.Format("060102") + created.Format("1504") + "A" +
		"094" + "10" + "1" + alpha(o.DestinationName, 23) + alpha(o.OriginName, 23) + alpha("", 8)
}

func batchHeader(o Originator, effective model.Date) string {
	eff := effective.Time().Format("060102")
	return "5" + "225" + alpha(o.CompanyName, 16) + alpha("", 20) + alpha(o.CompanyID, 10) + "CCD" + alpha(o.Description, 10) +
		eff + eff + "   " + "1" + o.odfi() + num(1, 7)
}

func entryDetail(o Originator, e Entry, seq int) string {
	return "6" + e.Code() + e.Routing[:8] + e.Routing[8:] + alpha(e.Account, 17) + num(int64(e.Amount), 10) + alpha(e.ID, 15) +
		alpha(e.Name, 22) + "  " + "0" + o.odfi() + num(int64(seq), 7)
}

func batchControl(o Originator, n int, hash int64, debits model.Money) string {
	return "8" + "225" + num(int64(n), 6) + num(hash, 10) + num(int64(debits), 12) + num(0, 12) + alpha(o.CompanyID, 10) +
		alpha("", 19) + alpha("", 6) + o.odfi() + num(1, 7)
}

// fileControl closes the file; records counts the records before the
// filler, this one included.
func fileControl(records, n int, hash int64, debits model.Money) string {
	blocks := (records + BlockingFactor - 1) / BlockingFactor
	return "9" + num(1, 6) + num(int64(blocks), 6) + num(int64(n), 8) + num(hash, 10) + num(int64(debits), 12) + num(0, 12) + alpha("", 39)
}

// num writes a number right-justified with leading zeros.
func num(v int64, width int) string {
	s := fmt.Sprintf("%0*d", width, v)
	return s[len(s)-width:]
}

// alpha writes text left-justified, upper case, in the characters ACH
// files allow, cut or padded with spaces.
func alpha(s string, width int) string {
	s = strings.ToUpper(ascii(s))
	if len(s) > width {
		s = s[:width]
	}
	return s + strings.Repeat(" ", width-len(s))
}
