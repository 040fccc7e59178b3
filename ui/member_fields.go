package ui

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// memberFieldLabels name a member's recorded fields for people, where the
// field's name alone does not read well.
var memberFieldLabels = map[string]string{
	"employee_id":        "Employee ID",
	"plan_id":            "Plan",
	"tier":               "Coverage tier",
	"effective_date":     "Coverage effective",
	"termination_date":   "Coverage ends",
	"termination_reason": "Why coverage ended",
	"ssn":                "SSN",
	"email":              "Email",
	"subscriber_id":      "Employee",
}

// fieldLabel names a recorded field: "date_of_birth" is "Date of birth".
func fieldLabel(f string) string {
	if l, ok := memberFieldLabels[f]; ok {
		return l
	}
	s := strings.ReplaceAll(f, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// shown is a recorded value of a member's field as a person reads it: the
// plan's name rather than its ID, the tier, status and relationship in
// words, dates as "Mar 1, 2027", the address on one line, the job in a
// phrase, SSNs masked.
func (s *Shell) shown(field, v string) string {
	if v == "" {
		return "—"
	}
	switch field {
	case "ssn":
		return orDash(model.MaskSSN(v))
	case "plan_id":
		if s.members != nil {
			return s.members.planName(v)
		}
	case "tier":
		return model.Tier(v).Label()
	case "status":
		return model.Status(v).Label()
	case "relationship":
		return model.Relationship(v).Label()
	case "gender":
		return genderLabel(model.Gender(v))
	case "tobacco":
		return map[string]string{"true": "Uses tobacco", "false": "No tobacco"}[v]
	case "address":
		var a model.Address
		if json.Unmarshal([]byte(v), &a) == nil {
			return orDash(a.String())
		}
	case "employment":
		var e model.Employment
		if json.Unmarshal([]byte(v), &e) == nil {
			return orDash(employmentText(e))
		}
	}
	if strings.HasSuffix(field, "date") || field == "date_of_birth" {
		if d, err := model.ParseDate(v); err == nil {
			return longDate(d)
		}
	}
	return v
}

// employmentText is a job in a phrase: "Hired Apr 9, 2017 · Full time, 40
// hours a week · Store Operations · $39,700.00 a year".
func employmentText(e model.Employment) string {
	var parts []string
	if !e.HireDate.IsZero() {
		parts = append(parts, "Hired "+longDate(e.HireDate))
	}
	if job := strings.ReplaceAll(e.Status, "_", " "); job != "" || e.HoursWeekly > 0 {
		if job != "" {
			job = strings.ToUpper(job[:1]) + job[1:]
		}
		if e.HoursWeekly > 0 {
			job = strings.TrimPrefix(fmt.Sprintf("%s, %d hours a week", job, e.HoursWeekly), ", ")
		}
		parts = append(parts, job)
	}
	if e.Department != "" {
		parts = append(parts, e.Department)
	}
	if e.Salary > 0 {
		parts = append(parts, e.Salary.String()+" a year")
	}
	return strings.Join(parts, " · ")
}
