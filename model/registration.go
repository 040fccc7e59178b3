package model

import "time"

// AccessCodeValidity is how long a single-use access code may be redeemed.
const AccessCodeValidity = 7 * 24 * time.Hour

// AccessCodePurpose says what redeeming an access code does.
type AccessCodePurpose string

const (
	// CodePGA is issued when a group officer designates the Primary Group
	// Administrator; redeeming it registers the PGA.
	CodePGA AccessCodePurpose = "pga"
	// CodeInvite is issued when a PGA invites a Secondary User with a role,
	// or when a broker delegates to staff of their firm.
	CodeInvite AccessCodePurpose = "invite"
)

// AccessCode is a single-use code that registers a person for online
// access to a group with a role. Only a hash of the code is stored; the code
// itself travels once, by mail.
type AccessCode struct {
	ID        string            `json:"id"`
	Purpose   AccessCodePurpose `json:"purpose"`
	GroupID   string            `json:"group_id"`
	Role      Role              `json:"role"`
	Email     string            `json:"email"`
	Name      string            `json:"name"`
	Firm      string            `json:"firm,omitempty"` // for broker staff
	CreatedBy string            `json:"created_by"`
	CreatedAt time.Time         `json:"created_at"`
	ExpiresAt time.Time         `json:"expires_at"`
	UsedAt    time.Time         `json:"used_at,omitzero"`
	UsedBy    string            `json:"used_by,omitempty"`
}

// Usable reports why the code cannot be redeemed at now, or nil.
func (c *AccessCode) Usable(now time.Time) error {
	switch {
	case !c.UsedAt.IsZero():
		return Errorf(EINVALID, "This access code has already been used. Ask for a new one.")
	case !now.Before(c.ExpiresAt):
		return Errorf(EINVALID, "This access code expired on %s. Access codes are valid for 7 days; ask for a new one.", c.ExpiresAt.Format("Jan 2, 2006"))
	}
	return nil
}

// Mail is a message the account service sends (access codes, notices). The
// reference service keeps them in an outgoing-mail table and prints them to
// its log instead of sending them.
type Mail struct {
	ID        string    `json:"id"`
	To        string    `json:"to"`
	Subject   string    `json:"subject"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}
