package auth

import (
	"context"

	"github.com/groupdesk/groupdesk/model"
)

// DeliverMail "sends" the pending outgoing mail: the reference service
// prints each message to its log (access codes included, as a real mail
// would carry them) and marks it sent.
func (s *Server) DeliverMail(ctx context.Context) error {
	pending, err := s.db.PendingMail(ctx)
	if err != nil {
		return err
	}
	for _, m := range pending {
		s.log.Info("mail", "to", m.To, "subject", m.Subject, "body", m.Body)
		if err := s.db.MarkMailSent(ctx, m.ID); err != nil {
			return err
		}
	}
	return nil
}

// IssueAccessCode issues an invitation (or, for the service itself, a PGA
// code) and mails it with a link to the registration page. The caller's
// principal in ctx must hold access.manage for the group. The code itself
// is only ever in the mail.
func (s *Server) IssueAccessCode(ctx context.Context, c *model.AccessCode) error {
	if _, err := s.db.CreateAccessCodeLink(ctx, c, s.url(pathRegister)); err != nil {
		return err
	}
	s.log.Info("access code issued", "group_id", c.GroupID, "access_code_id", c.ID, "role", string(c.Role))
	return s.DeliverMail(ctx)
}
