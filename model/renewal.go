package model

import (
	"context"
	"time"
)

// EntityRenewal names a group's renewal in the audit log, the outbox and
// the change feed.
const EntityRenewal = "renewal"

// RenewalStatus is where a group's renewal stands.
type RenewalStatus string

const (
	RenewalAvailable   RenewalStatus = "available"         // the offer is out; nothing done yet
	RenewalDraft       RenewalStatus = "draft"             // the group is preparing changes
	RenewalSubmitted   RenewalStatus = "submitted"         // changes (or "keep my plans") sent
	RenewalInReview    RenewalStatus = "in_review"         // the carrier is reviewing them
	RenewalNeedsInfo   RenewalStatus = "needs_information" // the carrier asked for more
	RenewalAccepted    RenewalStatus = "accepted"          // the carrier accepted the submission
	RenewalAutoRenewed RenewalStatus = "auto_renewed"      // nothing submitted by the cutoff: renewed as offered
	RenewalEffective   RenewalStatus = "effective"         // the renewal date came: the new plans are the group's
)

// RenewalStatuses lists the statuses in the order a renewal moves through them.
var RenewalStatuses = []RenewalStatus{RenewalAvailable, RenewalDraft, RenewalSubmitted, RenewalInReview,
	RenewalNeedsInfo, RenewalAccepted, RenewalAutoRenewed, RenewalEffective}

// Label is the status for people.
func (s RenewalStatus) Label() string {
	switch s {
	case RenewalAvailable:
		return "Available"
	case RenewalDraft:
		return "Draft"
	case RenewalSubmitted:
		return "Submitted"
	case RenewalInReview:
		return "In review"
	case RenewalNeedsInfo:
		return "Needs information"
	case RenewalAccepted:
		return "Accepted"
	case RenewalAutoRenewed:
		return "Auto-renewed"
	case RenewalEffective:
		return "Effective"
	}
	return string(s)
}

// Open reports whether the group may still send its answer.
func (s RenewalStatus) Open() bool {
	return s == RenewalAvailable || s == RenewalDraft || s == RenewalNeedsInfo
}

// RenewalStep is one step of a renewal's history.
type RenewalStep struct {
	At   time.Time     `json:"at"`
	By   string        `json:"by"`
	From RenewalStatus `json:"from,omitempty"`
	To   RenewalStatus `json:"to"`
	Note string        `json:"note,omitempty"`
}

// Renewal is a group's renewal: the carrier's offer, the group's answer
// and where it stands. There is one per group and renewal date.
type Renewal struct {
	ID        string  `json:"id"`
	GroupID   string  `json:"group_id"`
	Effective Date    `json:"effective_date"` // the renewal effective date
	Segment   Segment `json:"segment"`
	// OpensOn is the day the offer came out; NoticeBy the last day the law
	// lets it reach the group; Cutoff the last day to answer.
	OpensOn     Date               `json:"opens_on"`
	NoticeBy    Date               `json:"notice_by"`
	Cutoff      Date               `json:"cutoff"`
	Delivery    BillingDelivery    `json:"delivery"`
	DeliveredOn Date               `json:"delivered_on"`
	Offer       RenewalOffer       `json:"offer"`
	Status      RenewalStatus      `json:"status"`
	History     []RenewalStep      `json:"history"`
	Submission  *RenewalSubmission `json:"submission,omitempty"`
	// Applied says what the renewal changed on its effective date, and
	// what it could not.
	Applied   []string  `json:"applied,omitempty"`
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DaysToCutoff is how many days are left to answer (negative once the
// cutoff has passed).
func (r *Renewal) DaysToCutoff(today Date) int { return today.DaysUntil(r.Cutoff) }

// LastNote is the newest note of the history, or "".
func (r *Renewal) LastNote() string {
	for i := len(r.History) - 1; i >= 0; i-- {
		if r.History[i].Note != "" {
			return r.History[i].Note
		}
	}
	return ""
}

// Mapping is where each current plan goes at renewal: the submitted
// choice, or the offer's when nothing was submitted.
func (r *Renewal) Mapping() map[string]string {
	if r.Submission != nil && len(r.Submission.Plans) > 0 {
		return r.Submission.Plans
	}
	return r.Offer.DefaultMapping()
}

// step appends a status change to the history (a copy: the caller's
// slice is never shared with the new value).
func (r *Renewal) step(at time.Time, by string, to RenewalStatus, note string) {
	r.History = append(append([]RenewalStep(nil), r.History...), RenewalStep{At: at, By: by, From: r.Status, To: to, Note: note})
	r.Status = to
}

// The status changes each side may make. The group moves its own answer;
// the carrier decides on it; the service's daily job (not a person)
// auto-renews after the cutoff and makes a renewal effective.
var (
	renewalGroupMoves = map[RenewalStatus][]RenewalStatus{
		RenewalAvailable: {RenewalDraft, RenewalSubmitted},
		RenewalDraft:     {RenewalSubmitted},
		RenewalNeedsInfo: {RenewalSubmitted},
	}
	renewalCarrierMoves = map[RenewalStatus][]RenewalStatus{
		RenewalSubmitted: {RenewalInReview, RenewalNeedsInfo, RenewalAccepted},
		RenewalInReview:  {RenewalNeedsInfo, RenewalAccepted},
		RenewalNeedsInfo: {RenewalInReview},
	}
	renewalJobMoves = map[RenewalStatus][]RenewalStatus{
		RenewalAvailable: {RenewalAutoRenewed}, RenewalDraft: {RenewalAutoRenewed},
		RenewalAccepted: {RenewalEffective}, RenewalAutoRenewed: {RenewalEffective},
	}
)

// RenewalMover says who moves a renewal.
type RenewalMover int

const (
	MoverGroup RenewalMover = iota
	MoverCarrier
	MoverJob
)

// CheckRenewalMove refuses a status change the mover may not make.
func CheckRenewalMove(from, to RenewalStatus, who RenewalMover) error {
	moves, name := renewalGroupMoves, "The group"
	switch who {
	case MoverCarrier:
		moves, name = renewalCarrierMoves, "The carrier"
	case MoverJob:
		moves, name = renewalJobMoves, "The renewal job"
	}
	for _, s := range moves[from] {
		if s == to {
			return nil
		}
	}
	return Errorf(EINVALID, "%s cannot move a renewal from %s to %s.", name, from.Label(), to.Label())
}

// Move changes the status, recording who and why.
func (r *Renewal) Move(at time.Time, by string, to RenewalStatus, who RenewalMover, note string) error {
	if err := CheckRenewalMove(r.Status, to, who); err != nil {
		return err
	}
	r.step(at, by, to, note)
	return nil
}

// RenewalService reads a desktop's renewals and sends the group's answer.
type RenewalService interface {
	// Renewals lists a group's renewals, the newest renewal date first.
	Renewals(ctx context.Context, groupID string) ([]Renewal, error)
	Renewal(ctx context.Context, id string) (Renewal, error)
	// StartRenewal moves an available renewal to draft: the group is
	// preparing changes. It needs renewals.submit.
	StartRenewal(ctx context.Context, r *Renewal) error
	// SubmitRenewal checks the answer and submits it.
	SubmitRenewal(ctx context.Context, r *Renewal, sub RenewalSubmission) error
	RenewalScenarios(ctx context.Context, renewalID string) ([]RenewalScenario, error)
	SaveRenewalScenario(ctx context.Context, s *RenewalScenario) error
}
