package sqlite

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"net/mail"
	"slices"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// accessCodeAlphabet has no vowels (no words) and none of 0/O, 1/I/L.
const accessCodeAlphabet = "BCDFGHJKMNPQRSTVWXZ23456789"

// newAccessCode returns 16 symbols (about 76 bits) in groups of four.
func newAccessCode() string {
	var b strings.Builder
	n := big.NewInt(int64(len(accessCodeAlphabet)))
	for i := range 16 {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		k, _ := rand.Int(rand.Reader, n)
		b.WriteByte(accessCodeAlphabet[k.Int64()])
	}
	return b.String()
}

// CreateAccessCode issues a single-use access code valid for
// model.AccessCodeValidity and queues a mail with it to c.Email, in one
// transaction. It fills c's ID and times and returns the code, which is
// stored only as a hash. An invitation needs the access.manage permission
// for the group; a PGA code is issued by the service itself (see
// DesignatePGA).
func (db *DB) CreateAccessCode(ctx context.Context, c *model.AccessCode) (string, error) {
	return db.CreateAccessCodeLink(ctx, c, "")
}

// CreateAccessCodeLink is CreateAccessCode with the address of the
// registration page to put in the mail.
func (db *DB) CreateAccessCodeLink(ctx context.Context, c *model.AccessCode, registerURL string) (string, error) {
	if err := validateAccessCode(c); err != nil {
		return "", err
	}
	code := newAccessCode()
	undo := undoOnError(c)
	return code, undo(db.update(ctx, func(tx *Tx) error {
		if err := tx.checkIssuer(c); err != nil {
			return err
		}
		return tx.createAccessCode(c, code, registerURL)
	}))
}

func validateAccessCode(c *model.AccessCode) error {
	var p model.Problems
	if c.Purpose != model.CodePGA && c.Purpose != model.CodeInvite {
		p.Add("purpose", "Choose what the access code is for.")
	}
	if !slices.Contains(model.Roles, c.Role) || (c.Purpose == model.CodePGA) != (c.Role == model.RolePGA) {
		p.Add("role", "Choose a role from the role grid; only the officer's designation gives the Primary Group Administrator role.")
	}
	if strings.TrimSpace(c.Name) == "" {
		p.Add("name", "Enter the name of the person who receives the code.")
	}
	if err := checkEmail(c.Email); err != nil {
		p = append(p, err)
	}
	return p.Err()
}

func checkEmail(email string) *model.Error {
	a, err := mail.ParseAddress(strings.TrimSpace(email))
	if err != nil || a.Address != strings.TrimSpace(email) {
		return model.FieldError("email", "Enter an email address such as name@example.com.")
	}
	return nil
}

// checkIssuer says who may issue the code: access.manage in the group for
// an invitation (a PGA), the service itself for a PGA code, and a broker of
// the group for broker staff of their own firm.
func (tx *Tx) checkIssuer(c *model.AccessCode) error {
	who := tx.who
	if c.Purpose == model.CodePGA && !who.System && !who.Owner {
		return model.Errorf(model.EFORBIDDEN, "Only the group's officer designates the Primary Group Administrator.")
	}
	if c.Role == model.RoleBroker && !who.Can(c.GroupID, model.PermAccessManage) && who.Grants[c.GroupID] == model.RoleBroker {
		var firm string
		err := tx.QueryRowContext(tx.ctx, `SELECT firm FROM users WHERE id = ?`, who.UserID).Scan(&firm)
		if err != nil || firm == "" || firm != c.Firm {
			return model.Errorf(model.EFORBIDDEN, "A broker delegates a group only to staff of their own firm.")
		}
		return nil
	}
	return who.Check(c.GroupID, model.PermAccessManage)
}

func (tx *Tx) createAccessCode(c *model.AccessCode, code, registerURL string) error {
	var groupName, groupNumber string
	err := tx.QueryRowContext(tx.ctx, `SELECT name, number FROM groups WHERE id = ?`, c.GroupID).Scan(&groupName, &groupNumber)
	if err != nil {
		return notFound(err, "There is no such group.")
	}
	c.ID, c.CreatedAt, c.ExpiresAt = newID(), tx.now, tx.now.Add(model.AccessCodeValidity)
	c.Email = strings.TrimSpace(c.Email)
	if c.CreatedBy == "" {
		c.CreatedBy = tx.who.UserID
	}
	_, err = tx.exec(`INSERT INTO access_codes (id, hash, purpose, group_id, role, email, name, firm, created_by, created_at, expires_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, c.ID, hashSecret(NormalizeUserCode(code)), string(c.Purpose), c.GroupID, string(c.Role),
		c.Email, c.Name, c.Firm, c.CreatedBy, instant(c.CreatedAt), instant(c.ExpiresAt))
	if err != nil {
		return fmt.Errorf("saving the access code: %w", err)
	}
	if err := tx.publishAccessCode(c); err != nil {
		return err
	}
	return tx.queueMail(accessCodeMail(c, code, groupName, groupNumber, registerURL))
}

func accessCodeMail(c *model.AccessCode, code, groupName, groupNumber, registerURL string) *model.Mail {
	why := fmt.Sprintf("You are invited to GroupDesk online access for %s (group %s) with the role %s.",
		groupName, groupNumber, c.Role.Label())
	if c.Purpose == model.CodePGA {
		why = fmt.Sprintf("%s designated you as the Primary Group Administrator of %s (group %s).",
			strings.TrimPrefix(c.CreatedBy, "officer: "), groupName, groupNumber)
	}
	where := "the registration page of your account service"
	if registerURL != "" {
		where = registerURL
	}
	body := fmt.Sprintf("Hello %s,\n\n%s\n\nYour access code: %s\n\nIt works once, until %s UTC. To register, open %s and enter the code with your name, this email address and a password of your choice.\n",
		c.Name, why, code, c.ExpiresAt.UTC().Format("January 2, 2006 at 3:04 PM"), where)
	return &model.Mail{To: c.Email, Subject: "Your GroupDesk access code for " + groupName, Body: body}
}
