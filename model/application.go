package model

import (
	"context"
	"time"
)

// ApplicationStatus is where a new group's enrollment application stands.
type ApplicationStatus string

const (
	AppDraft     ApplicationStatus = "draft"
	AppSubmitted ApplicationStatus = "submitted"
	AppInReview  ApplicationStatus = "in_review"
	AppNeedsInfo ApplicationStatus = "needs_information"
	AppApproved  ApplicationStatus = "approved"
	AppActive    ApplicationStatus = "active"
)

// ApplicationStatuses lists the statuses in the order an application
// moves through them.
var ApplicationStatuses = []ApplicationStatus{AppDraft, AppSubmitted, AppInReview, AppNeedsInfo, AppApproved, AppActive}

// Label is the status for people.
func (s ApplicationStatus) Label() string {
	switch s {
	case AppDraft:
		return "Draft"
	case AppSubmitted:
		return "Submitted"
	case AppInReview:
		return "In review"
	case AppNeedsInfo:
		return "Needs information"
	case AppApproved:
		return "Approved"
	case AppActive:
		return "Active"
	}
	return string(s)
}

// Company is the employer applying for coverage.
type Company struct {
	LegalName    string  `json:"legal_name"`
	FEIN         string  `json:"fein"`
	Industry     string  `json:"industry"`
	Address      Address `json:"address"`
	ContactName  string  `json:"contact_name"`
	ContactEmail string  `json:"contact_email"`
}

// Waiver is an eligible employee who declines coverage, and why.
type Waiver struct {
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// AppDocument is one item of the required documents checklist. There is
// no document vault yet: the application keeps the file's name, size and
// SHA-256, so the file sent later can be matched with what was declared.
type AppDocument struct {
	Kind     string `json:"kind"`
	Label    string `json:"label"`
	FileName string `json:"file_name,omitempty"`
	Size     int64  `json:"size,omitempty"`
	SHA256   string `json:"sha256,omitempty"`
}

// StatusChange is one step of an application's history.
type StatusChange struct {
	At   time.Time         `json:"at"`
	By   string            `json:"by"`
	From ApplicationStatus `json:"from"`
	To   ApplicationStatus `json:"to"`
	Note string            `json:"note,omitempty"`
}

// Application is a new group's enrollment application.
type Application struct {
	ID                string            `json:"id"`
	OwnerID           string            `json:"owner_id"` // the user who applies; set by the store
	Broker            string            `json:"broker,omitempty"`
	Company           Company           `json:"company"`
	EmployeesTotal    int               `json:"employees_total"`
	EmployeesEligible int               `json:"employees_eligible"`
	Waivers           []Waiver          `json:"waivers"`
	Effective         Date              `json:"effective_date"`
	CensusFile        string            `json:"census_file,omitempty"`
	Census            []QuotePerson     `json:"census"`
	PlanIDs           []string          `json:"plan_ids"`
	Contribution      Contribution      `json:"contribution"`
	Documents         []AppDocument     `json:"documents"`
	Status            ApplicationStatus `json:"status"`
	History           []StatusChange    `json:"history"`
	GroupID           string            `json:"group_id,omitempty"` // the group an approved application became
	Version           int64             `json:"version"`
	UpdatedAt         time.Time         `json:"updated_at"`
}

// Editable reports whether the applicant may still change the application.
func (a *Application) Editable() bool { return a.Status == AppDraft || a.Status == AppNeedsInfo }

// LastNote is the newest note of the history (what information is needed,
// say), or "".
func (a *Application) LastNote() string {
	for i := len(a.History) - 1; i >= 0; i-- {
		if a.History[i].Note != "" {
			return a.History[i].Note
		}
	}
	return ""
}

// ApplicantScope is the change-feed group an applicant's applications
// travel in: only that user reads it.
func ApplicantScope(userID string) string { return "applicant:" + userID }

// EntityApplication, EntityArea and EntityCurve name the quote and enroll
// entities in the audit log, the outbox and the change feed.
const (
	EntityApplication = "application"
	EntityArea        = "area"
	EntityCurve       = "curve"
)

// MayApply reports whether a principal may quote and apply for a new
// group: the owner of a local database, the service itself, or anyone who
// holds the quotes permission in some group (brokers, administrators).
func MayApply(p *Principal) bool {
	if p == nil {
		return false
	}
	if p.Owner || p.System {
		return true
	}
	for _, role := range p.Grants {
		if role.Allows(PermQuotes) {
			return true
		}
	}
	return false
}

// ApplicationService keeps a desktop's applications.
type ApplicationService interface {
	Applications(ctx context.Context) ([]Application, error)
	Application(ctx context.Context, id string) (Application, error)
	// SaveApplication creates or changes a draft (or one that needs information).
	SaveApplication(ctx context.Context, a *Application) error
	// SubmitApplication checks the application and submits it.
	SubmitApplication(ctx context.Context, a *Application) error
}
