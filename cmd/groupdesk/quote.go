package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/census"
)

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// quoteNow is the clock of the quote command (a date of birth after today
// is an error); tests fix it.
var quoteNow = time.Now

func runQuote(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlags("quote", "--census FILE --plans FILE.json --effective YYYY-MM-DD [--plan ID]... [--zip ZIP] [--format json|csv]", errOut)
	censusPath := fs.String("census", "", "the census: CSV or XLSX, one row per person")
	plansPath := fs.String("plans", "", "the plans file (JSON, as 'groupdesk plans import' reads)")
	effective := fs.String("effective", "", "the coverage effective date: everyone is rated at their age on it")
	zip := fs.String("zip", "", "the group's ZIP, for employees without one")
	format := fs.String("format", "json", "json or csv")
	var plans multiFlag
	fs.Var(&plans, "plan", "a plan to quote (repeatable; default: every plan of the file)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *censusPath == "" || *plansPath == "" || *effective == "" || (*format != "json" && *format != "csv") {
		fmt.Fprintln(errOut, "--census, --plans and --effective are required; --format is json or csv")
		fs.Usage()
		return errUsage
	}
	eff, err := model.ParseDate(*effective)
	if err != nil || eff.IsZero() {
		return model.Errorf(model.EINVALID, "--effective: %v", err)
	}
	quotes, c, err := quoteFiles(ctx, *censusPath, *plansPath, eff, *zip, plans)
	if err != nil {
		return err
	}
	var buf bytes.Buffer // nothing is written unless all of it can be
	if *format == "csv" {
		err = writeQuoteCSV(&buf, c, quotes)
	} else {
		err = writeQuoteJSON(&buf, c, quotes)
	}
	if err != nil {
		return err
	}
	_, err = out.Write(buf.Bytes())
	return err
}

// quoteFiles reads the plans file and the census and rates every plan; any
// problem is an error naming its row and column, or its plan.
func quoteFiles(ctx context.Context, censusPath, plansPath string, eff model.Date, zip string, ids []string) ([]model.PlanQuote, *model.QuoteCensus, error) {
	data, err := os.ReadFile(plansPath)
	if err != nil {
		return nil, nil, model.Errorf(model.ENOTFOUND, "the plans file cannot be read: %v", err)
	}
	cat, err := model.ParseCatalog(data)
	if err != nil {
		return nil, nil, err
	}
	areas, _ := model.NewAreaIndex(cat.Areas)
	file, err := census.ReadFile(ctx, censusPath, census.Options{})
	if err != nil {
		return nil, nil, err
	}
	if err := problemsError(file.Problems); err != nil {
		return nil, nil, err
	}
	c, probs := model.PrepareCensus(model.QuotePeople(file.Records),
		model.CensusOptions{Effective: eff, Today: model.DateOf(quoteNow()), GroupZIP: zip, Areas: areas})
	if err := problemsError(probs); err != nil {
		return nil, nil, err
	}
	quotes, err := model.QuotePlans(c, cat, ids)
	if err != nil {
		return nil, nil, err
	}
	var p model.Problems
	for _, q := range quotes {
		if q.Err != nil {
			p = append(p, &model.Error{Code: model.EINVALID, Message: model.ErrorMessage(q.Err)})
		}
	}
	return quotes, c, p.Err()
}

// problemsError lists a file's errors (warnings do not stop a quote).
func problemsError(probs []model.ImportProblem) error {
	var p model.Problems
	for _, pr := range probs {
		if !pr.Warning {
			p = append(p, &model.Error{Code: model.EINVALID, Message: pr.String()})
		}
	}
	if len(p) == 0 {
		return nil
	}
	err := p.Err().(*model.Error)
	if len(p) > 1 {
		err.Message = fmt.Sprintf("the census has %d problems", len(p))
	}
	return err
}

// quoteJSON is the JSON output of a quote (README "Quotes").
type quoteJSON struct {
	Effective string          `json:"effective_date"`
	Plans     []planQuoteJSON `json:"plans"`
}

type planQuoteJSON struct {
	PlanID  string       `json:"plan_id"`
	Total   string       `json:"total"`
	Members []memberJSON `json:"members"`
}

type memberJSON struct {
	EmployeeID   string `json:"employee_id"`
	Relationship string `json:"relationship"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Age          int    `json:"age"`
	Area         string `json:"area"`
	Rated        bool   `json:"rated"`
	Premium      string `json:"premium"`
}

func quoteDoc(c *model.QuoteCensus, quotes []model.PlanQuote) quoteJSON {
	doc := quoteJSON{Effective: c.Effective.String(), Plans: make([]planQuoteJSON, 0, len(quotes))}
	for _, q := range quotes {
		pj := planQuoteJSON{PlanID: q.Plan.ID, Total: q.Total.Decimal(), Members: make([]memberJSON, len(c.People))}
		for i, p := range c.People {
			pj.Members[i] = memberJSON{EmployeeID: p.EmployeeID, Relationship: string(p.Relationship), FirstName: p.FirstName,
				LastName: p.LastName, Age: c.Lines[i].Age, Area: c.Areas[c.Lines[i].Area], Rated: q.Rated[i], Premium: q.Premiums[i].Decimal()}
		}
		doc.Plans = append(doc.Plans, pj)
	}
	return doc
}

func writeQuoteJSON(w io.Writer, c *model.QuoteCensus, quotes []model.PlanQuote) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(quoteDoc(c, quotes))
}

// writeQuoteCSV writes one row per plan and person, then the plan's total
// (line "total").
func writeQuoteCSV(w io.Writer, c *model.QuoteCensus, quotes []model.PlanQuote) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"plan_id", "line", "employee_id", "relationship", "first_name", "last_name", "age", "area", "rated", "premium"})
	for _, pj := range quoteDoc(c, quotes).Plans {
		for _, m := range pj.Members {
			cw.Write([]string{pj.PlanID, "member", defuse(m.EmployeeID), m.Relationship, defuse(m.FirstName), defuse(m.LastName),
				strconv.Itoa(m.Age), m.Area, strconv.FormatBool(m.Rated), m.Premium})
		}
		cw.Write([]string{pj.PlanID, "total", "", "", "", "", "", "", "", pj.Total})
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps a spreadsheet from running a name as a formula.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
